"""``curriculum init``: a new project, written from the repository's own files.

There is one copy of every template: this repository's ``mkdocs.yml``, workflows, ``schema/``,
``curriculum/`` and ignore files. The wheel carries them in ``generator/project-template/``, copied
there at build time by ``setup.py``; run from a checkout, the tool reads them from the checkout.
What ``init`` changes on the way is declared here, in three functions: ``example_curriculum`` (the
three example lessons lose their links to lessons the project does not have), ``project_workflow``
(the steps that test the tool itself are left out, and the tool is installed from
``requirements.txt``) and the two files only a project has, its ``README.md`` and ``requirements.txt``.

This module is imported by ``setup.py`` in a bare build environment: nothing at its top may need a
dependency.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import __version__

PACKAGE_NAME = "sales-coaching-curriculum"

TEMPLATE_FILES = (
    "mkdocs.yml",
    ".gitignore",
    "generated/.gitignore",
    ".vscode/extensions.json",
    ".github/workflows/pages.yml",
    ".github/workflows/pull-request.yml",
)
TEMPLATE_FOLDERS = ("schema", "curriculum")
"""The repository's files and folders that a new project starts from, as paths in the repository."""

TEMPLATE_DIR = "project-template"
"""Where the wheel carries them, inside the ``generator`` package."""

EXAMPLE = {
    "lessons": ("discovery-pain-chain", "discovery-spin-implication", "discovery-call-debrief"),
    "skills": ("discovery",),
    "tracks": ("discovery-in-three-weeks",),
}
"""What ``init`` writes into ``curriculum/`` without ``--starter``: three real lessons, the skill
whose symptoms point at them and a track that runs them, so that ``check --strict`` passes."""


def template_files(root: Path) -> Iterator[str]:
    """Every template file under ``root`` (the repository, or the wheel's copy), as a relative path."""
    yield from TEMPLATE_FILES
    for folder in TEMPLATE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                yield path.relative_to(root).as_posix()


MODEL_LESSON = "curriculum/lessons/discovery-pain-chain.yaml"
"""The lesson the authoring guide shows, annotated field by field: the shipped one, read from the template."""


def template_root() -> Path:
    """The template: the wheel's copy when installed, else the checkout the tool runs from."""
    package = Path(__file__).resolve().parent
    for root in (package / TEMPLATE_DIR, package.parent):
        if all((root / name).is_file() for name in TEMPLATE_FILES):
            return root
    raise FileNotFoundError(f"the project template is missing from {package}; reinstall {PACKAGE_NAME}")


@dataclass(frozen=True)
class InitReport:
    written: tuple[str, ...]
    kept: tuple[str, ...]
    """Files that were already there, left as they were."""


def project_files(starter: bool, requirement: str) -> dict[str, bytes]:
    """Every file of a new project, by path: the template, with ``init``'s declared changes."""
    root = template_root()
    files: dict[str, bytes] = {}
    for name in template_files(root):
        data = (root / name).read_bytes()
        if name.startswith(".github/workflows/"):
            data = project_workflow(data.decode("utf-8")).encode("utf-8")
        if name.startswith("curriculum/") and not starter:
            data = example_curriculum(name, data)
            if not data:
                continue
        files[name] = data
    files["requirements.txt"] = requirements_text(requirement).encode("utf-8")
    files["README.md"] = readme_text(starter).encode("utf-8")
    return dict(sorted(files.items()))


def init_project(target: Path, *, starter: bool = False, force: bool = False) -> InitReport:
    """Write a new project into ``target``; never overwrite a file (those already there are kept).

    Raises ``FileExistsError`` for a folder that is not empty, unless ``force``.
    """
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(20, "not a folder", str(target))
    if not force and target.is_dir() and any(target.iterdir()):
        raise FileExistsError(17, "the folder is not empty", str(target))
    written, kept = [], []
    for name, data in project_files(starter, installed_requirement()).items():
        path = target / name
        if path.exists() or path.is_symlink():
            kept.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as handle:
            handle.write(data)
        written.append(name)
    return InitReport(tuple(written), tuple(kept))


def example_curriculum(name: str, data: bytes) -> bytes:
    """A file of the shipped curriculum as the default project gets it: empty when it is not one of
    the examples; a lesson loses the ``related`` entries that name lessons outside the examples."""
    folder, _, file = name.removeprefix("curriculum/").partition("/")
    if Path(file).stem not in EXAMPLE.get(folder, ()):
        return b""
    if folder != "lessons":
        return data
    lines, kept, in_related = data.decode("utf-8").splitlines(keepends=True), [], False
    for line in lines:
        if re.match(r"\S", line):
            in_related = line.startswith("related:")
        item = re.fullmatch(r"\s+- ([a-z0-9-]+)\s*", line)
        if in_related and item and item.group(1) not in EXAMPLE["lessons"]:
            continue
        kept.append(line)
    return "".join(kept).encode("utf-8")


INSTALL = "python -m pip install -r requirements.txt"
"""How a project's workflows install the tool: the one line ``requirements.txt`` holds."""


