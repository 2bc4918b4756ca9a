"""Calendar files (RFC 5545, written with the icalendar package) for lessons and tracks.

Times are floating (no time zone): 10:00 means 10:00 wherever the manager's calendar is. The files
start on ``start`` (a Monday the pipeline chooses); the page's small form shifts every date in the
browser to the start the manager picks, so a track's weeks fall on the weekday picked. Everything
here is a pure function of its arguments, so two builds of the same content and start date give the
same bytes.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from generator import spec
from generator.effort import is_per_rep, session_cost
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


def _how(lesson: Record, format: str) -> str:
    """The session's format and the manager's prep, as the event's description says them."""
    name = spec.FORMATS[format]
    if is_per_rep(format):
        return (f"{name}: run it with each rep, {lesson.minutes} min each; "
                f"prep {lesson.prep.minutes} min per rep.")
    if not session_cost(lesson, format).once_session:
        return f"{name}: the reps work through it on their own; {lesson.prep.minutes} min to set it up and check it."
    return f"Format: {name}. Prep {lesson.prep.minutes} min."


def track_calendar(track: Record, curriculum: Curriculum, start: dt.date, stamp: dt.datetime) -> bytes:
    """Every session of the plan: week N's sessions on ``start`` + 7 × (N − 1) days from 10:00, back to
    back, so each week falls on the weekday the plan starts on."""
    calendar = _calendar(track.title)
    cursor: dict[int, dt.datetime] = {}
    for w, week in enumerate(track.weeks):
        day = start + dt.timedelta(weeks=week.week - 1)
        at = cursor.get(week.week, dt.datetime.combine(day, SESSION_TIME))
        for s, session in enumerate(week.sessions):
            lesson = curriculum.lessons[session.lesson]
            label = week.label or f"Week {week.week}"
            calendar.add_component(_event(
                f"{track.id}-{w}-{s}", at, lesson.minutes, f"{label}: {lesson.title}",
                f"{track.title}. Focus: {week.focus}. {_how(lesson, session.format)} "
                f"Objective: {lesson.objective}",
                stamp,
            ))
            at += dt.timedelta(minutes=lesson.minutes)
        cursor[week.week] = at
    return calendar.to_ical()
