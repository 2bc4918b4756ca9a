"""Did-you-mean for ids: a likely typo, never the lesson itself, never another lesson of the same area."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

from generator.pipeline import check
from generator.problems import CurriculumError
from generator.suggest import did_you_mean_id

LESSONS = sorted(p.stem for p in (REPO / "curriculum/lessons").glob("*.yaml"))
SKILLS = sorted(p.stem for p in (REPO / "curriculum/skills").glob("*.yaml"))


@pytest.mark.parametrize(("typed", "hint"), [
    ("discovery-pain-chian", "; did you mean 'discovery-pain-chain'?"),
    ("discovry-pain-chain", "; did you mean 'discovery-pain-chain'?"),
    ("objections-price", "; did you mean 'objections-price-too-high'?"),
    ("time-plan-week", "; did you mean 'time-plan-the-week'?"),
    ("closing-next-step", "; did you mean 'closing-dated-next-step'?"),
    # Another lesson of the same area is not a typo: before, these got two or three such ids.
    ("discovery-basics", ""),
    ("pipeline-review", ""),
    ("coaching", ""),
])
def test_lesson_ids_offered_are_likely_typos_only(typed: str, hint: str) -> None:
    assert did_you_mean_id(typed, LESSONS) == hint


@pytest.mark.parametrize(("typed", "hint"), [
    ("discovry", "; did you mean 'discovery'?"),
    ("objection", "; did you mean 'objection-handling'?"),
    ("negociation", "; did you mean 'negotiation'?"),
    ("closing-skills", ""),
])
def test_skill_ids_offered_are_likely_typos_only(typed: str, hint: str) -> None:
    assert did_you_mean_id(typed, SKILLS) == hint


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("discovery-pain-chain", "related:\n  - short-lesson", "related:\n  - discovery-pain-chian",
     ("curriculum/lessons/discovery-pain-chain.yaml:220:5: related[0]: no lesson has the id "
     "'discovery-pain-chian'")),  # before: "; did you mean 'discovery-pain-chain'?", the lesson itself
    ("short-lesson", "prerequisites: [discovery-pain-chain]", "prerequisites: [discovery-basics]",
     ("curriculum/lessons/short-lesson.yaml:49:17: prerequisites[0]: no lesson has the id "
     "'discovery-basics'")),  # before: "; did you mean 'discovery-pain-chain'?", a far-off id
])
def test_unknown_lesson_gets_no_misleading_hint(mini: Path, monkeypatch: pytest.MonkeyPatch, file: str,
                                                old: str, new: str, expected: str) -> None:
    path = mini / "curriculum/lessons" / f"{file}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(mini)
    with pytest.raises(CurriculumError) as raised:
        check(Path("curriculum"))
    # The one problem, whatever its code (tests/test_codes.py holds the codes to their kinds).
    assert [re.sub(r": CUR\d{3} ", ": ", str(p), count=1) for p in raised.value.problems] == [expected]
