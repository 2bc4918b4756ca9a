/* The planner pages (My plan, Coaching log, Scorecard) and the Measure page's chooser: wiring only.
 * The logic is in plan.js (window.CoachPlan). What the manager enters is kept in this browser's
 * localStorage under a key for this site's address, and never sent anywhere: this file makes one
 * request, for the site's own data/curriculum.json. Everything typed or imported is shown with
 * textContent, never as HTML.
 */
(function () {
  "use strict";

  var P = window.CoachPlan;
  var SIZE_KEY = "curriculum-team-size";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else if (name === "value" || name === "checked" || name === "selected") node[name] = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function option(value, text, selected) {
    return el("option", { value: value, text: text, selected: Boolean(selected) });
  }

  function today() {
    return P.localDay(new Date());
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /** Re-render while keeping the keyboard where it was: controls carry a data-key. */
  function keepingFocus(render) {
    var active = document.activeElement;
    var key = active && active.getAttribute && active.getAttribute("data-key");
    render();
    if (key) {
      var again = document.querySelector('[data-key="' + key.replace(/["\\]/g, "") + '"]');
      if (again) again.focus();
    }
  }

  // ---- Storage ----------------------------------------------------------------------------------

  function Store(root) {
    this.key = "coaching-plan:" + root.pathname;
  }
  Store.prototype.read = function () {
    try { return localStorage.getItem(this.key); } catch (e) { return null; }
  };
  Store.prototype.write = function (state) {
    try {
      localStorage.setItem(this.key, JSON.stringify(state));
      if (state.reps.length) localStorage.setItem(SIZE_KEY, String(state.reps.length));
      return true;
    } catch (e) {
      return false;
    }
  };
  Store.prototype.clear = function () {
    try { localStorage.removeItem(this.key); } catch (e) { /* nothing stored */ }
  };

  // ---- Shared by the three pages -----------------------------------------------------------------

  function Planner(app, data) {
    this.app = app;
    this.data = data;
    this.root = new URL(app.dataset.root, location.href);
    this.store = new Store(this.root);
    this.message = app.querySelector(".planner-message");
    this.state = null;
  }

  Planner.prototype.part = function (name) {
    return this.app.querySelector('[data-list="' + name + '"]');
  };

  Planner.prototype.text = function (name, value) {
    var node = this.app.querySelector('[data-text="' + name + '"]');
    if (node) node.textContent = value;
  };

  Planner.prototype.say = function (text) {
    if (this.message) this.message.textContent = text;
  };

  /** The stored state, or a new plan; a stored state this site cannot read is left as it is. */
  Planner.prototype.open = function () {
    var stored = this.store.read();
    var read = P.readStored(stored, this.data, today());
    if (read.ok) {
      this.state = read.state;
      return true;
    }
    var self = this;
    var box = this.app.querySelector(".planner-load");
    box.textContent = "";
    box.appendChild(el("span", { text: "The plan kept in this browser cannot be read by this version of the site: " +
      read.message + " It has not been changed. Download it to keep a copy, then start a new plan. " }));
    box.appendChild(el("button", { type: "button", class: "md-button", text: "Download what is stored",
      onclick: function () { download("coaching-plan-as-stored.json", "application/json", stored); } }));
    box.appendChild(el("button", { type: "button", class: "md-button planner-danger", text: "Start a new plan",
      onclick: function () {
        if (!window.confirm("Delete the stored plan and log from this browser and start a new plan?")) return;
        self.store.clear();
        location.reload();
      } }));
    Array.prototype.forEach.call(this.app.querySelectorAll(".planner-step, .planner-data, .planner-buttons, .planner-tiles"),
      function (node) { node.hidden = true; });
    return false;
  };

  Planner.prototype.save = function () {
    if (!this.store.write(this.state)) {
      this.say("This browser would not store the plan (private window, or storage full or turned off). " +
        "Export a backup before you close the page.");
    }
  };

  Planner.prototype.wireData = function (render) {
    var self = this;
    var on = function (action, event, handler) {
      var node = self.app.querySelector('[data-action="' + action + '"]');
      if (node) node.addEventListener(event, handler);
    };
    on("export", "click", function () {
      download("coaching-plan-" + today() + ".json", "application/json", P.backup(self.state, new Date()));
      self.say("Backup saved to your downloads: " + self.state.reps.length + " reps, " + self.state.log.length +
        " logged sessions.");
    });
    on("csv", "click", function () {
      download("coaching-log-" + today() + ".csv", "text/csv", P.toCSV(self.state, self.data, today()));
      self.say("The log is in your downloads as a CSV file: " + self.state.log.length + " sessions.");
    });
    on("delete", "click", function () {
      if (!window.confirm("Delete your team, plan and log from this browser? Export a backup first if you may want them.")) return;
      self.store.clear();
      self.state = P.emptyState(today());
      render();
      self.say("Deleted. Nothing of your plan or log is left in this browser.");
    });
    on("import", "change", function (event) {
      var input = event.target;
      var file = input.files && input.files[0];
      if (!file) return;
      if (file.size > P.MAX_BYTES) {
        self.say("Not imported: this file is " + (Math.round(file.size / 100000) / 10) +
          " MB; a plan and log backup is far smaller (under 2 MB), so it is not one. Nothing was changed.");
        input.value = "";
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        var read = P.readBackup(String(reader.result), self.data);
        input.value = "";
        if (!read.ok) {
          self.say("Not imported: " + read.message + " Nothing was changed.");
          return;
        }
        self.state = read.state;
        self.save();
        render();
        self.say("Imported: " + self.state.reps.length + " reps and " + self.state.log.length +
          " logged sessions. What was in this browser before has been replaced.");
      };
      reader.onerror = function () { self.say("Not imported: the file could not be read. Nothing was changed."); };
      reader.readAsText(file);
    });
    on("print", "click", function () { window.print(); });
  };

  Planner.prototype.lessonLink = function (id, text) {
    var lesson = this.data.lessons[id];
    return el("a", { href: new URL(lesson.runSheet, this.root).href, text: text || lesson.title });
  };

  // ---- My plan -----------------------------------------------------------------------------------

  function weekdaySelect(value, attrs) {
    return el("select", attrs, P.WEEKDAYS.map(function (name, i) { return option(String(i), name, i === value); }));
  }

  Planner.prototype.planPage = function () {
    var self = this;
    var state = function () { return self.state; };
    var form = this.app.querySelector('[data-form="add-rep"]');
    var error = form.querySelector(".planner-error");
    var name = form.elements.name;
    var change = function () { self.save(); keepingFocus(render); };

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = name.value.trim();
      var problem = P.nameProblem(typed);
      if (!problem && state().reps.some(function (r) { return r.name === typed; })) problem = typed + " is already on the team.";
      if (!problem && state().reps.length >= 50) problem = "A plan holds at most 50 reps.";
      error.textContent = problem;
      name.setAttribute("aria-invalid", problem ? "true" : "false");
      if (problem) { name.focus(); return; }
      state().reps.push(P.newRep(state(), typed));
      if (!self.rating) self.rating = state().reps[0].id;
      name.value = "";
      change();
      name.focus();
    });

    var teamDay = this.app.querySelector('[data-field="team-weekday"]');
    P.WEEKDAYS.forEach(function (day, i) { teamDay.appendChild(option(String(i), day)); });
    teamDay.addEventListener("change", function () { state().team.weekday = Number(teamDay.value); change(); });
    var teamTime = this.app.querySelector('[data-field="team-time"]');
    teamTime.addEventListener("change", function () {
      if (P.parseTime(teamTime.value) !== null) { state().team.time = teamTime.value; change(); }
    });
    var start = this.app.querySelector('[data-field="start"]');
    start.min = (Number(today().slice(0, 4)) - 5) + "-01-01";
    start.max = (Number(today().slice(0, 4)) + 5) + "-12-31";
    start.addEventListener("change", function () {
      var problem = P.startProblem(start.value, today());
      start.setAttribute("aria-invalid", problem ? "true" : "false");
      self.say(problem);
      if (problem) return;
      state().start = start.value;
      change();
    });
    var track = this.app.querySelector('[data-field="track"]');
    track.appendChild(option("", "No track: each rep's lessons from their ratings"));
    Object.keys(this.data.tracks).forEach(function (id) {
      var t = self.data.tracks[id];
      var weeks = t.weeks.reduce(function (most, w) { return Math.max(most, w.week); }, 0);
      track.appendChild(option(id, t.title + " (" + weeks + " week" + (weeks === 1 ? "" : "s") + ")"));
    });
    track.addEventListener("change", function () {
      var changed = Object.keys(state().overrides).some(function (rep) { return Object.keys(state().overrides[rep]).length; });
      if (changed && !window.confirm("Another plan drops the lessons you changed for individual reps. Go ahead?")) {
        track.value = state().track;
        return;
      }
      state().track = track.value;
      state().overrides = {};
      change();
    });
    var rateRep = this.app.querySelector('[data-field="rate-rep"]');
    rateRep.addEventListener("change", function () { self.rating = rateRep.value; keepingFocus(render); });

    function render() {
      var s = state();
      teamDay.value = String(s.team.weekday);
      teamTime.value = s.team.time;
      start.value = s.start;
      track.value = s.track;
      if (!P.repById(s, self.rating || "")) self.rating = s.reps.length ? s.reps[0].id : "";
      self.renderReps(change);
      self.renderRatings(rateRep, change);
      self.renderFocus(change);
      self.renderTrack();
      self.renderWeeks(change);
    }
    this.wireData(render);
    this.app.querySelector('[data-action="ics"]').addEventListener("click", function () {
      var plan = P.schedule(state(), self.data);
      var count = plan.weeks.reduce(function (n, w) { return n + w.events.length; }, 0);
      if (!count) { self.say("There is nothing to put in a calendar yet: add your reps and choose a plan."); return; }
      download("coaching-plan.ics", "text/calendar", P.toICS(state(), self.data, self.root.href, new Date()));
      self.say("Calendar file saved to your downloads: " + count + " sessions. Open it to add them to your calendar; " +
        "importing it again after a change updates the same entries.");
    });
    render();
  };

  Planner.prototype.renderReps = function (change) {
    var self = this;
    var s = this.state;
    var box = this.part("reps");
    box.textContent = "";
    if (!s.reps.length) {
      box.appendChild(el("p", { class: "planner-empty", text: "No reps yet. Add the people you coach, one at a time." }));
      return;
    }
    var list = el("ul", { class: "planner-reps" });
    s.reps.forEach(function (rep, i) {
      var day = weekdaySelect(rep.weekday, { "aria-label": rep.name + ": one-on-one day", "data-key": "day-" + rep.id,
        onchange: function (event) { rep.weekday = Number(event.target.value); change(); } });
      var time = el("input", { type: "time", value: rep.time, "aria-label": rep.name + ": one-on-one time",
        "data-key": "time-" + rep.id, required: true,
        onchange: function (event) { if (P.parseTime(event.target.value) !== null) { rep.time = event.target.value; change(); } } });
      var remove = el("button", { type: "button", class: "planner-remove", text: "Remove",
        "aria-label": "Remove " + rep.name, "data-key": "remove-" + i,
        onclick: function () {
          var logged = s.log.filter(function (e) { return e.rep === rep.id; }).length;
          if (logged && !window.confirm("Remove " + rep.name + " and their " + logged + " logged sessions?")) return;
          s.reps = s.reps.filter(function (r) { return r !== rep; });
          s.log = s.log.filter(function (e) { return e.rep !== rep.id; });
          delete s.overrides[rep.id];
          delete s.focus[rep.id];
          change();
        } });
      list.appendChild(el("li", {}, [el("span", { class: "planner-rep-name", text: rep.name }),
        el("span", { class: "planner-rep-slot" }, ["One-on-one ", day, " ", time]), remove]));
    });
    box.appendChild(list);
  };

  Planner.prototype.renderRatings = function (select, change) {
    var self = this;
    var s = this.state;
    select.textContent = "";
    s.reps.forEach(function (rep) { select.appendChild(option(rep.id, rep.name, rep.id === self.rating)); });
    select.disabled = !s.reps.length;
    var box = this.part("ratings");
    box.textContent = "";
    var rep = P.repById(s, this.rating || "");
    if (!rep) {
      box.appendChild(el("p", { class: "planner-empty", text: "Add a rep first." }));
      return;
    }
    var list = el("div", { class: "planner-ratings" });
    Object.keys(this.data.skills).forEach(function (id) {
      var skill = self.data.skills[id];
      var level = rep.ratings[id];
      var hint = el("p", { class: "planner-hint", id: "hint-" + id,
        text: typeof level === "number" ? skill.levels[level].looksLike : "" });
      var pick = el("select", { id: "rate-" + id, "data-key": "rate-" + id, "aria-describedby": "hint-" + id,
        onchange: function (event) {
          if (event.target.value === "") delete rep.ratings[id];
          else rep.ratings[id] = Number(event.target.value);
          change();
        } }, [option("", "Not rated", typeof level !== "number")].concat(skill.levels.map(function (l, i) {
          return option(String(i), (i + 1) + ". " + l.name, level === i);
        })));
      list.appendChild(el("div", { class: "planner-rating" }, [el("label", { for: "rate-" + id, text: skill.title }), pick, hint]));
    });
    box.appendChild(list);
  };

  Planner.prototype.renderFocus = function (change) {
    var self = this;
    var s = this.state;
    var box = this.part("focus");
    box.textContent = "";
    var rated = s.reps.filter(function (r) { return Object.keys(r.ratings).length; });
    if (!rated.length) return;
    var focus = P.focus(s, this.data);
    var suggested = P.focus(Object.assign({}, s, { focus: {} }), this.data);
    var weeks = P.planWeeks(s, this.data);
    var tierText = { middle: "middle of the team: two skills at a time", top: "one of your strongest: one skill at a time",
      bottom: "one of your weakest: one skill at a time", "": "not rated yet" };
    var names = function (ids) {
      return ids.map(function (id) { return self.data.skills[id].title; }).join(" and ") || "nothing (no skill rated below its best level)";
    };
    box.appendChild(el("h3", { text: "Focus skills, four weeks at a time" }));
    var list = el("ul", { class: "planner-focus" });
    s.reps.forEach(function (rep) {
      var info = focus[rep.id];
      var item = el("li", {}, [el("strong", { text: rep.name }), " (" + tierText[info.tier] + ")"]);
      info.blocks.forEach(function (block, b) {
        var first = b * P.BLOCK_WEEKS + 1;
        var last = Math.min(first + P.BLOCK_WEEKS - 1, weeks);
        var span = "weeks " + first + " to " + last;
        var pick = function (index) {
          var current = block.skills[index] || "";
          return el("select", { "data-key": "focus-" + rep.id + "-" + b + "-" + index,
            "aria-label": rep.name + ", " + span + ": " + (index ? "second" : "first") + " focus skill",
            onchange: function (event) {
              var own = [block.skills[0] || "", block.skills[1] || ""];
              own[index] = event.target.value;
              s.focus[rep.id] = s.focus[rep.id] || {};
              s.focus[rep.id][b] = own.filter(function (x, i) { return x && own.indexOf(x) === i; });
              change();
            } }, [option("", "None", current === "")].concat(Object.keys(self.data.skills).map(function (id) {
              return option(id, self.data.skills[id].title, current === id);
            })));
        };
        var line = el("div", { class: "planner-block" }, [el("span", { class: "planner-block-weeks", text: "Weeks " + first + "–" + last + ":" }),
          pick(0), pick(1)]);
        var note = block.chosen
          ? el("span", { class: "planner-hint" }, ["Your choice; suggested: " + names(suggested[rep.id].blocks[b].skills) + ". ",
            el("button", { type: "button", class: "planner-remove", text: "Use the suggestion", "data-key": "auto-" + rep.id + "-" + b,
              onclick: function () { delete s.focus[rep.id][b]; change(); } })])
          : el("span", { class: "planner-hint", text: "Suggested from the ratings." });
        line.appendChild(note);
        item.appendChild(line);
      });
      list.appendChild(item);
    });
    box.appendChild(list);
  };

  Planner.prototype.renderTrack = function () {
    var s = this.state;
    var node = this.app.querySelector('[data-text="track-summary"]');
    node.textContent = "";
    if (s.track) {
      var t = this.data.tracks[s.track];
      node.appendChild(document.createTextNode("Each week's lessons come from "));
      node.appendChild(el("a", { href: new URL(t.page, this.root).href, text: t.title }));
      node.appendChild(document.createTextNode(". Its one-on-ones and ride-alongs go in each rep's slot, once per rep."));
    } else {
      node.textContent = "Twelve weeks of one-on-one lessons chosen from each rep's focus skills: every week for the " +
        "middle of the team, every other week for the ends. Rate your reps in step 2 to fill it.";
    }
  };

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  Planner.prototype.totalText = function (plan) {
    var s = this.state;
    if (!s.reps.length) return ["Add your reps to see the hours this plan takes.", ""];
    var months = plan.perRep.map(function (r) { return r.month.minutes; });
    var low = Math.min.apply(null, months);
    var high = Math.max.apply(null, months);
    var each = Math.abs(high - low) < 3 ? P.hours(low) : P.hours(low).replace(" h", "") + "–" + P.hours(high);
    var verdict = high < P.GUIDANCE.low ? "below the 3–5 h a month that coaching guidance suggests: add a one-on-one lesson in the weeks without one"
      : low > P.GUIDANCE.high ? "above the 3–5 h guidance: fine for a ramp, heavy for a whole quarter"
        : low < P.GUIDANCE.low ? "some reps are below the 3–5 h guidance" : "within the 3–5 h a month guidance";
    return [P.duration(plan.total) + " of your time over " + plural(plan.count, "week") + " for " + plural(s.reps.length, "rep") + ".",
      P.duration(plan.session) + " in sessions and " + P.duration(plan.prep) + " prep; " +
      P.duration(Math.round(plan.average)) + " a week on average and " + P.duration(plan.busiest) + " in the busiest week. " +
      "Each rep gets about " + each + " of coaching a month: " + verdict + "."];
  };

  Planner.prototype.renderWeeks = function (change) {
    var self = this;
    var s = this.state;
    var data = this.data;
    var plan = P.schedule(s, data);
    var total = this.totalText(plan);
    this.text("total", total[0]);
    this.text("total-detail", total[1]);
    var box = this.part("weeks");
    box.textContent = "";
    var suggested = P.suggestions(s, data);
    var perRep = Object.keys(data.lessons).filter(function (id) { return P.withOneRep(data, id); });
    var empty = true;
    plan.weeks.forEach(function (week) {
      var section = el("section", { class: "plan-week" + ((week.number - 1) % 4 === 0 && week.number > 1 ? " plan-month" : "") });
      var range = week.start ? P.shortDate(week.start) + " to " + P.shortDate(week.end) : "";
      section.appendChild(el("h3", { text: week.label + (range ? " · " + range : "") }));
      section.appendChild(el("p", { class: "plan-week-meta", text: (week.focus ? week.focus + " · " : "") + "Your time: " +
        P.duration(week.total) + (week.total ? " (" + P.duration(week.session) + " sessions, " + P.duration(week.prep) + " prep)" : "") }));
      var list = el("ul", { class: "plan-events" });
      week.events.forEach(function (event) {
        empty = false;
        var lesson = data.lessons[event.lesson];
        var when = event.date ? P.shortDate(event.date) + (event.time ? " " + event.time : ", this week") : "";
        var item = el("li", { class: "plan-event plan-" + event.kind }, [
          el("span", { class: "plan-when", text: when }),
          el("span", { class: "plan-who", text: P.withWhom(s, event) }),
        ]);
        if (event.kind === "rep") {
          var rep = P.repById(s, event.rep);
          var mine = (suggested[event.rep] || {})[week.number];
          var choose = el("select", { class: "plan-change", "data-key": "lesson-" + event.uid,
            "aria-label": "Lesson for " + rep.name + " in week " + week.number,
            onchange: function (e) {
              s.overrides[event.rep] = s.overrides[event.rep] || {};
              s.overrides[event.rep][event.slot] = e.target.value;
              change();
            } }, [option("", "No lesson this week")]);
          if (mine) choose.appendChild(el("optgroup", { label: "Suggested from " + rep.name + "'s ratings" }, [option(mine, data.lessons[mine].title)]));
          choose.appendChild(el("optgroup", { label: "Every one-on-one lesson" }, perRep.map(function (id) {
            return option(id, data.lessons[id].title);
          })));
          choose.value = event.lesson;
          item.appendChild(el("span", { class: "plan-lesson" }, [choose, el("span", { class: "plan-print-title", text: lesson.title })]));
        } else {
          item.appendChild(el("span", { class: "plan-lesson" }, [el("span", { text: lesson.title })]));
        }
        item.appendChild(el("span", { class: "plan-meta" }, [event.kind === "self" && lesson.audience !== "manager"
          ? "reps study alone; " + lesson.prep + " min to set up · "
          : lesson.minutes + " min + " + lesson.prep + " prep · ", self.lessonLink(event.lesson, "Run sheet")]));
        list.appendChild(item);
      });
      // A rep whose lesson was removed this week can get one back.
      s.reps.forEach(function (rep) {
        Object.keys(s.overrides[rep.id] || {}).forEach(function (slot) {
          if (s.overrides[rep.id][slot] !== "" || slot.indexOf("w" + week.number + "-") !== 0) return;
          list.appendChild(el("li", { class: "plan-event plan-skipped" }, [
            el("span", { class: "plan-who", text: rep.name + ": no lesson this week" }),
            el("button", { type: "button", class: "planner-remove", text: "Put it back", "data-key": "back-" + rep.id + slot,
              onclick: function () { delete s.overrides[rep.id][slot]; change(); } })]));
        });
      });
      if (!list.children.length) list.appendChild(el("li", { class: "planner-empty", text: "Nothing planned this week." }));
      section.appendChild(list);
      box.appendChild(section);
    });
    if (empty && !s.reps.length) {
      box.textContent = "";
      box.appendChild(el("p", { class: "planner-empty", text: "Add your reps in step 1 and choose a plan in step 3; the weeks appear here." }));
    }
  };

  // ---- Coaching log --------------------------------------------------------------------------------

  Planner.prototype.logPage = function () {
    var self = this;
    var data = this.data;
    var form = this.app.querySelector('[data-form="log"]');
    var lessons = Object.keys(data.lessons).slice().sort(function (a, b) {
      return data.lessons[a].title.localeCompare(data.lessons[b].title);
    });
    var params = new URLSearchParams(location.search);
    form.elements.date.value = today();
    lessons.forEach(function (id) { form.elements.lesson.appendChild(option(id, data.lessons[id].title)); });
    if (data.lessons[params.get("lesson")]) form.elements.lesson.value = params.get("lesson");
    var wantRep = params.get("rep");

    function fillReps() {
      var select = form.elements.rep;
      var current = select.value || wantRep || "";
      select.textContent = "";
      select.appendChild(option("", "Whole team (team meeting or workshop)"));
      self.state.reps.forEach(function (rep) { select.appendChild(option(rep.id, rep.name)); });
      select.value = P.repById(self.state, current) ? current : "";
    }

    function fillRubric() {
      var box = self.part("rubric");
      box.textContent = "";
      var id = form.elements.lesson.value;
      var lesson = data.lessons[id];
      lesson.rubric.forEach(function (behaviour, i) {
        var levels = lesson.rubricLevels[i];
        var set = el("fieldset", { class: "planner-levels" }, [el("legend", { text: behaviour })]);
        P.OBSERVED.forEach(function (level) {
          set.appendChild(el("label", { class: "planner-level" }, [
            el("input", { type: "radio", name: "level-" + i, value: level, checked: level === "not-seen" }),
            " " + P.LEVEL_LABELS[level]]));
        });
        set.appendChild(el("details", { class: "planner-looks" }, [el("summary", { text: "What each level looks like" }),
          el("ul", {}, P.LEVELS.map(function (level) {
            return el("li", {}, [el("strong", { text: P.LEVEL_LABELS[level] + ": " }), levels[level]]);
          }))]));
        box.appendChild(set);
      });
      box.appendChild(el("p", { class: "planner-hint" }, ["Run sheet: ", self.lessonLink(id)]));
    }

    form.elements.lesson.addEventListener("change", fillRubric);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var date = form.elements.date.value;
      var error = self.app.querySelector('[data-text="log-error"]');
      if (!P.parseDate(date)) { error.textContent = "Give the date of the session."; form.elements.date.focus(); return; }
      var next = form.elements.next.value;
      if (next.length > 1000) { error.textContent = "Keep the next step under 1,000 characters."; return; }
      error.textContent = "";
      var lesson = form.elements.lesson.value;
      var entry = P.newEntry(data, lesson, date, form.elements.rep.value);
      entry.levels = entry.levels.map(function (_, i) {
        var picked = form.querySelector('input[name="level-' + i + '"]:checked');
        return picked ? picked.value : "not-seen";
      });
      entry.next = next.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
      self.state.log.push(entry);
      self.save();
      form.elements.next.value = "";
      fillRubric();
      render();
      self.say("Saved: " + P.repName(self.state, entry.rep) + ", " + data.lessons[lesson].title + ", " + P.shortDate(date) + ".");
    });

    function render() {
      fillReps();
      self.renderDue(render);
      self.renderLog(render);
    }
    this.wireData(render);
    fillRubric();
    render();
  };

  Planner.prototype.renderDue = function (render) {
    var self = this;
    var s = this.state;
    var now = today();
    var due = [];
    s.log.forEach(function (entry) {
      self.data.lessons[entry.lesson].followups.forEach(function (f, i) {
        var status = P.followupStatus(self.data, entry, i, now);
        if (!status.done && P.daysBetween(now, status.due) <= 7) due.push({ entry: entry, index: i, due: status.due, action: f.action });
      });
    });
    due.sort(function (a, b) { return a.due.localeCompare(b.due); });
    var box = this.part("due");
    box.textContent = "";
    if (!due.length) {
      box.appendChild(el("p", { class: "planner-empty", text: s.log.length ? "Nothing due in the next seven days." :
        "Follow-ups appear here once you log a session." }));
      return;
    }
    var list = el("ul", { class: "planner-due" });
    due.forEach(function (item) {
      var late = item.due < now;
      list.appendChild(el("li", { class: late ? "planner-late" : "" }, [
        el("label", {}, [el("input", { type: "checkbox", "data-key": "due-" + item.entry.id + "-" + item.index,
          onchange: function () { item.entry.followups[item.index] = now; self.save(); keepingFocus(render); } }),
        " " + P.shortDate(item.due) + (late ? " (overdue)" : "") + " · " + P.repName(s, item.entry.rep) + " · " +
          self.data.lessons[item.entry.lesson].title + ": " + item.action])]));
    });
    box.appendChild(list);
  };

  Planner.prototype.renderLog = function (render) {
    var self = this;
    var s = this.state;
    var box = this.part("log");
    box.textContent = "";
    if (!s.log.length) {
      box.appendChild(el("p", { class: "planner-empty", text: "No sessions logged yet." }));
      return;
    }
    var table = P.logRows(s, this.data, today());
    var shown = [0, 1, 2, 4, 5, 6, 7];
    var entries = s.log.slice().sort(function (a, b) { return b.date.localeCompare(a.date); });
    var head = el("tr", {}, shown.map(function (i) { return el("th", { scope: "col", text: table.header[i] }); })
      .concat([el("th", { scope: "col", text: "Tick a follow-up when done" }), el("th", { scope: "col", text: "Remove" })]));
    var body = el("tbody");
    table.rows.forEach(function (row, r) {
      var entry = entries[r];
      var lesson = self.data.lessons[entry.lesson];
      var ticks = el("ul", { class: "planner-ticks" }, lesson.followups.map(function (f, i) {
        var status = P.followupStatus(self.data, entry, i, today());
        return el("li", {}, [el("label", {}, [el("input", { type: "checkbox", checked: Boolean(entry.followups[i]),
          "data-key": "tick-" + entry.id + "-" + i,
          onchange: function (event) {
            entry.followups[i] = event.target.checked ? today() : "";
            self.save();
            keepingFocus(render);
          } }), " Day " + f.day + " (" + P.shortDate(status.due) + ")" + (status.done ? ", done " + P.shortDate(status.done) : "")])]);
      }));
      var remove = el("button", { type: "button", class: "planner-remove", text: "Remove",
        "aria-label": "Remove the session of " + row[0] + ", " + row[1] + ", " + row[2],
        onclick: function () {
          if (!window.confirm("Remove this logged session?")) return;
          s.log = s.log.filter(function (e) { return e !== entry; });
          self.save();
          render();
        } });
      body.appendChild(el("tr", {}, shown.map(function (i) { return el("td", { text: row[i] }); })
        .concat([el("td", {}, [ticks]), el("td", {}, [remove])])));
    });
    box.appendChild(el("table", { class: "planner-table planner-log-table" }, [el("thead", {}, [head]), body]));
  };

  // ---- Scorecard ---------------------------------------------------------------------------------

  function percent(part, whole) {
    return whole ? Math.round(100 * part / whole) + "%" : "–";
  }

  function bar(part, whole, label) {
    return el("span", { class: "planner-bar", role: "img", "aria-label": label }, [
      el("span", { class: "planner-bar-fill", style: "width:" + (whole ? Math.round(100 * part / whole) : 0) + "%" })]);
  }

  /** A table in a box that scrolls sideways on a phone, reachable by keyboard to do so. */
  function table(headers, rows, caption, label) {
    return el("div", { class: "planner-table-wrap", tabindex: "0", role: "region", "aria-label": caption || label }, [el("table", { class: "planner-table" }, [caption ? el("caption", { text: caption }) : null,
      el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
      el("tbody", {}, rows.map(function (cells) {
        return el("tr", {}, cells.map(function (c) { return el("td", {}, [c]); }));
      }))])]);
  }

  Planner.prototype.scorecardPage = function () {
    var self = this;
    function render() { self.renderScorecard(render); }
    this.wireData(render);
    render();
  };

  Planner.prototype.renderScorecard = function () {
    var self = this;
    var s = this.state;
    var now = today();
    var card = P.scorecard(s, this.data, now);
    var begun = card.weeks.length;
    this.text("asof", "As of " + P.shortDate(now) + ": " + (s.start && s.start <= now
      ? "week " + Math.min(begun, card.plan.count) + " of " + card.plan.count + " of your plan"
      : "your plan starts " + (s.start ? P.shortDate(s.start) : "once you set a first day")) + ". " +
      plural(s.reps.length, "rep") + ", " + plural(s.log.length, "logged session") + ".");
    var tiles = this.part("tiles");
    tiles.textContent = "";
    var twice = card.levels.filter(function (l) { return l.count > 1; });
    var up = twice.filter(function (l) { return l.trend === "up"; }).length;
    var down = twice.filter(function (l) { return l.trend === "down"; }).length;
    [["Sessions held against the plan", card.team.held + " of " + card.team.planned, percent(card.team.held, card.team.planned) +
      (card.extra ? "; " + card.extra + " more not in the plan" : "")],
    ["Follow-ups done on time", card.followups.onTime + " of " + card.followups.due + " due",
      card.followups.late + " late, " + card.followups.missed + " missed, " + card.followups.open + " not yet due"],
    ["Behaviours that moved", up + " up, " + down + " down", "of " + twice.length + " seen twice or more"]].forEach(function (t) {
      tiles.appendChild(el("div", { class: "planner-tile" }, [el("p", { class: "planner-tile-name", text: t[0] }),
        el("p", { class: "planner-tile-value", text: t[1] }), el("p", { class: "planner-tile-note", text: t[2] })]));
    });

    var weeks = this.part("weeks");
    weeks.textContent = "";
    weeks.appendChild(card.weeks.length ? table(["Week", "Starting", "Planned", "Held", ""], card.weeks.map(function (w) {
      return ["Week " + w.number, P.shortDate(w.start), String(w.planned), String(w.held),
        bar(w.held, w.planned, w.held + " of " + w.planned + " held")];
    }), "Sessions by week (team meetings and one-on-ones)") : el("p", { class: "planner-empty", text: "No week of the plan has started yet." }));
    var reps = this.part("reps");
    reps.textContent = "";
    if (card.reps.length && card.weeks.length) {
      reps.appendChild(table(["Rep", "One-on-ones planned", "Held", ""], card.reps.map(function (r) {
        return [r.name, String(r.planned), String(r.held), bar(r.held, r.planned, percent(r.held, r.planned) + " held")];
      }), "One-on-ones by rep, so far"));
    }

    var levels = this.part("levels");
    levels.textContent = "";
    var arrows = { up: "↑ up", down: "↓ down", same: "= same", once: "seen once" };
    levels.appendChild(card.levels.length ? table(["Rep", "Lesson", "Behaviour", "First", "Latest", "Change"], card.levels.map(function (l) {
      return [l.name, l.lessonTitle, l.behaviour, P.LEVEL_LABELS[l.first] + " (" + P.shortDate(l.firstDate) + ")",
        P.LEVEL_LABELS[l.latest] + " (" + P.shortDate(l.latestDate) + ")", arrows[l.trend]];
    }), null, "Rubric levels, first and latest") : el("p", { class: "planner-empty", text: "Log a one-on-one with rubric levels to see them here." }));

    var box = this.part("indicators");
    box.textContent = "";
    if (!card.indicators.length) {
      box.appendChild(el("p", { class: "planner-empty", text: "Once your plan has lessons, the numbers to watch for their skills appear here." }));
      return;
    }
    // Controls print as their text: a form field on paper is an empty box.
    var note = function (item, field) {
      var shown = el("span", { class: "planner-print-only", text: item[field] });
      return el("span", {}, [el("input", { type: "text", maxlength: "200", value: item[field], "data-key": field + "-" + item.key,
        "aria-label": (field === "baseline" ? "Baseline for " : "Latest value for ") + item.metric,
        oninput: function (event) { shown.textContent = event.target.value; },
        onchange: function (event) {
          s.indicators[item.key] = s.indicators[item.key] || { baseline: "", latest: "" };
          s.indicators[item.key][field] = event.target.value.slice(0, 200);
          self.save();
        } }), shown]);
    };
    var change = function () { self.save(); keepingFocus(function () { self.renderScorecard(); }); };
    box.appendChild(table(["Skill", "Number to watch", "Should", "How to read it", "Baseline", "Latest"], card.indicators.map(function (item) {
      var skill = this.data.skills[item.skill].title;
      var watch = item.options.length < 2 ? item.metric : el("span", {}, [el("select", { "data-key": "watch-" + item.skill,
        "aria-label": "Number to watch for " + skill,
        onchange: function (event) { s.watch[item.skill] = event.target.value; change(); } },
      item.options.map(function (o) { return option(o.key, o.metric, o.key === item.key); })),
      el("span", { class: "planner-print-only", text: item.metric })]);
      return [skill, watch, item.direction === "up" ? "rise" : "fall", item.how, note(item, "baseline"), note(item, "latest")];
    }, this)));
  };

  // ---- Measure: only the indicators of the skills you coach ------------------------------------------

  function chooser(box) {
    var root = new URL(box.dataset.root, location.href);
    var key = "curriculum-measure-skills:" + root.pathname;
    var sections = Array.prototype.slice.call(document.querySelectorAll(".measure-skill"));
    var boxes = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));
    var count = box.querySelector(".measure-count");
    function apply() {
      var chosen = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      sections.forEach(function (s) { s.hidden = chosen.length > 0 && chosen.indexOf(s.dataset.skill) === -1; });
      count.textContent = chosen.length ? "Showing the indicators of " + plural(chosen.length, "skill") + "." :
        "Showing every skill's indicators.";
      try { localStorage.setItem(key, JSON.stringify(chosen)); } catch (e) { /* not kept */ }
    }
    var saved = [];
    try { saved = JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { saved = []; }
    if (!Array.isArray(saved)) saved = [];
    boxes.forEach(function (b) { b.checked = saved.indexOf(b.value) !== -1; b.addEventListener("change", apply); });
    box.querySelector('[data-action="all"]').addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      apply();
    });
    var mine = box.querySelector('[data-action="mine"]');
    mine.addEventListener("click", function () {
      var stored = new Store(root).read();
      fetch(new URL("data/curriculum.json", root)).then(function (r) { return r.json(); }).then(function (data) {
        var read = P.readStored(stored, data, today());
        var skills = read.ok ? P.coachedSkills(read.state, data) : [];
        if (!skills.length) {
          count.textContent = "Your plan has no lessons yet: choose the skills yourself, or build a plan under My plan.";
          return;
        }
        boxes.forEach(function (b) { b.checked = skills.indexOf(b.value) !== -1; });
        apply();
      }).catch(function () {
        count.textContent = "The lesson list could not be loaded, so your plan's skills are unknown: choose them yourself.";
      });
    });
    apply();
  }

  // ---- Start -------------------------------------------------------------------------------------

  function start() {
    var measure = document.getElementById("indicator-chooser");
    if (measure && P) chooser(measure);
    var app = document.getElementById("planner");
    if (!app || !P) return;
    var status = app.querySelector(".planner-load");
    status.textContent = "Loading the lessons…";
    var root = new URL(app.dataset.root, location.href);
    fetch(new URL("data/curriculum.json", root)).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      status.textContent = "";
      var planner = new Planner(app, data);
      if (!planner.open()) return;
      var page = app.dataset.page;
      if (page === "plan") planner.planPage();
      else if (page === "log") planner.logPage();
      else planner.scorecardPage();
      app.setAttribute("data-ready", "");
    }).catch(function () {
      status.textContent = location.protocol === "file:"
        ? "This page reads the lesson list from the site, which a browser will not do for a page opened from a file. " +
          "Run `curriculum serve` and open http://127.0.0.1:8000, or use the published site."
        : "The lesson list (data/curriculum.json) could not be loaded. Reload the page; if it persists, the site was " +
          "published without it.";
    });
  }

  start();
})();
