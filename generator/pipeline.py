"""The orchestration: load, validate, model, render, write; then MkDocs builds the site.

Each function reads top to bottom and returns a new value; the front ends (``cli``, ``hook``) only
call these.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator import spec
from generator.load import Document, load_file
from generator.model import Curriculum, build_model
from generator.problems import CurriculumError, Problem
from generator.render import render_site
from generator.review import review
from generator.validate import validate
from generator.write import WriteReport, write_pages

log = logging.getLogger(__name__)


def display_path(path: Path) -> str:
    """A path as the author knows it: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def load_documents(
    curriculum_dir: Path,
) -> tuple[dict[str, list[Document]], dict[str, set[str]], list[Problem]]:
    """Every file that loads, by kind; the names of those that do not; and their problems."""
    if not curriculum_dir.is_dir():
        raise CurriculumError(
            [Problem(display_path(curriculum_dir), 1, 1, "", "the curriculum folder does not exist")]
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
                problems.append(Problem(display, 1, 1, "", "is a link to a file outside the curriculum folder"))
            elif path.suffix not in (".yaml", ".yml") or not path.is_file():
                problems.append(
                    Problem(display, 1, 1, "", f"is not a YAML file; only .yaml files belong in {folder}/")
                )
            else:
                try:
                    documents[kind].append(load_file(path, display))
                except CurriculumError as error:
                    problems.extend(error.problems)
                    unreadable[kind].add(path.stem)
    return documents, unreadable, problems


def _valid_documents(curriculum_dir: Path) -> dict[str, list[Document]]:
    documents, unreadable, problems = load_documents(curriculum_dir)
    problems += validate(documents, unreadable)
    if problems:
        raise CurriculumError(problems)
    return documents


def check(curriculum_dir: Path) -> Curriculum:
    """Load and validate the curriculum; the model, or ``CurriculumError`` with every problem."""
    return build_model(_valid_documents(curriculum_dir))


def check_and_review(curriculum_dir: Path, today: dt.date) -> tuple[Curriculum, list[Problem]]:
    """Like ``check``, and also the quality warnings (which do not stop anything)."""
    documents = _valid_documents(curriculum_dir)
    return build_model(documents), review(documents, today)


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


def generate(curriculum_dir: Path, out_dir: Path) -> GenerateReport:
    """YAML in ``curriculum_dir`` to Markdown pages in ``out_dir``; nothing is written on error."""
    start = time.perf_counter()
    today = build_date()
    curriculum, warnings = check_and_review(curriculum_dir, today)
    pages = render_site(curriculum, today)
    written = write_pages(out_dir, pages)
    return GenerateReport(curriculum, warnings, written, time.perf_counter() - start)


def build_site(config_file: Path, site_dir: Path) -> None:
    """Run ``mkdocs build --strict`` into a fresh folder and swap it in only if it succeeds.

    A failed or interrupted build leaves the previous ``site_dir`` exactly as it was.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    parent = site_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f".{site_dir.name}-*"):  # left behind by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=parent))
    try:
        config = load_config(str(config_file), site_dir=str(fresh), strict=True)
        plugin = config.plugins.get("curriculum")
        if plugin is not None:
            plugin.pregenerated = True  # the caller has just generated the pages; don't do it twice
        build(config)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    os.chmod(fresh, 0o755)  # mkdtemp makes it private; a served site must be readable
    old = parent / f".{site_dir.name}-old-{os.getpid()}"
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(fresh, site_dir)
    shutil.rmtree(old, ignore_errors=True)
