"""Stage 5, write: put the rendered pages on disk, touching only what changed.

A file is rewritten only when its bytes differ, so `mkdocs serve` rebuilds only after real changes;
files the generator wrote before and no longer produces are removed. The pages folder may hold a
team's own pages too (when mkdocs.yml's ``docs_dir`` is their ``docs/``): the generator removes only
files it wrote, as listed in the folder's ``.curriculum-pages``, and refuses to replace a file it did
not write. Nothing outside ``out_dir`` is touched, and dot-files inside it are left alone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


MANIFEST = ".curriculum-pages"
"""In the pages folder: the files the generator wrote there, one a line; the only ones it removes."""

OWN_FOLDER_MARK = "# Generated from curriculum/ by the generator"
"""The first line of the .gitignore in ``generated/``: a folder that has it holds nothing but pages
(which is how the generator knew its folder before it kept a manifest)."""


def written_before(out_dir: Path) -> frozenset[str]:
    """The files the generator wrote in ``out_dir`` and may replace or remove."""
    try:
        return frozenset((out_dir / MANIFEST).read_text(encoding="utf-8").splitlines())
    except FileNotFoundError:
        pass
    try:
        own = (out_dir / ".gitignore").read_text(encoding="utf-8").startswith(OWN_FOLDER_MARK)
    except OSError:
        own = False
    if not own:
        return frozenset()
    return frozenset(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*")
                     if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out_dir).parts))


def write_pages(out_dir: Path, pages: Mapping[str, str | bytes | None]) -> WriteReport:
    """Write ``pages`` into ``out_dir`` and remove the files written before that are not among them."""
    owned = written_before(out_dir)
    written, unchanged = write_files(out_dir, pages, owned)
    return WriteReport(written, unchanged, remove_stale(out_dir, set(pages), owned))


def write_files(out_dir: Path, pages: Mapping[str, str | bytes | None], owned: frozenset[str]) -> tuple[int, int]:
    """Write the files whose content changed; (written, unchanged). Removes nothing.

    A page whose content is None is known to be unchanged (a preview skipped making it again).
    Raises ``FileExistsError``, before writing anything, when a page would replace a different file
    the generator did not write (not in ``owned``).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    data_of = {name: content.encode("utf-8") if isinstance(content, str) else content
               for name, content in pages.items() if content is not None}
    foreign = sorted(name for name, data in data_of.items()
                     if name not in owned and (out_dir / name).exists() and not _same(out_dir / name, data))
    if foreign:
        others = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
        raise FileExistsError(17, f"a file the curriculum tool did not write is there{others}, and it never "
                                  "replaces one; move or rename it, or set another docs_dir in mkdocs.yml",
                              str(out_dir / foreign[0]))
    written, unchanged = 0, len(pages) - len(data_of)
    folders: set[Path] = set()
    for name, data in data_of.items():
        target = out_dir / name
        try:
            if _same(target, data):
                unchanged += 1
                continue
        except OSError:
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
        # Write beside the target and rename, so a preview build never reads half a page.
        temporary = target.with_name(f".{target.name}.tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, target)
        except OSError as error:  # a full disk, say: leave no half-written file, and name the page
            temporary.unlink(missing_ok=True)
            raise OSError(error.errno, error.strerror, str(target)) from error
        written += 1
    return written, unchanged


def _same(target: Path, data: bytes) -> bool:
    """True when ``target`` holds exactly ``data``; raises OSError when it cannot be read."""
    return target.stat().st_size == len(data) and target.read_bytes() == data


def remove_stale(out_dir: Path, keep: set[str], owned: frozenset[str]) -> int:
    """Remove the files written before (``owned``) that are not in ``keep``, and the folders that
    leaves empty; record ``keep`` as what the generator wrote. The number of files removed."""
    removed = 0
    for name in sorted(owned - keep):
        path = out_dir / name
        if path.is_file():
            path.unlink()
            removed += 1
        folder = path.parent
        while folder != out_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    manifest = out_dir / MANIFEST
    text = "".join(f"{name}\n" for name in sorted(keep))
    if not manifest.is_file() or manifest.read_text(encoding="utf-8") != text:
        temporary = out_dir / f".{MANIFEST}.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, manifest)
    return removed
