"""MkDocs' own work on a page, kept in the disk cache between builds (the plugin's part of it).

Converting a page's Markdown and indexing it for search are most of what MkDocs spends on a page.
For a page whose Markdown, address, site files and Markdown settings are exactly those of a page in
an earlier build, both give the same result, so the plugin stores their results (the page's HTML,
table of contents and anchors; its search entries) and gives them back instead of doing the work
again. A page whose conversion logged anything (a broken link, say) is never stored, so a warning
that stops a strict build is raised every time.
"""

from __future__ import annotations

import copy
import importlib.util
import logging
import os
import types
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.cache import DiskCache, content_key

STORE = "mkdocs"


class MkDocsCache:
    """One build's use of the stored conversions and search entries."""

    def __init__(self, disk: DiskCache, config: MkDocsConfig, files: Files) -> None:
        self.disk = disk
        self.known: dict[str, Any] = disk.load(STORE)
        self.kept: dict[str, Any] = {}
        self.files = files
        extensions = [e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__qualname__}"
                      for e in config.markdown_extensions]
        self.context = content_key(
            repr(extensions), *map(_source_stamp, extensions), repr(sorted((k, repr(v)) for k, v in (config.mdx_configs or {}).items())),
            repr(config.validation), str(config.use_directory_urls), str(config.site_url),
            *(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion}" for f in sorted(files, key=lambda f: f.src_uri)),
        )
        self.logged = _Counter()
        logging.getLogger("mkdocs").addHandler(self.logged)
        self.pending: dict[int, tuple[str, int]] = {}

    def before_render(self, page: Page, markdown: str) -> None:
        """Give ``page`` its stored conversion instead of converting it, when one matches."""
        key = content_key("page", self.context, page.file.src_uri, page.url, markdown)
        stored = self.known.get(key)
        if stored is not None:
            self.kept[key] = stored
            page.render = types.MethodType(_restore(stored, self.files), page)  # type: ignore[method-assign]
        else:
            self.pending[id(page)] = (key, self.logged.count)

    def after_render(self, page: Page) -> None:
        """Store the conversion just made, unless making it logged anything."""
        page.__dict__.pop("render", None)
        key, logged = self.pending.pop(id(page), (None, 0))
        if key is not None and self.logged.count == logged:
            self.kept[key] = (page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                              {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}
                              if page.links_to_anchors is not None else None)

    def index(self, search_index: Any) -> None:
        """Wrap the search plugin's indexing of a page with the stored entries."""
        add = search_index.add_entry_from_context

        def add_entry_from_context(page: Page) -> None:
            key = content_key("search", page.url, str(page.title), repr(page.meta.get("search")),
                              str(page.toc), page.content or "")
            stored = self.known.get(key)
            if stored is None:
                before = len(search_index.entries)
                add(page)
                stored = [dict(entry) for entry in search_index.entries[before:]]
            else:
                search_index.entries.extend(dict(entry) for entry in stored)
            self.kept[key] = stored

        search_index.add_entry_from_context = add_entry_from_context

    def save(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.logged)
        if self.kept.keys() != self.known.keys():
            self.disk.save(STORE, self.kept)


def _source_stamp(module: str) -> str:
    """Where an extension's code is, with its size and time: an extension from a package the
    cache's fingerprint does not name still gets its conversions made again when it is upgraded."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin or not os.path.isfile(spec.origin):
        return module
    stat = os.stat(spec.origin)
    return f"{spec.origin} {stat.st_size} {stat.st_mtime_ns}"


def _restore(stored: tuple[Any, ...], files: Files) -> Any:
    content, toc, title, anchors, links = stored

    def render(page: Page, config: MkDocsConfig, files_: Files) -> None:
        page.content, page.toc, page._title_from_render = content, copy.deepcopy(toc), title
        page.present_anchor_ids = set(anchors) if anchors is not None else None
        if links is not None:
            page.links_to_anchors = {file: dict(a) for uri, a in links.items()
                                     if (file := files.get_file_from_path(uri)) is not None}

    return render


class _Counter(logging.Handler):
    """Counts what MkDocs logs, to tell a page that converted quietly."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.count += 1
