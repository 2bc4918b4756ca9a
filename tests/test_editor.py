"""Editor support, proven with the real YAML language server (what VS Code's YAML extension runs).

Each curriculum file starts with `# yaml-language-server: $schema=../../schema/<kind>.schema.json`,
which promises an author completion, hover and diagnostics as they type. These tests start the
server pinned in `.ci/package.json` (installed by `npm ci --prefix .ci`, the first step of the
README's test command) over stdio, in a copy of the project, and check each promise the way an
editor would see it: completion of field names and choice values with their descriptions, hover,
a diagnostic for each kind of mistake, none for a valid file, and the same `FILL IN` texts flagged
in a fresh skeleton as `curriculum check` reports.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, make_project, run
from lsp import Client

from generator import spec

SERVER = REPO / ".ci" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
MODEL = REPO / "curriculum" / "lessons" / "discovery-pain-chain.yaml"
"""The model lesson the README points authors at."""

SETTINGS = {
    "yaml": {
        "validate": True, "hover": True, "completion": True, "schemas": {},
        # The files name their schema in their first line; never ask the internet for one.
        "schemaStore": {"enable": False}, "format": {"enable": False}, "yamlVersion": "1.2",
    },
    "http": {"proxy": "", "proxyStrictSSL": True},
}
"""VS Code's YAML extension settings with schema support, validation, hover and completion on."""


def _project(target: Path) -> Path:
    """A copy of the project an author works in: the curriculum and the schema files beside it."""
    make_project(target, REPO / "curriculum")
    shutil.copytree(REPO / "schema", target / "schema")
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("editor") / "project")


@pytest.fixture(scope="module")
def server(project: Path) -> Iterator[Client]:
    assert shutil.which("node"), (
        "no `node` on PATH: install Node.js 20 or newer, then run the README's test command")
    assert SERVER.exists(), (
        f"{SERVER.relative_to(REPO)} is missing: run the README's test command, which starts with "
        "`npm ci --prefix .ci --no-audit --no-fund` (Node.js 20 or newer), to install the YAML language "
        "server")
    client = Client(["node", str(SERVER), "--stdio"], cwd=project, settings=SETTINGS.get)
    try:
        client.request("initialize", {
            "processId": None,
            "rootUri": project.as_uri(),
            "workspaceFolders": [{"uri": project.as_uri(), "name": project.name}],
            "capabilities": {
                "workspace": {"configuration": True, "workspaceFolders": True,
                              "didChangeConfiguration": {"dynamicRegistration": True}},
                "textDocument": {
                    "synchronization": {"dynamicRegistration": True},
                    "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"],
                                                      "snippetSupport": True}},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "publishDiagnostics": {"relatedInformation": True},
                },
            },
        })
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
        yield client
    finally:
        client.close()


_opened = itertools.count(1)


def _open(server: Client, folder: Path, text: str) -> str:
    """Open ``text`` as a new, unsaved file in ``folder`` (which its modeline is relative to)."""
    uri = (folder / f"editor-test-{next(_opened)}.yaml").as_uri()
    server.open(uri, text)
    return uri


def _diagnostics(server: Client, folder: Path, text: str) -> list[dict[str, Any]]:
    return server.wait_for_diagnostics(_open(server, folder, text))


