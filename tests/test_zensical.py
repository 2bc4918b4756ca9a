"""The way off Material for MkDocs: the same generated pages built by Zensical, its successor.

`curriculum build --engine zensical` must give every page the MkDocs build gives, with the same
sections, and the link-safety rules must hold under both engines: they are declared in mkdocs.yml,
the one thing Zensical reads (it runs no third-party plugin). Zensical is a pinned test dependency.
About 25 seconds: one Zensical build of the shipped curriculum, three of the two-lesson fixture.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, BuiltSite, make_project, run, set_lesson_fields, tree_digest

HOSTILE = {  # a lesson's Markdown fields; the last four get past the render filters, only the extension stops them
    ("why",): "See [x](javascript:alert(1)) and <img src=x onerror=alert(2)> first.",
    ("teaching_points", 0, "good"): "<script>alert(3)</script> <a href=\"javascript:alert(4)\">proof</a>",
    ("teaching_points", 0, "weak"): "A picture: [![i](https://example.org/x.png)](javascript:alert(5))",
    ("assignment", "task"): "Read [c](java\nscript:alert(6)) and ![i](data:image/svg+xml,<svg onload=alert(7)>)",
    ("resistance", 0, "manager_responds"): "Then [x][r] it.\n\n[r]:\njavascript:alert(8)",
}
SHOWN = ["<img src=x onerror=alert(2)>", "<script>alert(3)</script>", "[c](java script:alert(6))",
         "![i](data:image/svg+xml,<svg onload=alert(7)>)"]
"""Some of the hostile text as the lesson page must show it: as text."""
UNSAFE = re.compile(r"^(javascript|data|vbscript):")


def _hostile_project(root: Path) -> Path:
    project = make_project(root, FIXTURES / "mini" / "curriculum")
    set_lesson_fields(project, HOSTILE)
    return project


def live_script(site: Path) -> list[str]:
    """Everything on the site's pages that could run the author's script: a script holding ``alert``,
    an event-handler attribute, or an address with a script or data scheme."""
    found = []
    for page in sorted(site.rglob("*.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        name = page.relative_to(site).as_posix()
        found += [f"{name}: {s}" for s in html.find_all("script") if "alert" in s.get_text()]
        for element in html.find_all(True):
            for attribute, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                handler = attribute.lower().startswith("on")
                address = attribute.lower() in ("href", "src", "action", "formaction", "srcset", "poster")
                if handler or address and UNSAFE.match(re.sub(r"[\x00-\x20]", "", value).lower()):
                    found.append(f"{name}: <{element.name} {attribute}={value!r}>")
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with hostile Markdown, built by MkDocs into site/ and by Zensical into
    site-zensical/."""
    root = _hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    for args in (["build"], ["build", "--engine", "zensical", "--site-dir", "site-zensical"]):
        result = run(*args, cwd=root)
        assert result.code == 0, result.err
    return root


