"""Stage 1, load: read YAML files into plain values, remembering where every value came from.

Only YAML's standard scalar, list and mapping tags are accepted (never Python object tags), a key
written twice in one mapping is an error, and the limits below keep a hostile file from exhausting
memory or the stack. Every failure becomes a ``Problem`` with the file, line and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import Mark as YamlMark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.problems import CurriculumError, Problem
from generator.yamlerrors import anchored_text, comment_cut, explain, tagged_text

FieldPath = tuple[str | int, ...]
Mark = tuple[int, int]

MAX_FILE_BYTES = 1_000_000
"""Largest YAML file accepted; a long lesson is about 20 KB."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted; the lesson format needs 5."""
MAX_NODES = 50_000
"""Most values one file may expand to, counting every use of an alias; a lesson has about 600."""

_SCALAR_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")
}
_STR = "tag:yaml.org,2002:str"
_SPECIAL_START = frozenset("0123456789-+.~<=yYnNtTfFoO")
"""First characters with which a plain scalar may be something other than text (YAML 1.1's
int, float, bool, null, timestamp, merge and value resolvers)."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's parser when present), with a quick answer for plain text.

    Resolving a scalar's tag runs in Python for every value; most values are text that cannot be
    anything else, so they skip the regular expressions.
    """

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and (not implicit[0] or (value and value[0] not in _SPECIAL_START)):
            return _STR
        return super().resolve(kind, value, implicit)


_COMPOSE_LOADER = _Loader


def field_name(path: FieldPath) -> str:
    """``("agenda", 2, "minutes")`` reads as ``agenda[2].minutes``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class Document:
    """One loaded file: its values, and the YAML node tree they came from, for locating problems.

    Locations are looked up only when a problem is reported, by walking the node tree, so loading
    does not pay for a table of line numbers that is almost never read.
    """

    file: str
    data: Any
    source: Path
    """The file, read again to find a location: keeping every node tree in memory costs more
    (memory, and garbage-collection time on large curricula) than the rare second parse."""

    @cached_property
    def root(self) -> Node:
        """The file's node tree. A file emptied since it was loaded (saved again while `serve`
        reports) has none: a bare node at 1:1 then gives every problem a place instead of a crash."""
        root = yaml.compose(self.source.read_bytes().decode("utf-8-sig"), Loader=_COMPOSE_LOADER)
        if root is None:
            start = YamlMark(self.file, 0, 0, 0, "", 0)
            return ScalarNode("tag:yaml.org,2002:null", "", start, start)
        return root

    def mark(self, path: FieldPath, *, key: bool = False) -> Mark:
        """Where ``path`` was written: its key's position with ``key``, else its value's. For a
        field that is missing, where the nearest enclosing value starts."""
        node = self.node(path, key=key)
        return node.start_mark.line + 1, node.start_mark.column + 1

    def node(self, path: FieldPath, *, key: bool = False) -> Node:
        """The YAML node written for ``path`` (see ``mark``)."""
        node = self.root
        for index, part in enumerate(path):
            last = index == len(path) - 1
            if isinstance(node, MappingNode) and isinstance(part, str):
                found = next(((k, v) for k, v in node.value
                              if isinstance(k, ScalarNode) and k.value == part), None)
                if found is None:
                    break
                if last and key:
                    node = found[0]
                    break
                node = found[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                break
        return node

    def problem(self, path: FieldPath, message: str, *, code: str, key: bool = False) -> Problem:
        line, column = self.mark(path, key=key)
        return Problem(self.file, line, column, field_name(path), message, code=code)


def read_source(path: Path, display: str) -> bytes:
    """A YAML file's bytes; ``CurriculumError`` when it cannot be read or is too large to load."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(display, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes "
                        "(MAX_FILE_BYTES)", code="CUR054")
        return path.read_bytes()
    except OSError as error:
        raise _fail(display, f"cannot read the file: {error.strerror}", code="CUR053") from error


def _fail(display: str, message: str, line: int = 1, column: int = 1, *, code: str) -> CurriculumError:
    return CurriculumError([Problem(display, line, column, "", message, code=code)])


