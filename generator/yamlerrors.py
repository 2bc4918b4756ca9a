"""YAML syntax errors in plain language, for authors who are not developers.

libyaml says what its parser expected ("did not find expected key"), often on a line after the one
to change. ``explain`` turns such an error, with the file's text, into the line and column to change
and a message: what is wrong and what to write, libyaml's own words in brackets for those who know
YAML, then the line itself with a caret under the column.

Everything here is a pure function of the text and the error. Each rule recognises one mistake
authors make (a tab, a colon or a quote inside a text, a text that starts with a sign YAML reserves,
indentation that does not line up...) from libyaml's message, its marks, the tokens read before the
error and the shape of the lines around it; the first rule that recognises the error explains it,
and anything no rule recognises gets a general explanation. Each answer carries the code of its kind
of mistake (``CUR002``, declared with an example in ``generator.codes``), named by the rule that
gives it, so that rewording a message never changes its code.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import yaml
from yaml.tokens import (
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
    ScalarToken,
    Token,
)

EXCERPT_WIDTH = 100
"""Widest source line shown under a message; a longer line is cut around the caret."""
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Explanation:
    """Where to change the file (1-based line and column), the kind of mistake and what to tell the
    author."""

    line: int
    column: int
    code: str
    """The kind of mistake, one of the YAML syntax codes of ``generator.codes`` (``CUR002``): each rule
    names the code of what it recognises, and an error no rule recognises is ``CUR001``."""
    message: str
    """One line that explains and ends with libyaml's words in brackets, then the source line and a
    caret under the column (see ``excerpt``)."""


def explain(text: str, error: yaml.MarkedYAMLError) -> Explanation:
    """The line and column to change, and the message, for a YAML syntax error in ``text``."""
    mark = error.problem_mark or error.context_mark
    facts = _Error(
        text=text,
        lines=text.splitlines(),
        problem=error.problem or "",
        context=error.context or "",
        at=(mark.line, mark.column) if mark else (0, 0),
        context_at=(error.context_mark.line, error.context_mark.column) if error.context_mark else None,
    )
    try:
        found = next((answer for rule in _RULES if (answer := rule(facts)) is not None), None)
    except Exception:  # noqa: BLE001 - a rule that trips over odd input must not hide the error itself
        found = None
    line, column, code, sentence = found or _general(facts)
    original = error.problem or error.context or "syntax error"
    if original.startswith("but ") and error.context:  # "but found another document"
        original = f"{error.context} {original}"
    shown = excerpt(facts.lines, line, column)
    return Explanation(line + 1, column + 1, code, f"{sentence} [YAML: {original}]\n{shown}")


def excerpt(lines: list[str], line: int, column: int) -> str:
    """Two lines: the source line (0-based ``line``; empty past the end of the file), named by its
    number, and a caret under ``column`` (0-based). A long line is cut around the column; a tab shows
    as an arrow."""
    label = f"  line {line + 1} | "
    text = lines[line].replace("\t", "→") if line < len(lines) else ""
    if len(text) > EXCERPT_WIDTH:
        start = max(0, min(column - EXCERPT_WIDTH // 2, len(text) - EXCERPT_WIDTH))
        cut = ("…" if start else "") + text[start:start + EXCERPT_WIDTH]
        text = cut + ("…" if start + EXCERPT_WIDTH < len(text) else "")
        column = column - start + (1 if start else 0)
    pad = "".join("  " if unicodedata.east_asian_width(ch) in ("W", "F") else " " for ch in text[:column])
    return f"{label}{text}\n{' ' * (len(label) - 2)}| {pad}^"


# Texts that YAML reads without an error, but not as the author meant: the loader reports these.

def anchored_text(line: str, column: int) -> str:
    """For a text at ``column`` of ``line`` that starts with ``&``: YAML takes the first word as a
    name for the value and drops it from the text."""
    name = re.match(r"&(\S*)", line[column:])
    dropped = f", so {name.group(1)!r} is left out of the text" if name and name.group(1) else ""
    return f"the text starts with '&', which YAML reads as {_STARTS['&']}{dropped}. {_fix(line, column)}"


def tagged_text(line: str, column: int, tag: str) -> str:
    """For a text at ``column`` of ``line`` that starts with ``!``: YAML takes the first word as a tag."""
    return (f"the text starts with '!', which YAML reads as {_STARTS['!']} ({tag!r}), and tags are not "
            f"allowed. {_fix(line, column)}")


def comment_cut(line: str, column: int) -> tuple[int, str] | None:
    """For a plain text that ends at ``column`` of ``line``: when what follows is a comment that reads
    as more of the text (``#1``, ``#sales``: a '#' with no space after it), the column of the '#' and
    the message. A comment written ``# like this`` is left alone."""
    match = re.match(r"\s+(#\S.*)$", line[column:])
    if not match:
        return None
    start = _row(0, line[:column]).value_col
    message = (f"the text stops before ' #', because YAML reads ' #' and what follows as a comment: "
               f"{_short(match.group(1).rstrip())!r} is left out. {_fix(line, start)}")
    return column + match.start(1), message


# The rules, in the order they are tried.

@dataclass(frozen=True)
class _Error:
    """libyaml's error, with the text it was raised on."""

    text: str
    lines: list[str]
    problem: str
    context: str
    at: tuple[int, int]
    """The problem mark (0-based line and column), or the context mark when there is none."""
    context_at: tuple[int, int] | None

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def char(self, at: tuple[int, int]) -> str:
        return self.line(at[0])[at[1]:at[1] + 1]

    def tokens(self) -> list[Token]:
        """The tokens that start before the error."""
        found: list[Token] = []
        try:
            for token in yaml.scan(self.text, Loader=_SCANNER):
                if (token.start_mark.line, token.start_mark.column) >= self.at:
                    break
                found.append(token)
        except yaml.YAMLError:
            pass
        return found


class _Found(NamedTuple):
    """A rule's answer: the 0-based line and column to point at, the code of the kind of mistake the
    rule recognised (declared in ``generator.codes``), and the explanation."""

    line: int
    column: int
    code: str
    sentence: str


def _tab(error: _Error) -> _Found | None:
    if "tab" not in error.problem and error.char(error.at) != "\t":
        return None
    line = error.line(error.at[0])
    column = line.find("\t")
    if column < 0:
        return None
    if line[:column].strip():
        return _Found(error.at[0], column, "CUR008",
                      "this line holds a tab where YAML allows only spaces. Replace the "
                      "tab with a space.")
    rows, _ = _rows(error.lines, error.at[0])
    above = rows[-1] if rows else None
    fits = ""
    if above is not None and above.key is not None and not above.value:
        fits = f"; here that is {_spaces(above.parent + 2)}, to fit under `{above.key}:`"
        fits += f" (line {above.index + 1})"
    elif above is not None:
        fits = f"; here that is {_spaces(above.indent)}, like line {above.index + 1}"
    return _Found(error.at[0], column, "CUR008",
                  "this line is indented with a tab, and YAML allows only spaces for "
                  f"indenting. Indent it with spaces only{fits}.")


def _escape(error: _Error) -> _Found | None:
    if not any(words in error.problem for words in ("escape", "hexdecimal", "hexadecimal")):
        return None
    line = error.line(error.at[0])
    backslash = line.rfind("\\", 0, error.at[1] + 1)
    return _Found(error.at[0], backslash if backslash >= 0 else error.at[1], "CUR016",
                  "inside double quotes, a backslash (\\) starts a special character such as \\n. Write two "
                  "backslashes (\\\\) for one, or put the text in single quotes instead.")


def _unclosed_quote(error: _Error) -> _Found | None:
    """A quote that runs to the end of the file: libyaml names the end, the author must change the start."""
    if "quoted scalar" not in error.context or error.context_at is None:
        return None
    if error.at[0] == error.context_at[0] and "end of stream" not in error.problem:
        return None
    quote = error.char(error.context_at)
    return _Found(*error.context_at, "CUR006" if quote == '"' else "CUR007",
                  f"this quote ({quote}) is never closed, so YAML reads the rest of the "
                  f"file as part of this text. Add the closing {quote} at the end of the text.")


def _document(error: _Error) -> _Found | None:
    if error.problem == "but found another document":
        return _Found(*error.at, "CUR015",
                      "the line '---' starts a second document, and a lesson, skill or track file "
                      "holds one. Remove the line (only the first line of a file may be '---').")
    if "<document start>" not in error.problem:
        return None
    for index in range(min(error.at[0], len(error.lines)) - 1, -1, -1):
        if error.lines[index].split("#")[0].strip() == "...":
            return _Found(index, 0, "CUR015",
                          "the line '...' marks the end of the YAML, so the lines after it cannot "
                          "be read. Remove the line.")
    return None


def _block_header(error: _Error) -> _Found | None:
    """Something after ``|`` or ``>`` on its line: a second sign, or a text that starts with one."""
    if not error.context.startswith("while scanning a block scalar") or error.context_at is None:
        return None
    index, column = error.context_at
    if error.at[0] != index:
        return None
    line = error.line(index)
    found = error.char(error.at)
    if found in ("|", ">"):
        keep = line[:column + 1].strip()
        return _Found(*error.at, "CUR012",
                      f"there are two signs ('{line[column]}' and '{found}') where one says that "
                      f"the text starts on the next line. Keep only the first: `{keep}`.")
    return _Found(index, column, "CUR010", _starts_with(line, column))


def _flow(error: _Error) -> _Found | None:
    """A ``[`` or ``{`` at the start of a value, never closed or holding what a list cannot."""
    flow = error.context.startswith(("while parsing a flow", "while scanning a flow"))
    if error.context_at is None or not flow:
        return None
    index, column = error.context_at
    if error.char(error.context_at) not in ("[", "{"):  # libyaml names the end of the file: find the opener
        opened: list[Token] = []
        for token in error.tokens():
            if isinstance(token, (FlowSequenceStartToken, FlowMappingStartToken)):
                opened.append(token)
            elif isinstance(token, (FlowSequenceEndToken, FlowMappingEndToken)) and opened:
                opened.pop()
        if not opened:
            return None
        index, column = opened[0].start_mark.line, opened[0].start_mark.column
    line = error.line(index)
    opener = line[column:column + 1]
    if opener not in ("[", "{") or not _value_start(line, column):
        return None
    closer = "]" if opener == "[" else "}"
    fix = _fix(line, column)
    if closer in line[column:]:
        return _Found(index, column, "CUR018",
                      f"YAML cannot read this list in '{opener}{closer}': separate its items "
                      "with ', ' and put quotes around any item that holds a comma or a colon. If the "
                      f"'{opener}' belongs to the text, {_lower_first(fix)}")
    if opener == "[":
        fix = f"If it is a list, end it with ']'; if the '[' belongs to the text, {_lower_first(fix)}"
    return _Found(index, column, "CUR010",
                  f"the text starts with '{opener}', which YAML reads as {_STARTS[opener]}, "
                  f"and there is no '{closer}' on this line to close it. {fix}")


def _sign(error: _Error) -> _Found | None:
    """A value that starts with a sign YAML reads as syntax: ``*``, ``&``, ``@``, a backtick, ``%``,
    ``- ``, ``? ``, ``,``."""
    scanning = ("while scanning an alias", "while scanning an anchor", "while scanning a tag")
    if error.context.startswith(scanning):
        at = error.context_at or error.at  # libyaml names the character after the sign
    elif any(words in error.problem for words in ("undefined alias", "cannot start any token",
                                                  "entries are not allowed", "mapping keys are not allowed",
                                                  "node content")):
        at = error.at
    else:
        return None
    line = error.line(at[0])
    if error.char(at) not in _STARTS or not _value_start(line, at[1]):
        return None
    return _Found(*at, "CUR010", _starts_with(line, at[1]))


def _dash(error: _Error) -> _Found | None:
    """A list item written ``-text``, without the space: YAML reads it as text, not as an item, and
    fails on that line or the next."""
    if not ("could not find expected ':'" in error.problem
            or error.problem.startswith(("did not find expected", "expected <block end>"))):
        return None
    for at in (error.context_at, error.at):
        line = error.line(at[0]) if at else ""
        rest = line.lstrip(" ")
        if at and re.match(r"-[^\s-]", rest):
            return _Found(at[0], len(line) - len(rest), "CUR009",
                          "a list item needs a space after the '-'. Write "
                          f"`- {_short(rest[1:])}`, with the space.")
    return None


def _simple_key(error: _Error) -> _Found | None:
    """A line that YAML starts reading as a field name but finds no ': ' in: ``name:value``,
    ``name value``, a text under ``|`` that lost its indentation, a text with ': ' that YAML took for
    a field, or a text that continues the line above."""
    if "could not find expected ':'" not in error.problem or error.context_at is None:
        return None
    index, column = error.context_at
    line = error.line(index)
    rest = line[column:].rstrip()
    rows, first_text = _rows(error.lines, index)
    above = rows[-1] if rows else None
    if match := re.fullmatch(r"([a-z][a-z0-9_]*):(\S.*)", rest):
        return _Found(index, column, "CUR014", "a field name needs a space after its colon. Write "
                      f"`{match.group(1)}: {_short(match.group(2))}`.")
    match = re.fullmatch(r"([a-z][a-z0-9_]*)(?: +(\S+))?", rest)
    if match and not (above and above.block_header):
        return _Found(index, column, "CUR014", "this line has no ':' after the field name. Write "
                      f"`{match.group(1)}: {match.group(2) or '...'}`.")
    if column == _indent(line) and (found := _block_text(error, rows, first_text, index)):
        return found
    if above is None:
        return None
    if above.key is not None and not above.field_like and not above.dashes:
        return _colon_in_text(error, above)
    if above.item and above.key is None:
        return _Found(index, column, "CUR020",
                      "this line has no ': ', so YAML cannot read it as a field. If it "
                      f"continues the text of the list item on line {above.index + 1}, "
                      f"{_lower_first(_indent_to(above.key_col))}; if it is a new item, start it with '- '.")
    if above.key is not None:
        indent = _lower_first(_indent_to(above.key_col + 2))
        return _Found(index, column, "CUR020",
                      "this line has no ': ', so YAML cannot read it as a field. If it "
                      f"continues the text of `{above.key}:` on line {above.index + 1}, {indent}; if it is a "
                      "field, write its name, ': ' and the value.")
    return None


def _colon(error: _Error) -> _Found | None:
    """': ' where YAML cannot start a field: inside a text, at a value's start, or at the end of a
    line indented more than the field above it (which YAML reads as more of that field's text)."""
    if not error.problem.startswith("mapping values are not allowed"):
        return None
    index, column = error.at
    line = error.line(index)
    row = _row(index, line)
    tokens = error.tokens()
    text = tokens[-1] if tokens and isinstance(tokens[-1], ScalarToken) else None
    if text is not None and text.start_mark.line < index:
        begun = _row(text.start_mark.line, error.line(text.start_mark.line))
        if (row.field_like and row.key_col + len(row.key or "") == column and begun.key is not None
                and begun.value_col == text.start_mark.column):
            return _Found(index, row.indent, "CUR004",
                          f"this line is indented more than `{begun.key}:` on line "
                          f"{begun.index + 1}, so YAML reads it as more of that field's text. "
                          f"{_indent_to(begun.key_col)}, like `{begun.key}:`.")
        owner = _row(text.start_mark.line - 1, error.line(text.start_mark.line - 1))
        if owner.key is not None and not owner.value and begun.key is None:
            return _needs_block(owner, index)
    if (row.key is not None and column == row.value_col) or line[:column].strip() in ("", "-"):
        return _Found(index, column, "CUR010",
                      "the text starts with ':', which YAML reads as the start of a value. "
                      f"{_fix(line, column)}")
    start = row.value_col if row.key is not None and row.value_col <= column else row.key_col
    what = "ends with ':'" if column + 1 >= len(line.rstrip()) else "contains ': ' (a colon and a space)"
    return _Found(index, column, "CUR002", f"the text {what}, which YAML reads as the start of a new field. "
                  f"{_fix(line, start)}")


def _after_closing(error: _Error) -> _Found | None:
    """Words after a quoted text or a list in [ ] on its line: the quote closed early (an apostrophe,
    or dialogue like ``"Yes?" she asks``), or late (an unclosed quote that runs on to the next quote,
    lines below), or the [ ] was meant as text."""
    tokens = error.tokens()
    last = tokens[-1] if tokens else None
    if last is None or last.end_mark.line != error.at[0] or last.end_mark.column > error.at[1]:
        return None
    end = last.end_mark
    line = error.line(end.line)
    if isinstance(last, (FlowSequenceEndToken, FlowMappingEndToken)):
        opener = "[" if isinstance(last, FlowSequenceEndToken) else "{"
        start = line.rfind(opener, 0, end.column)
        if start < 0 or not _value_start(line, start):
            return None
        return _Found(end.line, start, "CUR010", f"the text starts with '{opener}', which YAML reads as "
                      f"{_STARTS[opener]}, so it cannot read the words after the closing "
                      f"'{line[end.column - 1]}'. {_fix(line, start)}")
    if not isinstance(last, ScalarToken) or last.style not in ("'", '"'):
        return None
    quote, start, closing = last.style, last.start_mark, end.column - 1
    if start.line != end.line:
        swallowed = [_row(0, text) for text in error.lines[start.line + 1:end.line + 1]]
        if not any(row.key is not None or row.item for row in swallowed):
            return None  # a text in quotes over several lines, with words after it: left to the general words
        where = f"on line {end.line + 1}"
        if line[closing - 1:closing].isalpha() and line[closing + 1:closing + 2].isalpha():  # an apostrophe
            where = f"in {_word_around(line, closing)!r} {where}"
        return _Found(start.line, start.column, "CUR006" if quote == '"' else "CUR007",
                      f"this quote ({quote}) is not closed on its line, so YAML "
                      f"reads on to the next {quote}, {where}, and cannot read what follows it. Add the "
                      f"closing {quote} at the end of the text on this line.")
    value = line[start.column:].rstrip()
    if len(value) > 1 and value.endswith(quote):
        inner = value[1:-1]
        if quote == '"' and "'" not in inner:
            fix = "Put it in single quotes instead ('...')."
        elif quote == "'" and '"' not in inner and "\\" not in inner:
            fix = 'Put it in double quotes instead ("...").'
        else:
            fix = _block_fix(_row(0, line[:start.column]))
        kind = "double" if quote == '"' else "single"
        return _Found(end.line, closing, "CUR017",
                      f"the text is in {kind} quotes and also holds a {quote} (column "
                      f"{closing + 1}), which YAML reads as the closing quote. {fix}")
    return _Found(end.line, closing, "CUR011",
                  f"the text starts with a quote ({quote}), so YAML takes the text to end "
                  f"at the next {quote} (column {closing + 1}) and cannot read what follows it. "
                  f"{_fix(line, start.column)}")


def _indentation(error: _Error) -> _Found | None:
    """A line that does not line up with the lines of its group: libyaml's "did not find expected
    key" (or "'-' indicator") at the line's first character."""
    if not (error.problem.startswith(("did not find expected key", "did not find expected '-'",
                                      "expected <block end>")) and error.context_at is not None):
        return None
    index, column = error.at
    line = error.line(index)
    rows, first_text = _rows(error.lines, index)
    if column != _indent(line) or not rows:
        return None
    here = _row(index, line)
    if not here.field_like and not here.item and (found := _block_text(error, rows, first_text, index)):
        return found
    group = error.context_at[1]
    if "collection" in error.context or "sequence" in error.context:
        return _in_list(rows, here, group)
    if here.item:
        # the items of a list in the group's last field: not those of a list in an earlier field
        last = list(itertools.takewhile(lambda r: r.indent > group, reversed(rows)))
        items = next((r for r in last if r.dashes and r.dashes[-1] > group), None)
        if items is not None:
            return _misplaced_item(here, items, items.dashes[-1])
        above = rows[-1]
        if above.key is None or not above.value or above.block_header:
            return None
        field = f"`{above.key}: {_short(above.value, 20)}`"
        return _Found(index, here.indent, "CUR019",
                      f"this list item follows {field} on line {above.index + 1}, which "
                      "already has a value, so YAML cannot tell what the item belongs to. For a list, write "
                      f"`{above.key}:` alone on its line and each item below it.")
    return _in_mapping(error, rows, here, group)


def _in_list(rows: list[_Row], here: _Row, column: int) -> _Found | None:
    """``here`` is inside a list whose items start with '-' at ``column``."""
    item = next((r for r in reversed(rows) if column in r.dashes), None)
    if item is None:
        return None
    if here.item:
        return _misplaced_item(here, item, column)
    if here.key is None or item.key is None or item.key_col == here.indent:
        return None
    return _Found(here.index, here.indent, "CUR004",
                  f"this field is indented by {_spaces(here.indent)}, but the "
                  f"fields of its list item ({_field(item)} on line {item.index + 1}) by "
                  f"{_spaces(item.key_col)}. {_indent_to(item.key_col)}.")


def _misplaced_item(here: _Row, item: _Row, column: int) -> _Found | None:
    if here.indent == column:
        return None
    return _Found(here.index, here.indent, "CUR005",
                  f"this list item is indented by {_spaces(here.indent)}, but the "
                  f"items above it (line {item.index + 1}) by {_spaces(column)}; the '-' of the items in one "
                  f"list must line up. {_indent_to(column)}.")


def _in_mapping(error: _Error, rows: list[_Row], here: _Row, column: int) -> _Found | None:
    """``here`` is a field in a group of fields written at ``column``, or in a group that closed
    above it; find the group it belongs to."""
    p = here.indent
    sibling = next((r for r in reversed(rows) if r.key is not None and r.key_col == column), None)
    if here.key is None or sibling is None or p == column:
        return None
    after = [r for r in rows if r.index > sibling.index]
    first = after[0] if after else None
    if (first is not None and first.field_like and not sibling.value and p - column == 2
            and first.indent - column != 2):  # the first field of the group is the odd one out
        return _Found(first.index, first.indent, "CUR004",
                      f"this field is indented by {_spaces(first.indent)}, but "
                      f"the next field in `{sibling.key}:` ({_field(here)} on line {here.index + 1}) by "
                      f"{_spaces(p)}; the fields of one group must line up. {_indent_to(p)}.")
    deeper = next((r for r in reversed(after) if r.key is not None and r.key_col > p), None)
    if deeper is not None:
        elsewhere = _key_columns(error.lines, here.key, here.index)
        if deeper.key_col in elsewhere and column not in elsewhere:
            sibling, column = deeper, deeper.key_col
        elif column not in elsewhere:
            one = f"{_field(sibling)} on line {sibling.index + 1} ({_spaces(sibling.key_col)})"
            other = f"{_field(deeper)} on line {deeper.index + 1} ({_spaces(deeper.key_col)})"
            return _Found(here.index, p, "CUR004",
                          f"this field is indented by {_spaces(p)}, which lines it up neither "
                          f"with {one} nor with {other}. Indent it like the fields it belongs with.")
    return _Found(here.index, p, "CUR004",
                  f"this field is indented by {_spaces(p)}, but {_field(sibling)} on line "
                  f"{sibling.index + 1}, in the same group, by {_spaces(column)}; the fields of one group "
                  f"must line up. {_indent_to(column)}.")


def _general(error: _Error) -> _Found:
    return _Found(*error.at, "CUR001",
                  "YAML cannot read the file from here. Look on this line and the one above it "
                  "for a colon and a space (': ') or a quote inside a text, a quote that is not closed, or a "
                  "line that does not line up with the lines of its group.")


_RULES: tuple[Callable[[_Error], _Found | None], ...] = (
    _tab, _escape, _unclosed_quote, _document, _block_header, _flow, _sign, _dash, _simple_key, _colon,
    _after_closing, _indentation,
)


# Parts of answers shared by several rules.

def _block_text(error: _Error, rows: list[_Row], first_text: dict[int, int], index: int) -> _Found | None:
    """Line ``index``, just below a ``|`` text, indented less than the text's lines: it belongs to the
    text, or the text's first line is the odd one out."""
    last = rows[-1] if rows else None
    if last is None or not last.block_header:
        return None
    indent = _indent(error.line(index))
    name = f"`{last.key}: |`" if last.key is not None else "`- |`"
    if last.index not in first_text:
        return _Found(index, indent, "CUR013",
                      f"the text of {name} on line {last.index + 1} must be indented. Start "
                      f"each of its lines with {_spaces(last.parent + 2)}.")
    first = first_text[last.index]
    text_indent = _indent(error.lines[first])
    if indent >= text_indent:
        return None
    if indent - last.parent == 2 and text_indent - last.parent != 2:
        return _Found(first, text_indent, "CUR013",
                      f"the text of {name} takes its indentation from its first line, "
                      f"indented by {_spaces(text_indent)}, but the lines after it are indented by "
                      f"{_spaces(indent)}. Indent this line by {_spaces(indent)} too.")
    return _Found(index, indent, "CUR013",
                  f"this line seems to belong to the text of {name} on line {last.index + 1}, "
                  f"whose lines are indented by {_spaces(text_indent)}. Indent it by "
                  f"{_spaces(text_indent)} too.")


def _colon_in_text(error: _Error, row: _Row) -> _Found:
    """A line of text that YAML took for a field because it holds ': ' (``The reflex: answer`` under
    ``why:``); when the text starts below its field, the fix is on the field's line."""
    rows, _ = _rows(error.lines, row.index)
    owner = rows[-1] if rows else None
    if owner is not None and owner.key is not None and not owner.value and owner.indent < row.indent:
        return _needs_block(owner, row.index)
    colon = row.value_col - (2 if row.value else 1)
    return _Found(row.index, colon, "CUR002",
                  "the text contains ': ' (a colon and a space), which YAML reads as the "
                  f"start of a new field. {_fix(error.line(row.index), row.key_col)}")


def _needs_block(owner: _Row, colon_line: int) -> _Found:
    return _Found(owner.index, owner.value_col - 1, "CUR002",
                  f"the text of `{owner.key}:` on the lines below holds "
                  f"': ' (line {colon_line + 1}), which YAML reads as a new field. Write `{owner.key}: |` so "
                  "that YAML reads the lines below as text.")


_STARTS = {
    "*": "a reference to another value (an alias)",
    "&": "a name for the value (an anchor)",
    "!": "a tag naming the value's type",
    "@": "a sign it reserves",
    "`": "a sign it reserves",
    "%": "a sign it reserves",
    "|": "the sign that the text starts on the next line",
    ">": "the sign that the text starts on the next line",
    "-": "the start of a list item",
    "?": "the start of a field name",
    ",": "the separator between list items",
    "[": "the start of a list written like [a, b]",
    "{": "the start of fields written like {a: 1}",
}
"""What YAML reads in a sign at the start of a value."""


def _starts_with(line: str, column: int) -> str:
    """For a text that starts, at ``column``, with a sign YAML reads as syntax."""
    sign = line[column]
    shown = f"'{sign} '" if sign in ("-", "?") else f"'{sign}'"
    return f"the text starts with {shown}, which YAML reads as {_STARTS[sign]}. {_fix(line, column)}"


def _fix(line: str, column: int) -> str:
    """How to write the text that starts at ``column`` of ``line`` so that YAML reads all of it as text:
    in double quotes if it holds none (nor a backslash), else in single quotes if it holds none, else
    after ``|``."""
    value = line[column:].strip()
    if '"' not in value and "\\" not in value:
        return 'Put the whole text in double quotes ("...").'
    if "'" not in value:
        return "Put the whole text in single quotes ('...')."
    return _block_fix(_row(0, line))


def _block_fix(row: _Row) -> str:
    if row.key is not None:
        return (f"Write `{row.key}: |` and put the text on the next line, indented by "
                f"{_spaces(row.key_col + 2)}.")
    if row.dashes:
        return f"Write `- |` and put the text on the next line, indented by {_spaces(row.dashes[-1] + 2)}."
    return "Write `|` after the field name and put the text on the lines below, indented by 2 more spaces."


# The shape of a line.

@dataclass(frozen=True)
class _Row:
    """One line read as YAML structure: its indentation, list dashes, field name and value."""

    index: int
    indent: int
    dashes: tuple[int, ...]
    key: str | None
    key_col: int
    """Where the field name is, or the value when there is none."""
    value: str
    value_col: int

    @property
    def block_header(self) -> bool:
        """The value is ``|`` or ``>`` (with indicators or a comment): a text follows on the lines below."""
        return bool(re.fullmatch(r"[|>][-+0-9]*\s*(#.*)?", self.value))

    @property
    def parent(self) -> int:
        """The column that the lines of a text below this line must be indented past."""
        return self.key_col if self.key is not None else (self.dashes[-1] if self.dashes else self.indent)

    @property
    def field_like(self) -> bool:
        """The line starts with a field name as this project writes them (``prep:``, ``rep_says:``)."""
        return self.key is not None and not self.dashes and bool(re.fullmatch(r"[a-z][a-z0-9_]*", self.key))

    @property
    def item(self) -> bool:
        """The line starts a list item."""
        return bool(self.dashes) and self.dashes[0] == self.indent


def _row(index: int, line: str) -> _Row:
    column = indent = _indent(line)
    dashes: list[int] = []
    while line.startswith("-", column) and line[column + 1:column + 2] in ("", " "):
        dashes.append(column)
        column += 1
        while line.startswith(" ", column):
            column += 1
    key, key_col = None, column
    if match := re.match(r"([^\s#'\"\[\]{},&*!|>%@`][^:#]*?):(?: +|$)", line[column:]):
        key = match.group(1)
        column += match.end()
    return _Row(index, indent, tuple(dashes), key, key_col, line[column:].rstrip(), column)


def _rows(lines: list[str], upto: int) -> tuple[list[_Row], dict[int, int]]:
    """The structural lines before line ``upto`` (not blank lines, comments or the lines of a ``|``
    text), and for each line that starts a ``|`` text, the index of the text's first line."""
    rows: list[_Row] = []
    first_text: dict[int, int] = {}
    header: _Row | None = None
    text_indent: int | None = None
    for index, line in enumerate(lines[:upto]):
        if not line.strip():
            continue
        indent = _indent(line)
        if header is not None:
            if text_indent is None and indent > header.parent:
                text_indent, first_text[header.index] = indent, index
                continue
            if text_indent is not None and indent >= text_indent:
                continue
            header, text_indent = None, None
        if line.strip().startswith("#"):
            continue
        rows.append(_row(index, line))
        if rows[-1].block_header:
            header = rows[-1]
    return rows, first_text


def _key_columns(lines: list[str], key: str, skip: int) -> set[int]:
    """The columns at which field ``key`` is written on the lines other than ``skip``."""
    pattern = re.compile(rf"^(?: *- +)*( *){re.escape(key)}:(?: |$)")
    return {match.end(1) for index, line in enumerate(lines)
            if index != skip and key in line and (match := pattern.match(line))}


def _value_start(line: str, column: int) -> bool:
    """Whether ``column`` is where a value starts: after ``name: ``, after ``- ``, or at the line's start."""
    row = _row(0, line)
    return column == row.value_col or (row.key is None and column == row.key_col)


def _word_around(line: str, column: int) -> str:
    """The word that holds ``column`` of ``line`` (an apostrophe in "buyer's" gives "buyer's")."""
    before = re.search(r"[\w'’]*$", line[:column])
    after = re.match(r"[\w'’]*", line[column + 1:])
    return (before.group() if before else "") + line[column:column + 1] + (after.group() if after else "")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(n: int) -> str:
    return "no spaces" if n == 0 else "1 space" if n == 1 else f"{n} spaces"


def _indent_to(n: int) -> str:
    return "Start it at the beginning of the line" if n == 0 else f"Indent it by {_spaces(n)}"


def _field(row: _Row) -> str:
    return f"`{row.key}:`" if row.key is not None else "the list item"


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width].rstrip() + "…"


def _lower_first(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:]
