"""Stage 2, validate: check each document against its declared format, then the curriculum as a whole.

Returns every problem found; it never stops at the first one, and it never raises for bad content.
The cross-file checks read the loaded values defensively, so a file with a wrong type in one field
still has its other references checked. They say nothing more about a value the field checks already
reported: one mistake (``team meeting`` for ``team-meeting`` in a lesson) is one problem, where it is
written, not one more in every track that runs the lesson.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from generator import spec
from generator.fieldtypes import SLUG
from generator.load import Document, FieldPath, field_name
from generator.problems import Problem
from generator.suggest import did_you_mean_id

Documents = Mapping[str, Sequence[Document]]
"""Loaded documents by kind: ``{"lesson": [...], "skill": [...], "track": [...]}``."""


def validate(documents: Documents, unreadable: Mapping[str, set[str]] | None = None) -> list[Problem]:
    """Every problem in the curriculum, sorted by file, line and column.

    ``unreadable`` names, by kind, the ids (file names) of files that failed to load: references to
    them are not reported again, as the load error already says what is wrong.
    """
    problems = [p for kind, docs in documents.items() for doc in docs for p in check_fields(kind, doc)]
    return sorted(set(problems + check_across(documents, unreadable, problems)))


def check_fields(kind: str, doc: Document) -> list[Problem]:
    """The problems of one document on its own, against its declared format."""
    return list(spec.KINDS[kind].check(doc, (), doc.data))


def check_across(documents: Documents, unreadable: Mapping[str, set[str]] | None = None,
                 reported: Iterable[Problem] = ()) -> list[Problem]:
    """The problems that need several files: ids, references, cycles, sums and track formats.

    ``reported`` are the problems the field checks found: the values they are about are not checked
    again, so one mistake is reported once.
    """
    invalid = _Reported(reported)
    problems: list[Problem] = []
    problems.extend(_check_ids(documents))
    problems.extend(_check_references(documents, unreadable or {}, invalid))
    problems.extend(_check_cycles(documents.get("lesson", ())))
    for doc in documents.get("lesson", ()):
        problems.extend(_check_lesson(doc, invalid))
    problems.extend(_check_tracks(documents, invalid))
    return problems


class _Reported:
    """Which values of which files a problem was already reported for."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.fields: dict[str, set[str]] = {}
        for problem in problems:
            self.fields.setdefault(problem.file, set()).add(problem.field)

    def about(self, doc: Document, path: FieldPath, *, inside: bool = True) -> bool:
        """Whether a problem was reported for the value at ``path`` (or, with ``inside``, for any
        value within it, like ``formats[1]`` within ``formats``)."""
        fields = self.fields.get(doc.file)
        if not fields:
            return False
        name = field_name(path)
        return name in fields or inside and any(f.startswith((f"{name}.", f"{name}[")) for f in fields)


FIELD_CHECKS = (
    ("Each file is UTF-8 YAML holding one mapping of fields, with no duplicate keys and no tags beyond "
    "plain text, numbers, dates, lists and mappings, within the size, nesting and alias limits."),
    ("Every field is one the format knows (with a did-you-mean for misspellings); every required field "
    "is there and not empty."),
    ("Every value has the declared type (with an example of the right one), is within its range or list "
    "of allowed values, and one-line fields hold one line."),
    "No text holds placeholder words: TODO, TBD, FIXME, XXX, lorem ipsum, insert example, FILL IN.",
    ("No text holds a character an author cannot see: direction overrides (U+202E ...), zero-width spaces, "
    "line and paragraph separators, the next-line character, vertical tabs and other controls (tabs are fine)."),
    ("A link or image in a text has a full web address (https://..., mailto:, tel:): the printed run sheets, "
    "cards and handouts cannot follow one like other.md or #part."),
)
"""What the per-field validation checks, for the authoring guide."""


def cross_file_checks() -> tuple[str, ...]:
    """What the checks across files verify, for the authoring guide (from their docstrings)."""
    checks = (_check_ids, _check_references, _check_cycles, _check_lesson, _check_tracks)
    return tuple(" ".join((check.__doc__ or "").split()) for check in checks)


