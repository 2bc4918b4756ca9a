"""Stage 5, write: put the rendered pages on disk, touching only what changed.

A file is rewritten only when its bytes differ, so `mkdocs serve` rebuilds only after real changes;
files the generator no longer produces are removed. Nothing outside ``out_dir`` is touched, and
dot-files inside it (like its .gitignore) are left alone.
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


def write_pages(out_dir: Path, pages: Mapping[str, str | bytes | None]) -> WriteReport:
    """Write ``pages`` into ``out_dir`` and remove every other file there."""
    written, unchanged = write_files(out_dir, pages)
    return WriteReport(written, unchanged, remove_stale(out_dir, set(pages)))


def write_files(out_dir: Path, pages: Mapping[str, str | bytes | None]) -> tuple[int, int]:
    """Write the files whose content changed; (written, unchanged). Removes nothing.

    A page whose content is None is known to be unchanged (a preview skipped making it again).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = unchanged = 0
    folders: set[Path] = set()
    for name, content in pages.items():
        if content is None:
            unchanged += 1
            continue
        target = out_dir / name
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
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


def remove_stale(out_dir: Path, keep: set[str]) -> int:
    """Remove every file in ``out_dir`` not named in ``keep`` (dot-files excepted); the count."""
    removed = 0
    wanted = {out_dir / name for name in keep}
    for folder, dirs, files in os.walk(out_dir, topdown=False):
        here = Path(folder)
        if any(part.startswith(".") for part in here.relative_to(out_dir).parts):
            continue
        for name in files:
            path = here / name
            if not name.startswith(".") and path not in wanted:
                path.unlink()
                removed += 1
        if here != out_dir and not any(here.iterdir()):
            here.rmdir()
    return removed
