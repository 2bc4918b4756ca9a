"""The orchestration: load, validate, model, render, write; then MkDocs builds the site.

Each function reads top to bottom and returns a new value; the front ends (``cli``, ``plugin``)
only call these.
"""

from __future__ import annotations

import datetime as dt
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

from generator import spec
from generator.cache import PreviewCache
from generator.load import Document, load_file
from generator.model import Curriculum, build_model
from generator.problems import CurriculumError, Problem
from generator.render import render_site
from generator.review import review
from generator.validate import check_across, check_fields
from generator.write import WriteReport, remove_stale, write_files, write_pages, written_before


def display_path(path: Path) -> str:
    """A path as the author knows it: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def load_documents(
    curriculum_dir: Path, cache: PreviewCache | None = None,
) -> tuple[dict[str, list[Document]], dict[str, set[str]], list[Problem]]:
    """Every file that loads, by kind; the names of those that do not; and the problems of each
    file on its own (load errors and the field checks). A preview ``cache`` skips the files whose
    size and modification time are unchanged since they were last read."""
    if not curriculum_dir.is_dir():
        raise CurriculumError(
            [Problem(display_path(curriculum_dir), 1, 1, "", "the curriculum folder does not exist",
                     code="CUR050")]
        )
    documents: dict[str, list[Document]] = {}
    unreadable: dict[str, set[str]] = {}
    problems: list[Problem] = []
    base = curriculum_dir.resolve()
    for kind, folder in spec.FOLDERS.items():
        documents[kind] = []
        unreadable[kind] = set()
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

                def read(kind: str = kind, path: Path = path, display: str = display) -> _Loaded:
                    return _load_one(kind, path, display)

                stat = path.stat()
                doc, own = cache.reuse(path, (stat.st_mtime_ns, stat.st_size), read) if cache else read()
                problems.extend(own)
                if doc is None:
                    unreadable[kind].add(path.stem)
                else:
                    documents[kind].append(doc)
    return documents, unreadable, problems


_Loaded = tuple[Document | None, list[Problem]]


def _load_one(kind: str, path: Path, display: str) -> _Loaded:
    try:
        doc = load_file(path, display)
    except CurriculumError as error:
        return None, list(error.problems)
    return doc, check_fields(kind, doc)


def _valid_documents(curriculum_dir: Path, cache: PreviewCache | None = None) -> dict[str, list[Document]]:
    documents, unreadable, problems = load_documents(curriculum_dir, cache)
    problems += check_across(documents, unreadable, problems)
    if problems:
        raise CurriculumError(sorted(set(problems)))
    return documents


def check(curriculum_dir: Path) -> Curriculum:
    """Load and validate the curriculum; the model, or ``CurriculumError`` with every problem."""
    return build_model(_valid_documents(curriculum_dir))


def check_and_review(curriculum_dir: Path, today: dt.date,
                     cache: PreviewCache | None = None) -> tuple[Curriculum, list[Problem]]:
    """Like ``check``, and also the quality warnings (which do not stop anything)."""
    documents = _valid_documents(curriculum_dir, cache)
    return build_model(documents, cache), review(documents, today)


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


def generate(curriculum_dir: Path, out_dir: Path, cache: PreviewCache | None = None) -> GenerateReport:
    """YAML in ``curriculum_dir`` to Markdown pages in ``out_dir``; nothing is written on error.

    With a ``cache`` (a preview that rebuilds after each save), unchanged files are not read again
    and unchanged pages are neither rendered nor compared with the disk again.
    """
    start = time.perf_counter()
    today = build_date()
    curriculum, warnings = check_and_review(curriculum_dir, today, cache)
    written = render_and_write(curriculum, today, out_dir, cache)
    return GenerateReport(curriculum, warnings, written, time.perf_counter() - start)


PARALLEL_FROM = 200
"""Lessons from which rendering is shared out between processes (below it, starting them costs more)."""


def render_and_write(curriculum: Curriculum, today: dt.date, out_dir: Path, cache: PreviewCache | None = None,
                     parallel_from: int = PARALLEL_FROM) -> WriteReport:
    """Render every page and write the changed ones; on a large curriculum, one process per core.

    Each process renders and writes its own share of the pages (forked processes inherit the
    model, so nothing large crosses between them); stale files are removed once all are done.
    A preview ``cache`` (one process) skips the pages that show what they showed when last written.
    """
    workers = min(os.cpu_count() or 1, 8)
    if cache is not None or len(curriculum.lessons) < parallel_from or workers < 2 \
            or "fork" not in mp.get_all_start_methods():
        return write_pages(out_dir, render_site(curriculum, today, cache=cache))
    owned = written_before(out_dir)
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"), initializer=_share,
                             initargs=(curriculum, today, out_dir, owned)) as pool:
        shares = list(pool.map(_render_share, [(i, workers) for i in range(workers)]))
    names = {name for share_names, _, _ in shares for name in share_names}
    removed = remove_stale(out_dir, names, owned)
    return WriteReport(sum(s[1] for s in shares), sum(s[2] for s in shares), removed)


_shared: tuple[Curriculum, dt.date, Path, frozenset[str]] | None = None
"""What a rendering process works on: set once in each forked child by ``_share``."""


def _share(curriculum: Curriculum, today: dt.date, out_dir: Path, owned: frozenset[str]) -> None:
    global _shared
    _shared = (curriculum, today, out_dir, owned)


def _render_share(part: tuple[int, int]) -> tuple[list[str], int, int]:
    assert _shared is not None
    curriculum, today, out_dir, owned = _shared
    pages = render_site(curriculum, today, part)
    written, unchanged = write_files(out_dir, pages, owned)
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
