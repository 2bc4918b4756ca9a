/* Curriculum site behaviour. Every page works without it; this adds:
 * - catalogue filters whose state lives in the URL (so a filtered list can be shared),
 * - prep checklists remembered in this browser,
 * - calendar files moved to the start date the manager picks,
 * - time figures recomputed for the team size the manager types (remembered in this browser).
 */
(function () {
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
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  function checklists() {
    document.querySelectorAll("[data-checklist]").forEach(function (list) {
      var key = "curriculum-prep:" + list.dataset.checklist;
      var saved = {};
      try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { saved = {}; }
      list.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = Boolean(saved[box.name]);
        box.addEventListener("change", function () {
          saved[box.name] = box.checked;
          try { localStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* private mode */ }
        });
      });
    });
  }

  function shiftDate(yyyymmdd, days) {
    var d = new Date(Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8)));
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10).replace(/-/g, "");
  }

  function calendars() {
    document.querySelectorAll(".ics").forEach(function (box) {
      var link = box.querySelector("a.ics-link");
      var picker = box.querySelector(".ics-picker");
      var input = box.querySelector("input.ics-start");
      var button = box.querySelector("button.ics-button");
      if (!link || !picker || !input || !button || location.protocol === "file:") return;
      picker.hidden = false;
      button.addEventListener("click", function () {
        if (!input.value) return;
        var days = Math.round((Date.parse(input.value) - Date.parse(input.dataset.default)) / 86400000);
        fetch(link.href).then(function (response) { return response.text(); }).then(function (text) {
          var moved = text.replace(/^(DTSTART(?:;[^:\r\n]*)?:)(\d{8})/gm, function (all, head, date) {
            return head + shiftDate(date, days);
          });
          var url = URL.createObjectURL(new Blob([moved], { type: "text/calendar" }));
          var save = document.createElement("a");
          save.href = url;
          save.download = link.pathname.split("/").pop();
          document.body.appendChild(save);
          save.click();
          save.remove();
          setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
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
      input.closest(".team-size").hidden = false;
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

  filters();
  checklists();
  calendars();
  teamSize();
})();
