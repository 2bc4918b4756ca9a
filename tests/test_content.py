"""The shipped curriculum: valid, complete enough to run a coaching programme, free of filler.

The figures come from ``curriculum list --json`` on the repository itself; the floors are the
promises the README makes to managers (formats, slots, resistance answers, veteran variants).
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter

import pytest
from conftest import REPO, run

from generator.fieldtypes import PLACEHOLDER
from generator.pipeline import check


@pytest.fixture(scope="module")
def listing() -> dict:
    result = run("list", "--json", cwd=REPO)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_shipped_curriculum_passes_check_with_no_warnings(listing: dict) -> None:
    result = run("check", "--strict", cwd=REPO)
    assert (result.code, result.out) == (0, ""), result.err
    assert result.err == (f"OK: {len(listing['lessons'])} lessons, {len(listing['skills'])} skills and "
                          f"{len(listing['tracks'])} tracks are valid.\n")


def test_catalogue_size(listing: dict) -> None:
    assert len(listing["lessons"]) >= 62
    assert len(listing["skills"]) >= 17
    assert len(listing["tracks"]) >= 7
    assert len([l for l in listing["lessons"] if l["audience"] == "manager"]) >= 14


def test_the_topics_managers_asked_for_have_a_skill(listing: dict) -> None:
    titles = {s["title"] for s in listing["skills"]}
    assert {"Competitive positioning", "Expansion and renewal", "Time and CRM habits"} <= titles


def test_every_skill_has_at_least_three_lessons(listing: dict) -> None:
    thin = {s["id"]: len(s["lessons"]) for s in listing["skills"] if len(s["lessons"]) < 3}
    assert thin == {}


def test_every_format_and_slot_is_covered(listing: dict) -> None:
    lessons = listing["lessons"]
    short_one_on_one = [l for l in lessons if l["minutes"] <= 15 and "one-on-one" in l["formats"]]
    team = [l for l in lessons if "team-meeting" in l["formats"] and l["roleplay"]]
    timing = Counter(l["timing"] for l in lessons)
    manager = [l for l in lessons if l["audience"] == "manager"]
    assert len(short_one_on_one) >= 8
    assert len(team) >= 8
    assert timing["before"] >= 6
    assert timing["after"] >= 4
    assert len(manager) >= 6


def test_every_roleplay_has_a_veteran_variant_and_every_lesson_answers_pushback(listing: dict) -> None:
    assert [l["id"] for l in listing["lessons"] if l["roleplay"] and not l["veteran_variant"]] == []
    assert [l["id"] for l in listing["lessons"] if l["roleplay"] and not l["real_deal"]] == []
    assert [l["id"] for l in listing["lessons"] if l["resistance"] < 2] == []


def test_prep_stays_under_ten_minutes(listing: dict) -> None:
    assert [l["id"] for l in listing["lessons"] if l["prep_minutes"] > 10] == []


def test_no_placeholder_text_anywhere() -> None:
    extra = re.compile(r"(?i)\b(placeholder|example goes here|coming soon)\b")
    found = []
    for path in sorted((REPO / "curriculum").rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.lstrip().startswith("#") and (PLACEHOLDER.search(line) or extra.search(line)):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == []


def _words(lesson) -> set[tuple[str, ...]]:
    text = " ".join(str(v) for v in _flatten(lesson)).lower()
    words = re.findall(r"[a-z']+", text)
    return set(zip(words, words[1:], words[2:], words[3:]))


def _flatten(value):
    if isinstance(value, dict) or hasattr(value, "items"):
        for item in value.values():
            yield from _flatten(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, str):
        yield value


def test_titles_are_unique_and_no_two_lessons_are_near_copies() -> None:
    curriculum = check(REPO / "curriculum")
    titles = Counter(l.title.casefold() for l in curriculum.lessons.values())
    assert [t for t, n in titles.items() if n > 1] == []
    shingles = {i: _words(l) for i, l in curriculum.lessons.items()}
    similar = []
    for a, b in itertools.combinations(sorted(shingles), 2):
        overlap = len(shingles[a] & shingles[b]) / max(1, min(len(shingles[a]), len(shingles[b])))
        if overlap > 0.2:
            similar.append(f"{a} ~ {b}: {overlap:.0%} of four-word phrases shared")
    assert similar == []
