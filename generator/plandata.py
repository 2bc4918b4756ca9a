"""The lesson data the browser-side planner, coaching log and scorecard read: one JSON file.

Written from the model (never scraped from pages), with only what those pages need: each lesson's
length, prep, formats, rubric behaviours, follow-up days and indicators; each skill's observable
levels and lessons; each track's weeks. Addresses are relative to the site's root.
"""

from __future__ import annotations

import json

from generator import spec
from generator.effort import DEFAULT_REPS, PER_REP_FORMATS, track_reps
from generator.model import Curriculum

VERSION = 1
"""Raised when a field the pages read changes meaning."""


def plan_data(c: Curriculum) -> str:
    lessons = {
        l.id: {
            "title": l.title,
            "minutes": l.minutes,
            "prep": l.prep.minutes,
            "formats": list(l.formats),
            "audience": l.audience or "reps",
            "skills": list(l.skills),
            "levels": list(l.levels),
            "rubric": [r.behaviour for r in l.rubric],
            "rubricLevels": [{"weak": r.weak, "solid": r.solid, "strong": r.strong} for r in l.rubric],
            "followups": [{"day": f.day, "action": f.action} for f in l.reinforcement],
            "indicators": [{"metric": i.metric, "direction": i.direction, "how": i.how} for i in l.indicators],
            "page": f"lessons/{l.id}/",
            "runSheet": f"lessons/{l.id}/run-sheet/",
        }
        for l in c.lessons.values()
    }
    skills = {
        s.id: {
            "title": s.title,
            "levels": [{"name": v.name, "looksLike": v.looks_like} for v in s.levels],
            "lessons": list(c.lessons_by_skill[s.id]),
        }
        for s in c.skills.values()
    }
    tracks = {
        t.id: {
            "title": t.title,
            "reps": track_reps(t),
            "page": f"tracks/{t.id}/",
            "weeks": [
                {"week": w.week, "label": w.label or f"Week {w.week}", "focus": w.focus,
                 "sessions": [{"lesson": s.lesson, "format": s.format, "note": s.note or ""} for s in w.sessions]}
                for w in t.weeks
            ],
        }
        for t in c.tracks.values()
    }
    data = {
        "version": VERSION,
        "defaultReps": DEFAULT_REPS,
        "perRepFormats": list(PER_REP_FORMATS),
        "formats": spec.FORMATS,
        "lessons": lessons,
        "skills": skills,
        "tracks": tracks,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
