"""The building blocks of the declared format.

Each type knows three things and nothing else: how to check a loaded YAML value (``check``), how to
describe itself as JSON Schema (``json_schema``) and how to turn a checked value into the model
(``build``). ``spec`` composes them into the lesson, skill and track formats, so validation, the
schema for editors and the model all come from one declaration.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.load import Document, FieldPath
from generator.problems import Problem

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_PLACEHOLDER_HINTS = ("TODO", "TBD", "FIXME", "XXX", "FILL IN")
"""Placeholders as a skeleton or a note to self writes them: in capitals, as whole words."""
_PLACEHOLDER_PHRASES = ("lorem ipsum", "insert example")
"""Placeholders in any case."""


def _any_case(phrase: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in phrase)


PLACEHOLDER_PATTERN = (
    r"(?<![0-9A-Za-z_])(?:" + "|".join([*_PLACEHOLDER_HINTS, *map(_any_case, _PLACEHOLDER_PHRASES)])
    + r")(?![0-9A-Za-z_])"
)
"""Placeholder text, as a regular expression that means the same in Python and in JavaScript (no
inline flags, word edges spelt out in ASCII), so that the JSON Schema carries the rule ``check``
applies and an editor flags the same texts."""
PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)
DEFINITIONS = {"no-placeholder": {
    "pattern": rf"^(?![\s\S]*{PLACEHOLDER_PATTERN})",
    "patternErrorMessage": "Still holds a placeholder ("
    + ", ".join([*_PLACEHOLDER_HINTS, *_PLACEHOLDER_PHRASES]) + "): write the real text.",
}}
"""The placeholder rule as JSON Schema. ``patternErrorMessage`` (VS Code's extension to JSON Schema,
which its YAML extension reads too) is what an editor shows in place of the bare pattern."""


def find_placeholder(text: str) -> str | None:
    """The placeholder word left in ``text``, if any (a quick substring test first: this runs on
    every text of every file, and most texts hold none)."""
    if any(hint in text for hint in _PLACEHOLDER_HINTS) or "lorem" in (low := text.lower()) \
            or "insert example" in low:
        found = PLACEHOLDER.search(text)
        return found.group(0) if found else None
    return None


def _partial_addresses(text: str, block: bool) -> list[str]:
    """The addresses of links and images in ``text`` that are safe but not full web addresses
    (``other.md``, ``#part``): the lesson page might resolve them, the printed views cannot.
    Unsafe ones (``javascript:``) are not here: the page shows them as text."""
    if "](" not in text and "]:" not in text:
        return []
    import html

    from generator.render import link_targets
    from generator.safety import is_safe_url, is_web_address

    found = [html.unescape(t) for t in link_targets(text, block) if is_safe_url(t) and not is_web_address(t)]
    return list(dict.fromkeys(found))


_UNSEEN = re.compile("[" + "".join(
    re.escape(chr(c)) for c in (*range(0x10000), *range(0xE0000, 0xE0080))
    if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and chr(c) not in "\t\n"
) + "]")
"""Characters an author cannot see: controls (all but tab and newline), format characters (the
direction overrides and isolates, zero-width spaces and joiners, the soft hyphen, the byte-order
mark) and the line and paragraph separators. They reverse or hide text in titles and calendars."""
_CONTROL_NAMES = {"\x0b": "vertical tab", "\x0c": "form feed", "\r": "carriage return", "\x85": "next-line character",
                  "\x1b": "escape character", "\x7f": "delete character"}


def _unseen(text: str) -> Iterator[tuple[int, str]]:
    """(index, character) of each character in ``text`` an author cannot see. A zero-width joiner
    between two emoji (as in 👩‍💻) is part of what is seen, so it is let through."""
    for found in _UNSEEN.finditer(text):
        at, char = found.start(), found.group()
        if char == "\u200d" and 0 < at < len(text) - 1 and _emoji(text[at - 1]) and _emoji(text[at + 1]):
            continue
        yield at, char


def _emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") or char == "\ufe0f"


def _unseen_problem(doc: Document, path: FieldPath, text: str) -> Problem | None:
    """One problem for the first unseen character of a text, located where the file holds it."""
    found = list(_unseen(text))
    if not found:
        return None
    at, char = found[0]
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "control character").lower()
    more = len(found) - 1
    rest = f", and {more} more like it" if more else ""
    node = doc.node(path)
    source = doc.source.read_bytes().decode("utf-8-sig")
    index = source.find(char, node.start_mark.index, node.end_mark.index)
    if index < 0:  # written as an escape ("\u202e"): point at the text, and count within it
        return doc.problem(path, f"contains an invisible {name} (U+{ord(char):04X}), written as an escape, at "
                           f"character {at + 1} of the text{rest}; delete {'them' if more else 'it'}", code="CUR118")
    line = source.count("\n", 0, index) + 1
    column = index - source.rfind("\n", 0, index)
    problem = doc.problem(path, f"contains an invisible {name} (U+{ord(char):04X}) at column {column}{rest}; "
                          f"delete {'them' if more else 'it'}", code="CUR118")
    return Problem(problem.file, line, column, problem.field, problem.message, code=problem.code)


def describe(value: Any) -> str:
    """How a loaded YAML value reads in an error message ("a number", "a list" ...)."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


class Record(Mapping[str, Any]):
    """A checked mapping from the content, read by attribute (``lesson.prep.minutes``).

    Optional fields the author left out read as ``None`` (or an empty tuple for lists), so templates
    and code never need to ask whether a field is present.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("records are read-only")

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Record({self._values!r})"

    def __eq__(self, other: object) -> bool:
        # Compare the underlying dicts directly: Mapping's default builds two new dicts first,
        # which made comparing a curriculum's records (the preview's cache check) slow.
        if isinstance(other, Record):
            return self._values == other._values
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type, tuple[dict[str, Any]]]:
        # Pickled by its values (the disk cache digests what pages show); the default for a class
        # with slots goes through copyreg in Python, several times slower.
        return Record, (self._values,)


class Type:
    """Base of every field type."""

    expected: str = "a value"

    def check(self, doc: Document, path: FieldPath, value: Any) -> Iterator[Problem]:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def build(self, value: Any) -> Any:
        return value

    def references(self, path: FieldPath, value: Any) -> Iterator[tuple[FieldPath, str, str]]:
        """Yield (path, kind, id) for every id this value refers to."""
        return iter(())

    def empty(self) -> Any:
        """What an omitted optional field reads as in the model."""
        return None

    def wrong_type(self, doc: Document, path: FieldPath, value: Any, example: str) -> Problem:
        return doc.problem(path, f"expected {self.expected}, found {describe(value)}; for example: {example}",
                           code="CUR104")


@dataclass(frozen=True)
class Text(Type):
    """Text. ``markdown`` allows several paragraphs with Markdown; otherwise it is one line."""

    markdown: bool = False
    max_length: int | None = None
    example: str = "Ask what happens if nothing changes"

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "Markdown text" if self.markdown else "one line of text"

    def check(self, doc: Document, path: FieldPath, value: Any) -> Iterator[Problem]:
        if not isinstance(value, str):
            yield self.wrong_type(doc, path, value, repr(self.example) if self.markdown else self.example)
            return
        text = value.strip()
        if not text:
            yield doc.problem(path, "is empty; write the text or leave the field out if it is optional",
                              code="CUR103")
            return
        if not self.markdown and "\n" in text:
            yield doc.problem(path, "must be one line; put longer text in a Markdown field", code="CUR112")
        if unseen := _unseen_problem(doc, path, value):
            yield unseen
        if self.max_length and len(text) > self.max_length:
            yield doc.problem(path, f"is {len(text)} characters long; keep it under {self.max_length}",
                              code="CUR113")
        if found := find_placeholder(text):
            yield doc.problem(path, f"still holds the placeholder {found!r}; write the real text",
                              code="CUR114")
        for target in () if unseen else _partial_addresses(text, self.markdown):  # say it once
            yield doc.problem(path, f"has a link to {target!r}, which is not a full web address, so it breaks on "
                              "the printed pages; write the whole address (https://...), or list another "
                              "lesson under related" if target else
                              "has a link with no address; write the whole address (https://...) or drop the link",
                              code="CUR119")

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if not self.markdown:
            schema["pattern"] = r"^[^\n]*\n?$"
            schema["patternErrorMessage"] = "Must be one line; put longer text in a Markdown field."
        if self.max_length:
            schema["maxLength"] = self.max_length
        # A schema holds one pattern: the placeholder rule goes in a sub-schema of its own, so a
        # text that breaks both rules gets both messages, as from `check`.
        schema["allOf"] = [{"$ref": "#/$defs/no-placeholder"}]
        return schema

    def build(self, value: Any) -> str:
        return value.strip()


@dataclass(frozen=True)
class Url(Text):
    """A web address starting with https:// or http://."""

    example: str = "https://example.org/article"
    expected = "a web address starting with https://"

    def check(self, doc: Document, path: FieldPath, value: Any) -> Iterator[Problem]:
        if not isinstance(value, str):
            yield self.wrong_type(doc, path, value, self.example)
        elif unseen := _unseen_problem(doc, path, value):
            yield unseen
        elif not re.match(r"^https?://[^\s<>\"]+$", value.strip()):
            yield doc.problem(path, f"{value!r} is not a web address; write it in full, like {self.example}",
                              code="CUR111")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^https?://[^\s<>\"]+$",
                "patternErrorMessage": f"Not a web address; write it in full, like {self.example}."}