@pytest.mark.parametrize("site", ["site", "site-zensical"])
def test_hostile_links_stay_dead_under_both_engines(hostile: Path, site: str) -> None:
    assert live_script(hostile / site) == []
    page = BeautifulSoup((hostile / site / "lessons/short-lesson/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    text = " ".join(page.get_text().split())
    assert [shown for shown in SHOWN if shown not in text] == []


def test_without_the_declaration_zensical_lets_a_script_link_through(hostile: Path, tmp_path: Path) -> None:
    """Why mkdocs.yml must declare the extension: Zensical ignores the plugin, so a config without
    the line builds a live javascript: link, and `curriculum build` refuses such a config."""
    root = make_project(tmp_path / "project", FIXTURES / "mini" / "curriculum")
    (root / "curriculum").joinpath("lessons/short-lesson.yaml").write_bytes(
        (hostile / "curriculum/lessons/short-lesson.yaml").read_bytes())
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - generator.safety\n" in text
    config.write_text(text.replace("\n  - generator.safety\n", "\n"), encoding="utf-8")

    for engine in ("mkdocs", "zensical"):
        refused = run("build", "--engine", engine, cwd=root)
        assert (refused.code, refused.out) == (2, "")
        assert refused.err == ("curriculum: error: mkdocs.yml does not turn on the link-safety rules: add "
                               "'- generator.safety' under markdown_extensions: (without it a javascript: "
                               "link in a lesson would be live)\n")
        assert tree_digest(root / "generated") == {".gitignore": (REPO / "generated/.gitignore").read_bytes()}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True,
                            text=True, check=False, env=env)  # the plugin refuses it too
    assert mkdocs.returncode == 1
    assert "add '- generator.safety' under markdown_extensions:" in mkdocs.stderr
    assert not (root / "site").exists()

    shutil.copytree(hostile / "generated", root / "generated", dirs_exist_ok=True)
    zensical = subprocess.run([sys.executable, "-m", "zensical", "build"], cwd=root, capture_output=True,
                              text=True, check=False, env=env)
    assert zensical.returncode == 0, zensical.stderr
    assert [f for f in live_script(root / "site") if "javascript:alert(5)" in f] == [
        "lessons/short-lesson/index.html: <a href='javascript:alert(5)'>"]


def _sections(page: Path) -> list[str]:
    """The page's title and section headings, as a reader sees them (without the permalink sign)."""
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = html.select_one("article")
    assert article is not None, page
    return [" ".join(h.get_text(" ").replace("¶", "").split()) for h in article.select("h1, h2, h3")]


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped curriculum built with `curriculum build --engine zensical`."""
    root = make_project(tmp_path_factory.mktemp("zensical") / "project", REPO / "curriculum")
    result = run("build", "--engine", "zensical", cwd=root)
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1].startswith("Built the site into site (")
    return root / "site"


def test_zensical_builds_every_page_mkdocs_builds_with_the_same_sections(
        zensical_site: Path, shipped_site: BuiltSite) -> None:
    mkdocs_pages = {p.relative_to(shipped_site.site).as_posix() for p in shipped_site.site.rglob("*.html")}
    zensical_pages = {p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("*.html")}
    assert zensical_pages == mkdocs_pages  # the lesson, track and skill pages and every printable view
    lessons = [lesson["id"] for lesson in shipped_site.listing["lessons"]]
    assert lessons
    for lesson in lessons:
        page = f"lessons/{lesson}/index.html"
        sections = _sections(shipped_site.site / page)
        assert "Objective" in sections, page
        assert _sections(zensical_site / page) == sections, page
    for view in ("run-sheet", "cards"):  # the printable views are the generator's own HTML: the same bytes
        page = f"lessons/{lessons[0]}/{view}/index.html"
        assert (zensical_site / page).read_bytes() == (shipped_site.site / page).read_bytes()


def test_zensical_keeps_the_look_the_styles_and_the_search(zensical_site: Path) -> None:
    lesson = BeautifulSoup((zensical_site / "lessons/discovery-pain-chain/index.html").read_text(encoding="utf-8"),
                           "html.parser")
    sheets = [link["href"] for link in lesson.select("link[rel=stylesheet]")]
    assert [s for s in sheets if "/classic/" in s], sheets  # theme.variant: classic, Material's look
    assert {"../../assets/curriculum.css", "../../assets/planner.css"} <= set(sheets)
    assert "../../assets/curriculum.js" in [s.get("src") for s in lesson.select("script")]
    tabs = [" ".join(a.get_text().split()) for a in lesson.select(".md-tabs a")]
    assert tabs == ["Home", "Lessons", "Tracks", "Skills", "My plan", "Measure"]
    assert lesson.select_one(".md-search[role=dialog][aria-label]") is not None
    assert "Follow the pain to its cost" in (zensical_site / "search.json").read_text(encoding="utf-8")