def _id(doc: Document) -> str | None:
    """The id other files may refer to the document by: its id when that is valid and matches the
    file name. A missing, malformed or mismatched id is reported once, in the file itself; the other
    checks then treat the file as having no id, and references to its name stay quiet."""
    value = doc.data.get("id")
    if isinstance(value, str) and re.match(SLUG, value) and value == PurePath(doc.file).stem:
        return value
    return None


def _check_ids(documents: Documents) -> Iterator[Problem]:
    """Each id matches its file name and is used by one file only (per kind)."""
    for docs in documents.values():
        first_file: dict[str, str] = {}
        for doc in docs:
            ident = doc.data.get("id")
            if not isinstance(ident, str) or not re.fullmatch(SLUG, ident):
                continue  # a missing or malformed id is reported by the field check
            stem = PurePath(doc.file).stem
            if ident != stem:
                yield doc.problem(
                    ("id",), f"is {ident!r} but the file is named {PurePath(doc.file).name!r}; "
                    f"rename the file to {ident}.yaml or set id: {stem}", code="CUR201",
                )
            elif ident in first_file:
                yield doc.problem(("id",), f"{ident!r} is already the id of {first_file[ident]}",
                                  code="CUR202")
            else:
                first_file[ident] = doc.file


def _check_references(documents: Documents, unreadable: Mapping[str, set[str]],
                      invalid: _Reported) -> Iterator[Problem]:
    """Every lesson and skill id a file refers to exists (with the closest ids when it does not: a
    likely typo, never the lesson itself), and no lesson lists itself."""
    known = {kind: {ident for d in docs if (ident := _id(d)) is not None} for kind, docs in documents.items()}
    # A file whose id is missing or wrong is reported once, in that file; references to its name
    # stay quiet, as do references to a file that did not load.
    quiet = {
        kind: {PurePath(d.file).stem for d in docs if _id(d) is None} | set(unreadable.get(kind, ()))
        for kind, docs in documents.items()
    }
    for kind, docs in documents.items():
        for doc in docs:
            for path, target_kind, ident in spec.KINDS[kind].references((), doc.data):
                if not re.fullmatch(SLUG, ident) or invalid.about(doc, path):
                    continue  # reported by the field check already
                if ident in quiet.get(target_kind, ()):
                    continue
                itself = _id(doc) if kind == target_kind else None
                if ident not in known.get(target_kind, ()):
                    hint = did_you_mean_id(ident, sorted(known.get(target_kind, set()) - {itself}))
                    yield doc.problem(path, f"no {target_kind} has the id {ident!r}{hint}", code="CUR203")
                elif ident == itself:
                    yield doc.problem(path, f"a {kind} cannot list itself", code="CUR204")


def _check_cycles(lessons: Sequence[Document]) -> Iterator[Problem]:
    """Prerequisites form no cycle (reported once per cycle, with the whole loop)."""
    graph: dict[str, list[str]] = {}
    docs: dict[str, Document] = {}
    for doc in lessons:
        ident, prereqs = _id(doc), doc.data.get("prerequisites")
        if ident is not None and ident not in docs:
            docs[ident] = doc
            graph[ident] = [p for p in prereqs if isinstance(p, str)] if isinstance(prereqs, list) else []
    reported: set[frozenset[str]] = set()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> Iterator[list[str]]:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                yield path[path.index(nxt):] + [nxt]
            elif nxt in graph and state.get(nxt) is None:
                yield from visit(nxt, path)
        path.pop()
        state[node] = 2

    for start in sorted(graph):
        if state.get(start) is None:
            for cycle in visit(start, []):
                members = frozenset(cycle)
                if members in reported or cycle[0] == cycle[1]:
                    continue
                reported.add(members)
                first = min(cycle[:-1], key=lambda i: docs[i].file)
                at = cycle.index(first)
                ordered = cycle[at:-1] + cycle[:at] + [first]
                doc = docs[first]
                index = graph[first].index(ordered[1])
                yield doc.problem(
                    ("prerequisites", index),
                    "prerequisites form a cycle: " + " -> ".join(ordered) + "; remove one of these links",
                    code="CUR205",
                )


