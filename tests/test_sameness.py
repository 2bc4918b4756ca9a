"""The shipped lessons must not read like one template filled in 60 times.

A veteran notices a template in thirty seconds: every lesson following up on the same days, every
list exactly three long, every model answer followed by a narrator explaining it, the same tenure
line in every lesson's pushback, figures on a buyer card that no answer uses. These tests read the
lesson files as YAML (not the model), so they measure any catalogue, valid or not, and every failure
says the figure it found.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from generator.views import sentences

LESSONS = REPO / "curriculum" / "lessons"


def _load(folder: Path) -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))}


@pytest.fixture(scope="module")
def lessons() -> dict[str, dict]:
    return _load(LESSONS)


def _texts(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return [value] if isinstance(value, str) else []


def _share(counter: Counter, total: int) -> float:
    return counter.most_common(1)[0][1] / total if counter else 0.0


def test_follow_up_days_fit_the_lesson_not_one_pattern(lessons: dict[str, dict]) -> None:
    patterns = Counter(tuple(item["day"] for item in lesson["reinforcement"]) for lesson in lessons.values())
    pattern, count = patterns.most_common(1)[0]
    assert count <= len(lessons) / 3, f"{count} of {len(lessons)} lessons follow up on days {pattern}"


@pytest.mark.parametrize("what, get", [
    ("resistance pairs", lambda lesson: lesson.get("resistance")),
    ("rubric rows", lambda lesson: lesson.get("rubric")),
    ("observer notes", lambda lesson: (lesson.get("roleplay") or {}).get("observer")),
])
def test_lists_are_as_long_as_the_teaching_needs(lessons: dict[str, dict], what: str, get) -> None:
    lengths = Counter(len(get(lesson)) for lesson in lessons.values() if get(lesson))
    outside = sorted(n for n in lengths if not 2 <= n <= 6)
    assert outside == [], f"{what}: lessons with {outside} items; 2 to 6 is the range"
    length, count = lengths.most_common(1)[0]
    assert count <= 0.6 * sum(lengths.values()), \
        f"{count} of {sum(lengths.values())} lessons have exactly {length} {what}"


def test_strong_answers_stand_on_their_own(lessons: dict[str, dict]) -> None:
    """A model answer is the seller's words; why it works goes in its own field, said once."""
    narrated = [
        f"{lesson_id}: ...{answer.strip()[-60:]!r}"
        for lesson_id, lesson in lessons.items()
        for item in (lesson.get("roleplay") or {}).get("objections", ())
        if not (answer := item["strong_answer"]).strip().endswith(('"', "”"))
    ]
    total = sum(len((l.get("roleplay") or {}).get("objections", ())) for l in lessons.values())
    assert narrated == [], f"{len(narrated)} of {total} strong answers go on after the seller's words"


def test_no_sentence_is_shared_by_more_than_three_lessons(lessons: dict[str, dict]) -> None:
    where = defaultdict(set)
    for lesson_id, lesson in lessons.items():
        for text in _texts({k: v for k, v in lesson.items() if k != "sources"}):  # a citation must match
            for sentence in sentences(text):
                if len(sentence.split()) >= 8:
                    where[" ".join(re.findall(r"[a-z0-9']+", sentence.lower()))].add(lesson_id)
    shared = {sentence: len(ids) for sentence, ids in where.items() if len(ids) > 3}
    assert shared == {}, f"{len(shared)} sentences appear in more than three lessons"


TENURE = re.compile(r"(?i)\bI(?:'ve| have)\b[^.?!]*\b(?:years|since before|longer than)\b|\bbeen (?:selling|doing this)\b")
"""The rep vouching for themself by tenure: "I've been doing this twenty years", "I've sold ... for years"."""


def test_veterans_say_more_than_how_long_they_have_sold(lessons: dict[str, dict]) -> None:
    """The tenure line ("I've been doing this twenty years") may stay where it is the point (the
    veteran role-play lesson); elsewhere veterans raise the objections they really raise."""
    bragging = sorted(
        lesson_id for lesson_id, lesson in lessons.items()
        if any(TENURE.search(item["rep_says"]) or TENURE.search((item.get("then") or {}).get("rep_says", ""))
               for item in lesson["resistance"])
    )
    assert len(bragging) <= 2, f"{len(bragging)} lessons answer a tenure line: {bragging}"


TITLES = {"dr", "mr", "mrs", "ms", "prof", "professor", "sir", "dame"}


def test_buyers_have_their_own_names_and_companies(lessons: dict[str, dict]) -> None:
    first_names, companies = defaultdict(list), defaultdict(list)
    for lesson_id, lesson in lessons.items():
        buyer = (lesson.get("roleplay") or {}).get("buyer")
        if not buyer:
            continue
        words = [w for w in buyer["name"].replace(".", "").split() if w.lower() not in TITLES]
        first_names[words[0]].append(lesson_id)
        if "," in buyer["role"]:
            companies[buyer["role"].split(",", 1)[1].split("(")[0].strip()].append(lesson_id)
    assert {name: ids for name, ids in first_names.items() if len(ids) > 1} == {}
    assert {name: ids for name, ids in companies.items() if len(ids) > 1} == {}


