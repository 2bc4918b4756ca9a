/* The team plan, coaching log and scorecard as plain functions: no page access, no storage, no
 * clock except the dates passed in, so they can be tested alone (tests/js/plan.test.js runs them
 * in node). In the browser they are window.CoachPlan; planner.js wires them to the pages.
 *
 * `data` is the site's data/curriculum.json (generator/plandata.py writes it). `state` is what the
 * manager entered: the team, the plan and the log, exactly what a backup file holds.
 * Dates are "YYYY-MM-DD" strings and times "HH:MM", both local: 09:00 means 09:00 wherever the
 * manager is, the way a paper diary does.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CoachPlan = api;
})(this, function () {
  "use strict";

  var VERSION = 1;
  var APP = "sales-coaching-plan";
  var QUARTER_WEEKS = 12;
  var BLOCK_WEEKS = 4;
  var MAX_BYTES = 2 * 1000 * 1000;
  var MAX_REPS = 50;
  var MAX_LOG = 5000;
  var NAME_LENGTH = 40;
  var NOTE_LENGTH = 1000;
  var LEVELS = ["weak", "solid", "strong"];
  var OBSERVED = ["weak", "solid", "strong", "not-seen"];
  var LEVEL_LABELS = { weak: "Weak", solid: "Solid", strong: "Strong", "not-seen": "Not seen" };
  var WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var GUIDANCE = { low: 180, high: 300 };
  var DAY_MS = 86400000;

  // ---- Dates and times -------------------------------------------------------------------------

  /** A "YYYY-MM-DD" string that names a real day, as a UTC Date; null for anything else. */
  function parseDate(text) {
    var found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === "string" ? text : "");
    if (!found || found[1] < "1000") return null;  // Date.UTC reads years 0 to 99 as 1900 to 1999
    var date = new Date(Date.UTC(+found[1], +found[2] - 1, +found[3]));
    return date.getUTCMonth() === +found[2] - 1 && date.getUTCDate() === +found[3] ? date : null;
  }

  function formatDate(date) {
    return date.toISOString().slice(0, 10);
  }

  function addDays(text, days) {
    return formatDate(new Date(parseDate(text).getTime() + days * DAY_MS));
  }

  function daysBetween(from, to) {
    return Math.round((parseDate(to) - parseDate(from)) / DAY_MS);
  }

  /** 0 for Monday ... 6 for Sunday. */
  function weekday(text) {
    return (parseDate(text).getUTCDay() + 6) % 7;
  }

  /** A local Date's own calendar day, as "YYYY-MM-DD". */
  function localDay(date) {
    var month = date.getMonth() + 1;
    var day = date.getDate();
    return date.getFullYear() + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day;
  }

  /** The Monday after `today` (a week on if today is a Monday): where a new plan starts. */
  function nextMonday(today) {
    return addDays(today, 7 - weekday(today));
  }

  /** "Tue 12 Jan" */
  function shortDate(text) {
    var date = parseDate(text);
    return WEEKDAYS[weekday(text)].slice(0, 3) + " " + date.getUTCDate() + " " + MONTHS[date.getUTCMonth()];
  }

  var YEARS_AROUND = 5;
  var FIRST_YEAR = 1900;
  var LAST_YEAR = 2999;

  /** "" when `text` is a day a plan may start on: a real day from 1 January five years before `today`
   * to 31 December five years after (both "YYYY-MM-DD"); otherwise what to tell the manager. A plan
   * far away is a typing slip, and past year 9999 a calendar file cannot even write its dates. */
  function startProblem(text, today) {
    var year = Number(today.slice(0, 4));
    var first = (year - YEARS_AROUND) + "-01-01";
    var last = (year + YEARS_AROUND) + "-12-31";
    if (!parseDate(text)) return "Pick the plan's first day from the calendar, or type it as " + today + ".";
    if (text < first || text > last) {
      return "Pick a first day between 1 Jan " + first.slice(0, 4) + " and 31 Dec " + last.slice(0, 4) + ".";
    }
    return "";
  }

  function parseTime(text) {
    var found = /^(\d{2}):(\d{2})$/.exec(typeof text === "string" ? text : "");
    if (!found || +found[1] > 23 || +found[2] > 59) return null;
    return +found[1] * 60 + +found[2];
  }

  function formatTime(minutes) {
    var m = ((minutes % 1440) + 1440) % 1440;
    var h = Math.floor(m / 60);
    var rest = m % 60;
    return (h < 10 ? "0" : "") + h + ":" + (rest < 10 ? "0" : "") + rest;
  }

  /** 75 -> "1 h 15 min", 40 -> "40 min", 120 -> "2 h" (as the site's pages print it). */
  function duration(minutes) {
    var m = Math.round(minutes);
    if (m < 60) return m + " min";
    var rest = m % 60;
    return Math.floor(m / 60) + " h" + (rest ? " " + rest + " min" : "");
  }

  function hours(minutes) {
    var h = Math.round(minutes / 6) / 10;
    return String(h) + " h";
  }

  // ---- Time, counted honestly ------------------------------------------------------------------

  /** What one session of `lessonId` in `format` costs the manager, and gives each rep: a one-on-one
   * or ride-along is run with each rep, so it counts once per rep (`perRep*`), prep included. */
  function sessionCost(data, lessonId, format) {
    var lesson = data.lessons[lessonId];
    var perRep = data.perRepFormats.indexOf(format) !== -1;
    var selfStudy = format === "self-study";
    var forReps = lesson.audience !== "manager";
    var session = selfStudy && forReps ? 0 : lesson.minutes;
    return {
      onceSession: perRep ? 0 : session,
      perRepSession: perRep ? session : 0,
      oncePrep: perRep ? 0 : lesson.prep,
      perRepPrep: perRep ? lesson.prep : 0,
      received: forReps && !selfStudy ? lesson.minutes : 0,
    };
  }

  function costFor(cost, reps) {
    var session = cost.onceSession + cost.perRepSession * reps;
    var prep = cost.oncePrep + cost.perRepPrep * reps;
    return { session: session, prep: prep, total: session + prep };
  }

  /** Each rep's coaching a month from `received` minutes over `weeks` weeks, against 3-5 h. */
  function perMonth(received, weeks) {
    var minutes = weeks ? received * 52 / 12 / weeks : 0;
    var verdict = minutes < GUIDANCE.low ? "below" : minutes > GUIDANCE.high ? "above" : "within";
    return { minutes: minutes, verdict: verdict };
  }

  // ---- State -----------------------------------------------------------------------------------

  function randomId() {
    return Math.random().toString(36).slice(2, 10) + Date.now().toString(36).slice(-4);
  }

  function emptyState(today) {
    return {
      version: VERSION, id: randomId(), track: "", start: nextMonday(today), weeks: QUARTER_WEEKS,
      team: { weekday: 1, time: "09:00" }, reps: [], focus: {}, overrides: {}, log: [], indicators: {}, watch: {},
    };
  }

  /** A rep's default one-on-one slot: spread over Monday to Friday, 10:00 or 14:00. */
  function newRep(state, name) {
    var index = state.reps.length;
    return { id: "r" + randomId(), name: name, weekday: index % 5, time: index % 10 < 5 ? "10:00" : "14:00",
      ratings: {} };
  }

  /** Why a name cannot be used, or "" if it can. */
  function nameProblem(name) {
    if (typeof name !== "string" || !name.trim()) return "Type a name or initials.";
    if (name.length > NAME_LENGTH) return "Keep names to " + NAME_LENGTH + " characters; initials are fine.";
    if (/[<>]/.test(name)) return "Names are plain text: leave out < and >.";
    if (/[\u0000-\u001f\u007f]/.test(name)) return "Names cannot hold tabs, line breaks or control characters.";
    return "";
  }

  function repById(state, id) {
    for (var i = 0; i < state.reps.length; i++) if (state.reps[i].id === id) return state.reps[i];
    return null;
  }

  // ---- Diagnosis -------------------------------------------------------------------------------

  /** A rep's rating of a skill from 0 (first level) to 1 (best), or null if not rated. */
  function score(data, rep, skillId) {
    var level = rep.ratings[skillId];
    if (typeof level !== "number") return null;
    return level / (data.skills[skillId].levels.length - 1);
  }

  function average(data, rep) {
    var sum = 0;
    var count = 0;
    Object.keys(rep.ratings).forEach(function (skill) {
      var value = score(data, rep, skill);
      if (value !== null && data.skills[skill]) { sum += value; count += 1; }
    });
    return count ? sum / count : null;
  }

  /** "top", "middle" or "bottom" of the team by average rating (a quarter each end), or "" if not
   * rated. With fewer than four rated reps, everyone is the middle. */
  function tiers(state, data) {
    var rated = state.reps.filter(function (rep) { return average(data, rep) !== null; });
    rated.sort(function (a, b) { return average(data, a) - average(data, b); });
    var edge = Math.floor(rated.length / 4);
    var result = {};
    state.reps.forEach(function (rep) { result[rep.id] = ""; });
    rated.forEach(function (rep, i) {
      result[rep.id] = i < edge ? "bottom" : i >= rated.length - edge ? "top" : "middle";
    });
    return result;
  }

  /** Skills to work on, weakest first: rated below their best level, in the data's skill order. */
  function weakest(data, rep) {
    return Object.keys(data.skills).filter(function (skill) {
      var value = score(data, rep, skill);
      return value !== null && value < 1 && lessonsFor(data, skill).length > 0;
    }).sort(function (a, b) { return score(data, rep, a) - score(data, rep, b); });
  }

  /** Whether a lesson is for the reps and runs with one rep at a time (a one-on-one or ride-along). */
  function withOneRep(data, id) {
    var lesson = data.lessons[id];
    return lesson.audience !== "manager" && lesson.formats.some(function (f) {
      return data.perRepFormats.indexOf(f) !== -1;
    });
  }

  /** Lessons a manager can run with one rep that build `skill`. */
  function lessonsFor(data, skill) {
    return data.skills[skill].lessons.filter(function (id) { return withOneRep(data, id); });
  }

  function blockCount(state, data) {
    return Math.ceil(planWeeks(state, data) / BLOCK_WEEKS);
  }

  /** Focus skills for each rep and 4-week block: the manager's choice where made, else the rep's
   * weakest rated skills, two at a time for the middle of the team (where coaching moves most) and
   * one for the top and bottom. */
  function focus(state, data) {
    var tier = tiers(state, data);
    var blocks = blockCount(state, data);
    var result = {};
    state.reps.forEach(function (rep) {
      var chosen = state.focus[rep.id] || {};
      var pool = weakest(data, rep);
      var size = tier[rep.id] === "middle" ? 2 : 1;
      var list = [];
      for (var b = 0; b < blocks; b++) {
        var auto = [];  // the next skills in turn, weakest first, back to the start once all had a block
        for (var k = 0; k < Math.min(size, pool.length); k++) auto.push(pool[(b * size + k) % pool.length]);
        var own = chosen[b];
        list.push({ skills: Array.isArray(own) ? own.slice() : auto, chosen: Array.isArray(own) });
      }
      result[rep.id] = { tier: tier[rep.id], blocks: list };
    });
    return result;
  }

  /** A suggested one-on-one lesson for each rep and week: the block's focus skills in turn, no
   * lesson twice. Middle reps get one every week; top and bottom every other week. */
  function suggestions(state, data) {
    var weeks = planWeeks(state, data);
    var focused = focus(state, data);
    var result = {};
    state.reps.forEach(function (rep) {
      var used = {};
      var byWeek = {};
      var info = focused[rep.id];
      for (var week = 1; week <= weeks; week++) {
        var block = info.blocks[Math.floor((week - 1) / BLOCK_WEEKS)];
        var turn = (week - 1) % BLOCK_WEEKS;
        if (!block || !block.skills.length) continue;
        if (info.tier !== "middle" && turn % 2 === 1) continue;
        var order = block.skills.slice(turn % block.skills.length).concat(block.skills.slice(0, turn % block.skills.length));
        for (var i = 0; i < order.length && !byWeek[week]; i++) {
          var next = lessonsFor(data, order[i]).filter(function (id) { return !used[id]; })[0];
          if (next) { byWeek[week] = next; used[next] = true; }
        }
      }
      result[rep.id] = byWeek;
    });
    return result;
  }

  // ---- The plan, week by week ------------------------------------------------------------------

  function planWeeks(state, data) {
    var track = state.track && data.tracks[state.track];
    if (!track) return state.weeks || QUARTER_WEEKS;
    return track.weeks.reduce(function (most, w) { return Math.max(most, w.week); }, 0);
  }

  /** The first day on or after `from` that falls on `day` (0 Monday ... 6 Sunday). */
  function onWeekday(from, day) {
    return addDays(from, (day - weekday(from) + 7) % 7);
  }

  /** The lesson for a rep in a slot: the manager's override (an id, or "" for none) or the default. */
  function chosen(state, repId, slot, fallback) {
    var own = state.overrides[repId];
    if (own && Object.prototype.hasOwnProperty.call(own, slot)) return own[slot];
    return fallback || "";
  }

  /** Every session of the plan. Week k runs from start + 7(k-1) for seven days; a session goes on
   * its meeting's weekday in that span, so never before the start. The track's team meetings and
   * workshops go in the team meeting; its one-on-ones and ride-alongs go in each rep's own slot,
   * one session per rep; its self-study is a day-long reminder on the week's first day. Without a
   * track, each rep's slot gets the lesson suggested from their diagnosis. Several sessions in one
   * meeting run back to back. Each session's uid names its slot, not its lesson, so a re-export
   * after changing a lesson updates the calendar entry instead of adding one. */
  function schedule(state, data) {
    var start = parseDate(state.start) ? state.start : null;
    var count = planWeeks(state, data);
    var track = state.track && data.tracks[state.track];
    var suggested = track ? null : suggestions(state, data);
    var weeks = [];
    var totals = { session: 0, prep: 0, total: 0, received: 0 };
    for (var number = 1; number <= count; number++) {
      var first = start ? addDays(start, 7 * (number - 1)) : null;
      var week = { number: number, start: first, end: first ? addDays(first, 6) : null, label: "Week " + number,
        focus: "", events: [], session: 0, prep: 0, total: 0 };
      var clock = {};
      var place = function (key, day, time, minutes) {
        var date = first ? onWeekday(first, day) : null;
        var at = clock[key] === undefined ? parseTime(time) : clock[key];
        clock[key] = at + minutes;
        return { date: date, time: formatTime(at) };
      };
      var add = function (event) {
        var lesson = data.lessons[event.lesson];
        // A rep's session is one run of a per-rep format; the others cost their "once" part.
        var cost = costFor(sessionCost(data, event.lesson, event.format), 1);
        event.minutes = lesson.minutes;
        event.cost = cost;
        event.uid = state.id + "-" + event.slot + (event.rep ? "-" + event.rep : "");
        week.events.push(event);
        week.session += cost.session;
        week.prep += cost.prep;
        week.total += cost.total;
      };
      if (track) {
        var labels = [];
        track.weeks.forEach(function (entry, e) {
          if (entry.week !== number) return;
          labels.push(entry.label);
          if (entry.focus) week.focus = week.focus ? week.focus + "; " + entry.focus : entry.focus;
          entry.sessions.forEach(function (session, s) {
            var slot = "w" + number + "-" + e + "-" + s;
            if (data.perRepFormats.indexOf(session.format) !== -1) {
              state.reps.forEach(function (rep) {
                var id = chosen(state, rep.id, slot, session.lesson);
                if (!id || !data.lessons[id]) return;
                var when = place(rep.id, rep.weekday, rep.time, data.lessons[id].minutes);
                add({ kind: "rep", slot: slot, rep: rep.id, lesson: id, format: session.format, note: session.note,
                  date: when.date, time: when.time });
              });
            } else if (session.format === "self-study") {
              add({ kind: "self", slot: slot, rep: "", lesson: session.lesson, format: session.format,
                note: session.note, date: first, time: "" });
            } else {
              var at = place("team", state.team.weekday, state.team.time, data.lessons[session.lesson].minutes);
              add({ kind: "team", slot: slot, rep: "", lesson: session.lesson, format: session.format,
                note: session.note, date: at.date, time: at.time });
            }
          });
        });
        if (labels.length === 1 && labels[0] !== week.label) week.label = labels[0];
      } else {
        state.reps.forEach(function (rep) {
          var slot = "w" + number + "-rep";
          var id = chosen(state, rep.id, slot, suggested[rep.id][number]);
          if (!id || !data.lessons[id]) return;
          var format = data.lessons[id].formats.indexOf("one-on-one") !== -1 ? "one-on-one" : "ride-along";
          var when = place(rep.id, rep.weekday, rep.time, data.lessons[id].minutes);
          add({ kind: "rep", slot: slot, rep: rep.id, lesson: id, format: format, note: "", date: when.date,
            time: when.time });
        });
      }
      week.events.sort(function (a, b) {
        return String(a.date).localeCompare(String(b.date)) || a.time.localeCompare(b.time);
      });
      totals.session += week.session;
      totals.prep += week.prep;
      totals.total += week.total;
      weeks.push(week);
    }
    var received = {};
    state.reps.forEach(function (rep) { received[rep.id] = 0; });
    weeks.forEach(function (week) {
      week.events.forEach(function (event) {
        var gives = sessionCost(data, event.lesson, event.format).received;
        if (event.kind === "rep") received[event.rep] += gives;
        else state.reps.forEach(function (rep) { received[rep.id] += gives; });
      });
    });
    var busiest = weeks.reduce(function (most, w) { return Math.max(most, w.total); }, 0);
    var perRep = state.reps.map(function (rep) {
      return { rep: rep.id, received: received[rep.id], month: perMonth(received[rep.id], count) };
    });
    return { weeks: weeks, count: count, session: totals.session, prep: totals.prep, total: totals.total,
      average: count ? totals.total / count : 0, busiest: busiest, perRep: perRep };
  }

  /** The track's figures for a team of `reps`, by the same rule as the track page. */
  function trackCost(data, trackId, reps) {
    var track = data.tracks[trackId];
    var sum = { session: 0, prep: 0, total: 0 };
    track.weeks.forEach(function (w) {
      w.sessions.forEach(function (s) {
        var cost = costFor(sessionCost(data, s.lesson, s.format), reps);
        sum.session += cost.session;
        sum.prep += cost.prep;
        sum.total += cost.total;
      });
    });
    return sum;
  }

  // ---- Calendar export (RFC 5545) ---------------------------------------------------------------

  function icsText(text) {
    return String(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  /** Fold a content line to 75 octets, never splitting a UTF-8 character. */
  function fold(line) {
    var out = [];
    var current = "";
    var size = 0;
    for (var i = 0; i < line.length; i++) {
      var ch = line[i];
      var code = line.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) { ch += line[i + 1]; i++; }
      var bytes = unescape(encodeURIComponent(ch)).length;
      var limit = out.length ? 74 : 75;
      if (size + bytes > limit) { out.push(current); current = ""; size = 0; }
      current += ch;
      size += bytes;
    }
    out.push(current);
    return out.join("\r\n ");
  }

  function stamp(now) {
    return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  function compact(date) {
    return date.replace(/-/g, "");
  }

  /** Who a session is with, as a calendar title or a list says it. */
  function withWhom(state, event) {
    if (event.kind === "rep") {
      var rep = repById(state, event.rep);
      return (event.format === "ride-along" ? "Ride-along with " : "1:1 with ") + (rep ? rep.name : "a rep");
    }
    if (event.kind === "self") return "Self-study";
    return "Team meeting";
  }

  /** One calendar file of every session of the plan, on the weekdays and times chosen. `site` is the
   * site's root address (for run sheet links); `now` stamps the file. */
  function toICS(state, data, site, now) {
    var plan = schedule(state, data);
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Sales coaching curriculum//My plan//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Coaching plan"];
    plan.weeks.forEach(function (week) {
      week.events.forEach(function (event) {
        var lesson = data.lessons[event.lesson];
        var sheet = site + lesson.runSheet;
        var text = [lesson.title + " (" + lesson.minutes + " min; prep " + lesson.prep + " min).",
          "Run sheet: " + sheet];
        if (event.kind === "rep") text.push("Log it afterwards: " + site + "log/?lesson=" + event.lesson + "&rep=" + event.rep);
        if (event.kind === "self" && lesson.audience !== "manager") text.push("The reps work through it on their own this week; check their work.");
        if (event.note) text.push("Note: " + event.note);
        if (lesson.followups.length && event.date) {
          text.push("Follow-ups:");
          lesson.followups.forEach(function (f) {
            text.push("- " + shortDate(addDays(event.date, f.day)) + " (day " + f.day + "): " + f.action);
          });
        }
        lines.push("BEGIN:VEVENT", "UID:" + event.uid + "@sales-coaching-curriculum", "DTSTAMP:" + stamp(now));
        if (event.time) {
          lines.push("DTSTART:" + compact(event.date) + "T" + event.time.replace(":", "") + "00",
            "DURATION:PT" + lesson.minutes + "M");
        } else {
          lines.push("DTSTART;VALUE=DATE:" + compact(event.date), "DTEND;VALUE=DATE:" + compact(addDays(event.date, 1)));
        }
        lines.push("SUMMARY:" + icsText(withWhom(state, event) + ": " + lesson.title),
          "DESCRIPTION:" + icsText(text.join("\n")), "URL:" + icsText(sheet), "END:VEVENT");
      });
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  // ---- The coaching log --------------------------------------------------------------------------

  function newEntry(data, lessonId, date, repId) {
    var lesson = data.lessons[lessonId];
    return { id: "e" + randomId(), date: date, rep: repId || "", lesson: lessonId,
      levels: lesson.rubric.map(function () { return "not-seen"; }), next: "",
      followups: lesson.followups.map(function () { return ""; }) };
  }

  function followupStatus(data, entry, index, today) {
    var due = addDays(entry.date, data.lessons[entry.lesson].followups[index].day);
    var done = entry.followups[index];
    if (done) return { due: due, state: done <= due ? "on time" : "late", done: done };
    return { due: due, state: due < today ? "missed" : "not due", done: "" };
  }

  function repName(state, id) {
    if (!id) return "Whole team";
    var rep = repById(state, id);
    return rep ? rep.name : "(removed rep)";
  }

  /** The log as the rows its table and its CSV show, newest first. */
  function logRows(state, data, today) {
    var header = ["Date", "Rep", "Lesson", "Lesson id", "Levels observed", "Next step", "Follow-ups done",
      "Follow-ups on time"];
    var rows = state.log.slice().sort(function (a, b) { return b.date.localeCompare(a.date); }).map(function (entry) {
      var lesson = data.lessons[entry.lesson];
      var levels = lesson.rubric.map(function (behaviour, i) {
        return behaviour + ": " + LEVEL_LABELS[entry.levels[i]];
      }).join("; ");
      var statuses = entry.followups.map(function (_, i) { return followupStatus(data, entry, i, today); });
      var done = statuses.filter(function (s) { return s.done; }).length;
      var onTime = statuses.filter(function (s) { return s.state === "on time"; }).length;
      return [entry.date, repName(state, entry.rep), lesson.title, entry.lesson, levels, entry.next,
        done + " of " + statuses.length, onTime + " of " + statuses.length];
    });
    return { header: header, rows: rows };
  }

  function csvCell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // a spreadsheet must not run it as a formula
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCSV(state, data, today) {
    var table = logRows(state, data, today);
    return [table.header].concat(table.rows).map(function (row) { return row.map(csvCell).join(","); })
      .join("\r\n") + "\r\n";
  }

  // ---- The scorecard -----------------------------------------------------------------------------

  /** The three counts: sessions held against the plan (by week, per rep, for the team), follow-ups
   * done on time, and rubric levels per rep and behaviour, first observation against the latest;
   * plus the leading indicators of the skills being coached. Only weeks begun by `today` count. */
  function scorecard(state, data, today) {
    var plan = schedule(state, data);
    var used = {};
    var weeks = [];
    var reps = {};
    state.reps.forEach(function (rep) { reps[rep.id] = { rep: rep.id, name: rep.name, planned: 0, held: 0 }; });
    var team = { planned: 0, held: 0 };
    plan.weeks.forEach(function (week) {
      if (!week.start || week.start > today) return;
      var row = { number: week.number, start: week.start, planned: 0, held: 0 };
      week.events.forEach(function (event) {
        if (event.kind === "self") return;
        row.planned += 1;
        if (event.kind === "rep" && reps[event.rep]) reps[event.rep].planned += 1;
        var match = state.log.filter(function (entry) {
          return !used[entry.id] && entry.lesson === event.lesson && entry.rep === event.rep &&
            entry.date >= week.start && entry.date <= week.end;
        })[0];
        if (match) {
          used[match.id] = true;
          row.held += 1;
          if (event.kind === "rep" && reps[event.rep]) reps[event.rep].held += 1;
        }
      });
      team.planned += row.planned;
      team.held += row.held;
      weeks.push(row);
    });
    var extra = state.log.filter(function (entry) { return !used[entry.id]; }).length;

    var follow = { due: 0, onTime: 0, late: 0, missed: 0, open: 0 };
    state.log.forEach(function (entry) {
      entry.followups.forEach(function (_, i) {
        var status = followupStatus(data, entry, i, today);
        if (status.state === "not due") { follow.open += 1; return; }
        follow.due += 1;
        if (status.state === "on time") follow.onTime += 1;
        else if (status.state === "late") follow.late += 1;
        else follow.missed += 1;
      });
    });

    var observed = {};
    state.log.slice().sort(function (a, b) { return a.date.localeCompare(b.date); }).forEach(function (entry) {
      if (!entry.rep) return;
      data.lessons[entry.lesson].rubric.forEach(function (behaviour, i) {
        var level = entry.levels[i];
        if (LEVELS.indexOf(level) === -1) return;
        var key = entry.rep + "\u0000" + entry.lesson + "\u0000" + i;
        if (!observed[key]) {
          observed[key] = { rep: entry.rep, name: repName(state, entry.rep), lesson: entry.lesson,
            lessonTitle: data.lessons[entry.lesson].title, behaviour: behaviour, first: level, firstDate: entry.date,
            count: 0 };
        }
        observed[key].latest = level;
        observed[key].latestDate = entry.date;
        observed[key].count += 1;
      });
    });
    var levels = Object.keys(observed).map(function (k) {
      var o = observed[k];
      var change = LEVELS.indexOf(o.latest) - LEVELS.indexOf(o.first);
      o.trend = o.count < 2 ? "once" : change > 0 ? "up" : change < 0 ? "down" : "same";
      return o;
    }).sort(function (a, b) {
      return a.name.localeCompare(b.name) || a.lessonTitle.localeCompare(b.lessonTitle) || a.behaviour.localeCompare(b.behaviour);
    });

    return { plan: plan, weeks: weeks, team: team, reps: state.reps.map(function (r) { return reps[r.id]; }),
      extra: extra, followups: follow, levels: levels, indicators: indicators(state, data, plan) };
  }

  /** The skills being coached: those of the plan's lessons and of the reps' focus. */
  function coachedSkills(state, data, plan) {
    var skills = {};
    (plan || schedule(state, data)).weeks.forEach(function (week) {
      week.events.forEach(function (event) {
        data.lessons[event.lesson].skills.forEach(function (s) { skills[s] = true; });
      });
    });
    var focused = focus(state, data);
    Object.keys(focused).forEach(function (rep) {
      focused[rep].blocks.forEach(function (b) { b.skills.forEach(function (s) { skills[s] = true; }); });
    });
    return Object.keys(data.skills).filter(function (s) { return skills[s]; });
  }

  /** One leading indicator to watch per coached skill: the one the manager picked (`state.watch`),
   * else the first named by a lesson of the plan that builds the skill, else by any lesson of the
   * skill; with the other numbers of that skill to pick from, and the baseline and latest value the
   * manager noted. */
  function indicators(state, data, plan) {
    var planned = [];
    (plan || schedule(state, data)).weeks.forEach(function (week) {
      week.events.forEach(function (event) { if (planned.indexOf(event.lesson) === -1) planned.push(event.lesson); });
    });
    return coachedSkills(state, data, plan).map(function (skill) {
      var lessons = planned.filter(function (id) { return data.lessons[id].skills.indexOf(skill) !== -1; })
        .concat(data.skills[skill].lessons.filter(function (id) { return planned.indexOf(id) === -1; }));
      var options = [];
      lessons.forEach(function (id) {
        data.lessons[id].indicators.forEach(function (item) {
          var key = item.metric.toLowerCase();
          if (!options.some(function (o) { return o.key === key; })) {
            options.push({ key: key, metric: item.metric, direction: item.direction, how: item.how });
          }
        });
      });
      var picked = options.filter(function (o) { return o.key === (state.watch || {})[skill]; })[0] || options[0];
      var noted = state.indicators[picked.key] || {};
      return { skill: skill, key: picked.key, metric: picked.metric, direction: picked.direction, how: picked.how,
        baseline: noted.baseline || "", latest: noted.latest || "", options: options };
    }).filter(function (row) { return row.options.length; });
  }

  // ---- Backups: export and import ----------------------------------------------------------------

  function backup(state, now) {
    var copy = JSON.parse(JSON.stringify(state));
    var out = { app: APP, version: VERSION, exported: now.toISOString() };
    Object.keys(copy).forEach(function (k) { if (k !== "version") out[k] = copy[k]; });
    return JSON.stringify(out, null, 2) + "\n";
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isText(value, most) {
    return typeof value === "string" && value.length <= most && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value);
  }

  /** Check a state read from a backup file or from this browser's storage, against the site's data.
   * Returns {ok: true, state} with a clean copy, or {ok: false, message} saying what is wrong. */
  function checkState(input, data) {
    var problems = [];
    var unknown = { lessons: {}, skills: {}, tracks: {} };
    function bad(text) { if (problems.length < 5) problems.push(text); }
    if (!isObject(input)) return { ok: false, message: "This file is not a coaching plan backup." };
    if (input.app !== undefined && input.app !== APP) return { ok: false, message: "This file is not a coaching plan backup." };
    if (typeof input.version !== "number" || Math.floor(input.version) !== input.version || input.version < 1) {
      return { ok: false, message: "This file has no version this site can read, so it is not a coaching plan backup from it." };
    }
    if (input.version > VERSION) {
      return { ok: false, message: "This backup was made by a newer version of the site (backup version " +
        input.version + "; this site reads version " + VERSION + "). Import it on the newer site." };
    }
    var state = { version: VERSION, id: "", track: "", start: "", weeks: QUARTER_WEEKS, team: { weekday: 1, time: "09:00" },
      reps: [], focus: {}, overrides: {}, log: [], indicators: {}, watch: {} };
    state.id = typeof input.id === "string" && /^[a-z0-9]{1,40}$/.test(input.id) ? input.id : (bad("The plan id is missing or malformed."), "");
    if (input.track) {
      if (typeof input.track !== "string") bad("The track is not an id.");
      else if (!data.tracks[input.track]) unknown.tracks[input.track] = true;
      else state.track = input.track;
    }
    if (input.start !== undefined && input.start !== "" && !parseDate(input.start)) bad("The start date is not a date (YYYY-MM-DD).");
    else if (input.start && (input.start.slice(0, 4) < String(FIRST_YEAR) || input.start.slice(0, 4) > String(LAST_YEAR))) {
      bad("The start date is not between " + FIRST_YEAR + " and " + LAST_YEAR + ".");
    } else state.start = input.start || "";
    if (input.weeks !== undefined) {
      if (typeof input.weeks !== "number" || input.weeks < 1 || input.weeks > 52 || Math.floor(input.weeks) !== input.weeks) bad("The number of weeks must be 1 to 52.");
      else state.weeks = input.weeks;
    }
    if (!isObject(input.team) || typeof input.team.weekday !== "number" || !(input.team.weekday >= 0 && input.team.weekday <= 6) ||
        parseTime(input.team.time) === null) bad("The team meeting needs a weekday and a time.");
    else state.team = { weekday: Math.floor(input.team.weekday), time: input.team.time };

    var ids = {};
    if (!Array.isArray(input.reps)) bad("The list of reps is missing.");
    else if (input.reps.length > MAX_REPS) bad("The file lists " + input.reps.length + " reps; a plan holds at most " + MAX_REPS + ".");
    else input.reps.forEach(function (rep, i) {
      var where = "Rep " + (i + 1);
      if (!isObject(rep)) { bad(where + " is not a rep."); return; }
      if (typeof rep.id !== "string" || !/^[a-z0-9]{1,40}$/.test(rep.id) || ids[rep.id]) { bad(where + " has a missing or repeated id."); return; }
      var problem = nameProblem(rep.name);
      if (problem) { bad(where + "'s name: " + problem); return; }
      if (typeof rep.weekday !== "number" || !(rep.weekday >= 0 && rep.weekday <= 6) || parseTime(rep.time) === null) {
        bad(where + " (" + rep.name + ") needs a one-on-one weekday and time."); return;
      }
      var ratings = {};
      if (rep.ratings !== undefined && !isObject(rep.ratings)) { bad(where + "'s ratings are not a list of skills."); return; }
      Object.keys(rep.ratings || {}).forEach(function (skill) {
        var level = rep.ratings[skill];
        if (!data.skills[skill]) { unknown.skills[skill] = true; return; }
        if (typeof level !== "number" || Math.floor(level) !== level || level < 0 || level >= data.skills[skill].levels.length) {
          bad(where + "'s rating for " + data.skills[skill].title + " is not one of its levels.");
          return;
        }
        ratings[skill] = level;
      });
      ids[rep.id] = true;
      state.reps.push({ id: rep.id, name: rep.name, weekday: Math.floor(rep.weekday), time: rep.time, ratings: ratings });
    });

    if (input.focus !== undefined && !isObject(input.focus)) bad("The focus skills are not in the right shape.");
    Object.keys(isObject(input.focus) ? input.focus : {}).forEach(function (repId) {
      var blocks = input.focus[repId];
      if (!ids[repId] || !isObject(blocks)) { bad("The focus skills name a rep who is not in the file."); return; }
      state.focus[repId] = {};
      Object.keys(blocks).forEach(function (block) {
        var list = blocks[block];
        if (!/^\d{1,2}$/.test(block) || !Array.isArray(list) || list.length > 3) { bad("A block of focus skills is not in the right shape."); return; }
        list.forEach(function (skill) { if (!data.skills[skill]) unknown.skills[String(skill)] = true; });
        state.focus[repId][block] = list.filter(function (skill) { return data.skills[skill]; });
      });
    });

    if (input.overrides !== undefined && !isObject(input.overrides)) bad("The lesson choices are not in the right shape.");
    Object.keys(isObject(input.overrides) ? input.overrides : {}).forEach(function (repId) {
      var slots = input.overrides[repId];
      if (!ids[repId] || !isObject(slots)) { bad("The lesson choices name a rep who is not in the file."); return; }
      state.overrides[repId] = {};
      Object.keys(slots).forEach(function (slot) {
        var id = slots[slot];
        if (!/^w\d{1,2}-[a-z0-9-]{1,20}$/.test(slot) || typeof id !== "string") { bad("A lesson choice is not in the right shape."); return; }
        if (id && !data.lessons[id]) { unknown.lessons[id] = true; return; }
        state.overrides[repId][slot] = id;
      });
    });

    var entries = {};
    if (input.log !== undefined && !Array.isArray(input.log)) bad("The coaching log is not a list.");
    else if ((input.log || []).length > MAX_LOG) bad("The log holds " + input.log.length + " sessions; this page keeps at most " + MAX_LOG + ".");
    else (input.log || []).forEach(function (entry, i) {
      var where = "Log entry " + (i + 1);
      if (!isObject(entry)) { bad(where + " is not a session."); return; }
      if (typeof entry.id !== "string" || !/^[a-z0-9]{1,40}$/.test(entry.id) || entries[entry.id]) { bad(where + " has a missing or repeated id."); return; }
      if (!parseDate(entry.date)) { bad(where + " has no date (YYYY-MM-DD)."); return; }
      if (typeof entry.lesson !== "string") { bad(where + " names no lesson."); return; }
      var lesson = data.lessons[entry.lesson];
      if (!lesson) { unknown.lessons[entry.lesson] = true; return; }
      if (entry.rep !== "" && !ids[entry.rep]) { bad(where + " names a rep who is not in the file."); return; }
      if (!Array.isArray(entry.levels) || entry.levels.length !== lesson.rubric.length ||
          entry.levels.some(function (l) { return OBSERVED.indexOf(l) === -1; })) {
        bad(where + " (" + lesson.title + ") does not give one level (weak, solid, strong or not seen) for each of its " +
          lesson.rubric.length + " rubric behaviours; the lesson may have changed since the backup.");
        return;
      }
      if (!isText(entry.next || "", NOTE_LENGTH)) { bad(where + "'s next step is longer than " + NOTE_LENGTH + " characters or holds control characters."); return; }
      if (!Array.isArray(entry.followups) || entry.followups.length !== lesson.followups.length ||
          entry.followups.some(function (d) { return d !== "" && !parseDate(d); })) {
        bad(where + " (" + lesson.title + ") does not mark each of its " + lesson.followups.length + " follow-ups as a date done or blank.");
        return;
      }
      entries[entry.id] = true;
      state.log.push({ id: entry.id, date: entry.date, rep: entry.rep, lesson: entry.lesson, levels: entry.levels.slice(),
        next: entry.next || "", followups: entry.followups.slice() });
    });

    if (input.indicators !== undefined && !isObject(input.indicators)) bad("The indicator notes are not in the right shape.");
    Object.keys(isObject(input.indicators) ? input.indicators : {}).slice(0, 500).forEach(function (key) {
      var noted = input.indicators[key];
      if (!isText(key, 200) || !isObject(noted) || !isText(noted.baseline || "", 200) || !isText(noted.latest || "", 200)) {
        bad("An indicator note is not in the right shape."); return;
      }
      state.indicators[key] = { baseline: noted.baseline || "", latest: noted.latest || "" };
    });

    if (input.watch !== undefined && !isObject(input.watch)) bad("The indicators to watch are not in the right shape.");
    Object.keys(isObject(input.watch) ? input.watch : {}).forEach(function (skill) {
      if (!data.skills[skill]) { unknown.skills[skill] = true; return; }
      if (!isText(input.watch[skill], 200)) { bad("An indicator to watch is not in the right shape."); return; }
      state.watch[skill] = input.watch[skill];
    });

    var gone = [];
    var kinds = { lessons: "lesson", skills: "skill", tracks: "track" };
    Object.keys(unknown).forEach(function (kind) {
      var names = Object.keys(unknown[kind]);
      if (names.length) {
        gone.push(names.length + " " + kinds[kind] + (names.length === 1 ? "" : "s") + " (" +
          names.slice(0, 5).join(", ") + (names.length > 5 ? ", ..." : "") + ")");
      }
    });
    if (gone.length) {
      return { ok: false, message: "This backup names " + gone.join(" and ") + " that this site no longer has: " +
        "the curriculum changed since it was saved. Ask whoever runs the site which lessons replaced them." };
    }
    if (problems.length) return { ok: false, message: problems.join(" ") };
    return { ok: true, state: state };
  }

  /** The plan this browser keeps, from the text stored (null when there is none): {ok: true, state},
   * a new plan when nothing is stored, or {ok: false, message} when what is stored is not a plan
   * this site reads (anything may be there: null, a list, text that is not JSON, an older format). */
  function readStored(text, data, today) {
    if (text === null || text === undefined || text === "") return { ok: true, state: emptyState(today) };
    var parsed;
    try { parsed = JSON.parse(text); } catch (e) { return { ok: false, message: "It is not JSON." }; }
    if (!isObject(parsed)) {
      var what = parsed === null ? "null" : Array.isArray(parsed) ? "a list" : "a " + typeof parsed;
      return { ok: false, message: "It is " + what + ", not a plan." };
    }
    return checkState(parsed, data);
  }

  /** Read a backup file's text: {ok: true, state} or {ok: false, message}. */
  function readBackup(text, data) {
    if (typeof text !== "string") return { ok: false, message: "The file could not be read." };
    if (text.length > MAX_BYTES) {
      return { ok: false, message: "This file is " + (Math.round(text.length / 100000) / 10) +
        " MB; a plan and log backup is far smaller (under 2 MB), so it is not one." };
    }
    var parsed;
    try { parsed = JSON.parse(text); } catch (e) {
      return { ok: false, message: "This file is not a coaching plan backup: it is not JSON (a backup is the .json file the Export button saves)." };
    }
    if (!isObject(parsed) || parsed.app !== APP) {
      return { ok: false, message: "This file is JSON but not a coaching plan backup (a backup is the .json file the Export button saves)." };
    }
    return checkState(parsed, data);
  }

  return {
    VERSION: VERSION, APP: APP, QUARTER_WEEKS: QUARTER_WEEKS, BLOCK_WEEKS: BLOCK_WEEKS, LEVELS: LEVELS,
    OBSERVED: OBSERVED, LEVEL_LABELS: LEVEL_LABELS, WEEKDAYS: WEEKDAYS, GUIDANCE: GUIDANCE, MAX_BYTES: MAX_BYTES,
    parseDate: parseDate, addDays: addDays, daysBetween: daysBetween, weekday: weekday, localDay: localDay,
    nextMonday: nextMonday, shortDate: shortDate, parseTime: parseTime, duration: duration, hours: hours,
    sessionCost: sessionCost, costFor: costFor, perMonth: perMonth, trackCost: trackCost,
    emptyState: emptyState, newRep: newRep, nameProblem: nameProblem, repById: repById, repName: repName,
    tiers: tiers, focus: focus, suggestions: suggestions, withOneRep: withOneRep, lessonsFor: lessonsFor, blockCount: blockCount,
    planWeeks: planWeeks, schedule: schedule, withWhom: withWhom, toICS: toICS,
    newEntry: newEntry, followupStatus: followupStatus, logRows: logRows, toCSV: toCSV,
    scorecard: scorecard, coachedSkills: coachedSkills, backup: backup, checkState: checkState, readBackup: readBackup,
    readStored: readStored, startProblem: startProblem,
  };
});
