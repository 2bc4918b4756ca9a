// The plan, calendar, log, scorecard and backup logic on its own (node --test tests/js/).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const P = require("../../generator/assets/plan.js");

function lesson(id, minutes, prep, formats, extra) {
  return Object.assign({
    title: "Lesson " + id, minutes, prep, formats, audience: "reps", skills: ["discovery"], levels: ["developing"],
    rubric: ["Follow-up questions", "Cost stated"], followups: [{ day: 2, action: "Ask how it went" }, { day: 7, action: "Listen to a call" }],
    indicators: [{ metric: "Calls with a stated cost", direction: "up", how: "CRM notes, weekly" }],
    page: "lessons/" + id + "/", runSheet: "lessons/" + id + "/run-sheet/",
  }, extra || {});
}

const DATA = {
  version: 1, defaultReps: 8, perRepFormats: ["one-on-one", "ride-along"],
  lessons: {
    team: lesson("team", 20, 10, ["team-meeting"]),
    one: lesson("one", 15, 5, ["one-on-one"]),
    ride: lesson("ride", 60, 10, ["ride-along"]),
    study: lesson("study", 30, 5, ["self-study"], { audience: "manager", skills: ["coaching"] }),
    reps_study: lesson("reps_study", 40, 5, ["self-study"]),
    deeper: lesson("deeper", 30, 5, ["one-on-one"], { skills: ["closing"] }),
    close2: lesson("close2", 15, 5, ["one-on-one"], { skills: ["closing"] }),
  },
  skills: {
    discovery: { title: "Discovery", levels: [{ name: "Starting" }, { name: "Solid" }, { name: "Strong" }], lessons: ["one", "team", "ride"] },
    closing: { title: "Closing", levels: [{ name: "Starting" }, { name: "Solid" }, { name: "Strong" }], lessons: ["deeper", "close2"] },
    coaching: { title: "Coaching", levels: [{ name: "New" }, { name: "Good" }], lessons: ["study"] },
  },
  tracks: {
    plan: {
      title: "A plan", reps: 8, weeks: [
        { week: 1, label: "Week 1", focus: "Open", sessions: [
          { lesson: "study", format: "self-study", note: "" },
          { lesson: "team", format: "team-meeting", note: "" },
          { lesson: "one", format: "one-on-one", note: "Use a real deal" },
          { lesson: "deeper", format: "one-on-one", note: "" }] },
        { week: 2, label: "Week 2", focus: "Ride", sessions: [
          { lesson: "ride", format: "ride-along", note: "" }, { lesson: "reps_study", format: "self-study", note: "" }] },
      ],
    },
  },
};

function team(count, start) {
  const state = P.emptyState("2027-01-06");
  state.start = start || "2027-01-11";
  state.track = "plan";
  state.team = { weekday: 1, time: "09:00" };
  for (let i = 0; i < count; i++) state.reps.push(P.newRep(state, "Rep " + (i + 1)));
  return state;
}

test("a one-on-one costs its minutes and prep once per rep; a team meeting once", () => {
  assert.deepEqual(P.costFor(P.sessionCost(DATA, "one", "one-on-one"), 8), { session: 120, prep: 40, total: 160 });
  assert.deepEqual(P.costFor(P.sessionCost(DATA, "team", "team-meeting"), 8), { session: 20, prep: 10, total: 30 });
  assert.deepEqual(P.costFor(P.sessionCost(DATA, "study", "self-study"), 8), { session: 30, prep: 5, total: 35 });
  // Reps study alone: the manager sets it up.
  assert.deepEqual(P.costFor(P.sessionCost(DATA, "reps_study", "self-study"), 8), { session: 0, prep: 5, total: 5 });
  assert.equal(P.sessionCost(DATA, "team", "team-meeting").received, 20);
  assert.equal(P.sessionCost(DATA, "study", "self-study").received, 0);
});

test("the plan's total for a team equals the track counted per rep", () => {
  for (const reps of [1, 3, 8]) {
    const plan = P.schedule(team(reps), DATA);
    const track = P.trackCost(DATA, "plan", reps);
    assert.equal(plan.total, track.total, "reps " + reps);
    assert.equal(plan.session + plan.prep, plan.total);
  }
  const plan = P.schedule(team(8), DATA);
  assert.equal(plan.busiest, Math.max(...plan.weeks.map((w) => w.total)));
  assert.equal(plan.average, plan.total / 2);
});

