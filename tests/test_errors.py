"""Every kind of content error, asserted word for word, as the author sees it on the terminal.

Each case edits one file of the small fixture project, runs ``curriculum check`` and ``curriculum
build``, and expects exit status 1, exactly the lines below, no traceback, and the site built
before the edit left as it was. (Every kind of YAML syntax error has its own table in
test_yaml_errors.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import code_of, guide_line, run, tree_digest

LESSON = "curriculum/lessons/discovery-pain-chain.yaml"
SHORT = "curriculum/lessons/short-lesson.yaml"
TRACK = "curriculum/tracks/starter.yaml"


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {path}"
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def copy(source: str, target: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / target).write_bytes((root / source).read_bytes())

    return edit


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "broken YAML": (
        replace(SHORT, "title: Name the next step", "title: [Name the next step"),
        [(f"{SHORT}:2:8: CUR010 the text starts with '[', which YAML reads as the start of a list written like "
          "[a, b], and there is no ']' on this line to close it. If it is a list, end it with ']'; if the '[' "
          "belongs to the text, put the whole text in double quotes (\"...\"). [YAML: did not find expected ',' "
          "or ']']\n"
          "  line 2 | title: [Name the next step before you hang up\n"
          "         |        ^")],
    ),
    "unknown field": (
        replace(SHORT, "objective:", "objectve:"),
        [f"{SHORT}:15:1: CUR101 objectve: unknown field 'objectve'; did you mean 'objective'?"],
    ),
    "wrong type": (
        replace(SHORT, "minutes: 10", "minutes: ten"),
        [f"{SHORT}:11:10: CUR104 minutes: expected a whole number from 5 to 90, found text; for example: 26"],
    ),
    "missing required field": (
        replace(SHORT, "timing: standalone\n", ""),
        [(f"{SHORT}:1:1: CUR102 timing: is missing; add it (When to run it relative to the rep's customer "
         "conversation that the lesson is about: before it (preparing that conversation), after it (a "
         "debrief of it) or any time.)")],
    ),
    "second file for one id": (
        copy(SHORT, "curriculum/lessons/short-lesson.yml"),
        [(f"{SHORT.replace('.yaml', '.yml')}:1:1: CUR066 is a second file for short-lesson.yaml; keep one of "
          "the two, named .yaml, and delete the other")],
    ),
    ".yml file": (  # still checked in full, and the lessons naming it find it
        lambda root: (root / SHORT).rename(root / SHORT.replace(".yaml", ".yml")),
        [(f"{SHORT.replace('.yaml', '.yml')}:1:1: CUR065 ends in .yml; rename it to short-lesson.yaml (only "
          ".yaml files belong in lessons/)")],
    ),
    "id not matching the file name": (
        replace(SHORT, "id: short-lesson", "id: short-lessons"),
        [(f"{SHORT}:1:5: CUR201 id: is 'short-lessons' but the file is named 'short-lesson.yaml'; rename the "
         "file to short-lessons.yaml or set id: short-lesson")],
    ),
    "unknown prerequisite": (
        replace(SHORT, "prerequisites: [discovery-pain-chain]", "prerequisites: [discovery-pain-chian]"),
        [(f"{SHORT}:49:17: CUR203 prerequisites[0]: no lesson has the id 'discovery-pain-chian'; did you "
         "mean 'discovery-pain-chain'?")],
    ),
    "prerequisite cycle": (
        replace(LESSON, "related:\n  - short-lesson", "prerequisites:\n  - short-lesson"),
        [(f"{LESSON}:220:5: CUR205 prerequisites[0]: prerequisites form a cycle: discovery-pain-chain -> "
         "short-lesson -> discovery-pain-chain; remove one of these links")],
    ),
    "duplicate key": (
        replace(SHORT, "stage: closing\n", "stage: closing\nstage: discovery\n"),
        [f"{SHORT}:8:1: CUR063 stage: duplicate field 'stage'; it is already set on line 7"],
    ),
    "python tag": (
        replace(SHORT, "title: Name", "title: !!python/object/apply:os.system ['echo hacked']\nx: Name"),
        [(f"{SHORT}:2:8: CUR059 title: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is "
         "not allowed; write plain text, numbers, lists and fields")],
    ),
    "agenda not adding up": (
        replace(SHORT, "  - minutes: 6\n", "  - minutes: 8\n"),
        [(f"{SHORT}:19:3: CUR150 agenda: the steps add up to 12 minutes but the lesson's minutes is 10 "
         "(2 too many); change a step or the lesson's minutes")],
    ),
    "placeholder text": (
        replace(SHORT, "Open the rep's calendar", "TODO pick what to open"),
        [f"{SHORT}:14:15: CUR114 prep.checklist[0]: still holds the placeholder 'TODO'; write the real text"],
    ),
    "team meeting without discussion questions": (
        replace(SHORT, "formats: [one-on-one]", "formats: [one-on-one, team-meeting]"),
        [(f"{SHORT}:1:1: CUR151 discussion_questions: is missing; a lesson with the team-meeting format "
          "needs questions for the group"),
         (f"{SHORT}:1:1: CUR151 room: is missing; a lesson with the team-meeting format says how to run it "
          "with 4, 8 and 12 people, remote, and who sells when there is time for only some")],
    ),
    "track format the lesson does not support": (
        replace(TRACK, "format: one-on-one", "format: workshop"),
        [(f"{TRACK}:16:17: CUR206 weeks[1].sessions[0].format: lesson 'short-lesson' does not run as "
         "'workshop'; it runs as one-on-one")],
    ),
    "unknown choice": (
        replace(SHORT, "levels: [new-hire]", "levels: [veteren]"),
        [(f"{SHORT}:8:10: CUR105 levels[0]: is 'veteren'; expected one of new-hire, developing, veteran; "
         "did you mean 'veteran'?")],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_content_error_is_reported_exactly(mini: Path, case: str) -> None:
    edit, expected = CASES[case]
    edit(mini)
    result = run("check", cwd=mini)
    assert result.code == 1
    assert "Traceback" not in result.err
    count = len(expected)
    if all("still holds the placeholder" in line for line in expected):
        summary = f"{count} place{'s' * (count != 1)} left to fill in; nothing was built."
    else:
        summary = f"{count} problem{'s' * (count != 1)} found; nothing was built."
    assert result.err.splitlines() == "\n".join(sorted(expected)).splitlines() + [
        summary, guide_line(code_of(min(expected)))
    ]


@pytest.mark.parametrize("case", ["broken YAML", "prerequisite cycle", "python tag"])
def test_failed_build_leaves_previous_site_unchanged(mini: Path, case: str) -> None:
    assert run("build", cwd=mini).code == 0
    before = tree_digest(mini / "site")
    CASES[case][0](mini)
    result = run("build", cwd=mini)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert tree_digest(mini / "site") == before
    assert not list(mini.glob(".site-*")), "a half-built site was left behind"


def test_errors_from_several_files_come_sorted_in_one_run(mini: Path) -> None:
    replace(SHORT, "minutes: 10", "minutes: ten")(mini)
    replace(LESSON, "stage: discovery", "stage: discovry")(mini)
    result = run("check", cwd=mini)
    lines = result.err.splitlines()
    assert result.code == 1
    assert len(lines) == 4
    assert lines[0].startswith(f"{LESSON}:10:8: CUR105 stage: is 'discovry'")
    assert lines[1].startswith(f"{SHORT}:11:10: CUR104 minutes:")
    assert lines[2] == "2 problems found; nothing was built."
    assert lines[3] == guide_line("CUR105")
