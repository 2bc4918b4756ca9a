"""The curriculum command as an author uses it: help, exit codes, new, list and the generated folder."""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, run

from generator.cli import main
from generator.write import write_pages

COMMANDS = ["check", "build", "serve", "init", "new", "list", "schema"]


def test_help_lists_every_command(mini: Path) -> None:
    result = run("--help", cwd=mini)
    assert result.code == 0
    for command in COMMANDS:
        assert f"    {command} " in result.out


@pytest.mark.parametrize("command", [*COMMANDS, "new lesson"])
def test_every_command_has_help(mini: Path, command: str) -> None:
    result = run(*command.split(), "--help", cwd=mini)
    assert result.code == 0
    assert result.out.startswith(f"usage: curriculum {command}")


def test_check_passes_on_valid_content(mini: Path) -> None:
    result = run("check", cwd=mini)
    assert (result.code, result.err) == (0, "OK: 2 lessons, 1 skill and 1 track are valid.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["new", "lesson", "x", "--minutes", "200"], "argument --minutes: invalid choice: 200"),
        (["new", "lesson", "Bad Id", "--title", "T", "--skill", "discovery", "--format", "one-on-one",
          "--minutes", "15"], "'Bad Id' is not a valid id"),
    ],
)
def test_usage_errors_exit_2(mini: Path, args: list[str], message: str) -> None:
    result = run(*args, cwd=mini)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_outside_a_project_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("curriculum: error: no mkdocs.yml in ")


def test_new_lesson_writes_a_skeleton_that_check_reports_until_filled(mini: Path) -> None:
    args = ["new", "lesson", "next-step-drill", "--title", "Drill the next step", "--skill", "discovery",
            "--format", "one-on-one", "--format", "team-meeting", "--minutes", "20"]
    result = run(*args, cwd=mini)
    assert result.code == 0
    target = mini / "curriculum/lessons/next-step-drill.yaml"
    assert result.out == "Wrote curriculum/lessons/next-step-drill.yaml. Replace each 'FILL IN' text; " \
                         "`curriculum check` lists what is left.\n"
    text = target.read_text(encoding="utf-8")
    assert "title: \"Drill the next step\"" in text
    assert "minutes: 20" in text

    check = run("check", cwd=mini)
    assert check.code == 1
    problems = check.err.splitlines()[:-2]
    assert check.err.splitlines()[-2] == f"{len(problems)} places left to fill in; nothing was built."
    assert problems and all("still holds the placeholder 'FILL IN'" in p for p in problems)
    assert all(p.startswith("curriculum/lessons/next-step-drill.yaml:") for p in problems)
    assert any(" discussion_questions[0]: " in p for p in problems)  # team-meeting asks for them
    assert not any(" agenda: " in p for p in problems)  # the agenda adds up already

    # Filling every placeholder in makes it pass.
    choices = {'stage: "FILL IN: one of prospecting, discovery': 'stage: "discovery"',
               '- "FILL IN: one of new-hire, developing, veteran"': '- "developing"',
               'timing: "FILL IN: one of before, after, standalone"': 'timing: "before"',
               'direction: "FILL IN: one of up, down"': 'direction: "up"'}
    lines = []
    for line in text.splitlines():
        for placeholder, value in choices.items():
            if placeholder in line:
                line = line[: line.index(placeholder)] + value
        lines.append(line.replace("FILL IN: ", "Filled: "))
    filled = "\n".join(lines) + "\n"
    target.write_text(filled, encoding="utf-8")
    after = run("check", cwd=mini)
    assert after.code == 0, after.err

    again = run(*args, cwd=mini)
    assert again.code == 2
    assert "already exists" in again.err
    assert target.read_text(encoding="utf-8") == filled


def test_list_json_describes_every_item(mini: Path) -> None:
    result = run("list", "--json", cwd=mini)
    data = json.loads(result.out)
    assert sorted(data) == ["lessons", "skills", "tracks"]
    lesson = next(l for l in data["lessons"] if l["id"] == "short-lesson")
    assert lesson == {
        "id": "short-lesson", "title": "Name the next step before you hang up", "skills": ["discovery"],
        "formats": ["one-on-one"], "minutes": 10, "prep_minutes": 2, "levels": ["new-hire"],
        "timing": "standalone", "stage": "closing", "audience": "reps", "roleplay": False,
        "veteran_variant": False, "real_deal": False, "resistance": 2, "source": "curriculum/lessons/short-lesson.yaml",
    }
    # The team meeting once; the one-on-one (10 min + 2 prep) once for each of the track's 4 reps.
    assert (data["tracks"][0]["reps"], data["tracks"][0]["manager_minutes"]) == (4, 15 + 5 + (10 + 2) * 4)
    assert data["skills"][0]["lessons"] == ["discovery-pain-chain", "short-lesson"]


