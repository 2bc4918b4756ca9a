// The run sheet's clock arithmetic, on its own (node --test tests/js/).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const clock = require("../../generator/assets/clock.js");

test("the default start is the top of the next hour", () => {
  assert.equal(clock.nextHour(new Date(2026, 11, 3, 9, 41)), 10 * 60);
  assert.equal(clock.nextHour(new Date(2026, 11, 3, 9, 0, 30)), 10 * 60);
  assert.equal(clock.nextHour(new Date(2026, 11, 3, 14, 0, 0)), 14 * 60);
  assert.equal(clock.nextHour(new Date(2026, 11, 3, 23, 5)), 0);
});

test("times read as the sheet prints them and as a time input wants them", () => {
  assert.equal(clock.format(9 * 60 + 5), "9:05");
  assert.equal(clock.format(24 * 60 + 15), "0:15");
  assert.equal(clock.inputValue(9 * 60 + 5), "09:05");
  assert.equal(clock.inputValue(13 * 60 + 30), "13:30");
});

test("only real times parse", () => {
  assert.equal(clock.parse("09:30"), 570);
  assert.equal(clock.parse("9:30"), 570);
  for (const bad of ["", "24:00", "9:60", "9.30", "<script>", null, undefined, "10:00; x"]) {
    assert.equal(clock.parse(bad), null, String(bad));
  }
});

test("a step's span counts from the chosen start", () => {
  assert.equal(clock.span(10 * 60, 0, 3), "10:00\u201310:03");
  assert.equal(clock.span(23 * 60 + 50, 5, 15), "23:55\u20130:05");
});
