"""The orchestration: load, validate, model, render, write; then MkDocs builds the site.

Each function reads top to bottom and returns a new value; the front ends (``cli``, ``plugin``)
only call these.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import spec
from generator.cache import DiskCache, PreviewCache, content_key
from generator.load import Document, load_file, read_source
from generator.model import Curriculum, build_model
from generator.problems import CurriculumError, Problem
from generator.review import review, review_file
from generator.validate import check_across, check_fields
from generator.write import WriteReport, remove_stale, write_files, written_before


def display_path(path: Path) -> str:
    """A path as the author knows it: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def load_documents(
    curriculum_dir: Path, cache: PreviewCache | None = None, disk: DiskCache | None = None,
) -> tuple[dict[str, list[Document]], dict[str, set[str]], list[Problem]]:
    """Every file that loads, by kind; the names of those that do not; and the problems of each
    file on its own (load errors and the field checks). A preview ``cache`` skips the files whose
    size and modification time are unchanged since they were last read; the ``disk`` cache, the
    files whose bytes are unchanged since any earlier run. Files neither knows are loaded in one
    process per core when there are many."""
    return _load(_scan(curriculum_dir), cache, disk)[:3]


@dataclass(frozen=True)
class _Scan:
    """The curriculum folder's files: those to load (kind, path, name shown, bytes or the problem
    reading them) and the problems of the folder itself (files that do not belong)."""

    files: list[tuple[str, Path, str, bytes | CurriculumError]]
    problems: list[Problem]

    def key(self, *more: str) -> str:
        """A key for everything the check of these files depends on."""
        parts = [p for kind, _, display, raw in self.files
                 for p in (kind, display, raw if isinstance(raw, bytes) else str(raw.problems))]
        return content_key(*more, *parts, *map(repr, self.problems))


def _scan(curriculum_dir: Path, read: bool = True) -> _Scan:
    if not curriculum_dir.is_dir():
        raise CurriculumError(
            [Problem(display_path(curriculum_dir), 1, 1, "", "the curriculum folder does not exist",
                     code="CUR050")]
        )
    files: list[tuple[str, Path, str, bytes | CurriculumError]] = []
    problems: list[Problem] = []
    base = curriculum_dir.resolve()
    for kind, folder in spec.FOLDERS.items():
        directory = curriculum_dir / folder
        for path in sorted(directory.iterdir()) if directory.is_dir() else ():
            display = display_path(path)
            if path.name.startswith("."):
                continue
            if not path.resolve().is_relative_to(base):
                problems.append(Problem(display, 1, 1, "", "is a link to a file outside the curriculum folder",
                                        code="CUR052"))
            elif path.suffix not in (".yaml", ".yml") or not path.is_file():
                problems.append(
                    Problem(display, 1, 1, "", f"is not a YAML file; only .yaml files belong in {folder}/",
                            code="CUR051")
                )
            elif path.suffix == ".yml" and path.with_suffix(".yaml").exists():
                problems.append(Problem(display, 1, 1, "", f"is a second file for {path.stem}.yaml; "
                                        "keep one of the two, named .yaml, and delete the other", code="CUR066"))
            else:
                if path.suffix == ".yml":  # one name for every file; still checked, to list all its problems
                    problems.append(Problem(display, 1, 1, "", f"ends in .yml; rename it to {path.stem}.yaml "
                                            f"(only .yaml files belong in {folder}/)", code="CUR065"))
                raw: bytes | CurriculumError = b""
                if read:
                    try:
                        raw = read_source(path, display)
                    except CurriculumError as error:
                        raw = error
                files.append((kind, path, display, raw))
    return _Scan(files, problems)


_Loaded = tuple[Any, list[Problem], list[Problem]]
"""A file's values (None when it does not load), its own problems and its own quality warnings."""

PARALLEL_LOAD_FROM = 150
"""Files to load from which loading is shared out between processes."""


def _stored_or_load(stored: _Loaded | None, kind: str, path: Path, display: str, raw: bytes | CurriculumError) -> _Loaded:
    return stored or _load_one(kind, path, display, raw)


