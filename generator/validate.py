"""Stage 2, validate: check each document against its declared format, then the curriculum as a whole.

Returns every problem found; it never stops at the first one, and it never raises for bad content.
The cross-file checks read the loaded values defensively, so a file with a wrong type in one field
still has its other references checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from generator import spec
from generator.fieldtypes import SLUG
from generator.load import Document
from generator.problems import Problem
from generator.suggest import did_you_mean

Documents = Mapping[str, Sequence[Document]]
"""Loaded documents by kind: ``{"lesson": [...], "skill": [...], "track": [...]}``."""


def validate(documents: Documents, unreadable: Mapping[str, set[str]] | None = None) -> list[Problem]:
    """Every problem in the curriculum, sorted by file, line and column.

    ``unreadable`` names, by kind, the ids (file names) of files that failed to load: references to
    them are not reported again, as the load error already says what is wrong.
    """
    problems = [p for kind, docs in documents.items() for doc in docs for p in check_fields(kind, doc)]
    return sorted(set(problems + check_across(documents, unreadable)))


def check_fields(kind: str, doc: Document) -> list[Problem]:
    """The problems of one document on its own, against its declared format."""
    return list(spec.KINDS[kind].check(doc, (), doc.data))


def check_across(documents: Documents, unreadable: Mapping[str, set[str]] | None = None) -> list[Problem]:
    """The problems that need several files: ids, references, cycles, sums and track formats."""
    problems: list[Problem] = []
    problems.extend(_check_ids(documents))
    problems.extend(_check_references(documents, unreadable or {}))
    problems.extend(_check_cycles(documents.get("lesson", ())))
    for doc in documents.get("lesson", ()):
        problems.extend(_check_lesson(doc))
    problems.extend(_check_tracks(documents))
    return problems


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
    value = doc.data.get("id")
    return value if isinstance(value, str) else None


def _check_ids(documents: Documents) -> Iterator[Problem]:
    """Each id matches its file name and is used by one file only (per kind)."""
    for docs in documents.values():
        first_file: dict[str, str] = {}
        for doc in docs:
            ident = _id(doc)
            if ident is None or not re.fullmatch(SLUG, ident):
                continue  # a missing or malformed id is reported by the field check
            stem = PurePath(doc.file).stem
            if ident != stem:
                yield doc.problem(
                    ("id",), f"is {ident!r} but the file is named {PurePath(doc.file).name!r}; "
                    f"rename the file to {ident}.yaml or set id: {stem}"
                )
            elif ident in first_file:
                yield doc.problem(("id",), f"{ident!r} is already the id of {first_file[ident]}")
            else:
                first_file[ident] = doc.file


def _check_references(documents: Documents, unreadable: Mapping[str, set[str]]) -> Iterator[Problem]:
    """Every lesson and skill id a file refers to exists (with the closest ids when it does not), and
    no lesson lists itself."""
    known = {kind: {_id(d) for d in docs} - {None} for kind, docs in documents.items()}
    # A file whose id is wrong is reported once, in _check_ids; references to its name stay quiet.
    misnamed = {
        kind: {PurePath(d.file).stem for d in docs if _id(d) not in (None, PurePath(d.file).stem)}
        for kind, docs in documents.items()
    }
    for kind, docs in documents.items():
        for doc in docs:
            for path, target_kind, ident in spec.KINDS[kind].references((), doc.data):
                if not re.fullmatch(SLUG, ident):
                    continue  # reported by the field check already
                targets = known.get(target_kind, set())
                if ident in unreadable.get(target_kind, ()) or ident in misnamed.get(target_kind, ()):
                    continue
                if ident not in targets:
                    hint = did_you_mean(ident, sorted(targets), many=True)
                    yield doc.problem(path, f"no {target_kind} has the id {ident!r}{hint}")
                elif kind == target_kind == "lesson" and ident == _id(doc):
                    yield doc.problem(path, "a lesson cannot list itself")


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
                )


def _ints(items: Any, key: str) -> list[int] | None:
    if not isinstance(items, list):
        return None
    values = [item.get(key) if isinstance(item, dict) else None for item in items]
    ok = all(isinstance(v, int) and not isinstance(v, bool) for v in values)
    return values if ok else None  # type: ignore[return-value]


def _check_lesson(doc: Document) -> Iterator[Problem]:
    """A lesson's agenda minutes add up to its minutes (with the sum and the difference), and a lesson
    with the team-meeting format has discussion questions and says how to run it in the room."""
    data = doc.data
    minutes = data.get("minutes")
    steps = _ints(data.get("agenda"), "minutes")
    if steps is not None and isinstance(minutes, int) and not isinstance(minutes, bool):
        total = sum(steps)
        if total != minutes:
            difference = total - minutes
            yield doc.problem(
                ("agenda",),
                f"the steps add up to {total} minutes but the lesson's minutes is {minutes} "
                f"({abs(difference)} {'too many' if difference > 0 else 'too few'}); "
                "change a step or the lesson's minutes",
            )
    formats = data.get("formats")
    if isinstance(formats, list) and "team-meeting" in formats:
        if not data.get("discussion_questions"):
            yield doc.problem(
                ("discussion_questions",),
                "is missing; a lesson with the team-meeting format needs questions for the group",
            )
        if not data.get("room"):
            yield doc.problem(
                ("room",),
                "is missing; a lesson with the team-meeting format says how to run it with 4, 8 and 12 "
                "people, remote, and who sells when there is time for only some",
            )


def _check_tracks(documents: Documents) -> Iterator[Problem]:
    """A track's weeks are in order, and each session uses a format its lesson lists."""
    formats = {
        _id(doc): doc.data.get("formats") for doc in documents.get("lesson", ()) if _id(doc) is not None
    }
    for doc in documents.get("track", ()):
        weeks = doc.data.get("weeks")
        numbers = _ints(weeks, "week")
        if numbers is not None:
            for index in range(1, len(numbers)):
                if numbers[index] < numbers[index - 1]:
                    yield doc.problem(
                        ("weeks", index, "week"),
                        f"week {numbers[index]} comes after week {numbers[index - 1]}; keep weeks in order",
                    )
        for w, week in enumerate(weeks if isinstance(weeks, list) else ()):
            sessions = week.get("sessions") if isinstance(week, dict) else None
            for s, session in enumerate(sessions if isinstance(sessions, list) else ()):
                if not isinstance(session, dict):
                    continue
                allowed = formats.get(session.get("lesson"))
                chosen = session.get("format")
                if isinstance(allowed, list) and isinstance(chosen, str) and chosen in spec.FORMATS \
                        and chosen not in allowed:
                    yield doc.problem(
                        ("weeks", w, "sessions", s, "format"),
                        f"lesson {session.get('lesson')!r} does not run as {chosen!r}; "
                        f"it runs as {', '.join(map(str, allowed))}",
                    )