@dataclass(frozen=True)
class Integer(Type):
    minimum: int
    maximum: int
    unit: str = ""

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a whole number from {self.minimum} to {self.maximum}"

    def check(self, doc: Document, path: FieldPath, value: Any) -> Iterator[Problem]:
        if isinstance(value, str) and (found := find_placeholder(value)):
            yield doc.problem(path, f"still holds the placeholder {found!r}; write {self.expected}",
                              code="CUR114")
        elif isinstance(value, bool) or not isinstance(value, int):
            yield self.wrong_type(doc, path, value, str(self.minimum + (self.maximum - self.minimum) // 4))
        elif not self.minimum <= value <= self.maximum:
            yield doc.problem(path, f"is {value}; it must be from {self.minimum} to {self.maximum}",
                              code="CUR106")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


_LEAP_YEAR = r"(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE_PATTERN = (
    r"^(?!0000)(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
    r"|02-(?:0[1-9]|1\d|2[0-8]))|" + _LEAP_YEAR + r"-02-29)$"
)
"""A real date written YYYY-MM-DD (a real day of a real month, 29 February in leap years only):
``check``'s rule for a date in quotes, and the JSON Schema's for every date, since an editor reads
a date as text."""
_DATE = re.compile(DATE_PATTERN)


@dataclass(frozen=True)
class Date(Type):
    expected = "a date written YYYY-MM-DD"

    def check(self, doc: Document, path: FieldPath, value: Any) -> Iterator[Problem]:
        if isinstance(value, str):
            # The schema's rule, not fromisoformat's alone, which also reads 20260914 and 2026-W37-1.
            if not _DATE.fullmatch(value):
                yield doc.problem(path, f"is {value!r}; write a date as YYYY-MM-DD, for example 2026-09-14",
                                  code="CUR107")
        elif not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            yield self.wrong_type(doc, path, value, "2026-09-14")

    def json_schema(self) -> dict[str, Any]:
        # Only the pattern, not also "format": "date": an editor reports each of the two, so a
        # wrong date would get two marks; and the pattern is exact (no 2026-02-30), as `check` is.
        return {"type": "string", "pattern": DATE_PATTERN,
                "patternErrorMessage": "Not a date: write a real date as YYYY-MM-DD, for example 2026-09-14."}

    def build(self, value: Any) -> dt.date:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


@dataclass(frozen=True)
class Choice(Type):
    """One of a fixed set of values; ``labels`` gives the words a manager reads for each."""

    labels: Mapping[str, str]

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.labels)

    def check(self, doc: Document, path: FieldPath, value: Any) -> Iterator[Problem]:
        if isinstance(value, str) and (found := find_placeholder(value)):
            yield doc.problem(path, f"still holds the placeholder {found!r}; write {self.expected}",
                              code="CUR114")
            return
        if not isinstance(value, str) or value not in self.labels:
            from generator.suggest import did_you_mean

            shown = repr(value) if isinstance(value, str) else describe(value)
            hint = did_you_mean(value, self.labels) if isinstance(value, str) else ""
            yield doc.problem(path, f"is {shown}; expected {self.expected}{hint}", code="CUR105")

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "enum": list(self.labels)}
        if any(value != label for value, label in self.labels.items()):
            # What each value means, shown beside it when an editor offers the values.
            schema["enumDescriptions"] = list(self.labels.values())
        return schema