def test_lessons_that_use_a_method_cite_it(lessons: dict[str, dict]) -> None:
    uncited = sorted(i for i, lesson in lessons.items() if lesson.get("methodologies") and not lesson.get("sources"))
    assert uncited == [], f"{len(uncited)} lessons name a method and cite no source"


BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in NUMBER.findall(text)}


def test_every_figure_a_buyer_card_reveals_is_used(lessons: dict[str, dict]) -> None:
    """A figure the buyer reveals (in bold on the card) is one the model answers, the teaching or
    the debrief work with: a card that reveals £86,000 and answers that never mention it teach
    nothing, and an answer that quotes a figure the card never gives teaches a slip."""
    unused = []
    for lesson_id, lesson in lessons.items():
        play = lesson.get("roleplay") or {}
        revealed = set()
        for text in (play.get("buyer", {}).get("brief", ""), play.get("veteran_variant") or ""):
            for bold in BOLD.findall(text):
                revealed |= {n for n in _numbers(bold) if len(n.replace(".", "")) >= 2}
        answers = " ".join(
            _texts(play.get("objections")) + _texts(lesson.get("teaching_points")) + _texts(play.get("observer"))
            + _texts(lesson.get("rubric")) + _texts(lesson.get("agenda")) + _texts(lesson.get("coaching_questions"))
        )
        for number in sorted(revealed - _numbers(answers)):
            unused.append(f"{lesson_id}: {number}")
    assert unused == [], f"{len(unused)} revealed figures are never used"


FORECAST_TERMS = re.compile(r"(?i)\b(?:in|into|to|from|out of|the|your|a) commit\b|\bbest case\b")


def test_forecast_words_are_defined_where_lessons_use_them(lessons: dict[str, dict]) -> None:
    undefined = sorted(
        lesson_id for lesson_id, lesson in lessons.items()
        if FORECAST_TERMS.search(" ".join(_texts(lesson)))
        and not any(t["term"].lower().startswith("commit") for t in lesson.get("terms") or ())
    )
    assert undefined == [], f"{len(undefined)} lessons use 'commit' or 'best case' without defining it"


WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30}
PLAYED = re.compile(r"(?i)\b(?:play|run|role-play|rehearse)s?\b[^.]*?\bfirst (\w+) minutes\b")


def test_agenda_steps_play_no_more_of_a_call_than_they_have(lessons: dict[str, dict]) -> None:
    """A 7-minute step cannot play "the first ten minutes of the call"."""
    impossible = []
    for lesson_id, lesson in lessons.items():
        for step in lesson["agenda"]:
            for found in PLAYED.finditer(f"{step['step']}. {step.get('detail') or ''}"):
                played = WORDS.get(found[1].lower()) or (int(found[1]) if found[1].isdigit() else 0)
                if played > step["minutes"]:
                    impossible.append(f"{lesson_id}: {step['minutes']} minutes to play {found[0]!r}")
    assert impossible == []


def test_team_meetings_say_how_to_run_with_four_eight_and_twelve(lessons: dict[str, dict]) -> None:
    missing = sorted(
        lesson_id for lesson_id, lesson in lessons.items()
        if "team-meeting" in lesson["formats"]
        and not {4, 8, 12} <= {size["people"] for size in (lesson.get("room") or {}).get("sizes", ())}
    )
    team = sum("team-meeting" in lesson["formats"] for lesson in lessons.values())
    assert missing == [], f"{len(missing)} of {team} team-meeting lessons do not say how to run with 4, 8 and 12"


def test_every_roleplay_runs_on_a_real_deal_first(lessons: dict[str, dict]) -> None:
    missing = sorted(i for i, lesson in lessons.items() if lesson.get("roleplay") and not lesson["roleplay"].get("real_deal"))
    plays = sum(bool(lesson.get("roleplay")) for lesson in lessons.values())
    assert missing == [], f"{len(missing)} of {plays} role-plays have no real-deal way to run them"


PRODUCT_SKILLS = {"demo-value", "business-case", "competitive-positioning"}


def test_lessons_that_sell_a_product_say_how_to_use_your_own(lessons: dict[str, dict]) -> None:
    """A demo on "the returns dashboard" of a product the team does not sell is theatre: lessons whose
    skill is about the product say how to run them with the team's own."""
    missing = sorted(i for i, lesson in lessons.items() if PRODUCT_SKILLS & set(lesson["skills"]) and not lesson.get("own_product"))
    assert missing == [], f"{len(missing)} product lessons do not say how to use your own product"