test("sessions land on the weekdays and times chosen, never before the start", () => {
  const state = team(3);
  state.reps[0].weekday = 3; state.reps[0].time = "10:00";
  const plan = P.schedule(state, DATA);
  const week1 = plan.weeks[0].events;
  const meeting = week1.filter((e) => e.kind === "team");
  assert.deepEqual(meeting.map((e) => [e.date, e.time]), [["2027-01-12", "09:00"]]); // Tuesday, not Monday+1
  const first = week1.filter((e) => e.rep === state.reps[0].id);
  // Two one-on-ones that week for the rep: back to back from 10:00 on Thursday.
  assert.deepEqual(first.map((e) => [e.date, e.time, e.lesson]), [["2027-01-14", "10:00", "one"], ["2027-01-14", "10:15", "deeper"]]);
  const self = week1.filter((e) => e.kind === "self");
  assert.deepEqual(self.map((e) => [e.date, e.time]), [["2027-01-11", ""]]);
  // Started on a Wednesday: the Tuesday meeting of week 1 is the next Tuesday, within the week.
  const late = P.schedule(team(1, "2027-01-13"), DATA);
  const tuesday = late.weeks[0].events.find((e) => e.kind === "team");
  assert.equal(tuesday.date, "2027-01-19");
  for (const week of late.weeks) for (const e of week.events) {
    assert.ok(e.date >= week.start && e.date <= week.end, JSON.stringify(e));
  }
});

test("every session has its own uid, and changing a lesson keeps it", () => {
  const state = team(8);
  const before = P.schedule(state, DATA).weeks.flatMap((w) => w.events);
  const uids = before.map((e) => e.uid);
  assert.equal(new Set(uids).size, uids.length);
  assert.equal(before.length, 1 + 1 + 8 * 2 + 8 + 1);
  state.overrides[state.reps[2].id] = { "w1-0-2": "close2" };
  const after = P.schedule(state, DATA).weeks.flatMap((w) => w.events);
  const changed = after.find((e) => e.rep === state.reps[2].id && e.slot === "w1-0-2");
  assert.equal(changed.lesson, "close2");
  assert.ok(uids.includes(changed.uid));
  // "" skips the session for that rep.
  state.overrides[state.reps[2].id]["w2-1-0"] = "";
  assert.equal(P.schedule(state, DATA).weeks[1].events.filter((e) => e.rep === state.reps[2].id).length, 0);
});

test("the calendar file is valid RFC 5545: CRLF, folded at 75 octets, text escaped", () => {
  const state = team(2);
  state.reps[0].name = "Zoë, \"the closer\"; <b>";
  const ics = P.toICS(state, DATA, "https://coach.example.org/team/", new Date(Date.UTC(2027, 0, 6, 8, 30)));
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  assert.ok(ics.endsWith("END:VCALENDAR\r\n"));
  for (const line of ics.split("\r\n")) assert.ok(Buffer.byteLength(line) <= 75, line);
  assert.ok(!/[^\r]\n/.test(ics));
  const unfolded = ics.replace(/\r\n /g, "");
  assert.ok(unfolded.includes("SUMMARY:1:1 with Zoë\\, \"the closer\"\\; <b>: Lesson one"));
  assert.ok(unfolded.includes("DTSTAMP:20270106T083000Z"));
  assert.ok(unfolded.includes("DTSTART:20270111T100000\r\nDURATION:PT15M"));
  assert.ok(unfolded.includes("DTSTART;VALUE=DATE:20270111\r\nDTEND;VALUE=DATE:20270112"));
  assert.ok(unfolded.includes("Run sheet: https://coach.example.org/team/lessons/one/run-sheet/"));
  assert.ok(unfolded.includes("- Wed 13 Jan (day 2): Ask how it went"));
  assert.equal(unfolded.match(/BEGIN:VEVENT/g).length, P.schedule(state, DATA).weeks.reduce((n, w) => n + w.events.length, 0));
});

test("diagnosis: the middle of the team gets two focus skills, the ends one; overrides win", () => {
  const state = team(4);
  state.track = "";
  const levels = [[0, 0], [1, 0], [1, 1], [2, 1]]; // bottom, middle, middle, top by average
  state.reps.forEach((rep, i) => { rep.ratings = { discovery: levels[i][0], closing: levels[i][1] }; });
  const focus = P.focus(state, DATA);
  assert.deepEqual(state.reps.map((r) => focus[r.id].tier), ["bottom", "middle", "middle", "top"]);
  assert.deepEqual(focus[state.reps[1].id].blocks[0].skills, ["closing", "discovery"]);
  assert.deepEqual(focus[state.reps[0].id].blocks[0].skills, ["discovery"]);
  assert.deepEqual(focus[state.reps[3].id].blocks[0].skills, ["closing"]);
  const suggested = P.suggestions(state, DATA);
  const middle = suggested[state.reps[1].id];
  assert.deepEqual([middle[1], middle[2], middle[3]], ["deeper", "one", "close2"]);
  assert.equal(suggested[state.reps[3].id][2], undefined); // top: every other week
  state.focus[state.reps[3].id] = { 0: ["discovery"] };
  assert.deepEqual(P.focus(state, DATA)[state.reps[3].id].blocks[0], { skills: ["discovery"], chosen: true });
  // Without a track the plan is the suggestions, in each rep's own slot.
  const plan = P.schedule(state, DATA);
  assert.equal(plan.weeks[0].events.find((e) => e.rep === state.reps[1].id).lesson, "deeper");
  assert.equal(plan.count, 12);
});

