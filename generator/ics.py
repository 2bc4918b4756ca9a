"""Calendar files (RFC 5545, written with the icalendar package) for lessons and tracks.

Times are floating (no time zone): 10:00 means 10:00 wherever the manager's calendar is. The files
start on ``start`` (a Monday the pipeline chooses); the page's small form shifts every date in the
browser to the start the manager picks. Everything here is a pure function of its arguments, so two
builds of the same content and start date give the same bytes.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from generator import spec
from generator.fieldtypes import Record
from generator.model import Curriculum

PRODID = "-//Sales coaching curriculum//Lesson calendar//EN"
SESSION_TIME = dt.time(10, 0)
FOLLOW_UP_TIME = dt.time(9, 0)
FOLLOW_UP_MINUTES = 10


def next_monday(day: dt.date) -> dt.date:
    """The first Monday after ``day`` (a week later if ``day`` is a Monday)."""
    return day + dt.timedelta(days=7 - day.weekday())


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(uid: str, start: dt.datetime, minutes: int, summary: str, description: str,
           stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@sales-coaching-curriculum")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("duration", dt.timedelta(minutes=minutes))
    event.add("summary", summary)
    event.add("description", description)
    return event


def lesson_calendar(lesson: Record, start: dt.date, stamp: dt.datetime) -> bytes:
    """The session on ``start`` at 10:00, and each reinforcement follow-up at 09:00 on its day."""
    calendar = _calendar(lesson.title)
    session = dt.datetime.combine(start, SESSION_TIME)
    prep = f"Prep ({lesson.prep.minutes} min): " + "; ".join(lesson.prep.checklist)
    calendar.add_component(_event(
        f"{lesson.id}-session", session, lesson.minutes, f"Coaching: {lesson.title}",
        f"Objective: {lesson.objective}\n{prep}", stamp,
    ))
    for number, item in enumerate(lesson.reinforcement, 1):
        day = dt.datetime.combine(start + dt.timedelta(days=item.day), FOLLOW_UP_TIME)
        calendar.add_component(_event(
            f"{lesson.id}-follow-up-{number}", day, FOLLOW_UP_MINUTES,
            f"Follow-up (day {item.day}): {lesson.title}", item.action, stamp,
        ))
    return calendar.to_ical()


def track_calendar(track: Record, curriculum: Curriculum, start: dt.date, stamp: dt.datetime) -> bytes:
    """Every session of the plan: week N's sessions from the Tuesday of week N at 10:00, back to back."""
    calendar = _calendar(track.title)
    cursor: dict[int, dt.datetime] = {}
    for w, week in enumerate(track.weeks):
        day = start + dt.timedelta(weeks=week.week - 1, days=1)
        at = cursor.get(week.week, dt.datetime.combine(day, SESSION_TIME))
        for s, session in enumerate(week.sessions):
            lesson = curriculum.lessons[session.lesson]
            label = week.label or f"Week {week.week}"
            calendar.add_component(_event(
                f"{track.id}-{w}-{s}", at, lesson.minutes, f"{label}: {lesson.title}",
                f"{track.title}. Focus: {week.focus}. Format: {spec.FORMATS[session.format]}. "
                f"Prep {lesson.prep.minutes} min. Objective: {lesson.objective}",
                stamp,
            ))
            at += dt.timedelta(minutes=lesson.minutes)
        cursor[week.week] = at
    return calendar.to_ical()