@dataclass(frozen=True)
class Id(Type):
    """A URL-safe id; ``refers_to`` names the kind of item it must exist as (lesson, skill)."""

    refers_to: str | None = None
    reserved: Mapping[str, str] = field(default_factory=dict, compare=False)
    """Ids this one may not be, each with what the site uses that name for."""
    expected = "an id of lower-case letters, digits and single hyphens (like 'discovery-basics')"

    def check(self, doc: Document, path: FieldPath, value: Any) -> Iterator[Problem]:
        if not isinstance(value, str):
            yield self.wrong_type(doc, path, value, "discovery-basics")
        elif found := find_placeholder(value):
            what = f"the id of a {self.refers_to}" if self.refers_to else "an id"
            yield doc.problem(path, f"still holds the placeholder {found!r}; write {what}", code="CUR114")
        elif not re.fullmatch(SLUG, value):
            yield doc.problem(
                path,
                f"{value!r} is not a valid id; use lower-case letters, digits and single hyphens, "
                "like 'discovery-basics'",
                code="CUR110",
            )
        elif value in self.reserved:
            yield doc.problem(path, f"the site keeps {value!r} for {self.reserved[value]}; choose another id "
                              "and rename the file to match", code="CUR120")

    def json_schema(self) -> dict[str, Any]:
        what = f"The id of a {self.refers_to}" if self.refers_to else "An id"
        schema: dict[str, Any] = {"type": "string", "pattern": SLUG, "patternErrorMessage":
                  f"{what}: lower-case letters, digits and single hyphens, like 'discovery-basics'."}
        if self.reserved:
            schema["not"] = {"enum": sorted(self.reserved)}
        return schema

    def references(self, path: FieldPath, value: Any) -> Iterator[tuple[FieldPath, str, str]]:
        if self.refers_to and isinstance(value, str):
            yield path, self.refers_to, value


