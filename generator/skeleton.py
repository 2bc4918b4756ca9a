"""Skeleton files for ``curriculum new``, derived from the declared format in ``spec``.

Every text to write is a ``FILL IN:`` placeholder, which ``check`` reports until it is replaced, and
each field carries its description as a comment.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator import spec
from generator.fieldtypes import Choice, Date, Field, Fields, Id, Integer, ListOf, Text, Type

PLACEHOLDER = "FILL IN"
WANTED = {"roleplay", "veteran_variant"}
"""Optional fields the skeleton still includes: every lesson in the catalogue has a role-play."""


def _placeholder(field: Field) -> str:
    return f"{PLACEHOLDER}: {field.description}"


def _sample(field: Field, kind: Type, today: dt.date) -> Any:
    """A value of the right shape for one field: its example, or a placeholder to replace."""
    if isinstance(kind, Fields):
        return {f.name: _sample(f, f.type, today) for f in kind.fields if f.required or f.name in WANTED}
    if isinstance(kind, ListOf):
        count = max(kind.min_items, 1)
        if isinstance(kind.item, Text | Choice):
            return [_sample(field, kind.item, today)] * count
        return [_sample(field, kind.item, today) for _ in range(count)]
    if isinstance(kind, Text):
        return _placeholder(field)
    if isinstance(kind, Integer):
        return field.example if isinstance(field.example, int) else kind.minimum
    if isinstance(kind, Date):
        return today.isoformat()
    if isinstance(kind, Id) and kind.refers_to:
        return f"{PLACEHOLDER}: the id of a {kind.refers_to}"
    if isinstance(kind, Choice):
        return f"{PLACEHOLDER}: one of " + ", ".join(kind.labels)
    if isinstance(kind, Id):
        return field.example
    raise TypeError(kind)


def _emit(value: Any, indent: int, fields: Fields | None) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for name, item in value.items():
            described = fields.by_name[name] if fields else None
            if described is not None and indent == 0:
                lines.extend(["", f"{pad}# {described.description}"])
            sub = _fields_of(described)
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{name}:")
                lines.extend(_emit(item, indent + 2, sub))
            else:
                lines.append(f"{pad}{name}: {json.dumps(item, ensure_ascii=False)}")
    else:
        for item in value:
            if isinstance(item, dict):
                inner = _emit(item, indent + 2, fields)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {json.dumps(item, ensure_ascii=False)}")
    return lines


def _fields_of(field: Field | None) -> Fields | None:
    kind = field.type if field else None
    while isinstance(kind, ListOf):
        kind = kind.item
    return kind if isinstance(kind, Fields) else None


def lesson_skeleton(
    ident: str, *, title: str, skills: list[str], formats: list[str], minutes: int, today: dt.date
) -> str:
    """A lesson file with the given basics filled in and every other required field a placeholder."""
    value = _sample(Field("lesson", spec.LESSON, ""), spec.LESSON, today)
    steps = [max(1, minutes // 5), minutes - 2 * max(1, minutes // 5), max(1, minutes // 5)]
    value.update(id=ident, title=title, skills=skills, formats=formats, minutes=minutes)
    value["agenda"] = [
        {"minutes": m, "step": f"{PLACEHOLDER}: {name}"}
        for m, name in zip(steps, ("opening step", "main practice", "wrap-up and assignment"), strict=True)
    ]
    if "team-meeting" in formats:
        value["discussion_questions"] = [f"{PLACEHOLDER}: a question for the group"]
        room = spec.LESSON.by_name["room"]
        value["room"] = _sample(room, room.type, today)
        value["room"]["sizes"] = [{"people": people, "how": f"{PLACEHOLDER}: how it runs with {people}"}
                                  for people in (4, 8, 12)]
    header = [
        "# yaml-language-server: $schema=../../schema/lesson.schema.json",
        f"# Lesson {ident!r}. Replace every '{PLACEHOLDER}' text, then run: curriculum check",
        "# Text fields accept Markdown where the field description says so.",
    ]
    return "\n".join(header + _emit(value, 0, spec.LESSON)) + "\n"


def skeleton(kind: str, ident: str, *, title: str, today: dt.date) -> str:
    """A skill or track file with its id and title set and every other required field to fill in."""
    fields = spec.KINDS[kind]
    value = _sample(Field(kind, fields, ""), fields, today)
    value.update(id=ident, title=title)
    header = [
        f"# yaml-language-server: $schema=../../schema/{kind}.schema.json",
        f"# {kind.capitalize()} {ident!r}. Replace every '{PLACEHOLDER}' text, then run: curriculum check",
    ]
    return "\n".join(header + _emit(value, 0, fields)) + "\n"
