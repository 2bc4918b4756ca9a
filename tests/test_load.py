"""Locating problems in a file that changed after it was loaded (an author saving while `serve` reports)."""

from __future__ import annotations

from pathlib import Path

from generator.load import load_file


def test_a_file_emptied_after_loading_still_gives_its_problems_a_place(tmp_path: Path) -> None:
    lesson = tmp_path / "cold-call.yaml"
    lesson.write_text("id: cold-call\ntitle: Open a cold call\n", encoding="utf-8")
    doc = load_file(lesson, "curriculum/lessons/cold-call.yaml")
    lesson.write_text("", encoding="utf-8")  # saved empty before the problem is located
    problem = doc.problem(("title",), "is too short", code="CUR104")
    assert str(problem) == "curriculum/lessons/cold-call.yaml:1:1: CUR104 title: is too short"


def test_a_problem_is_located_where_the_file_holds_the_field(tmp_path: Path) -> None:
    lesson = tmp_path / "cold-call.yaml"
    lesson.write_text("id: cold-call\ntitle: Open a cold call\n", encoding="utf-8")
    doc = load_file(lesson, "curriculum/lessons/cold-call.yaml")
    assert doc.mark(("title",)) == (2, 8)
