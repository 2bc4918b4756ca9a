"""Rendering: golden Markdown for the sample lesson, and YAML text that can never become live HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURES

from generator.pipeline import check
from generator.render import inline, markdown, render_site
from generator.safety import is_safe_url

GOLDEN = Path(__file__).parent / "golden"
TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    "page",
    ["index.md", "lessons/index.md", "lessons/discovery-pain-chain.md", "tracks/starter.md",
     "skills/discovery.md", "measure.md", "tracks/starter.ics"],
)
def test_page_matches_golden_file(page: str, update_golden: bool) -> None:
    pages = render_site(check(FIXTURES / "mini" / "curriculum"), TODAY)
    golden = GOLDEN / page.replace("/", "__")
    content = pages[page] if isinstance(pages[page], bytes) else pages[page].encode("utf-8")
    if update_golden:
        golden.write_bytes(content)
    assert content == golden.read_bytes(), "run pytest --update-golden and review the diff"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)">'),
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert(1\\))"),
        ("[x]( JaVaScRiPt:alert(1) )", "\\[x\\]\\(JaVaScRiPt:alert(1\\) )"),
        ("[x][1]\n\n[1]: javascript:alert(1)", "[x][1]\n\n\\[1]: javascript:alert(1)"),
        ("[site](https://example.org) and [page](other.md)", "[site](https://example.org) and [page](other.md)"),
        ("# Heading {: onclick=alert(1) }", "# Heading \\{: onclick=alert(1) \\}"),
        ("{{ config }} {% raw %}", "\\{\\{ config \\}\\} \\{% raw %\\}"),
        ("Tom & Jerry > quoted", "Tom &amp; Jerry > quoted"),
    ],
)
def test_markdown_filter_makes_html_literal(text: str, shown: str) -> None:
    assert str(markdown(text)) == shown


def test_inline_filter_keeps_table_cells_whole() -> None:
    assert str(inline("a | b\nc <b>")) == "a \\| b c &lt;b>"


@pytest.mark.parametrize(
    ("url", "safe"),
    [("https://x.org", True), ("mailto:a@b.org", True), ("../lessons/a.md", True), ("#part", True),
     ("javascript:alert(1)", False), ("java\tscript:alert(1)", False), ("data:text/html,<b>", False),
     ("vbscript:x", False)],
)
def test_unsafe_schemes_are_refused(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


def test_example_lesson_in_the_guide_is_valid() -> None:
    from generator import spec
    from generator.load import load_file
    from generator.project import MODEL_LESSON, template_root

    doc = load_file(template_root() / MODEL_LESSON, MODEL_LESSON)
    assert list(spec.LESSON.check(doc, (), doc.data)) == []


def test_rendering_shared_between_processes_writes_the_same_files(tmp_path: Path) -> None:
    from conftest import tree_digest

    from generator.pipeline import render_and_write
    from generator.write import MANIFEST, write_pages

    curriculum = check(FIXTURES / "mini" / "curriculum")
    (tmp_path / "parallel" / "old").mkdir(parents=True)
    (tmp_path / "parallel" / "old" / "stale.md").write_text("gone", encoding="utf-8")
    (tmp_path / "parallel" / MANIFEST).write_text("old/stale.md\n", encoding="utf-8")  # written by an earlier build
    report = render_and_write(curriculum, TODAY, tmp_path / "parallel", parallel_from=0)
    write_pages(tmp_path / "single", render_site(curriculum, TODAY))
    assert tree_digest(tmp_path / "parallel") == tree_digest(tmp_path / "single")
    assert (report.written, report.removed) == (len(render_site(curriculum, TODAY)), 1)


def test_preview_cache_rerenders_only_what_an_edit_changes(mini: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import TODAY_EPOCH, tree_digest

    from generator.cache import PreviewCache
    from generator.pipeline import generate

    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    cache = PreviewCache()
    out = tmp_path / "preview"
    first = generate(mini / "curriculum", out, cache)
    lesson = mini / "curriculum/lessons/short-lesson.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("Book the next step", "Book it"),
                      encoding="utf-8")
    second = generate(mini / "curriculum", out, cache)
    # The edit is in one lesson's assignment: only the pages that print it are written again (its
    # page, its run sheet and the week's run sheets of the track that runs it), not its calendar.
    assert first.written.written == len(render_site(check(mini / "curriculum"), TODAY))
    assert second.written.written == 3
    generate(mini / "curriculum", tmp_path / "fresh")
    assert tree_digest(out) == tree_digest(tmp_path / "fresh")
    title = lesson.read_text(encoding="utf-8").replace("Name the next step", "Name the step")
    lesson.write_text(title, encoding="utf-8")
    third = generate(mini / "curriculum", out, cache)  # a title shows on other pages: they change too
    assert third.written.written > 2
    generate(mini / "curriculum", tmp_path / "fresh")
    assert tree_digest(out) == tree_digest(tmp_path / "fresh")


def test_every_data_file_of_the_package_ships_in_the_wheel() -> None:
    """Templates, assets, theme overrides and the guide's example are declared as package data."""
    import fnmatch
    import tomllib

    from conftest import REPO

    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["generator"]
    package = REPO / "generator"
    data = [p.relative_to(package).as_posix() for p in package.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data
    assert [f for f in data if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)] == []
