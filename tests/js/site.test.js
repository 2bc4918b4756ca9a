// The site script's checks on its own (node --test tests/js/): what browser storage and the
// calendar picker may hand it, whatever a script, an old version or a person put there.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const site = require("../../generator/assets/curriculum.js");

test("a stored checklist ticks only the boxes stored as true; anything else ticks nothing", () => {
  assert.deepEqual({ ...site.readChecklist('{"a": true, "b": false}') }, { a: true });
  for (const stored of [null, "", "null", "[]", "[true]", "42", "true", '"text"', "{not json", '{"a": "yes", "b": 1}',
    '{"__proto__": true, "constructor": true}']) {
    const ticked = site.readChecklist(stored);
    assert.equal(ticked.a, undefined, String(stored));
    assert.equal(Object.getPrototypeOf(ticked), null, String(stored));
  }
  assert.equal(site.readChecklist('{"__proto__": true}').__proto__, true);  // a name like any other
});

const TODAY = new Date(2026, 10, 27);
const ICS = "BEGIN:VEVENT\r\nDTSTART:20261130T100000\r\nDTSTAMP:20261127T000000Z\r\nEND:VEVENT\r\n" +
  "BEGIN:VEVENT\r\nDTSTART:20261203T090000\r\nEND:VEVENT\r\n";

test("the calendar moves every start by the days between the default and the day picked", () => {
  const moved = site.moveCalendar(ICS, "2026-11-30", "2027-03-03", TODAY);
  assert.equal(moved.ok, true);
  assert.match(moved.text, /DTSTART:20270303T100000\r\n/);
  assert.match(moved.text, /DTSTART:20270306T090000\r\n/);
  assert.match(moved.text, /DTSTAMP:20261127T000000Z/);  // when it was made stays
});

test("a day that is not a real day, or one far away, is refused with a message", () => {
  const far = "Pick a first day between 1 January 2021 and 31 December 2031.";
  const unreadable = "Pick a first day from the calendar, or type one as 2027-03-01.";
  for (const [picked, message] of [["9999-12-31", far], ["0001-01-01", far], ["2020-12-31", far], ["2032-01-01", far],
    ["", unreadable], ["2027-02-30", unreadable], ["275760-09-13", unreadable], ["2027-3-1", unreadable],
    [null, unreadable], ["<script>", unreadable]]) {
    assert.deepEqual(site.moveCalendar(ICS, "2026-11-30", picked, TODAY), { ok: false, message }, String(picked));
  }
  assert.equal(site.moveCalendar(ICS, "2026-11-30", "2021-01-01", TODAY).ok, true);
  assert.equal(site.moveCalendar(ICS, "2026-11-30", "2031-12-31", TODAY).ok, true);
  assert.deepEqual(site.pickRange(TODAY), { first: "2021-01-01", last: "2031-12-31" });
});

test("only whole team sizes from 1 to 50 count, whatever is stored", () => {
  assert.equal(site.validSize("8"), 8);
  for (const stored of [null, "", "0", "51", "2.5", "eight", "null", " "]) assert.equal(site.validSize(stored), null, stored);
});
