"""The page table: every page comes from it, and the preview keeps every page kind up to date.

The preview (``curriculum serve``) skips a page while what it shows is unchanged. If a page kind's
``shows`` leaves out something the page prints, an edit to that thing leaves a stale page in the
preview. So: edit each field of the fixture in turn, regenerate with the preview cache, and compare
every file with a fresh build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import TODAY_EPOCH, run, tree_digest

from generator import spec
from generator.cache import PreviewCache
from generator.fieldtypes import Choice, Date, Fields, Id, ListOf, Text, Type, Url
from generator.pages import PAGES
from generator.pipeline import check, generate

Path_ = tuple[str | int, ...]


def _edits(kind: Type, value: Any, at: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Each leaf of a loaded value that can change and stay valid (ids, formats and a lesson's minutes
    must agree with other files), with a changed value."""
    if isinstance(kind, Fields) and isinstance(value, dict):
        for field in kind.fields:
            if field.name in value and field.name not in ("id", "formats", "format", "minutes"):
                yield from _edits(field.type, value[field.name], (*at, field.name))
    elif isinstance(kind, ListOf) and isinstance(kind.item, Choice) and isinstance(value, list):
        yield (*at, 0), next(v for v in kind.item.labels if v not in value)  # lists are unique
    elif isinstance(kind, ListOf) and isinstance(value, list) and value:
        yield from _edits(kind.item, value[0], (*at, 0))  # the items of a list are shown alike
    elif isinstance(kind, Id | Url):
        return
    elif isinstance(kind, Text):
        yield at, value + " Zq"
    elif isinstance(kind, Choice):
        yield at, next(v for v in kind.labels if v != value)
    elif isinstance(kind, Date):
        yield at, (value if isinstance(value, dt.date) else dt.date.fromisoformat(value)) - dt.timedelta(days=1)


def _set(data: Any, at: Path_, value: Any) -> None:
    for part in at[:-1]:
        data = data[part]
    data[at[-1]] = value


def _all_edits(curriculum: Path) -> list[tuple[Path, Path_, Any]]:
    edits = []
    for kind, folder in spec.FOLDERS.items():
        for path in sorted((curriculum / folder).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            edits += [(path.relative_to(curriculum), at, new) for at, new in _edits(spec.KINDS[kind], data)]
    # Numbers other pages show: prep minutes (track times), a follow-up's day (the calendar) and a
    # track's team size (its time figures, on the track page, the tracks index and the home page).
    edits.append((Path("lessons/short-lesson.yaml"), ("prep", "minutes"), 3))
    edits.append((Path("tracks/starter.yaml"), ("reps",), 3))
    edits.append((Path("lessons/short-lesson.yaml"), ("reinforcement", 0, "day"), 4))
    return edits


def test_a_preview_after_any_edit_shows_what_a_fresh_build_shows(mini: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    curriculum = mini / "curriculum"
    for path in curriculum.rglob("*.yaml"):  # written the way the edits below write them
        path.write_text(yaml.safe_dump(yaml.safe_load(path.read_text(encoding="utf-8")), sort_keys=False),
                        encoding="utf-8")
    cache, preview, fresh = PreviewCache(), tmp_path / "preview", tmp_path / "fresh"
    generate(curriculum, preview, cache)
    changed_kinds: set[str] = set()
    stale = []
    for file, at, value in _all_edits(curriculum):
        data = yaml.safe_load((curriculum / file).read_text(encoding="utf-8"))
        before = tree_digest(preview)
        _set(data, at, value)
        (curriculum / file).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        generate(curriculum, preview, cache)
        generate(curriculum, fresh)
        shown, expected = tree_digest(preview), tree_digest(fresh)
        if shown != expected:
            stale.append(f"{file} {'.'.join(map(str, at))}: "
                         f"{sorted(n for n in expected if shown.get(n) != expected[n])}")
        changed_kinds |= {_kind_of(name) for name in expected if before.get(name) != expected[name]}
    assert stale == []
    # Every page kind made from the curriculum was changed by some edit, so each was tested.
    made_from_content = {k.name for k in PAGES if k.shows.__name__ != "_unchanging"}
    assert made_from_content - changed_kinds == set()


def _kind_of(name: str) -> str:
    """The page kind a generated file belongs to, by matching the table's path patterns."""
    import re

    for kind in PAGES:
        pattern = re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(kind.path))
        if re.fullmatch(pattern, name):
            return kind.name
    raise AssertionError(f"{name} matches no page kind")


def test_every_page_of_the_table_is_in_the_built_site(mini: Path) -> None:
    result = run("build", cwd=mini)
    assert result.code == 0, result.err
    curriculum = check(mini / "curriculum")
    generated = {p.relative_to(mini / "generated").as_posix() for p in (mini / "generated").rglob("*")
                 if p.is_file() and not p.name.startswith(".")}
    expected: set[str] = set()
    for kind in PAGES:
        paths = [path for path, _ in kind.pages(curriculum)]
        items = 1 if kind.items is None else len(list(kind.items(curriculum)))
        assert len(paths) == items, kind.name
        expected |= set(paths)
    assert generated == expected
    for path in expected:
        stem = path.removesuffix(".md")
        built = mini / "site" / (f"{stem.removesuffix('index')}/index.html".lstrip("/") if stem != path else path)
        assert built.is_file(), f"{path} was generated but is not in the built site"