def load_file(path: Path, display: str, raw: bytes | None = None) -> Document:
    """Read one YAML file (its bytes ``raw`` when already read); raise ``CurriculumError`` naming the
    file and line on any failure."""

    def fail(message: str, line: int = 1, column: int = 1, *, code: str) -> CurriculumError:
        return _fail(display, message, line, column, code=code)

    if raw is None:
        raw = read_source(path, display)
    elif len(raw) > MAX_FILE_BYTES:
        raise fail(f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes (MAX_FILE_BYTES)",
                   code="CUR054")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise fail(
            f"is not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8", line, column,
            code="CUR055",
        ) from error
    if not text.strip():
        raise fail("file is empty; a lesson, skill or track file holds a mapping of fields", code="CUR057")
    try:
        root = yaml.compose(text, Loader=_COMPOSE_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if "maximum nesting depth" in f"{error.problem} {error.context}":
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            message = f"nesting is too deep; the limit is {MAX_DEPTH} levels (MAX_DEPTH)"
            raise fail(message, line, column, code="CUR061") from error
        explained = explain(text, error)
        raise fail(explained.message, explained.line, explained.column, code=explained.code) from error
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise fail(f"holds the control character #x{error.character:04x}, which YAML does not allow; "
                   "remove it", line, column, code="CUR056") from error
    except yaml.YAMLError as error:
        raise fail(f"YAML error: {' '.join(str(error).split())}", code="CUR001") from error
    except RecursionError as error:
        raise fail(f"nesting is too deep; the limit is {MAX_DEPTH} levels (MAX_DEPTH)",
                   code="CUR061") from error
    if root is None:
        raise fail("file holds no YAML document", code="CUR057")
    converter = _Converter(display, text)
    data = converter.convert(root, (), 0)
    if converter.problems:
        raise CurriculumError(converter.problems)
    if not isinstance(data, dict):
        raise fail("the file must be a mapping of fields (lines of 'name: value'), not a list or text",
                   code="CUR058")
    return Document(display, data, path)


def _tag_message(tag: str) -> str:
    return f"the YAML tag {tag!r} is not allowed; write plain text, numbers, lists and fields"


class _Converter:
    """Turns a composed YAML node tree into plain values, recording marks and refusing abuse."""

    def __init__(self, display: str, text: str) -> None:
        self.display = display
        self.lines = text.splitlines() if "&" in text or " #" in text or "!" in text else None
        """The source lines, kept only when a text may start with '&' or '!' or lose its end to a
        comment (see ``_plain_text``)."""
        self.problems: list[Problem] = []
        self.nodes = 0
        self.constructor = SafeConstructor()

    def problem(self, node: Node, path: FieldPath, message: str, *, code: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.display, mark.line + 1, mark.column + 1, field_name(path), message, code=code)
        )

    def convert(self, node: Node, path: FieldPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            if self.nodes == MAX_NODES + 1:
                self.problem(
                    node, path, f"expands to more than {MAX_NODES:,} values (MAX_NODES); "
                    "aliases (*name) that repeat anchors are the usual cause", code="CUR062",
                )
            return None
        if depth > MAX_DEPTH:
            if not any(p.code == "CUR061" for p in self.problems):
                self.problem(node, path, f"nesting is too deep; the limit is {MAX_DEPTH} levels (MAX_DEPTH)",
                             code="CUR061")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.problem(node, path, _tag_message(node.tag), code="CUR059")
                return None
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag == _STR:
            if not node.style and self.lines is not None:
                self._plain_text(node, path)
            return node.value  # most values are text: skip the general constructor
        if node.tag not in _SCALAR_TAGS:
            mark = node.start_mark
            if self.lines is not None and node.tag.startswith("!") and self._char(mark) == "!":
                self.problem(node, path, tagged_text(self.lines[mark.line], mark.column, node.tag), code="CUR059")
            else:
                self.problem(node, path, _tag_message(node.tag), code="CUR059")
            return None
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            # A date YAML recognised but that does not exist (2026-02-30) is the same mistake as one
            # written in quotes, which the Date type reports: give both one code.
            code = "CUR107" if node.tag == "tag:yaml.org,2002:timestamp" else "CUR109"
            self.problem(node, path, f"cannot read this value: {error}", code=code)
            return None
        if isinstance(value, dt.datetime):
            self.problem(node, path, "write a date without a time, as YYYY-MM-DD", code="CUR108")
            return None
        return value

    def _char(self, mark: yaml.Mark) -> str:
        assert self.lines is not None
        line = self.lines[mark.line] if mark.line < len(self.lines) else ""
        return line[mark.column:mark.column + 1]

    def _plain_text(self, node: ScalarNode, path: FieldPath) -> None:
        """Refuse a text that YAML read other than as written: its first word taken as an anchor
        name (``&Meet``), or its end taken as a comment (``#1``)."""
        assert self.lines is not None
        start, end = node.start_mark, node.end_mark
        if self._char(start) == "&":
            self.problem(node, path, anchored_text(self.lines[start.line], start.column), code="CUR010")
        elif end.line < len(self.lines) and (cut := comment_cut(self.lines[end.line], end.column)):
            column, message = cut
            self.problems.append(Problem(self.display, end.line + 1, column + 1, field_name(path), message,
                                         code="CUR003"))

    def _mapping(self, node: MappingNode, path: FieldPath, depth: int) -> dict[str, Any] | None:
        if node.tag != "tag:yaml.org,2002:map":
            self.problem(node, path, _tag_message(node.tag), code="CUR059")
            return None
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, path, "merge keys (<<) are not supported; write the fields out",
                             code="CUR060")
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                self.problem(key_node, path, "a field name must be plain text", code="CUR064")
                continue
            key = key_node.value
            key_path = (*path, key)
            if key in result:
                self.problem(key_node, key_path,
                             f"duplicate field {key!r}; it is already set on line {first_line[key]}",
                             code="CUR063")
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.convert(value_node, key_path, depth + 1)
        return result
