"""One mistake, one problem: the checks across files say nothing more about a value already reported.

Each case makes one mistake in the fixture project and expects exactly one line, in the file where the
mistake is, not follow-on errors in the files that use the value (tracks running the lesson, lessons
naming the skill, the agenda's sum).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pipeline import check
from generator.problems import CurriculumError

LESSON = "curriculum/lessons/discovery-pain-chain.yaml"
SHORT = "curriculum/lessons/short-lesson.yaml"
SKILL = "curriculum/skills/discovery.yaml"
TRACK = "curriculum/tracks/starter.yaml"
CHOICE = "expected one of one-on-one, team-meeting, ride-along, self-study, workshop"

CASES = {
    "a misspelt format of a lesson that tracks run as a team meeting": (
        LESSON, r"^  - team-meeting$", "  - team meeting",
        f"{LESSON}:18:5: formats[1]: is 'team meeting'; {CHOICE}; did you mean 'team-meeting'?"),
    "a format left as the skeleton's placeholder": (
        SHORT, r"^formats: \[one-on-one\]", "formats: ['FILL IN: one of one-on-one, team-meeting']",
        (f"{SHORT}:9:11: formats[0]: still holds the placeholder 'FILL IN'; write one of one-on-one, "
        "team-meeting, ride-along, self-study, workshop")),
    "a skill file without its id, which lessons name": (
        SKILL, r"^id: discovery\n", "",
        f"{SKILL}:1:1: id: is missing; add it (The skill's id; must match the file name.)"),
    "a skill id that is not text": (
        SKILL, r"^id: discovery$", "id: 42",
        (f"{SKILL}:1:5: id: expected an id of lower-case letters, digits and single hyphens (like "
        "'discovery-basics'), found a number (42); for example: discovery-basics")),
    "a lesson without its id, which the skill, a track and a lesson name": (
        LESSON, r"^id: discovery-pain-chain\n", "",
        (f"{LESSON}:2:1: id: is missing; add it (The lesson's id, used in its address; must match the file "
        "name. Start it with the skill area, like discovery-pain-chain.)")),
    "a lesson whose id is another lesson's, which tracks and itself name": (
        SHORT, r"^id: short-lesson$", "id: discovery-pain-chain",
        (f"{SHORT}:1:5: id: is 'discovery-pain-chain' but the file is named 'short-lesson.yaml'; rename the "
        "file to discovery-pain-chain.yaml or set id: short-lesson")),
    "lesson minutes out of range, which the agenda adds up to": (
        SHORT, r"^minutes: 10$", "minutes: 100", f"{SHORT}:11:10: minutes: is 100; it must be from 5 to 90"),
    "a step's minutes out of range": (
        SHORT, r"^  - minutes: 4$", "  - minutes: 0", f"{SHORT}:19:14: agenda[0].minutes: is 0; it must be from 1 to 90"),
    "no discussion questions in a team-meeting lesson": (
        LESSON, r"^discussion_questions:\n(  - .*\n)+", "discussion_questions: []\n",
        f"{LESSON}:159:23: discussion_questions: has 0 items; it needs at least 1"),
    "a week number out of range, before a later week": (
        TRACK, r"^  - week: 1$", "  - week: 60", f"{TRACK}:7:11: weeks[0].week: is 60; it must be from 1 to 52"),
    "a session whose lesson is a list": (
        TRACK, r"lesson: short-lesson", "lesson: [short-lesson, discovery-pain-chain]",
        (f"{TRACK}:15:17: weeks[1].sessions[0].lesson: expected an id of lower-case letters, digits and single "
        "hyphens (like 'discovery-basics'), found a list; for example: discovery-basics")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_one_mistake_is_one_problem(mini: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    path, pattern, replacement, expected = CASES[case]
    file = mini / path
    text = file.read_text(encoding="utf-8")
    edited = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert edited != text, f"fixture changed: {pattern!r} not in {path}"
    file.write_text(edited, encoding="utf-8")
    monkeypatch.chdir(mini)
    with pytest.raises(CurriculumError) as raised:
        check(Path("curriculum"))
    # The one problem, whatever its code (tests/test_codes.py holds the codes to their kinds).
    assert [re.sub(r": CUR\d{3} ", ": ", str(p), count=1) for p in raised.value.problems] == [expected]