def _shown(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [f"{d['range']['start']['line'] + 1}:{d['range']['start']['character'] + 1}: {d['message']}"
            for d in diagnostics]


def _text(documentation: Any) -> str:
    """A completion item's or hover's documentation, plain or Markdown, as text."""
    if isinstance(documentation, dict):
        return documentation.get("value", "")
    if isinstance(documentation, list):
        return "\n".join(_text(part) for part in documentation)
    return documentation or ""


PROPERTY, VALUE, CLASS = 10, 12, 7
"""The LSP completion item kinds for a field name, a value, and a whole-document snippet."""


def _complete(server: Client, folder: Path, text: str, line: int, character: int) -> list[dict[str, Any]]:
    """What the server proposes at a position of ``text``."""
    uri = _open(server, folder, text)
    server.wait_for_diagnostics(uri)
    found = server.request("textDocument/completion",
                           {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
    return found["items"] if isinstance(found, dict) else found or []


def _offered(items: list[dict[str, Any]], kind: int = PROPERTY) -> dict[str, str]:
    """Label -> documentation of the proposals of one kind."""
    return {item["label"]: _text(item.get("documentation")).strip()
            for item in items if item.get("kind") == kind}


def _replace_line(text: str, start: str, new: str) -> str:
    lines = text.splitlines(keepends=True)
    [index] = [i for i, line in enumerate(lines) if line.startswith(start)]
    lines[index] = new
    return "".join(lines)


def _line_of(text: str, start: str) -> int:
    [index] = [i for i, line in enumerate(text.splitlines()) if line.startswith(start)]
    return index


def test_the_model_lesson_is_valid_with_a_date_unquoted() -> None:
    """The lessons below start from the model lesson: it must be valid, and hold a date as authors
    write one (unquoted, which YAML reads as a date and an editor as text)."""
    text = MODEL.read_text(encoding="utf-8")
    assert re.search(r"^reviewed: \d{4}-\d{2}-\d{2}$", text, re.MULTILINE)
    assert run("check", cwd=REPO).code == 0


def test_completion_on_a_new_top_level_line_lists_the_fields_left_with_their_descriptions(
        server: Client, project: Path) -> None:
    text = MODEL.read_text(encoding="utf-8")
    present = set(yaml.safe_load(text))
    items = _complete(server, project / "curriculum" / "lessons", text + "\n", len(text.splitlines()), 0)
    proposed = _offered(items)
    expected = {f.name: f.description for f in spec.LESSON.fields if f.name not in present}
    assert expected, "the model lesson uses every field: pick a lesson that leaves one out"
    assert proposed == expected


@pytest.mark.parametrize("kind", list(spec.KINDS))
def test_completion_in_an_empty_file_lists_every_field_with_its_description(
        server: Client, project: Path, kind: str) -> None:
    text = f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n\n"
    items = _complete(server, project / "curriculum" / spec.FOLDERS[kind], text, 1, 0)
    fields = spec.KINDS[kind]
    assert _offered(items) == {f.name: f.description for f in fields.fields}
    # and one snippet of the whole file with every required field, named and described as the schema
    [(title, documentation)] = _offered(items, CLASS).items()
    assert (title, documentation.split("\n\n")[0]) == (fields.title, fields.description)


def test_completion_of_a_choice_lists_each_value_with_what_it_means(server: Client, project: Path) -> None:
    text = _replace_line(MODEL.read_text(encoding="utf-8"), "timing:", "timing: \n")
    items = _complete(server, project / "curriculum" / "lessons", text, _line_of(text, "timing:"), 8)
    proposed = _offered(items, VALUE)
    assert proposed == spec.TIMINGS


def test_hover_on_a_field_shows_its_description(server: Client, project: Path) -> None:
    text = MODEL.read_text(encoding="utf-8")
    uri = _open(server, project / "curriculum" / "lessons", text)
    server.wait_for_diagnostics(uri)
    position = {"line": _line_of(text, "objective:"), "character": 3}
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    assert hover is not None, "no hover on objective:"
    assert spec.LESSON.by_name["objective"].description in _text(hover["contents"])


def test_a_valid_lesson_has_no_diagnostics(server: Client, project: Path) -> None:
    text = MODEL.read_text(encoding="utf-8")
    assert _shown(_diagnostics(server, project / "curriculum" / "lessons", text)) == []


def test_every_shipped_file_has_no_diagnostics(server: Client, project: Path) -> None:
    """What `check` accepts, the editor accepts: dates, Markdown, every optional field in use."""
    opened = {}
    for folder in spec.FOLDERS.values():
        for path in sorted((REPO / "curriculum" / folder).glob("*.yaml")):
            uri = (project / "curriculum" / folder / path.name).as_uri()
            server.open(uri, path.read_text(encoding="utf-8"))
            opened[f"{folder}/{path.name}"] = uri
    assert len(opened) > 60
    found = {name: _shown(server.wait_for_diagnostics(uri)) for name, uri in opened.items()}
    assert {name: shown for name, shown in found.items() if shown} == {}


def test_a_misspelt_choice_is_flagged_on_its_line(server: Client, project: Path) -> None:
    text = _replace_line(MODEL.read_text(encoding="utf-8"), "timing:", "timing: befor\n")
    shown = _shown(_diagnostics(server, project / "curriculum" / "lessons", text))
    assert len(shown) == 1, shown
    assert shown[0].startswith(f"{_line_of(text, 'timing:') + 1}:9: ")
    assert all(f'"{value}"' in shown[0] for value in spec.TIMINGS), shown


def test_a_missing_required_field_is_flagged(server: Client, project: Path) -> None:
    text = _replace_line(MODEL.read_text(encoding="utf-8"), "objective:", "")
    shown = _shown(_diagnostics(server, project / "curriculum" / "lessons", text))
    assert len(shown) == 1, shown
    assert '"objective"' in shown[0]


PLACEHOLDER_MESSAGE = ("Still holds a placeholder (TODO, TBD, FIXME, XXX, FILL IN, lorem ipsum, insert "
                       "example): write the real text.")
DATE_MESSAGE = "Not a date: write a real date as YYYY-MM-DD, for example 2026-09-14."
MISTAKES = {
    "a date that is not one": ("reviewed:", "reviewed: 14/09/2026", DATE_MESSAGE),
    "a day the month does not have": ("reviewed:", "reviewed: 2026-06-31", DATE_MESSAGE),
    "29 February in a common year": ("reviewed:", "reviewed: 2027-02-29", DATE_MESSAGE),
    "a month without its zero": ("reviewed:", "reviewed: 2026-9-14", DATE_MESSAGE),
    "an id with capitals": ("id:", "id: Discovery_Pain",
                            "An id: lower-case letters, digits and single hyphens, like 'discovery-basics'."),
    "a one-line field on two lines": ("title:", "title: |\n  Follow the pain\n  to its cost",
                                      "Must be one line; put longer text in a Markdown field."),
    "a placeholder in one line": ("summary:", "summary: TODO write this", PLACEHOLDER_MESSAGE),
    "a placeholder in Markdown": ("why:", "why: |\n  A first paragraph.\n\n  Lorem ipsum dolor.",
                                  PLACEHOLDER_MESSAGE),
    "a web address without its scheme": ("sources:", "sources:\n  - title: SPIN\n    url: example.org/spin",
                                         "Not a web address; write it in full, like https://example.org/article."),
}
"""Mistake -> (the top-level field, what the author writes in its place, the message). The mark
belongs where the wrong value starts: after the last `name: ` written."""


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_each_mistake_gets_one_mark_in_words_an_author_reads(
        server: Client, project: Path, mistake: str) -> None:
    """One diagnostic, on the line to change, saying what to write: never a bare regular expression."""
    field, written, message = MISTAKES[mistake]
    lines = MODEL.read_text(encoding="utf-8").splitlines(keepends=True)
    start = _line_of("".join(lines), field)
    end = start + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1  # the rest of the field, written over several lines
    text = "".join([*lines[:start], written + "\n", *lines[end:]])
    diagnostics = _diagnostics(server, project / "curriculum" / "lessons", text)
    value = max(index for index, line in enumerate(written.splitlines()) if ": " in line)
    assert [(d["range"]["start"]["line"], d["message"]) for d in diagnostics] == [
        (start + value, message)], _shown(diagnostics)


@pytest.mark.parametrize("date", ["2026-12-31", "2028-02-29", "2000-02-29", "'2026-09-14'"])
def test_a_real_date_gets_no_mark(server: Client, project: Path, date: str) -> None:
    text = _replace_line(MODEL.read_text(encoding="utf-8"), "reviewed:", f"reviewed: {date}\n")
    assert _shown(_diagnostics(server, project / "curriculum" / "lessons", text)) == []


def _check_positions(project: Path, relative: str) -> list[str]:
    """Where `curriculum check` reports problems in one file, as line:column."""
    result = run("check", cwd=project)
    assert result.code == 1, result.err
    where = re.compile(rf"^{re.escape(relative)}:(\d+):(\d+):", re.MULTILINE)
    return sorted(f"{line}:{column}" for line, column in where.findall(result.err))


SKELETONS = {
    "lesson": ["--title", "Ask for the next meeting", "--skill", "discovery", "--format", "one-on-one",
               "--format", "team-meeting", "--minutes", "30"],
    "skill": ["--title", "Listening"],
    "track": ["--title", "A four-week plan"],
}


@pytest.mark.parametrize("kind", list(spec.KINDS))
def test_a_fresh_skeleton_is_flagged_where_check_flags_it(server: Client, tmp_path: Path, kind: str) -> None:
    """Every `FILL IN` text `check` reports, the editor marks at the same place, and nothing else."""
    project = _project(tmp_path / "project")
    created = run("new", kind, "editor-skeleton", *SKELETONS[kind], cwd=project)
    assert created.code == 0, created.err
    relative = f"curriculum/{spec.FOLDERS[kind]}/editor-skeleton.yaml"
    expected = _check_positions(project, relative)
    assert len(expected) > 5
    uri = (project / relative).as_uri()
    server.open(uri, (project / relative).read_text(encoding="utf-8"))
    diagnostics = server.wait_for_diagnostics(uri)
    found = sorted(entry.split(": ", 1)[0] for entry in _shown(diagnostics))
    assert found == expected, "\n".join(_shown(diagnostics))
