"""Stage 3, model: turn validated documents into read-only records and the indexes pages need."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator import spec
from generator.cache import PreviewCache
from generator.fieldtypes import Record
from generator.load import Document
from generator.validate import Documents


@dataclass(frozen=True)
class Curriculum:
    """Lessons, skills and tracks by id (each sorted by title), with the links between them."""

    lessons: Mapping[str, Record]
    skills: Mapping[str, Record]
    tracks: Mapping[str, Record]
    lessons_by_skill: Mapping[str, tuple[str, ...]]
    tracks_by_lesson: Mapping[str, tuple[str, ...]]
    required_by: Mapping[str, tuple[str, ...]]
    """For each lesson, the lessons that list it as a prerequisite."""

    @staticmethod
    def sessions(track: Record) -> tuple[Record, ...]:
        """Every session of a track, in order."""
        return tuple(session for week in track.weeks for session in week.sessions)


def build_model(documents: Documents, cache: PreviewCache | None = None) -> Curriculum:
    """Build the model from documents that passed ``validate`` (it trusts their shape).

    With a preview ``cache``, a document seen before (an unchanged file) gets its record back
    instead of a new one.
    """

    def record(kind: str, doc: Document) -> Record:
        def build() -> Record:
            # Where the file lives in the project (curriculum/lessons/x.yaml), whatever the working
            # folder: the published pages show it, and must not depend on where the build ran.
            source = "/".join(doc.source.parts[-3:])
            return Record({**spec.KINDS[kind].build(doc.data), "source": source})

        return cache.reuse(("record", doc.file), doc, build) if cache is not None else build()

    records = {
        kind: sorted((record(kind, doc) for doc in docs), key=lambda r: (r.title.casefold(), r.id))
        for kind, docs in documents.items()
    }
    lessons = {r.id: r for r in records.get("lesson", ())}
    skills = {r.id: r for r in records.get("skill", ())}
    tracks = {r.id: r for r in records.get("track", ())}
    by_skill: dict[str, list[str]] = {s: [] for s in skills}
    required_by: dict[str, list[str]] = {i: [] for i in lessons}
    for ident, lesson in lessons.items():  # in title order, so every index lists by title
        for skill in lesson.skills:
            by_skill[skill].append(ident)
        for prerequisite in lesson.prerequisites:
            required_by[prerequisite].append(ident)
    by_lesson: dict[str, dict[str, None]] = {i: {} for i in lessons}
    for ident, track in tracks.items():
        for week in track.weeks:
            for session in week.sessions:
                by_lesson[session.lesson][ident] = None
    return Curriculum(
        lessons=lessons,
        skills=skills,
        tracks=tracks,
        lessons_by_skill={s: tuple(ids) for s, ids in by_skill.items()},
        tracks_by_lesson={i: tuple(ids) for i, ids in by_lesson.items()},
        required_by={i: tuple(ids) for i, ids in required_by.items()},
    )
