"""What a lesson's run sheet holds, and whether it fits the paper it must fit.

A run sheet is what a manager holds in the room: a lesson of up to 20 minutes gets one printed
page, a longer one two, on A4 and on US Letter alike. The layout may shorten an agenda step's
detail to its first two sentences, then to its first sentence (never cutting a sentence); if even
that does not fit, ``curriculum check`` warns and names the field to shorten.

The fit is estimated from the text: lines of text at the sheet's measure, in the sizes
``assets/views.css`` prints at. The constants below must follow that stylesheet; the browser tests
print every shipped lesson's run sheet to A4 and Letter in Chromium and count the pages, which is
what keeps this estimate honest.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.views import first_sentences

ONE_PAGE_MINUTES = 20
"""Lessons up to this long get one page; longer ones two."""
LINES_PER_PAGE = 62.0
"""Estimated lines that fit on the shorter paper (Letter: 279 mm less 10 mm margins, 980 CSS px).
Measured on the shipped lessons in Chromium, a run sheet takes 14.1 to 15.3 px per estimated line;
62 lines at the worst of those is 950 px, which leaves a margin for the estimate's error."""
CHARS_PER_LINE = 108
"""Characters in a full-width line of 9 pt type on the narrower paper (A4's 188 mm between margins)."""
DETAIL_SENTENCES = (2, 1)
"""How much of each agenda step's detail the sheet shows, longest first."""
NOTES_LINES = 5.0
"""The box for notes and the rep's commitment (26 mm in print)."""


def _lines(text: str, width: float = 1.0, size: float = 1.0) -> float:
    """Printed lines of ``text`` in a column ``width`` (share of the line) at relative type ``size``."""
    per_line = max(10, int(CHARS_PER_LINE * width / size))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n") if part.strip()) * size


@dataclass(frozen=True)
class Step:
    start: int
    end: int
    minutes: int
    step: str
    detail: str


@dataclass(frozen=True)
class RunSheet:
    steps: tuple[Step, ...]
    pages: int
    """The pages it may take: 1 or 2."""
    lines: float
    """The estimated printed lines, with the shortest detail that was needed."""
    parts: Mapping[str, float]
    """Estimated lines by field, to say which one to shorten."""

    @property
    def fits(self) -> bool:
        return self.lines <= self.pages * LINES_PER_PAGE


def _steps(agenda: Sequence[Mapping[str, Any]], sentences: int) -> tuple[Step, ...]:
    steps, at = [], 0
    for item in agenda:
        detail = first_sentences(item.get("detail") or "", sentences)
        steps.append(Step(at, at + item["minutes"], item["minutes"], item["step"], detail))
        at += item["minutes"]
    return tuple(steps)


def _parts(lesson: Mapping[str, Any], steps: Sequence[Step]) -> dict[str, float]:
    rubric = lesson.get("rubric") or ()
    worksheets = lesson.get("worksheets") or ()
    follow_up = (lesson.get("reinforcement") or ({"action": ""},))[0]
    return {
        "title": 3.2 + _lines(lesson["title"], size=1.7) + 1.2,  # title, meta line, name and date line
        "objective": _lines("Objective: " + lesson["objective"]) + 0.4,
        "agenda": 1.8 + sum(_lines(f"{s.step}. {s.detail}", width=0.8) + 0.3 for s in steps)
        + (1.0 if worksheets else 0),
        "coaching_questions": 1.8 + sum(_lines(q["question"], width=0.95) + 0.15
                                        for q in lesson.get("coaching_questions") or ()),
        "rubric": 1.8 + 1.2 + sum(
            max(_lines(r["behaviour"], 0.19, 0.9), *(_lines(r[k], 0.27, 0.9) for k in ("weak", "solid", "strong")))
            + 0.4 for r in rubric),
        "assignment": 1.8 + _lines(" ".join(str(lesson["assignment"]["task"]).split()))
        + _lines("Evidence: " + lesson["assignment"]["evidence"]) + 0.3,
        "reinforcement": _lines(f"First follow-up, day {follow_up.get('day', '')}: {follow_up['action']}") + 0.6,
        "real_deal": _lines(REAL_DEAL_LABEL + deal) + 0.4 if (deal := real_deal_line(lesson)) else 0.0,
        "notes": NOTES_LINES + 1.0,
    }


