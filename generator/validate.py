"""Stage 2, validate: check each document against its declared format, then the curriculum as a whole.

Returns every problem found; it never stops at the first one, and it never raises for bad content.
The cross-file checks read the loaded values defensively, so a file with a wrong type in one field
still has its other references checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from generator import spec
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
    problems: list[Problem] = []
    for kind, docs in documents.items():
        for doc in docs:
            problems.extend(spec.KINDS[kind].check(doc, (), doc.data))
    problems.extend(_check_ids(documents))
    problems.extend(_check_references(documents, unreadable or {}))
    problems.extend(_check_cycles(documents.get("lesson", ())))
    for doc in documents.get("lesson", ()):
        problems.extend(_check_lesson(doc))
    problems.extend(_check_tracks(documents))
    return sorted(set(problems))


def _id(doc: Document) -> str | None:
    value = doc.data.get("id")
    return value if isinstance(value, str) else None


def _check_ids(documents: Documents) -> Iterator[Problem]:
    for docs in documents.values():
        first_file: dict[str, str] = {}
        for doc in docs:
            ident = _id(doc)
            if ident is None:
                continue
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
    known = {kind: {_id(d) for d in docs} - {None} for kind, docs in documents.items()}
    # A file whose id is wrong is reported once, in _check_ids; references to its name stay quiet.
    misnamed = {
        kind: {PurePath(d.file).stem for d in docs if _id(d) not in (None, PurePath(d.file).stem)}
        for kind, docs in documents.items()
    }
    for kind, docs in documents.items():
        for doc in docs:
            for path, target_kind, ident in spec.KINDS[kind].references((), doc.data):
                targets = known.get(target_kind, set())
                if ident in unreadable.get(target_kind, ()) or ident in misnamed.get(target_kind, ()):
                    continue
                if ident not in targets:
                    hint = did_you_mean(ident, sorted(targets), many=True)
                    yield doc.problem(path, f"no {target_kind} has the id {ident!r}{hint}")
                elif kind == "lesson" and ident == _id(doc):
                    yield doc.problem(path, "a lesson cannot list itself")


def _check_cycles(lessons: Sequence[Document]) -> Iterator[Problem]:
    """One problem per prerequisite cycle, on the cycle's first lesson by file name."""
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
    if isinstance(formats, list) and "team-meeting" in formats and not data.get("discussion_questions"):
        yield doc.problem(
            ("discussion_questions",),
            "is missing; a lesson with the team-meeting format needs questions for the group",
        )


def _check_tracks(documents: Documents) -> Iterator[Problem]:
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