def _ints(items: Any, key: str) -> list[int] | None:
    if not isinstance(items, list):
        return None
    values = [item.get(key) if isinstance(item, dict) else None for item in items]
    ok = all(isinstance(v, int) and not isinstance(v, bool) for v in values)
    return values if ok else None  # type: ignore[return-value]


def _check_lesson(doc: Document, invalid: _Reported) -> Iterator[Problem]:
    """A lesson's agenda minutes add up to its minutes (with the sum and the difference), and a lesson
    with the team-meeting format has discussion questions and says how to run it in the room."""
    data = doc.data
    minutes = data.get("minutes")
    steps = _ints(data.get("agenda"), "minutes")
    counted = (("minutes",), ("agenda",), *(("agenda", i, "minutes") for i in range(len(steps or ()))))
    if any(invalid.about(doc, path, inside=False) for path in counted):
        steps = None  # a minutes value out of range, or too few steps: reported already
    if steps is not None and isinstance(minutes, int) and not isinstance(minutes, bool):
        total = sum(steps)
        if total != minutes:
            difference = total - minutes
            yield doc.problem(
                ("agenda",),
                f"the steps add up to {total} minutes but the lesson's minutes is {minutes} "
                f"({abs(difference)} {'too many' if difference > 0 else 'too few'}); "
                "change a step or the lesson's minutes",
                code="CUR150",
            )
    formats = data.get("formats")
    if isinstance(formats, list) and "team-meeting" in formats:
        if not data.get("discussion_questions") and not invalid.about(doc, ("discussion_questions",)):
            yield doc.problem(
                ("discussion_questions",),
                "is missing; a lesson with the team-meeting format needs questions for the group",
                code="CUR151",
            )
        if not data.get("room") and not invalid.about(doc, ("room",)):
            yield doc.problem(
                ("room",),
                "is missing; a lesson with the team-meeting format says how to run it with 4, 8 and 12 "
                "people, remote, and who sells when there is time for only some",
                code="CUR151",
            )


def _check_tracks(documents: Documents, invalid: _Reported) -> Iterator[Problem]:
    """A track's weeks are in order, and each session uses a format its lesson lists."""
    # Only lessons whose formats are all valid: a misspelt format is reported in the lesson, once.
    formats = {
        _id(doc): doc.data.get("formats") for doc in documents.get("lesson", ())
        if _id(doc) is not None and not invalid.about(doc, ("formats",))
    }
    for doc in documents.get("track", ()):
        weeks = doc.data.get("weeks")
        numbers = _ints(weeks, "week")
        if numbers is not None:
            for index in range(1, len(numbers)):
                if any(invalid.about(doc, ("weeks", i, "week")) for i in (index - 1, index)):
                    continue  # a week number out of range is reported already
                if numbers[index] < numbers[index - 1]:
                    yield doc.problem(
                        ("weeks", index, "week"),
                        f"week {numbers[index]} comes after week {numbers[index - 1]}; keep weeks in order",
                        code="CUR152",
                    )
        for w, week in enumerate(weeks if isinstance(weeks, list) else ()):
            sessions = week.get("sessions") if isinstance(week, dict) else None
            for s, session in enumerate(sessions if isinstance(sessions, list) else ()):
                if not isinstance(session, dict):
                    continue
                lesson = session.get("lesson")
                allowed = formats.get(lesson) if isinstance(lesson, str) else None
                chosen = session.get("format")
                if isinstance(allowed, list) and isinstance(chosen, str) and chosen in spec.FORMATS \
                        and chosen not in allowed:
                    yield doc.problem(
                        ("weeks", w, "sessions", s, "format"),
                        f"lesson {lesson!r} does not run as {chosen!r}; "
                        f"it runs as {', '.join(map(str, allowed))}",
                        code="CUR206",
                    )
