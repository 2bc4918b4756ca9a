"""The home page starts from the manager's situation: each one picks a few lessons and a filter.

The picks are computed from the lessons' own fields (format, minutes, timing, level, audience), so
a new lesson shows up where it fits without anyone editing the home page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from generator import spec
from generator.fieldtypes import Record
from generator.model import Curriculum

SHOWN = 4


@dataclass(frozen=True)
class Situation:
    key: str
    title: str
    text: str
    query: str
    """The catalogue filter that shows every lesson for this situation, as a URL query."""
    lessons: tuple[Record, ...]
    tracks: tuple[Record, ...] = ()


def _spread(lessons: Iterable[Record], prefer: Callable[[Record], int] = lambda _: 0,
            count: int = SHOWN) -> tuple[Record, ...]:
    """Up to ``count`` lessons, one per skill first, so the picks cover different problems.

    Lower ``prefer`` values come first; ties keep the catalogue's order (by title).
    """
    pool = sorted(lessons, key=prefer)
    first: dict[str, Record] = {}
    for lesson in pool:
        first.setdefault(lesson.skills[0], lesson)
    picked = list(first.values())[:count]
    chosen = {lesson.id for lesson in picked}
    picked += [lesson for lesson in pool if lesson.id not in chosen][: count - len(picked)]
    return tuple(picked)


def _where(curriculum: Curriculum, test: Callable[[Record], bool]) -> list[Record]:
    return [lesson for lesson in curriculum.lessons.values() if test(lesson)]


def _manager_tracks(curriculum: Curriculum) -> tuple[Record, ...]:
    """Tracks that are mostly lessons for the manager: the learn-to-coach plans."""
    found = []
    for track in curriculum.tracks.values():
        sessions = curriculum.sessions(track)
        own = sum(curriculum.lessons[s.lesson].audience == "manager" for s in sessions)
        if own * 2 > len(sessions):
            found.append(track)
    return tuple(found)


def _veteran_tracks(curriculum: Curriculum) -> tuple[Record, ...]:
    """Tracks whose every lesson suits veterans."""
    return tuple(
        track for track in curriculum.tracks.values()
        if all("veteran" in curriculum.lessons[s.lesson].levels for s in curriculum.sessions(track))
    )


def situations(curriculum: Curriculum) -> tuple[Situation, ...]:
    def for_reps(lesson: Record) -> bool:
        return lesson.audience != "manager"

    return (
        Situation(
            "one-on-one", "I have 15 minutes before a one-on-one",
            "Short lessons that fit inside the one-on-one you already have.",
            "format=one-on-one&time=15",
            _spread(
                _where(curriculum, lambda l: for_reps(l) and l.minutes <= 15 and "one-on-one" in l.formats),
                prefer=lambda l: ("before", "standalone", "after").index(l.timing),
            ),
        ),
        Situation(
            "team-meeting", "My team meeting is tomorrow",
            "A skill segment with a group role-play, to replace twenty minutes of pipeline review.",
            "format=team-meeting",
            _spread(_where(curriculum, lambda l: for_reps(l) and "team-meeting" in l.formats)),
        ),
        Situation(
            "before", "A rep has a big call this week",
            "Coach before the event: plan the call together while it can still change.",
            "timing=before",
            _spread(_where(curriculum, lambda l: for_reps(l) and l.timing == "before")),
        ),
        Situation(
            "after", "A rep just lost a deal, or just had a call",
            "Debriefs that start with the rep's own view and end with one thing to change.",
            "timing=after",
            _spread(_where(curriculum, lambda l: l.timing == "after")),
        ),
        Situation(
            "veteran", "My best rep won't role-play",
            "Practice a veteran respects, built on their own deals, and answers to the pushback you will hear.",
            "level=veteran&audience=manager",
            # The lesson on role-play itself answers the card first, then the rest for the manager.
            _spread(
                _where(curriculum, lambda l: l.audience == "manager" and "veteran" in l.levels),
                prefer=lambda l: 0 if "role-play" in l.title.lower() else 1,
            ),
            _veteran_tracks(curriculum),
        ),
        Situation(
            "new-coach", "I'm new to coaching",
            "Lessons for you: how to ask instead of tell, run a role-play, debrief a call.",
            "audience=manager",
            _spread(_where(curriculum, lambda l: l.audience == "manager")),
            _manager_tracks(curriculum),
        ),
    )


def catalogue_filters(curriculum: Curriculum) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """The catalogue's filters: (name, label, "any" text, options), options only where lessons are."""
    lessons = list(curriculum.lessons.values())

    def present(labels: Mapping[str, str], values: set[str]) -> list[tuple[str, str]]:
        return [(value, text) for value, text in labels.items() if value in values]

    return [
        ("time", "Time you have", "Any length",
         [(str(m), f"{m} minutes or less") for m in (15, 30, 45) if any(l.minutes <= m for l in lessons)]),
        ("format", "Meeting", "Any meeting", present(spec.FORMATS, {f for l in lessons for f in l.formats})),
        ("skill", "Skill", "Any skill", [(s.id, s.title) for s in curriculum.skills.values()]),
        ("stage", "Sales stage", "Any stage", present(spec.STAGES, {l.stage for l in lessons})),
        ("level", "Rep level", "Any level", present(spec.LEVELS, {v for l in lessons for v in l.levels})),
        ("timing", "Timing", "Before, after or any time", present(spec.TIMINGS, {l.timing for l in lessons})),
        ("audience", "For", "Reps or you", present(spec.AUDIENCES, {l.audience or "reps" for l in lessons})),
    ]
