"""A manager's time, counted honestly: a one-on-one or ride-along costs its minutes once per rep.

Every figure is a straight line in the team size ``n``: some minutes once, plus some per rep. So a
session's cost is kept as those coefficients (``Cost``), a page prints the figure for the track's
team size and carries the coefficients for the browser, which recomputes them when the manager
types another team size. The browser-side planner uses the same rule; its totals match these to
the minute.

The rule, for lesson L run in format f with a team of n:

- one-on-one or ride-along: sessions L.minutes × n, prep L.prep.minutes × n (each rep's deal is
  prepared separately);
- self-study: a lesson for the manager costs its minutes and prep once; a lesson for the reps
  costs only the prep, once (setting it up and checking the work);
- team meeting, workshop: minutes and prep once.

Each rep receives L.minutes of coaching from a session of a lesson for the reps, unless it is
self-study. Pure functions of the records; nothing here touches a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from generator.fieldtypes import Record

DEFAULT_REPS = 8
"""The team size time figures assume when a track names none."""
PER_REP_FORMATS = ("one-on-one", "ride-along")
"""Formats a manager runs once with each rep: their minutes count once per rep."""
GUIDANCE = (180, 300)
"""Analysts' guidance on coaching each seller gets, in minutes a month: roughly 3-5 hours."""
GUIDANCE_FROM_WEEKS = 4
"""Shorter plans are an event, not a rhythm: they state each rep's total instead of a month's."""
WEEKS_A_MONTH = (52, 12)
"""A month is 52/12 weeks."""


def round_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` to the nearest whole number, halves up (as the browser's Math.round
    does for positive numbers)."""
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True)
class Cost:
    """Minutes of the manager's time as coefficients of the team size, and the coaching each rep gets."""

    once_session: int = 0
    per_rep_session: int = 0
    once_prep: int = 0
    per_rep_prep: int = 0
    received_per_rep: int = 0
    """Minutes of coaching each rep receives (whatever the team size)."""

    def __add__(self, other: Cost) -> Cost:
        return Cost(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Cost)))

    @property
    def once(self) -> int:
        return self.once_session + self.once_prep

    @property
    def per_rep(self) -> int:
        return self.per_rep_session + self.per_rep_prep

    def sessions(self, reps: int) -> int:
        return self.once_session + self.per_rep_session * reps

    def prep(self, reps: int) -> int:
        return self.once_prep + self.per_rep_prep * reps

    def total(self, reps: int) -> int:
        return self.once + self.per_rep * reps


def is_per_rep(format: str) -> bool:
    """Whether a format is run once with each rep."""
    return format in PER_REP_FORMATS


def session_cost(lesson: Record, format: str) -> Cost:
    """The cost of running ``lesson`` once in ``format``, by the rule in this module's docstring."""
    for_reps = lesson.audience != "manager"  # no audience means the reps
    received = lesson.minutes if for_reps and format != "self-study" else 0
    if is_per_rep(format):
        return Cost(per_rep_session=lesson.minutes, per_rep_prep=lesson.prep.minutes, received_per_rep=received)
    if format == "self-study" and for_reps:
        return Cost(once_prep=lesson.prep.minutes)
    return Cost(once_session=lesson.minutes, once_prep=lesson.prep.minutes, received_per_rep=received)


def sessions_cost(lessons: Mapping[str, Record], sessions: Iterable[Record]) -> Cost:
    """The summed cost of some track sessions (each with a ``lesson`` id and a ``format``)."""
    return sum((session_cost(lessons[s.lesson], s.format) for s in sessions), Cost())


def lesson_costs(lesson: Record) -> tuple[tuple[str, Cost], ...]:
    """The cost of the lesson in each of its formats, per-rep formats first."""
    ordered = sorted(lesson.formats, key=lambda f: not is_per_rep(f))
    return tuple((f, session_cost(lesson, f)) for f in ordered)


@dataclass(frozen=True)
class TrackEffort:
    """A track's cost: in all, for each entry of its plan and for each week number."""

    reps: int
    """The team size the track's figures assume."""
    cost: Cost
    entries: tuple[Cost, ...]
    """One per entry of the plan (a week, or a labelled block of one), in order."""
    weeks: tuple[tuple[int, Cost], ...]
    """(week number, cost of all its entries), in the order the weeks first appear."""

    @property
    def week_count(self) -> int:
        return len(self.weeks)

    def average(self, reps: int) -> int:
        """The manager's minutes in a week on average, to the nearest minute."""
        return round_half_up(self.cost.total(reps), self.week_count)

    def busiest(self, reps: int) -> tuple[int, int]:
        """(week number, minutes) of the week that takes the most time; the earliest on a tie."""
        return max(((week, cost.total(reps)) for week, cost in self.weeks), key=lambda w: w[1])

    @property
    def received_per_month(self) -> int:
        """Minutes of coaching each rep gets in a month of the plan, to the nearest minute."""
        weeks, months = WEEKS_A_MONTH
        return round_half_up(self.cost.received_per_rep * weeks, months * self.week_count)

    @property
    def verdict(self) -> str | None:
        """Each rep's coaching against the 3-5 hours a month: "below", "within" or "above"; None for a
        plan under four weeks."""
        if self.week_count < GUIDANCE_FROM_WEEKS:
            return None
        weeks, months = WEEKS_A_MONTH
        exact = self.cost.received_per_rep * weeks  # minutes a month × months × week count
        low, high = (g * months * self.week_count for g in GUIDANCE)
        return "below" if exact < low else "above" if exact > high else "within"


def track_reps(track: Record) -> int:
    """The team size a track's figures assume: its ``reps``, or the default."""
    return track.reps or DEFAULT_REPS


def track_effort(track: Record, lessons: Mapping[str, Record]) -> TrackEffort:
    entries = tuple(sessions_cost(lessons, week.sessions) for week in track.weeks)
    weeks: dict[int, Cost] = {}
    for week, cost in zip(track.weeks, entries, strict=True):
        weeks[week.week] = weeks.get(week.week, Cost()) + cost
    return TrackEffort(track_reps(track), sum(entries, Cost()), entries, tuple(weeks.items()))
