/* Clock arithmetic for run sheets: pure functions, no page access, so they can be tested alone
 * (tests/js/clock.test.js runs them in node). In the browser they are window.CurriculumClock. */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CurriculumClock = api;
})(this, function () {
  "use strict";

  var DAY = 24 * 60;

  /** Minutes after midnight of the top of the next hour after `date` (the hour itself if on it). */
  function nextHour(date) {
    var onTheHour = date.getMinutes() === 0 && date.getSeconds() === 0;
    return ((date.getHours() + (onTheHour ? 0 : 1)) % 24) * 60;
  }

  /** "9:05" or "09:05" to minutes after midnight; null for anything else. */
  function parse(text) {
    var found = /^(\d{1,2}):(\d{2})$/.exec(String(text || "").trim());
    if (!found) return null;
    var hours = Number(found[1]);
    var minutes = Number(found[2]);
    if (hours > 23 || minutes > 59) return null;
    return hours * 60 + minutes;
  }

  /** Minutes after midnight as the sheet prints them: "9:05", wrapping past midnight. */
  function format(minutes) {
    var m = ((Math.round(minutes) % DAY) + DAY) % DAY;
    var rest = m % 60;
    return Math.floor(m / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  /** Minutes after midnight as an <input type="time"> value: "09:05". */
  function inputValue(minutes) {
    var text = format(minutes);
    return text.length === 4 ? "0" + text : text;
  }

  /** The clock times of an agenda step that runs `from` to `to` minutes after `start`. */
  function span(start, from, to) {
    return format(start + from) + "\u2013" + format(start + to);
  }

  return { nextHour: nextHour, parse: parse, format: format, inputValue: inputValue, span: span };
});