@dataclass(frozen=True)
class ListOf(Type):
    item: Type
    min_items: int = 0
    max_items: int | None = None
    unique: bool = False
    unique_by: str | None = None
    """For a list of mappings: the field whose value no two items may share (an id)."""

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "a list (lines starting with '- ')"

    def check(self, doc: Document, path: FieldPath, value: Any) -> Iterator[Problem]:
        if not isinstance(value, list):
            yield doc.problem(path, f"expected {self.expected}, found {describe(value)}", code="CUR104")
            return
        if len(value) < self.min_items:
            yield doc.problem(
                path, f"has {len(value)} item{'s' * (len(value) != 1)}; it needs at least {self.min_items}",
                code="CUR115",
            )
        if self.max_items is not None and len(value) > self.max_items:
            yield doc.problem(path, f"has {len(value)} items; keep it to {self.max_items} at most",
                              code="CUR116")
        seen: set[Any] = set()
        for index, item in enumerate(value):
            yield from self.item.check(doc, (*path, index), item)
            if self.unique and isinstance(item, str):
                if item in seen:
                    yield doc.problem((*path, index), f"lists {item!r} twice", code="CUR117")
                seen.add(item)
            elif self.unique_by and isinstance(item, dict) and isinstance(key := item.get(self.unique_by), str):
                if key in seen:
                    yield doc.problem((*path, index, self.unique_by),
                                      f"{key!r} is used by an earlier item; each needs its own {self.unique_by}",
                                      code="CUR117")
                seen.add(key)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema

    def build(self, value: Any) -> tuple[Any, ...]:
        return tuple(self.item.build(item) for item in value)

    def references(self, path: FieldPath, value: Any) -> Iterator[tuple[FieldPath, str, str]]:
        for index, item in enumerate(value if isinstance(value, list) else ()):
            yield from self.item.references((*path, index), item)

    def empty(self) -> tuple[()]:
        return ()


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    description: str
    required: bool = True
    example: Any = None


