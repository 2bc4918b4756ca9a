"""The memory a long-running preview keeps between rebuilds (``curriculum serve``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.fieldtypes import Record
from generator.load import Document
from generator.problems import Problem


@dataclass
class PreviewCache:
    """What `curriculum serve` keeps between rebuilds so that a save shows quickly.

    ``files`` maps each file to its size and modification time and what loading and checking it
    gave; a file whose size or time changed is read again. ``pages`` holds each page's output with
    the inputs it was made from (see ``render_site``). A one-shot build uses no cache.
    """

    files: dict[Path, tuple[tuple[int, int], Document | None, list[Problem]]] = field(default_factory=dict)
    records: dict[int, tuple[Document, Record]] = field(default_factory=dict)
    links: object = None
    pages: dict[str, tuple[object, str | bytes]] = field(default_factory=dict)