def _load(scan: _Scan, cache: PreviewCache | None, disk: DiskCache | None) -> _LoadedAll:
    known = disk.load("files") if disk else {}
    keys = [content_key(kind, display, raw) if isinstance(raw, bytes) else None
            for kind, _, display, raw in scan.files]
    results: list[_Loaded | None] = [known.get(key) if key else None for key in keys]
    if cache is not None:  # a preview: one process, the files with an unchanged stamp as they were
        for index, (kind, path, display, raw) in enumerate(scan.files):
            stat = path.stat()
            results[index] = cache.reuse(path, (stat.st_mtime_ns, stat.st_size),
                                         functools.partial(_stored_or_load, results[index], kind, path, display, raw))
    else:
        missing = [i for i, result in enumerate(results) if result is None]
        for index, result in _load_many([scan.files[i] for i in missing]):
            results[missing[index]] = result
    if disk is not None:
        entries = {key: result for key, result in zip(keys, results) if key is not None}
        if entries.keys() != known.keys():
            disk.save("files", entries)
    documents: dict[str, list[Document]] = {kind: [] for kind in spec.FOLDERS}
    unreadable: dict[str, set[str]] = {kind: set() for kind in spec.FOLDERS}
    problems = list(scan.problems)
    warnings: dict[str, list[Problem]] = {}
    for (kind, path, display, _), loaded in zip(scan.files, results):
        assert loaded is not None
        data, own, warnings[display] = loaded
        problems.extend(own)
        if data is None:
            unreadable[kind].add(path.stem)
        else:
            documents[kind].append(Document(display, data, path))
    return documents, unreadable, problems, warnings


_LoadedAll = tuple[dict[str, list[Document]], dict[str, set[str]], list[Problem], dict[str, list[Problem]]]
"""Documents by kind, unreadable names by kind, the problems, each file's own quality warnings."""


def _load_one(kind: str, path: Path, display: str, raw: bytes | CurriculumError) -> _Loaded:
    try:
        if isinstance(raw, CurriculumError):
            raise raw
        doc = load_file(path, display, raw)
    except CurriculumError as error:
        return None, list(error.problems), []
    problems = check_fields(kind, doc)
    return doc.data, problems, [] if problems else review_file(kind, doc)


_to_load: list[tuple[str, Path, str, bytes | CurriculumError]] = []
"""The files a loading process works on: set before the processes fork, so they inherit it."""


def _load_many(files: list[tuple[str, Path, str, bytes | CurriculumError]]) -> list[tuple[int, _Loaded]]:
    """(index, loaded) for each file; in one process per core when there are many."""
    global _to_load
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_LOAD_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
        return [(i, _load_one(*file)) for i, file in enumerate(files)]
    _to_load = files
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            shares = list(pool.map(_load_share, [(i, workers) for i in range(workers)]))
    finally:
        _to_load = []
    return [pair for share in shares for pair in share]


def _load_share(part: tuple[int, int]) -> list[tuple[int, _Loaded]]:
    index, count = part
    return [(i, _load_one(*_to_load[i])) for i in range(index, len(_to_load), count)]


def _valid_documents(curriculum_dir: Path, cache: PreviewCache | None = None,
                     disk: DiskCache | None = None) -> tuple[dict[str, list[Document]], dict[str, list[Problem]]]:
    return _check_all(_load(_scan(curriculum_dir), cache, disk))


def _check_all(loaded: _LoadedAll) -> tuple[dict[str, list[Document]], dict[str, list[Problem]]]:
    """The documents and each file's own warnings, or ``CurriculumError`` with every problem."""
    documents, unreadable, problems, warnings = loaded
    problems += check_across(documents, unreadable, problems)
    if problems:
        raise CurriculumError(sorted(set(problems)))
    return documents, warnings


def check(curriculum_dir: Path) -> Curriculum:
    """Load and validate the curriculum; the model, or ``CurriculumError`` with every problem."""
    return build_model(_valid_documents(curriculum_dir)[0])


