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
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from markdown import Markdown

EXTENSIONS = ("tables",)
"""The Markdown extensions the views use (a subset of mkdocs.yml's). Their wrappers are HTML in the
templates, so only author text goes through Markdown."""
NESTED = ("admonition", "md_in_html")
"""Added for the one view that nests Markdown in HTML (the handout's strong and weak examples); they
cost four times the plain conversion, so the other views do without."""


@functools.cache
def _converter(nested: bool) -> Markdown:
    from markdown import Markdown  # here, not above: `curriculum check` needs no Markdown

    from generator.safety import SafeLinksExtension
    from generator.tables import TableLabelsExtension

    return Markdown(extensions=[*EXTENSIONS, *(NESTED if nested else ()), SafeLinksExtension(), TableLabelsExtension()])


_converted: dict[tuple[bool, str], Markup] = {}


def markdown_to_html(text: str, nested: bool = False) -> Markup:
    """Markdown made by a view template (author text already made safe by the filters) as HTML.

    The same Markdown gives the same HTML, so it is converted once per rendering: a lesson's run
    sheet is also printed in the week's run sheets of every track that runs it.
    """
    key = (nested, str(text))
    if key not in _converted:
        _converted[key] = Markup(_converter(nested).reset().convert(key[1]))
    return _converted[key]


def forget_conversions() -> None:
    """Drop the conversions kept by ``markdown_to_html`` (at the end of each rendering)."""
    _converted.clear()


_HEADING = re.compile(r"<(/?)h([1-5])\b")


def shift_headings(html: str) -> Markup:
    """HTML with every heading one level down (a run sheet's h1 becomes an h2 in a week's print-out).
    Safe on the views' own HTML: author text cannot hold a tag, as the filters escape ``<``."""
    return Markup(_HEADING.sub(lambda found: f"<{found[1]}h{int(found[2]) + 1}", str(html)))


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
