"""Skeleton files for ``curriculum new``, derived from the declared format in ``spec``.

Every text to write is a ``FILL IN:`` placeholder, which ``check`` reports until it is replaced, and
each field carries its description as a comment. The skeleton sets no traps for an author who does
not know YAML:

- every Markdown text, and every one-line text that usually quotes what someone says, is a ``|``
  block: the author types on the line below, and quote marks, colons and ``#`` are all just text
  there (in a double-quoted value, typing ``"So what's the next step?" asks the rep.`` would end the
  text at the second quote mark and break the file);
- every optional field is there as a comment, with its description, ready to be uncommented.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from generator import spec
from generator.fieldtypes import Choice, Date, Field, Fields, Id, Integer, ListOf, Text, Type, Url

PLACEHOLDER = "FILL IN"
WANTED = {"roleplay", "veteran_variant"}
"""Optional fields the skeleton still includes: every lesson in the catalogue has a role-play."""
SPOKEN = {"objection", "rep_says", "question", "discussion_questions", "weak", "solid", "strong", "evidence"}
"""One-line fields that usually quote what someone says or does (the buyer's objection, the rep's
pushback, the manager's question, the rubric's levels, the evidence the rep brings back): the
skeleton makes them ``|`` blocks, like the Markdown fields, so a quote mark typed in them cannot end
the text early. (A quoted text right after a ``|`` block in the same mapping also escapes the YAML
language server's placeholder check: tests/test_editor.py found it on the assignment's evidence.)"""

HEADER = (
    "# Type each text on the line below its '|', indented as shown: quote marks, ': ' and '#' are",
    "# all fine there. A text in double quotes must not hold a double quote: make it a '|' block.",
    "# Lines starting with '#' are comments. To add an optional field, delete the '# ' before its lines.",
)


def _placeholder(field: Field, kind: Text) -> str:
    """``FILL IN:`` and the field's description; within the field's length limit, so that filling it
    in is all that is left (its first sentence, or its example, when the whole does not fit)."""
    text = f"{PLACEHOLDER}: {field.description}"
    if kind.max_length and len(text) > kind.max_length:
        text = f"{PLACEHOLDER}: {field.description.split('. ')[0].rstrip('.')}."
        if len(text) > kind.max_length:
            example = field.example[0] if isinstance(field.example, list) else field.example
            text = f"{PLACEHOLDER}: like {example}"[: kind.max_length]
    return text


def _sample(field: Field, kind: Type, today: dt.date) -> Any:
    """A value of the right shape for one field: its example, or a placeholder to replace."""
    if isinstance(kind, Fields):
        return {f.name: _sample(f, f.type, today) for f in kind.fields if f.required or f.name in WANTED}
    if isinstance(kind, ListOf):
        count = max(kind.min_items, 1)
        if isinstance(kind.item, Text | Choice):
            return [_sample(field, kind.item, today)] * count
        return [_sample(field, kind.item, today) for _ in range(count)]
    if isinstance(kind, Url):
        return field.example
    if isinstance(kind, Text):
        return _placeholder(field, kind)
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


def _block(name: str, kind: Type) -> bool:
    """Whether a text field is written as a ``|`` block (see ``SPOKEN``)."""
    while isinstance(kind, ListOf):
        kind = kind.item
    return isinstance(kind, Text) and not isinstance(kind, Url) and (kind.markdown or name in SPOKEN)


def _scalar(head: str, value: Any, block: bool, indent: int) -> list[str]:
    """``head`` (``name:`` or ``-``) followed by the value, as a ``|`` block or on the same line."""
    if block and isinstance(value, str):
        return [f"{head} |", *(" " * (indent + 2) + line for line in value.splitlines())]
    return [f"{head} {json.dumps(value, ensure_ascii=False)}"]


def _entry(field: Field, value: Any, indent: int, today: dt.date, optional: bool) -> list[str]:
    """One field and its value; with ``optional``, the optional fields inside it too, as comments."""
    pad = " " * indent
    kind = field.type
    if isinstance(kind, Fields) and isinstance(value, dict):
        return [f"{pad}{field.name}:", *_fields(kind, value, indent + 2, today, optional=optional)]
    if isinstance(kind, ListOf) and isinstance(value, list):
        lines = [f"{pad}{field.name}:"]
        for index, item in enumerate(value):
            if isinstance(kind.item, Fields) and isinstance(item, dict):
                # The optional fields of a list's items are shown once, in the first item.
                inner = _fields(kind.item, item, indent + 4, today, optional=optional and index == 0)
                lines.append(f"{pad}  - {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.extend(_scalar(f"{pad}  -", item, _block(field.name, kind), indent + 2))
        return lines
    return _scalar(f"{pad}{field.name}:", value, _block(field.name, kind), indent)


def _fields(fields: Fields, values: dict[str, Any], indent: int, today: dt.date, *, optional: bool,
            top: bool = False, samples: Mapping[str, Any] | None = None) -> list[str]:
    """The fields that have a value, in the format's order, each optional one without a value as a
    comment (with ``optional``; its value from ``samples`` if there); at the top level each field
    follows a blank line and its description."""
    pad = " " * indent
    lines: list[str] = []
    for field in fields.fields:
        if field.name in values:
            if top:
                lines.extend(["", f"{pad}# {field.description}"])
            lines.extend(_entry(field, values[field.name], indent, today, optional))
        elif optional and not field.required:
            value = (samples or {}).get(field.name, None)
            if value is None:
                value = _sample(field, field.type, today)
            sample = _entry(field, value, indent, today, optional=False)
            lines.extend([""] if top else [])
            lines.append(f"{pad}# Optional: {field.description}")
            lines.extend(line[:indent] + "# " + line[indent:] for line in sample)
    return lines


def lesson_skeleton(
    ident: str, *, title: str | None = None, skills: Sequence[str] = (), formats: Sequence[str] = (),
    minutes: int | None = None, skill_ids: Sequence[str] = (), today: dt.date,
) -> str:
    """A lesson file with the given basics filled in and every other required field a placeholder.

    Any basic not given is a placeholder too, listing what it may be (``skill_ids``: the skills that
    exist); a missing title is made from the id.
    """
    value = _sample(Field("lesson", spec.LESSON, ""), spec.LESSON, today)
    value.update(id=ident, title=title or title_from_id(ident))
    if skills:
        value["skills"] = list(skills)
    elif skill_ids:
        value["skills"] = [f"{PLACEHOLDER}: one of " + ", ".join(skill_ids)]
    if formats:
        value["formats"] = list(formats)
    if minutes is None:
        value["minutes"] = f"{PLACEHOLDER}: a whole number from 5 to 90"
        steps: list[int | str] = [f"{PLACEHOLDER}: minutes for this step"] * 3
    else:
        value["minutes"] = minutes
        steps = [max(1, minutes // 5), minutes - 2 * max(1, minutes // 5), max(1, minutes // 5)]
    value["agenda"] = [
        {"minutes": m, "step": f"{PLACEHOLDER}: {name}"}
        for m, name in zip(steps, ("opening step", "main practice", "wrap-up and assignment"), strict=True)
    ]
    room = spec.LESSON.by_name["room"]
    meeting = {"room": _sample(room, room.type, today),
               "discussion_questions": [f"{PLACEHOLDER}: a question for the group"]}
    meeting["room"]["sizes"] = [{"people": people, "how": f"{PLACEHOLDER}: how it runs with {people}"}
                                for people in (4, 8, 12)]
    if "team-meeting" in formats:  # required then; otherwise they are comments like other optional fields
        value.update(meeting)
    header = [
        "# yaml-language-server: $schema=../../schema/lesson.schema.json",
        f"# Lesson {ident!r}. Replace every '{PLACEHOLDER}' text, then run: curriculum check",
        *HEADER,
        "# Text fields accept Markdown where the field description says so.",
    ]
    lines = _fields(spec.LESSON, value, 0, today, optional=True, top=True, samples=meeting)
    if title is None:
        at = lines.index(f"title: {json.dumps(value['title'], ensure_ascii=False)}")
        lines.insert(at, "# (Made from the id: change it to what a manager should read in a list.)")
    return "\n".join(header + lines) + "\n"


def title_from_id(ident: str) -> str:
    """A first title made from the id: ``discovery-next-step`` becomes ``Discovery next step``."""
    return ident.replace("-", " ").capitalize()


def skeleton(kind: str, ident: str, *, title: str, today: dt.date) -> str:
    """A skill or track file with its id and title set and every other required field to fill in."""
    fields = spec.KINDS[kind]
    value = _sample(Field(kind, fields, ""), fields, today)
    value.update(id=ident, title=title)
    header = [
        f"# yaml-language-server: $schema=../../schema/{kind}.schema.json",
        f"# {kind.capitalize()} {ident!r}. Replace every '{PLACEHOLDER}' text, then run: curriculum check",
        *HEADER,
    ]
    return "\n".join(header + _fields(fields, value, 0, today, optional=True, top=True)) + "\n"
