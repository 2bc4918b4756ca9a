"""A Python-Markdown extension that lets a wide table read on a phone: each row as a block.

Every table of ``STACKED_FROM`` columns or more that holds text gets ``data-stack`` and, on each
body cell, the column's heading as ``data-label``; the stylesheets (curriculum.css, views.css) show such a table
as blocks on a narrow screen, each cell under its heading, instead of a table that scrolls
sideways or squeezes a rubric into one word a line. The explicit roles keep it a table for a
screen reader once the stylesheet has made its rows blocks (browsers drop the table semantics of
a table whose display is changed).

A table whose body is blank is a form to fill in by hand on paper: it keeps its grid, and the
template puts it in a box that scrolls sideways on a narrow screen (``scroll-region`` in the CSS).

It runs on every page MkDocs renders (declared in mkdocs.yml as ``- generator.tables``, which
``siteconfig`` requires) and in the printable views.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown, util
from markdown.treeprocessors import Treeprocessor

STACKED_FROM = 4
"""Tables with fewer columns (a clock and a step, a level and what it looks like) fit a phone as they are."""

_ROLES = {"table": "table", "thead": "rowgroup", "tbody": "rowgroup", "tr": "row", "th": "columnheader", "td": "cell"}


_STASHED = re.compile(re.escape(util.STX) + r"wzxhzdk:\d+" + re.escape(util.ETX))
"""Where Python-Markdown keeps an entity such as the ``&nbsp;`` of a blank cell until the end."""


def _text(element: Element) -> str:
    return " ".join(_STASHED.sub(" ", "".join(element.itertext())).split())


class _LabelCells(Treeprocessor):
    def run(self, root: Element) -> None:
        for table in root.iter("table"):
            head = table.find("thead/tr")
            body = table.find("tbody")
            if head is None or len(head) < STACKED_FROM or body is None or not _text(body):
                continue
            labels = [_text(cell) for cell in head]
            table.set("data-stack", "")
            for element in table.iter():
                if element.tag in _ROLES:
                    element.set("role", _ROLES[element.tag])
            for row in table.iterfind("tbody/tr"):
                for cell, label in zip(row, labels, strict=False):
                    cell.set("data-label", label)


class TableLabelsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_LabelCells(md), "curriculum_table_labels", 1)


def makeExtension(**kwargs: Any) -> TableLabelsExtension:  # the name Python-Markdown looks for
    """What ``- generator.tables`` under ``markdown_extensions:`` in mkdocs.yml loads."""
    return TableLabelsExtension(**kwargs)