def test_writer_touches_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    (out / "old").mkdir(parents=True)
    (out / "old" / "gone.md").write_text("stale", encoding="utf-8")
    shutil.copy(REPO / "generated" / ".gitignore", out / ".gitignore")  # the generator's own folder
    first = write_pages(out, {"a.md": "A", "sub/b.md": "B"})
    stamp = (out / "a.md").stat().st_mtime_ns
    second = write_pages(out, {"a.md": "A", "sub/b.md": "B2"})
    assert (first.written, first.removed) == (2, 1)
    assert (second.written, second.unchanged, second.removed) == (1, 1, 0)
    assert (out / "a.md").stat().st_mtime_ns == stamp
    assert not (out / "old").exists()
    assert (out / ".gitignore").exists()


def test_new_lesson_with_only_an_id_lists_every_choice_to_fill_in(mini: Path) -> None:
    result = run("new", "lesson", "discovery-next-step", cwd=mini)  # stdin is not a terminal: no questions
    assert result.code == 0, result.err
    target = mini / "curriculum/lessons/discovery-next-step.yaml"
    text = target.read_text(encoding="utf-8")
    assert 'title: "Discovery next step"\n' in text
    assert 'skills:\n  - "FILL IN: one of discovery"\n' in text
    assert 'formats:\n  - "FILL IN: one of one-on-one, team-meeting, ride-along, self-study, workshop"\n' in text
    assert 'minutes: "FILL IN: a whole number from 5 to 90"\n' in text

    check = run("check", cwd=mini)
    *problems, summary, guide = check.err.splitlines()
    assert check.code == 1
    assert guide.startswith("Each code is explained in the authoring guide: ") and guide.endswith("#CUR114")
    assert problems and all("still holds the placeholder 'FILL IN'" in p for p in problems)
    assert summary == f"{len(problems)} places left to fill in; nothing was built."
    short = mini / "curriculum/lessons/short-lesson.yaml"
    good = short.read_text(encoding="utf-8")
    short.write_text(good.replace("stage: closing", "stage: closng"), encoding="utf-8")
    mixed = run("check", cwd=mini).err.splitlines()[-2]
    assert mixed == f"{len(problems) + 1} problems found ({len(problems)} of them places left to fill in); " \
                    "nothing was built."
    short.write_text(good, encoding="utf-8")

    filled = re.sub(r'"FILL IN: one of ([a-z-]+)[^"]*"', r'"\1"', text)  # the first choice of each
    filled = filled.replace('"FILL IN: a whole number from 5 to 90"', "15")
    filled = filled.replace('"FILL IN: minutes for this step"', "5").replace("FILL IN: ", "Filled: ")
    target.write_text(filled, encoding="utf-8")
    after = run("check", cwd=mini)
    assert after.code == 0, after.err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_new_lesson_asks_for_what_is_left_out_on_a_terminal(
    mini: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Enter keeps the title made from the id; wrong answers are explained and asked again.
    answers = "\ndiscovry\ndiscovery\nteam meeting\nteam-meeting, one-on-one\n120\n20\n"
    monkeypatch.setattr(sys, "stdin", _Terminal(answers))
    monkeypatch.chdir(mini)
    assert main(["new", "lesson", "discovery-next-step"]) == 0
    text = (mini / "curriculum/lessons/discovery-next-step.yaml").read_text(encoding="utf-8")
    assert 'title: "Discovery next step"\n' in text
    assert 'skills:\n  - "discovery"\n' in text
    assert 'formats:\n  - "team-meeting"\n  - "one-on-one"\n' in text
    assert "\nminutes: 20\n" in text
    assert "\ndiscussion_questions:\n" in text  # required for a team meeting, so not a comment
    err = capsys.readouterr().err
    assert "  no format 'team'; did you mean 'team-meeting'?\n" in err
    assert "  write a whole number from 5 to 90\n" in err
    assert "  no skill 'discovry'; did you mean 'discovery'?\n" in err


def test_new_lesson_on_a_terminal_writes_nothing_when_the_questions_are_left(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal("A title\n"))  # then Ctrl-D
    monkeypatch.chdir(mini)
    assert main(["new", "lesson", "discovery-next-step"]) == 130
    assert not (mini / "curriculum/lessons/discovery-next-step.yaml").exists()


def test_a_fault_in_the_tool_is_one_line_too(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from generator import cli

    def broken(args: object) -> int:
        raise RuntimeError("something the tool did not foresee")

    monkeypatch.setattr(cli, "cmd_list", broken)
    monkeypatch.delenv("CURRICULUM_TRACEBACK", raising=False)
    assert cli.main(["--root", str(mini), "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("curriculum: internal error (RuntimeError: something the tool did not foresee at "
                          "test_cli.py:")
    assert err.endswith("); this is a fault in the tool, please report it with this line "
                        "(CURRICULUM_TRACEBACK=1 shows the full traceback).\n")
    assert err.count("\n") == 1