test("the log's CSV quotes text and never lets a cell run as a formula", () => {
  const state = team(1);
  const entry = P.newEntry(DATA, "one", "2027-01-14", state.reps[0].id);
  entry.levels = ["solid", "not-seen"];
  entry.next = "=HYPERLINK(\"http://x\"), then call \"Bob\"\nagain";
  entry.followups = ["2027-01-15", ""];
  state.log.push(entry);
  const csv = P.toCSV(state, DATA, "2027-02-01");
  const lines = csv.split("\r\n");
  assert.equal(lines[0], "Date,Rep,Lesson,Lesson id,Levels observed,Next step,Follow-ups done,Follow-ups on time");
  assert.ok(lines[1].startsWith("2027-01-14,Rep 1,Lesson one,one,Follow-up questions: Solid; Cost stated: Not seen,\"'=HYPERLINK(\"\"http://x\"\"), then call \"\"Bob\"\""));
  assert.ok(csv.endsWith(",1 of 2,1 of 2\r\n"));
});

test("the scorecard counts sessions held against the plan, follow-ups on time and level changes", () => {
  const state = team(2);
  const [a, b] = state.reps;
  const log = (date, rep, lessonId, levels, followups) => {
    const e = P.newEntry(DATA, lessonId, date, rep);
    e.levels = levels; e.followups = followups; state.log.push(e); return e;
  };
  log("2027-01-12", "", "team", ["not-seen", "not-seen"], ["2027-01-14", ""]);      // on time, missed
  log("2027-01-11", a.id, "one", ["weak", "weak"], ["2027-01-20", "2027-01-18"]);     // late, on time
  log("2027-01-19", a.id, "ride", ["strong", "not-seen"], ["", ""]);                  // not due yet (21st, 26th)
  log("2027-01-13", b.id, "one", ["solid", "weak"], ["", ""]);                        // missed, open
  const card = P.scorecard(state, DATA, "2027-01-20");
  assert.deepEqual(card.weeks.map((w) => [w.number, w.planned, w.held]), [[1, 1 + 2 * 2, 3], [2, 2, 1]]);
  assert.deepEqual(card.team, { planned: 7, held: 4 });
  assert.deepEqual(card.reps.map((r) => [r.planned, r.held]), [[3, 2], [3, 1]]);
  assert.deepEqual(card.followups, { due: 5, onTime: 2, late: 1, missed: 2, open: 3 });
  const levels = card.levels.filter((l) => l.rep === a.id);
  assert.deepEqual(levels.map((l) => [l.lesson, l.behaviour, l.first, l.latest, l.trend]),
    [["one", "Cost stated", "weak", "weak", "once"], ["one", "Follow-up questions", "weak", "weak", "once"],
      ["ride", "Follow-up questions", "strong", "strong", "once"]]);
  log("2027-01-19", a.id, "one", ["solid", "weak"], ["", ""]);
  const again = P.scorecard(state, DATA, "2027-01-20").levels.find((l) => l.rep === a.id && l.behaviour === "Follow-up questions" && l.lesson === "one");
  assert.deepEqual([again.first, again.latest, again.trend, again.count], ["weak", "solid", "up", 2]);
  // The manager picks which of a skill's numbers to watch; a backup keeps the choice.
  state.watch.discovery = "share of calls with a stated cost";
  DATA.lessons.ride.indicators = [{ metric: "Share of calls with a stated cost", direction: "up", how: "CRM" }];
  const watched = P.scorecard(state, DATA, "2027-01-20").indicators.find((i) => i.skill === "discovery");
  assert.deepEqual([watched.metric, watched.options.length], ["Share of calls with a stated cost", 2]);
  assert.deepEqual(P.readBackup(P.backup(state, new Date()), DATA).state.watch, state.watch);
  DATA.lessons.ride.indicators = DATA.lessons.one.indicators;
  // Before the plan starts, nothing is due.
  assert.deepEqual(P.scorecard(state, DATA, "2027-01-01").team, { planned: 0, held: 0 });
  // One number to watch per coached skill, from the plan's lessons first.
  assert.deepEqual(card.indicators.map((i) => [i.skill, i.metric]),
    [["discovery", "Calls with a stated cost"], ["closing", "Calls with a stated cost"], ["coaching", "Calls with a stated cost"]]);
});