REAL_DEAL_LABEL = "On the rep's real deal: "


def real_deal_line(lesson: Mapping[str, Any]) -> str:
    """The run sheet's line on playing the role-play on the rep's own deal ("" without a role-play),
    after its label: the adaptation steps, then the fallback's first sentence."""
    deal = (lesson.get("roleplay") or {}).get("real_deal")
    if not deal:
        return ""
    steps = "; ".join(str(step).rstrip(".") for step in deal["adapt"])
    return f"{steps}. No deal that fits: {first_sentences(deal['no_deal'], 1)}"


def plan(lesson: Mapping[str, Any]) -> RunSheet:
    """The run sheet for a lesson (a model record or a loaded YAML mapping): its steps with as much
    detail as fits, and the estimate it was chosen on."""
    pages = 1 if lesson["minutes"] <= ONE_PAGE_MINUTES else 2
    sheet = None
    for sentences in DETAIL_SENTENCES:
        steps = _steps(lesson["agenda"], sentences)
        parts = _parts(lesson, steps)
        sheet = RunSheet(steps, pages, sum(parts.values()), parts)
        if sheet.fits:
            break
    assert sheet is not None
    return sheet


SHORTENABLE = ("agenda", "coaching_questions", "rubric", "assignment", "objective", "real_deal")
"""Fields an author can shorten when a run sheet does not fit, in the order the message prefers."""


def too_long(lesson: Mapping[str, Any]) -> tuple[str, str] | None:
    """None if the run sheet fits; else the field to shorten and what to say about it."""
    sheet = plan(lesson)
    if sheet.fits:
        return None
    field = max(SHORTENABLE, key=lambda name: sheet.parts[name])
    over = sheet.lines - sheet.pages * LINES_PER_PAGE
    paper = "one page" if sheet.pages == 1 else "two pages"
    what = {"agenda": "the first sentence of each step's detail (all the sheet shows of it)",
            "coaching_questions": "the coaching questions", "rubric": "the rubric's descriptions",
            "assignment": "the assignment's task", "objective": "the objective",
            "real_deal": "the role-play's real_deal adapt steps and the first sentence of no_deal"}[field]
    return field, (f"the run sheet does not fit on {paper}, the most a {lesson['minutes']}-minute lesson "
                   f"gets (about {math.ceil(over)} line{'s' * (math.ceil(over) != 1)} too many); shorten {what}: they take the most room")


PAGE_MM = 259.0
"""The height a printed page gives, in mm: Letter's 279.4 mm less 10 mm margins (A4 is taller)."""
WORKSHEET_LINE_MM = {"prompts": 8.0, "columns": 7.0}
"""A line of writing space under a prompt, and a line of a table row's height (views.css, print)."""


def worksheet_mm(sheet: Mapping[str, Any]) -> float:
    """The estimated printed height of a worksheet, in mm (a model record or a loaded mapping)."""
    lines = sheet.get("lines") or 3
    height = 32.0 + 4.6 * math.ceil(len(sheet.get("instructions") or "") / 95)  # title, name line
    columns = sheet.get("columns")
    if columns:
        width = 95 * 0.76 / max(1, len(columns) - 1)  # characters per line in each writing column
        height += 5.0 * max(math.ceil(len(c) / max(width, 8)) for c in columns) + 2
        return height + sum(max(5.0 * math.ceil(len(p) / 17) + 1.6, lines * WORKSHEET_LINE_MM["columns"]) + 0.4
                            for p in sheet["prompts"])
    return height + sum(4.6 * math.ceil(len(p) / 95) + lines * WORKSHEET_LINE_MM["prompts"] + 3.5
                        for p in sheet["prompts"])


def worksheet_too_long(sheet: Mapping[str, Any]) -> str | None:
    """None if a worksheet fits on one printed page; else what to say."""
    over = worksheet_mm(sheet) - (PAGE_MM - 4)  # 4 mm for the estimate's error
    if over <= 0:
        return None
    return (f"the worksheet {sheet['title']!r} does not fit on one printed page (about {math.ceil(over)} mm "
            "too long); give it fewer prompts or fewer lines each")