def check_and_review(curriculum_dir: Path, today: dt.date, cache: PreviewCache | None = None,
                     disk: DiskCache | None = None) -> tuple[Curriculum, list[Problem]]:
    """Like ``check``, and also the quality warnings (which do not stop anything)."""
    documents, warnings = _valid_documents(curriculum_dir, cache, disk)
    return build_model(documents, cache), review(documents, today, warnings)


def check_summary(curriculum_dir: Path, today: dt.date,
                  disk: DiskCache | None = None) -> tuple[dict[str, int], list[Problem]]:
    """What `curriculum check` says: how many items of each kind are valid, and the quality warnings;
    ``CurriculumError`` with every problem. With the ``disk`` cache, a check of exactly the files of
    an earlier check (same bytes, same names, same day) gives that check's answer without loading."""
    scan = _scan(curriculum_dir)
    key = scan.key("check", today.isoformat())
    earlier = disk.load("check").get(key) if disk else None
    if earlier is None:
        try:
            documents, own_warnings = _check_all(_load(scan, None, disk))
            earlier = ({kind: len(docs) for kind, docs in documents.items()}, review(documents, today, own_warnings), [])
        except CurriculumError as error:
            earlier = ({}, [], list(error.problems))
        if disk is not None:
            disk.save("check", {key: earlier})
    counts, warnings, problems = earlier
    if problems:
        raise CurriculumError(problems)
    return counts, warnings


@dataclass(frozen=True)
class GenerateReport:
    curriculum: Curriculum
    warnings: list[Problem]
    written: WriteReport
    seconds: float