@dataclass(frozen=True)
class Fields(Type):
    """A mapping with a fixed set of named fields; unknown fields are errors."""

    fields: tuple[Field, ...]
    title: str = ""
    description: str = ""
    by_name: Mapping[str, Field] = field(init=False, repr=False, compare=False)
    expected = "a mapping of fields (lines of 'name: value')"

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def check(self, doc: Document, path: FieldPath, value: Any) -> Iterator[Problem]:
        if not isinstance(value, dict):
            names = ", ".join(f.name for f in self.fields if f.required)
            yield doc.problem(path, f"expected {self.expected} with {names}; found {describe(value)}",
                              code="CUR104")
            return
        from generator.suggest import closest, did_you_mean

        misspelt = set()  # required fields the author wrote with a typo: one problem, not two
        for name, item in value.items():
            spec = self.by_name.get(name)
            if spec is None:
                hint = did_you_mean(name, self.by_name) or (
                    "; allowed here: " + ", ".join(self.by_name)
                )
                misspelt.add(closest(name, self.by_name))
                yield doc.problem((*path, name), f"unknown field {name!r}{hint}", code="CUR101", key=True)
            elif item is None:
                continue  # an empty optional field is as good as an absent one; required: below
            else:
                yield from spec.type.check(doc, (*path, name), item)
        for spec in self.fields:
            if spec.required and value.get(spec.name) is None and spec.name not in misspelt:
                if spec.name in value:
                    yield doc.problem((*path, spec.name), f"is empty; expected {spec.type.expected}",
                                      code="CUR103")
                else:
                    yield doc.problem((*path, spec.name), f"is missing; add it ({spec.description})",
                                      code="CUR102")

    def json_schema(self) -> dict[str, Any]:
        properties = {}
        for spec in self.fields:
            prop = spec.type.json_schema()
            prop["description"] = spec.description
            if spec.example is not None:
                prop["examples"] = [spec.example]
            properties[spec.name] = prop
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "required": [f.name for f in self.fields if f.required],
            "properties": properties,
        }
        if self.title:
            schema["title"] = self.title
        if self.description:
            schema["description"] = self.description
        return schema

    def build(self, value: Any) -> Record:
        return Record(
            {
                spec.name: spec.type.build(value[spec.name])
                if value.get(spec.name) is not None
                else spec.type.empty()
                for spec in self.fields
            }
        )

    def references(self, path: FieldPath, value: Any) -> Iterator[tuple[FieldPath, str, str]]:
        for spec in self.fields if isinstance(value, dict) else ():
            if value.get(spec.name) is not None:
                yield from spec.type.references((*path, spec.name), value[spec.name])
