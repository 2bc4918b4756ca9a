"""Whole-site builds: the shipped curriculum with --strict, and hostile text that must stay text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BuiltSite, run


@pytest.fixture(scope="module")
def shipped(shipped_site: BuiltSite) -> tuple[Path, dict]:
    return shipped_site.site, shipped_site.listing


def page(site: Path, path: str) -> BeautifulSoup:
    html = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    for anchor in html.select("a.headerlink"):  # the ¶ permalinks
        anchor.decompose()
    return html


def test_every_listed_lesson_has_a_page_linked_from_the_catalogue(shipped: tuple[Path, dict]) -> None:
    site, listing = shipped
    catalogue = page(site, "lessons")
    links = {a["href"].strip("/").split("/")[0] for a in catalogue.select("article a[href]")}
    assert listing["lessons"]
    for lesson in listing["lessons"]:
        html = page(site, f"lessons/{lesson['id']}")
        assert html.h1.get_text(strip=True) == lesson["title"]
        assert lesson["id"] in links, f"the catalogue does not link to {lesson['id']}"


def test_lesson_sidebar_does_not_list_other_lessons(shipped: tuple[Path, dict]) -> None:
    site, listing = shipped
    lessons = listing["lessons"]
    html = page(site, f"lessons/{lessons[0]['id']}")
    navigation = " ".join(n.get_text(" ") for n in html.select("nav.md-nav--primary, nav.md-tabs"))
    others = [l["title"] for l in lessons[1:]]
    assert not [t for t in others if t in navigation]
    assert "Lessons" in navigation


def test_track_and_skill_pages_link_their_lessons(shipped: tuple[Path, dict]) -> None:
    site, listing = shipped
    for track in listing["tracks"]:
        html = page(site, f"tracks/{track['id']}")
        assert len({a["href"] for a in html.select("article a[href*='lessons/']")}) >= 1
    for skill in listing["skills"]:
        html = page(site, f"skills/{skill['id']}")
        hrefs = " ".join(a["href"] for a in html.select("article a[href*='lessons/']"))
        for lesson in skill["lessons"]:
            assert f"lessons/{lesson}/" in hrefs


def test_markdown_and_hostile_text_in_fields(mini: Path) -> None:
    lesson = mini / "curriculum/lessons/short-lesson.yaml"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace("title: Name the next step before you hang up",
                        "title: 'Next step <script>alert(1)</script>'")
    text = text.replace(
        "objective: Ends each call with a next step that has a date and an owner.",
        "objective: 'Ends each call with a dated step <img src=x onerror=alert(2)> [x](javascript:alert(3))'",
    )
    lesson.write_text(text, encoding="utf-8")
    result = run("build", cwd=mini)
    assert result.code == 0, result.err
    raw = (mini / "site/lessons/short-lesson/index.html").read_text(encoding="utf-8")
    html = BeautifulSoup(raw, "html.parser")
    assert html.h1.get_text() .startswith("Next step <script>alert(1)</script>")
    assert "<script>alert" not in raw
    assert not html.select("[onerror]"), "an event handler from the YAML became an attribute"
    assert not [a for a in html.select("a[href]") if a["href"].lower().startswith("javascript")]
    assert "<img src=x onerror=alert(2)>" in html.get_text()
    # Markdown in a field renders: **Dated** in `why` becomes bold
    assert html.find("strong", string="Dated") is not None
    assert "Next step &lt;script&gt;" in re.search(r"<title>(.*?)</title>", raw).group(1)


def test_plain_mkdocs_build_generates_the_pages_itself(mini: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=mini, check=False,
                          capture_output=True, text=True, env={**__import__("os").environ,
                                                               "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert (mini / "site/lessons/short-lesson/index.html").is_file()
    assert (mini / "generated/lessons/short-lesson.md").is_file()
