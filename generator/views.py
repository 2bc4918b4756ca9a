"""Printable views: pages made to be printed and handed out (run sheets, role-play cards, handouts,
worksheets), rendered by the generator itself as small standalone HTML pages.

They are not MkDocs pages: a printed sheet needs none of the theme's header, tabs and search, and
leaving them out keeps a large curriculum's build fast. Their text goes through the same ``md`` and
``inline`` filters as every page, then through Python-Markdown with the same safety extension the
plugin adds to MkDocs, so hostile text stays text here too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from markdown import Markdown
from markupsafe import Markup

from generator.safety import SafeLinksExtension

EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables")
"""The Markdown extensions the view templates use (a subset of mkdocs.yml's)."""


@functools.cache
def _converter() -> Markdown:
    return Markdown(extensions=[*EXTENSIONS, SafeLinksExtension()])


def markdown_to_html(text: str) -> Markup:
    """Markdown made by a view template (author text already made safe by the filters) as HTML."""
    return Markup(_converter().reset().convert(str(text)))


def roles(lesson: Mapping[str, Any]) -> tuple[str, str]:
    """What the two players are called: a rep sells to a buyer; a manager coaches a rep."""
    return ("Coach", "Rep") if lesson.get("audience") == "manager" else ("Seller", "Buyer")


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]?\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """A text's sentences, whitespace flattened (Markdown line breaks and lists become one line)."""
    flat = " ".join(str(text).split())
    parts, start = [], 0
    for found in _SENTENCE_END.finditer(flat):
        parts.append(flat[start:found.start()] + flat[found.start():found.end()].rstrip())
        start = found.end()
    if start < len(flat):
        parts.append(flat[start:])
    return [p for p in parts if p]


def first_sentences(text: str, count: int) -> str:
    """The first ``count`` whole sentences of ``text``: a shorter version that never stops mid-sentence."""
    return " ".join(sentences(text)[:count])