def project_workflow(text: str) -> str:
    """One of the repository's workflows as a project's: every step that runs ``curriculum`` or
    uses an action is kept; the install step installs from ``requirements.txt``; every other
    ``run`` step (the tool's own tests, linters and npm tools, which a project does not have) is
    left out, as are the job's pip cache keys on the repository's files."""
    out: list[str] = []
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith("#"):  # the repository's own description: the header replaces it
        lines.pop(0)
    for block in _step_blocks(lines):
        if isinstance(block, str):
            out.append(block)
            continue
        step = "".join(block)
        if re.search(r"^\s*(- )?\s*uses:", step, re.MULTILINE):
            out.extend(_cache_on_requirements(block))
        elif "pip install" in step:
            out.extend(_install_from_requirements(block))
        elif re.search(r"\bcurriculum ", step):
            out.extend(block)
    header = ("# Written by `curriculum init` from the curriculum tool's own workflow, without the steps\n"
              "# that test the tool itself. Actions are pinned to a release's full commit (the tag in the\n"
              "# comment); README.md says how to switch publishing on.\n")
    return header + "".join(out)


def _step_blocks(lines: list[str]) -> Iterator[str | list[str]]:
    """The workflow's lines, with each step under ``steps:`` gathered into one list of lines
    (comment lines just before a step belong to it)."""
    indent: int | None = None
    step: list[str] = []
    pending: list[str] = []
    for line in lines:
        stripped = line.lstrip()
        depth = len(line) - len(stripped)
        if indent is None:
            yield line
            if re.match(r"\s*steps:\s*$", line):
                indent = -1
            continue
        if not stripped.strip() or stripped.startswith("#"):
            pending.append(line)
            continue
        if indent == -1:
            indent = depth
        if depth == indent and stripped.startswith("- "):
            if step:
                yield step
            step, pending = pending + [line], []
        elif depth > indent:
            step += pending + [line]
            pending = []
        else:  # the end of the steps
            if step:
                yield step
            yield from pending
            yield line
            step, pending, indent = [], [], None
            if re.match(r"\s*steps:\s*$", line):
                indent = -1
    if step:
        yield step
    yield from pending


def _cache_on_requirements(block: list[str]) -> Iterator[str]:
    """The step, with a ``cache-dependency-path`` (one line or a block) naming requirements.txt."""
    skip: int | None = None
    for line in block:
        depth = len(line) - len(line.lstrip())
        if skip is not None:
            if line.strip() and depth > skip:
                continue
            skip = None
        found = re.match(r"(\s*)cache-dependency-path:", line)
        if found:
            yield f"{found.group(1)}cache-dependency-path: requirements.txt\n"
            skip = depth
            continue
        yield line


def _install_from_requirements(block: list[str]) -> Iterator[str]:
    """The step, with its ``pip install`` commands (continued lines included) made one install
    from requirements.txt."""
    replaced = continued = False
    for line in block:
        if continued:
            continued = line.rstrip().endswith("\\")
            continue
        named = re.match(r"(\s*- )name:", line)
        if named:
            yield f"{named.group(1)}name: Install the tool (the version in requirements.txt)\n"
            continue
        found = re.match(r"(\s*)(run:\s*)?(.*?)pip install", line)
        if found:
            continued = line.rstrip().endswith("\\")
            if not replaced:
                yield f"{found.group(1)}{found.group(2) or ''}{INSTALL}\n"
                replaced = True
            continue
        yield line


def installed_requirement() -> str:
    """The line ``requirements.txt`` gets: the exact Git commit when the tool was installed from a
    Git repository, else the version by name (from PyPI, or the index the team configures)."""
    from importlib import metadata

    try:
        direct = metadata.distribution(PACKAGE_NAME).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct = None
    if direct:
        url = json.loads(direct)
        vcs = url.get("vcs_info")
        if vcs and vcs.get("vcs") == "git" and vcs.get("commit_id"):
            return f"{PACKAGE_NAME} @ git+{url['url']}@{vcs['commit_id']}"
    return f"{PACKAGE_NAME}=={__version__}"


def requirements_text(requirement: str) -> str:
    return (
        "# The curriculum tool, which the workflows install to check and build the site. If your team\n"
        "# installs it from a Git repository or an internal index rather than PyPI, write that here, e.g.\n"
        f"# {PACKAGE_NAME} @ git+https://github.com/OWNER/REPOSITORY@v{__version__}\n"
        f"{requirement}\n"
    )


def readme_text(starter: bool) -> str:
    from generator.render import make_environment

    counts = {kind: len(ids) for kind, ids in EXAMPLE.items()}
    return make_environment().get_template("project-README.md.j2").render(starter=starter, counts=counts)


def count_by_folder(names: Iterable[str]) -> dict[str, int]:
    """How many of ``names`` each content folder holds (``curriculum/lessons``: 3)."""
    counts: dict[str, int] = {}
    for name in names:
        parts = name.split("/")
        if parts[0] == "curriculum" and len(parts) == 3:
            counts[f"{parts[0]}/{parts[1]}"] = counts.get(f"{parts[0]}/{parts[1]}", 0) + 1
    return counts
