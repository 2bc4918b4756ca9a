"""The project's mkdocs.yml is honoured: its docs_dir, what it must hold, and the same bytes from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY_EPOCH, run, tree_digest


def _edit_config(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")


def test_the_site_is_the_same_bytes_whatever_folder_the_build_runs_in(mini: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    sites = []
    for cwd, root in ((mini, "."), (mini.parent, mini.name), (elsewhere, str(mini))):
        result = run("--root", root, "build", cwd=cwd)
        assert result.code == 0, result.err
        sites.append(tree_digest(mini / "site"))
    assert sites[0] == sites[1] == sites[2]
    page = (mini / "site" / "lessons" / "discovery-pain-chain" / "index.html").read_text(encoding="utf-8")
    assert "Source file: <code>curriculum/lessons/discovery-pain-chain.yaml</code>" in page


def test_the_pages_go_into_the_configured_docs_dir(mini: Path) -> None:
    _edit_config(mini, "docs_dir: generated", "docs_dir: docs")
    shutil.rmtree(mini / "generated")
    result = run("build", cwd=mini)
    assert result.code == 0, result.err
    assert (mini / "docs" / "lessons" / "discovery-pain-chain.md").is_file()
    assert not (mini / "generated").exists()
    assert (mini / "site" / "lessons" / "discovery-pain-chain" / "index.html").is_file()


def test_a_teams_own_pages_in_docs_dir_are_kept_and_published(mini: Path) -> None:
    _edit_config(mini, "docs_dir: generated", "docs_dir: docs")
    _edit_config(mini, "  - Measure: measure.md\n", "  - Measure: measure.md\n  - About us: about.md\n")
    (mini / "docs").mkdir()
    (mini / "docs" / "about.md").write_text("# About us\n\nOur own page, kept as written.\n", encoding="utf-8")
    assert run("build", cwd=mini).code == 0
    assert (mini / "docs" / "tracks" / "starter.md").is_file()
    (mini / "curriculum" / "tracks" / "starter.yaml").unlink()
    result = run("build", cwd=mini)
    assert result.code == 0, result.err
    assert not (mini / "docs" / "tracks" / "starter.md").exists()  # its page went with it
    assert (mini / "docs" / "about.md").read_text(encoding="utf-8").startswith("# About us")
    assert "Our own page, kept as written." in (mini / "site" / "about" / "index.html").read_text(encoding="utf-8")


def test_a_page_the_tool_did_not_write_is_never_replaced(mini: Path) -> None:
    _edit_config(mini, "docs_dir: generated", "docs_dir: docs")
    (mini / "docs").mkdir()
    assert run("build", cwd=mini).code == 0
    before = tree_digest(mini / "site")
    (mini / "docs" / ".curriculum-pages").unlink()  # as if the tool had never written there
    (mini / "docs" / "index.md").write_text("# Our home page\n", encoding="utf-8")
    result = run("build", cwd=mini)
    assert result.code == 1
    assert result.err == ("error: could not write docs/index.md: a file the curriculum tool did not write is "
                          "there, and it never replaces one; move or rename it, or set another docs_dir in "
                          "mkdocs.yml; the previous site is unchanged.\n")
    assert (mini / "docs" / "index.md").read_text(encoding="utf-8") == "# Our home page\n"
    assert tree_digest(mini / "site") == before


NAV = "index.md, lessons/index.md, tracks/index.md, skills/index.md, measure.md, plan.md, log.md, scorecard.md"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  - curriculum\n", "", ("mkdocs.yml has no curriculum plugin; add `- curriculum` under `plugins:` (it keeps "
                              "lessons out of the sidebar and makes links in lessons safe)")),
    ("  - assets/planner.css\n", "", "mkdocs.yml's extra_css lacks assets/planner.css; add it under `extra_css:`"),
    ("extra_css:\n  - assets/curriculum.css\n  - assets/planner.css\n", "",
     "mkdocs.yml's extra_css lacks assets/curriculum.css, assets/planner.css; add them under `extra_css:`"),
    ("  - assets/curriculum.js\n", "  - assets/ours.js\n",
     "mkdocs.yml's extra_javascript lacks assets/curriculum.js; add it under `extra_javascript:`"),
    ("  - generator.tables\n", "", ("mkdocs.yml's markdown_extensions lacks generator.tables; add `- generator.tables` "
                                   "under `markdown_extensions:` (it lets the rubric and other wide tables read on a phone)")),
    ("  - Measure: measure.md\n", "", "mkdocs.yml's nav lacks measure.md; add it under `nav:`"),
    ("nav:\n", "not_nav:\n", f"mkdocs.yml has no nav; add `nav:` listing {NAV} (and any page of your own)"),
])
def test_a_config_without_what_the_pages_need_is_refused(mini: Path, old: str, new: str, message: str) -> None:
    assert run("build", cwd=mini).code == 0
    before = tree_digest(mini / "site")
    if old == "nav:\n":  # drop the whole nav block
        text = (mini / "mkdocs.yml").read_text(encoding="utf-8")
        start = text.index("nav:\n")
        end = text.index("\n\n", start)
        (mini / "mkdocs.yml").write_text(text[:start] + text[end + 2:], encoding="utf-8")
    else:
        _edit_config(mini, old, new)
    result = run("build", cwd=mini)
    assert (result.code, result.err) == (1, f"error: {message}; nothing was built.\n")
    assert tree_digest(mini / "site") == before


def test_plain_mkdocs_build_refuses_the_same_config(mini: Path) -> None:
    _edit_config(mini, "  - assets/planner.css\n", "")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=mini, capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode == 1
    assert "ERROR   -  mkdocs.yml's extra_css lacks assets/planner.css; add it under `extra_css:`" in done.stderr


def test_a_build_that_would_publish_no_lesson_is_refused(mini: Path) -> None:
    assert run("build", cwd=mini).code == 0
    before = tree_digest(mini / "site")
    for path in (mini / "curriculum").rglob("*.yaml"):
        path.unlink()
    result = run("build", cwd=mini)
    assert (result.code, result.err.splitlines()[-1]) == (1, (
        "error: the site build failed: no lesson page would be published: curriculum/lessons/ holds no lesson; "
        "write one with `curriculum new lesson ID`; the previous site is unchanged."))
    assert tree_digest(mini / "site") == before


def test_a_config_that_leaves_the_lesson_pages_out_is_refused(mini: Path) -> None:
    (mini / "mkdocs.yml").write_text((mini / "mkdocs.yml").read_text(encoding="utf-8")
                                     + "exclude_docs: |\n  lessons/*.md\n  !lessons/index.md\n", encoding="utf-8")
    result = run("build", cwd=mini)
    assert (result.code, result.err.splitlines()[-1]) == (1, (
        "error: the site build failed: no lesson page would be published: mkdocs.yml's exclude_docs or "
        "draft_docs leaves out generated/lessons/; remove that rule; the previous site is unchanged."))