def build_date() -> dt.date:
    """The build's reference date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def generate(curriculum_dir: Path, out_dir: Path, cache: PreviewCache | None = None,
             disk: DiskCache | None = None) -> GenerateReport:
    """YAML in ``curriculum_dir`` to Markdown pages in ``out_dir``; nothing is written on error.

    With a ``cache`` (a preview that rebuilds after each save), unchanged files are not read again
    and unchanged pages are neither rendered nor compared with the disk again. With the ``disk``
    cache, files and pages unchanged since an earlier run are taken from it.
    """
    start = time.perf_counter()
    today = build_date()
    curriculum, warnings = check_and_review(curriculum_dir, today, cache, disk)
    written = render_and_write(curriculum, today, out_dir, cache, disk=disk)
    return GenerateReport(curriculum, warnings, written, time.perf_counter() - start)


PARALLEL_FROM = 200
"""Lessons from which rendering is shared out between processes (below it, starting them costs more)."""


def render_and_write(curriculum: Curriculum, today: dt.date, out_dir: Path, cache: PreviewCache | None = None,
                     parallel_from: int = PARALLEL_FROM, disk: DiskCache | None = None) -> WriteReport:
    """Render every page and write the changed ones; on a large curriculum, one process per core.

    Each process renders and writes its own share of the pages (forked processes inherit the
    model, so nothing large crosses between them); stale files are removed once all are done.
    A preview ``cache`` (one process) skips the pages that show what they showed when last written;
    the ``disk`` cache keeps each share's pages (store ``pages-<share>``) for the next run.
    """
    workers = min(os.cpu_count() or 1, 8)
    stored = {name: disk.load(name) for name in disk.stores("pages-")} if disk else {}
    owned = written_before(out_dir)
    made = {path: entry for entries in stored.values() for path, entry in entries.items()}
    if cache is not None or len(curriculum.lessons) < parallel_from or workers < 2 \
            or "fork" not in mp.get_all_start_methods():
        workers = 1
        _share(curriculum, today, out_dir, owned, cache, made if disk else None, disk, stored)
        names, written, unchanged = _render_share((0, 1))
        removed = remove_stale(out_dir, set(names), owned)
        shares = [(names, written, unchanged)]
    else:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"), initializer=_share,
                                 initargs=(curriculum, today, out_dir, owned, None, made if disk else None, disk,
                                           stored)) as pool:
            shares = list(pool.map(_render_share, [(i, workers) for i in range(workers)]))
        removed = remove_stale(out_dir, {name for share_names, _, _ in shares for name in share_names}, owned)
    for name in stored:
        if int(name.removeprefix("pages-")) >= workers:
            disk.remove(name)  # type: ignore[union-attr]
    return WriteReport(sum(s[1] for s in shares), sum(s[2] for s in shares), removed)


_shared: tuple[Any, ...] = ()
"""What a rendering process works on: set once in each forked child by ``_share``."""


def _share(*shared: Any) -> None:
    global _shared
    _shared = shared


def _render_share(part: tuple[int, int]) -> tuple[list[str], int, int]:
    from generator.render import render_site

    curriculum, today, out_dir, owned, cache, made, disk, stored = _shared
    before = dict(made) if made is not None else None
    pages = render_site(curriculum, today, part, cache, made)
    written, unchanged = write_files(out_dir, pages, owned)
    if disk is not None:
        assert made is not None and before is not None  # made is given whenever disk is
        mine = {path: made[path] for path in pages if path in made}
        name = f"pages-{part[0]}"
        earlier = stored.get(name, {})
        if mine.keys() != earlier.keys() or any(before.get(p) is not e for p, e in mine.items()):
            disk.save(name, mine)
    return list(pages), written, unchanged


class EngineError(Exception):
    """The site engine stopped; the message is its own last words, in one line."""


def build_site(config_file: Path, site_dir: Path, engine: str = "mkdocs") -> None:
    """Build the generated pages with ``engine`` (strict) into a fresh folder and swap it in only if
    it succeeds. The engine is MkDocs with Material (the default), or ``zensical``, Material's
    successor, which reads the same mkdocs.yml but runs none of the ``curriculum`` plugin.

    A failed or interrupted build leaves the previous ``site_dir`` exactly as it was.
    """
    parent = site_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f".{site_dir.name}-*"):  # left behind by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=parent))
    try:
        (_build_with_zensical if engine == "zensical" else _build_with_mkdocs)(config_file, fresh)
    except OSError as error:  # a full disk, say: name the file as it would have been in site_dir
        shutil.rmtree(fresh, ignore_errors=True)
        written = error.filename2 or error.filename  # a copy names its source first, its target second
        name = Path(os.fsdecode(written)) if written else None
        if name is not None and name.absolute().is_relative_to(fresh.absolute()):
            name = site_dir / name.absolute().relative_to(fresh.absolute())
        raise OSError(error.errno, error.strerror, None if name is None else str(name)) from error
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    os.chmod(fresh, 0o755)  # mkdtemp makes it private; a served site must be readable
    old = parent / f".{site_dir.name}-old-{os.getpid()}"
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(fresh, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _build_with_mkdocs(config_file: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # Absolute: MkDocs reads a relative site_dir from mkdocs.yml's folder, not the working folder.
    config = load_config(str(config_file), site_dir=str(site_dir.absolute()), strict=True)
    plugin = config.plugins.get("curriculum")
    if plugin is not None:
        plugin.pregenerated = True  # the caller has just generated the pages; don't do it twice
    build(config)


def _build_with_zensical(config_file: Path, site_dir: Path) -> None:
    """``zensical build --strict`` on mkdocs.yml, into ``site_dir``: Zensical takes the site folder
    only from its configuration, so a configuration beside mkdocs.yml inherits it and sets that.
    Zensical keeps its cache in ``.cache/`` beside mkdocs.yml."""
    root = config_file.parent.absolute()
    settings = {"INHERIT": config_file.name, "site_dir": os.path.relpath(site_dir.absolute(), root)}
    handle, name = tempfile.mkstemp(prefix=".zensical-", suffix=".yml", dir=root)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(settings, file)  # JSON is YAML
        done = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", name],
                              cwd=root, capture_output=True, text=True, check=False)
    finally:
        os.unlink(name)
    if done.returncode != 0:
        said = [line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        raise EngineError(said[-1] if said else f"zensical exited with status {done.returncode}")
