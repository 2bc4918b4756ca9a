"""The authoring guide's content, derived from the declared format so it cannot drift from it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import YamlLexer

from generator import spec
from generator.fieldtypes import Choice, Date, Fields, Id, Integer, ListOf, Text, Type, Url


@dataclass(frozen=True)
class Row:
    path: str
    type: str
    required: bool
    allowed: str
    description: str
    example: str


def type_name(kind: Type) -> str:
    if isinstance(kind, ListOf):
        return f"list of {type_name(kind.item)}" + (f" (at least {kind.min_items})" if kind.min_items else "") \
            + (f" (at most {kind.max_items})" if kind.max_items is not None else "")
    if isinstance(kind, Fields):
        return "fields (below)"
    if isinstance(kind, Url):
        return "web address"
    if isinstance(kind, Text):
        return "Markdown text" if kind.markdown else "one line of text" + (
            f", up to {kind.max_length} characters" if kind.max_length else "")
    if isinstance(kind, Integer):
        return f"whole number, {kind.minimum} to {kind.maximum}"
    if isinstance(kind, Date):
        return "date, YYYY-MM-DD"
    if isinstance(kind, Choice):
        return "one value from the list"
    if isinstance(kind, Id):
        return f"{kind.refers_to} id" if kind.refers_to else "id: lower-case letters, digits, hyphens"
    return kind.expected


def _allowed(kind: Type) -> str:
    while isinstance(kind, ListOf):
        kind = kind.item
    return ", ".join(kind.labels) if isinstance(kind, Choice) else ""


def _example(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False)


def rows(fields: Fields, prefix: str = "") -> list[Row]:
    """Every field of a format, nested ones as ``prep.checklist`` or ``agenda[].minutes``."""
    found = []
    for field in fields.fields:
        path = f"{prefix}{field.name}"
        found.append(Row(path, type_name(field.type), field.required, _allowed(field.type),
                         field.description, _example(field.example)))
        inner = field.type
        suffix = ""
        while isinstance(inner, ListOf):
            inner, suffix = inner.item, suffix + "[]"
        if isinstance(inner, Fields):
            found.extend(rows(inner, f"{path}{suffix}."))
    return found


def annotated_example() -> str:
    """The model lesson (the shipped one), each top-level field preceded by its description."""
    from generator.project import MODEL_LESSON, template_root

    text = (template_root() / MODEL_LESSON).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        key = re.match(r"^([a-z_]+):", line)
        if key and key.group(1) in spec.LESSON.by_name:
            field = spec.LESSON.by_name[key.group(1)]
            needed = "required" if field.required else "optional"
            out.append(f"# {field.name} ({needed}): {field.description}")
        out.append(line)
    return "\n".join(out) + "\n"


def example(text: str) -> Markup:
    """A problem code's wrong or right example: highlighted YAML that wraps on a phone.

    The guide shows some 150 of them. As fenced code blocks, Material's script would instrument
    each one when the page loads (an id, a size watcher, a scroll check), which is most of the
    guide's blocking time on a phone; a `pre` without a `code` inside is left alone, and the
    short examples wrap instead of scrolling sideways, so none needs a tab stop.
    """
    spans = highlight(text, YamlLexer(), HtmlFormatter(nowrap=True)).rstrip("\n")
    # Markdown still reads the text of raw HTML for links: written as entities, an example's
    # `[the pain chain](x.md)` stays text under every engine (Zensical checked it as a link).
    spans = spans.replace("[", "&#91;").replace("]", "&#93;")
    return Markup(f'<div class="highlight"><pre class="example">{spans}</pre></div>')
