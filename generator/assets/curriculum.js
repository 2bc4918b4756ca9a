/* Curriculum site behaviour. Every page works without it; this adds:
 * - catalogue filters whose state lives in the URL (so a filtered list can be shared),
 * - prep checklists remembered in this browser,
 * - calendar files moved to the start date the manager picks.
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

  filters();
  checklists();
  calendars();
})();
