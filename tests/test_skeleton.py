"""Skeletons set no traps: any text typed where a skeleton asks for it reads back as typed, and every
optional field is there as a comment that can be uncommented as it stands."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES

from generator import spec
from generator.fieldtypes import Fields, ListOf, Text, Type
from generator.load import FieldPath, field_name, load_file
from generator.pipeline import check
from generator.render import render_site
from generator.skeleton import SPOKEN, lesson_skeleton, skeleton
from generator.validate import check_fields

TODAY = dt.date(2026, 11, 27)
DIALOGUE = "\"So what's the next step?\" asks the rep: #1 & *now* [or] 'later' {maybe} % @ `x` ! |"
"""Everything that breaks a text written on the line of its field name: quote marks inside and at the
start, ': ', ' #' and the characters YAML reads specially at the start of a value."""


def _skeletons() -> dict[str, str]:
    return {
        "lesson": lesson_skeleton("next-step", title="Ask for the next step", skills=["discovery"],
                                  formats=["one-on-one", "team-meeting"], minutes=20, today=TODAY),
        "lesson with only an id": lesson_skeleton("next-step", skill_ids=["discovery"], today=TODAY),
        "skill": skeleton("skill", "next-step", title="Next steps", today=TODAY),
        "track": skeleton("track", "next-step", title="A next-step track", today=TODAY),
    }


def _texts(kind: Type, value: Any, path: FieldPath = (), name: str = "") -> Iterator[tuple[FieldPath, str, Text]]:
    """Every text value with its path, field name and declared type."""
    if isinstance(kind, Fields) and isinstance(value, dict):
        for field in kind.fields:
            if field.name in value:
                yield from _texts(field.type, value[field.name], (*path, field.name), field.name)
    elif isinstance(kind, ListOf) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(kind.item, item, (*path, index), name)
    elif isinstance(kind, Text) and isinstance(value, str):
        yield path, name, kind


def _load(tmp_path: Path, text: str) -> Any:
    file = tmp_path / "next-step.yaml"
    file.write_text(text, encoding="utf-8")
    return load_file(file, "next-step.yaml")


@pytest.mark.parametrize("case", list(_skeletons()))
def test_long_and_spoken_texts_take_any_text_as_typed(tmp_path: Path, case: str) -> None:
    lines = _skeletons()[case].splitlines()
    # Type the dialogue in place of every placeholder under a '|', as an author would.
    typed = [re.sub(r"FILL IN: .*", lambda _: DIALOGUE, line) if index and lines[index - 1].endswith("|") else line
             for index, line in enumerate(lines)]
    doc = _load(tmp_path, "\n".join(typed) + "\n")
    kind = "lesson" if case.startswith("lesson") else case
    spoken = [path for path, name, declared in _texts(spec.KINDS[kind], doc.data)
              if declared.markdown or name in SPOKEN]
    assert spoken
    for path in spoken:
        assert _at(doc.data, path) == DIALOGUE + "\n", f"{field_name(path)} is not a '|' block"
    fields = {field_name(path) for path in spoken}
    assert [p for p in check_fields(kind, doc) if p.field in fields] == []


def _at(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


OPTIONAL = ["explanation", "detail", "discussion_questions", "related", "prerequisites", "own_product", "terms",
            "search_phrases", "worksheets", "sources", "why", "then", "room", "methodologies", "audience",
            "materials", "grow"]


def _uncomment(text: str) -> str:
    """The skeleton with every optional field's commented lines made live, as an author does by
    deleting the '# ' before them."""
    out: list[str] = []
    indent: int | None = None
    for line in text.splitlines():
        described = re.match(r"^(\s*)# Optional: ", line)
        if described:
            indent = len(described.group(1))
        elif indent is not None and line.startswith(" " * indent + "# "):
            line = line[:indent] + line[indent + 2:]
        else:
            indent = None
        out.append(line)
    return "\n".join(out) + "\n"


def test_every_optional_lesson_field_is_a_comment_with_its_description() -> None:
    text = lesson_skeleton("next-step", skill_ids=["discovery"], today=TODAY)
    for name in OPTIONAL:
        assert re.search(rf"^\s*# {name}:", text, re.MULTILINE), f"{name} is not listed as a comment"
    for field in spec.LESSON.fields:
        if not field.required and field.name not in ("roleplay",):
            assert f"# Optional: {field.description}\n# {field.name}:" in text, field.name


@pytest.mark.parametrize("case", list(_skeletons()))
def test_optional_fields_uncommented_as_they_stand_are_valid_but_for_the_placeholders(
    tmp_path: Path, case: str
) -> None:
    text = _uncomment(_skeletons()[case])
    assert "\n# Optional: " in text
    doc = _load(tmp_path, text)
    kind = "lesson" if case.startswith("lesson") else case
    for name in OPTIONAL if kind == "lesson" else ["reviewed"]:
        assert re.search(rf"^\s*{name}:", text, re.MULTILINE), name
    problems = check_fields(kind, doc)
    assert problems and all("still holds the placeholder 'FILL IN'" in p.message for p in problems), problems


def test_the_guide_gives_the_skeletons_advice_on_quoting() -> None:
    page = render_site(check(FIXTURES / "mini/curriculum"), TODAY)["authoring.md"]
    primer = page[page.index("## YAML in two minutes"):page.index("## What the site prints")]
    assert "single quote" not in primer  # it advised single quotes, while the skeleton used double ones
    example = next(block for block in re.findall(r"```yaml\n(.*?)```", primer, re.DOTALL) if "objection" in block)
    assert yaml.safe_load(textwrap.dedent(example)) == {
        "objection": "\"So what's the next step?\" asks the buyer: we don't have budget.\n"
    }
    assert "a `|` block" in primer and "every line someone says" in primer