test("a backup reads back as the same state", () => {
  const state = team(3);
  state.reps[1].ratings = { discovery: 2 };
  state.focus[state.reps[1].id] = { 0: ["closing"] };
  state.overrides[state.reps[0].id] = { "w1-0-2": "close2" };
  state.log.push(P.newEntry(DATA, "one", "2027-01-14", state.reps[0].id));
  state.indicators["calls with a stated cost"] = { baseline: "12%", latest: "30%" };
  const read = P.readBackup(P.backup(state, new Date()), DATA);
  assert.ok(read.ok, read.message);
  assert.deepEqual(read.state, state);
});

test("bad and hostile backups are refused with a message saying why", () => {
  const good = JSON.parse(P.backup(team(2), new Date()));
  const cases = [
    ["not json {", /not JSON/],
    [JSON.stringify({ hello: 1 }), /JSON but not a coaching plan backup/],
    [JSON.stringify(Object.assign({}, good, { version: 9 })), /newer version of the site \(backup version 9; this site reads version 1\)/],
    [JSON.stringify(Object.assign({}, good, { version: "1" })), /no version this site can read/],
    ["x".repeat(P.MAX_BYTES + 1), /MB; a plan and log backup is far smaller/],
    [JSON.stringify(Object.assign({}, good, { reps: [Object.assign({}, good.reps[0], { name: "<img src=x onerror=alert(1)>" })] })), /Rep 1's name: Names are plain text: leave out < and >/],
    [JSON.stringify(Object.assign({}, good, { track: "retired-track", log: [Object.assign(P.newEntry(DATA, "one", "2027-01-14", ""), { lesson: "retired-lesson" })] })),
      /names 1 lesson \(retired-lesson\) and 1 track \(retired-track\) that this site no longer has/],
    [JSON.stringify(Object.assign({}, good, { log: [Object.assign(P.newEntry(DATA, "one", "2027-01-14", ""), { levels: ["great"] })] })), /one level .* for each of its 2 rubric behaviours/],
    [JSON.stringify(Object.assign({}, good, { reps: "everyone" })), /list of reps is missing/],
    [JSON.stringify([1, 2]), /JSON but not a coaching plan backup/],
  ];
  for (const [text, message] of cases) {
    const read = P.readBackup(text, DATA);
    assert.equal(read.ok, false, text.slice(0, 80));
    assert.match(read.message, message);
  }
});

test("names are checked as plain text of a sensible length", () => {
  assert.equal(P.nameProblem("Ana K."), "");
  assert.match(P.nameProblem(""), /Type a name/);
  assert.match(P.nameProblem("a".repeat(41)), /40 characters/);
  assert.match(P.nameProblem("<script>"), /plain text/);
  assert.match(P.nameProblem("tab\there"), /control characters/);
});

test("dates: only real days parse, and a new plan starts next Monday", () => {
  assert.equal(P.parseDate("2027-02-30"), null);
  assert.equal(P.parseDate("2027-1-1"), null);
  assert.equal(P.nextMonday("2026-12-03"), "2026-12-07");
  assert.equal(P.nextMonday("2026-12-07"), "2026-12-14");
  assert.equal(P.shortDate("2027-01-12"), "Tue 12 Jan");
  assert.equal(P.duration(75), "1 h 15 min");
  assert.equal(P.duration(120), "2 h");
});

test("what the browser stores for the planner: nothing is a new plan, anything unreadable says why", () => {
  assert.equal(P.readStored(null, DATA, "2026-12-03").ok, true);
  assert.equal(P.readStored(null, DATA, "2026-12-03").state.start, "2026-12-07");
  const good = P.backup(team(2), new Date());
  assert.deepEqual(P.readStored(good, DATA, "2026-12-03").state, P.readBackup(good, DATA).state);
  for (const [stored, message] of [["null", /It is null, not a plan/], ["[]", /It is a list, not a plan/],
    ["42", /It is a number, not a plan/], ['"x"', /It is a string, not a plan/], ["{not json", /It is not JSON/],
    ["{}", /no version this site can read/]]) {
    const read = P.readStored(stored, DATA, "2026-12-03");
    assert.equal(read.ok, false, stored);
    assert.match(read.message, message);
  }
});

test("a plan starts within five years of today, on a real day; a stored one within 1900 to 2999", () => {
  assert.equal(P.startProblem("2027-03-01", "2026-12-03"), "");
  for (const day of ["9999-12-31", "2020-12-31", "2032-01-01", "0050-01-01"]) {
    assert.equal(P.startProblem(day, "2026-12-03"), day === "0050-01-01"
      ? "Pick the plan's first day from the calendar, or type it as 2026-12-03."
      : "Pick a first day between 1 Jan 2021 and 31 Dec 2031.", day);
  }
  assert.equal(P.parseDate("0050-01-01"), null);  // not 1950
  const far = JSON.parse(P.backup(team(1), new Date()));
  far.start = "9999-12-31";
  assert.match(P.readBackup(JSON.stringify(far), DATA).message, /start date is not between 1900 and 2999/);
});
