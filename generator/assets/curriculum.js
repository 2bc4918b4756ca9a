/* Curriculum site behaviour. Every page works without it; this adds:
 * - catalogue filters whose state lives in the URL (so a filtered list can be shared),
 * - prep checklists remembered in this browser,
 * - calendar files moved to the start date the manager picks,
 * - time figures recomputed for the team size the manager types (remembered in this browser).
 * What the browser's storage holds is read as untrusted (another script, an older version or a
 * person may have written anything there): each value is checked, and a bad one counts as nothing
 * stored. The checks are plain functions, tested in node (tests/js/site.test.js); in the browser
 * the file wires them to the page.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else api.start();
})(this, function () {
  "use strict";

  function filters() {
    var form = document.getElementById("lesson-filter");
    if (!form) return;
    var cards = Array.prototype.slice.call(document.querySelectorAll(".lesson-card"));
    var count = document.getElementById("match-count");
    var none = document.getElementById("no-match");
    var names = Array.prototype.map.call(form.querySelectorAll("select"), function (s) { return s.name; });

    function matches(card, values) {
      return names.every(function (name) {
        var want = values[name];
        if (!want) return true;
        if (name === "time") return Number(card.dataset.minutes) <= Number(want);
        return (" " + (card.dataset[name] || "") + " ").indexOf(" " + want + " ") !== -1;
      });
    }

    function apply() {
      var values = {};
      var params = new URLSearchParams();
      names.forEach(function (name) {
        var value = form.elements[name].value;
        values[name] = value;
        if (value) params.set(name, value);
      });
      var shown = 0;
      cards.forEach(function (card) {
        var ok = matches(card, values);
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === cards.length
        ? cards.length + " lessons"
        : shown + " of " + cards.length + " lessons match";
      none.hidden = shown !== 0;
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    var params = new URLSearchParams(location.search);
    names.forEach(function (name) {
      var select = form.elements[name];
      var value = params.get(name);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      if (value && known) select.value = value;
    });
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // The page already shows every lesson: filter only when a link (or the browser) chose a filter.
    if (names.some(function (name) { return form.elements[name].value; })) apply();
  }

  /** The boxes a stored checklist marks as ticked, as {name: true}. Whatever else is stored (nothing,
   * null, a list, a number, text that is not JSON, values that are not true) ticks nothing. */
  function readChecklist(text) {
    var ticked = Object.create(null);
    var parsed = null;
    try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return ticked;
    Object.keys(parsed).forEach(function (name) { if (parsed[name] === true) ticked[name] = true; });
    return ticked;
  }

  function checklists() {
    document.querySelectorAll("[data-checklist]").forEach(function (list) {
      var key = "curriculum-prep:" + list.dataset.checklist;
      var saved = Object.create(null);
      try { saved = readChecklist(localStorage.getItem(key)); } catch (e) { /* storage refused */ }
      list.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = saved[box.name] === true;
        box.addEventListener("change", function () {
          saved[box.name] = box.checked;
          try { localStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* private mode */ }
        });
      });
    });
  }

  var YEARS_AROUND = 5;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"];
  var DAY_MS = 86400000;

  /** A "YYYY-MM-DD" that names a real day, as milliseconds since 1970 (UTC); null for anything else. */
  function dayOf(text) {
    var found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === "string" ? text : "");
    if (!found) return null;
    var back = new Date(0);
    back.setUTCFullYear(+found[1], +found[2] - 1, +found[3]);  // unlike Date.UTC, keeps years 0 to 99
    return back.getUTCFullYear() === +found[1] && back.getUTCMonth() === +found[2] - 1 &&
      back.getUTCDate() === +found[3] ? back.getTime() : null;
  }

  /** The first and last day a manager may pick: 1 January five years back to 31 December five years on. */
  function pickRange(today) {
    var year = today.getFullYear();
    return { first: (year - YEARS_AROUND) + "-01-01", last: (year + YEARS_AROUND) + "-12-31" };
  }

  function longDate(text) {
    return Number(text.slice(8, 10)) + " " + MONTHS[Number(text.slice(5, 7)) - 1] + " " + text.slice(0, 4);
  }

  function shiftDate(yyyymmdd, days) {
    var d = new Date(Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8)));
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10).replace(/-/g, "");
  }

  /** The calendar file `text`, made for a first day of `from`, moved to start on `picked` (both
   * "YYYY-MM-DD"): {ok: true, text}, or {ok: false, message} for a day that is not a real day or
   * lies outside pickRange(today) (a calendar file has four-digit years: 9999-12-31 wrote +010000). */
  function moveCalendar(text, from, picked, today) {
    var range = pickRange(today);
    var start = dayOf(picked);
    if (start === null) return { ok: false, message: "Pick a first day from the calendar, or type one as 2027-03-01." };
    if (picked < range.first || picked > range.last) {
      return { ok: false, message: "Pick a first day between " + longDate(range.first) + " and " + longDate(range.last) + "." };
    }
    var days = Math.round((start - dayOf(from)) / DAY_MS);
    var moved = String(text).replace(/^(DTSTART(?:;[^:\r\n]*)?:)(\d{8})/gm, function (all, head, date) {
      return head + shiftDate(date, days);
    });
    return { ok: true, text: moved };
  }

  function calendars() {
    document.querySelectorAll(".ics").forEach(function (box) {
      var link = box.querySelector("a.ics-link");
      var picker = box.querySelector(".ics-picker");
      var input = box.querySelector("input.ics-start");
      var button = box.querySelector("button.ics-button");
      var message = box.querySelector(".ics-message");
      if (!link || !picker || !input || !button) return;
      if (location.protocol === "file:") {  // a file opened from disk cannot download what the page makes
        picker.hidden = true;
        return;
      }
      var range = pickRange(new Date());
      input.min = range.first;
      input.max = range.last;
      function say(text) {
        if (message) message.textContent = text;
        input.setAttribute("aria-invalid", text ? "true" : "false");
      }
      input.addEventListener("input", function () { say(""); });
      button.addEventListener("click", function () {
        var check = moveCalendar("", input.dataset.default, input.value, new Date());
        if (!check.ok) { say(check.message); return; }
        say("");
        fetch(link.href).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        }).then(function (text) {
          var moved = moveCalendar(text, input.dataset.default, input.value, new Date());
          if (!moved.ok) { say(moved.message); return; }
          var url = URL.createObjectURL(new Blob([moved.text], { type: "text/calendar" }));
          var save = document.createElement("a");
          save.href = url;
          save.download = link.pathname.split("/").pop();
          document.body.appendChild(save);
          save.click();
          save.remove();
          setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
        }).catch(function () {
          say("The calendar file could not be loaded; reload the page and try again.");
        });
      });
    });
  }

  var TEAM_KEY = "curriculum-team-size";

  /** Minutes as the site prints them (the `duration` filter): "45 min", "2 h", "1 h 35 min". */
  function duration(minutes) {
    var m = Math.round(minutes);
    var hours = Math.floor(m / 60);
    var rest = m % 60;
    if (!hours) return rest + " min";
    return rest ? hours + " h " + rest + " min" : hours + " h";
  }

  function validSize(value) {
    var n = Number(value);
    return String(value).trim() !== "" && Number.isInteger(n) && n >= 1 && n <= 50 ? n : null;
  }

  function storedSize() {
    try { return validSize(localStorage.getItem(TEAM_KEY)); } catch (e) { return null; }
  }

  /* Each figure that depends on the team size n carries its minutes once (data-once) and per rep
   * (data-per-rep), divided by data-divide for a week's average; the busiest week carries each week
   * as "number:once:perRep". The page prints them for the track's team size; this redraws them. */
  function teamSize() {
    var input = document.getElementById("team-size");
    var figures = document.querySelectorAll(".team-minutes, .team-of, .team-busiest");
    if (!figures.length) return;

    function render(n) {
      document.querySelectorAll(".team-minutes").forEach(function (el) {
        var minutes = Number(el.dataset.once) + Number(el.dataset.perRep) * n;
        el.textContent = duration(minutes / Number(el.dataset.divide || 1));
      });
      document.querySelectorAll(".team-of").forEach(function (el) {
        el.textContent = n === 1 ? "one rep" : "a team of " + n;
      });
      document.querySelectorAll(".team-busiest").forEach(function (el) {
        var best = null;
        el.dataset.weeks.split(" ").forEach(function (week) {
          var parts = week.split(":").map(Number);
          var minutes = parts[1] + parts[2] * n;
          if (!best || minutes > best.minutes) best = { week: parts[0], minutes: minutes };
        });
        if (best) el.textContent = duration(best.minutes) + " in the busiest (week " + best.week + ")";
      });
    }

    var size = storedSize();
    if (size) render(size);
    if (input) {
      var shown = validSize(input.value) || 1;
      if (size) input.value = size;
      else size = shown;
      input.addEventListener("input", function () {
        var n = validSize(input.value);
        input.setAttribute("aria-invalid", n ? "false" : "true");
        if (!n || n === size) return;
        size = n;
        render(n);
        try { localStorage.setItem(TEAM_KEY, String(n)); } catch (e) { /* private mode */ }
      });
      input.addEventListener("change", function () {
        if (!validSize(input.value)) input.value = size;  // back to the last good size
        input.setAttribute("aria-invalid", "false");
      });
    }
    window.addEventListener("storage", function (event) {
      var n = event.key === TEAM_KEY ? validSize(event.newValue) : null;
      if (!n) return;
      size = n;
      if (input) input.value = n;
      render(n);
    });
  }

  /** Each part on its own: one that fails (a browser without some feature) leaves the others working. */
  function start() {
    [filters, checklists, calendars, teamSize].forEach(function (part) {
      try { part(); } catch (e) { if (window.console) console.error(e); }
    });
  }

  return { readChecklist: readChecklist, dayOf: dayOf, pickRange: pickRange, moveCalendar: moveCalendar,
    validSize: validSize, duration: duration, start: start };
});
