"""The printable views: run sheets, role-play cards, handouts, worksheets and a week's run sheets.

What a manager relies on: a run sheet fits its paper (printed by Chromium to A4 and US Letter,
pages counted), the seller's card gives nothing of the buyer's away, the handout holds nothing the
reps should not see, the start time picked on screen is the one printed, and every view is linked
from where a manager looks for it.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BuiltSite
from playwright.sync_api import Browser, Page, expect

from generator.fieldtypes import Record
from generator.pipeline import check
from generator.runsheet import ONE_PAGE_MINUTES
from generator.views import sentences

PAPERS = ("A4", "Letter")


@pytest.fixture(scope="module")
def lessons(shipped_site: BuiltSite) -> dict[str, Record]:
    return dict(check(shipped_site.root / "curriculum").lessons)


def _html(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _text(node: object) -> str:
    """The text as read: inline elements joined as they are, block elements on lines of their own."""
    for block in node.select("p, li, h1, h2, h3, td, th, div"):  # type: ignore[attr-defined]
        block.append("\n")
    return " ".join(node.get_text().split())  # type: ignore[attr-defined]


def _plain(text: str) -> str:
    """Author Markdown as it reads on the page: emphasis markers gone, whitespace flattened."""
    return " ".join(re.sub(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)|`", "", text).split())


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _budget(minutes: int) -> int:
    return 1 if minutes <= ONE_PAGE_MINUTES else 2


# What the pages link to and hold (the built HTML).

def test_every_lesson_page_offers_its_printable_views(shipped_site: BuiltSite, lessons: dict[str, Record]) -> None:
    site = shipped_site.site
    for lesson in lessons.values():
        html = _html(site, f"lessons/{lesson.id}")
        box = html.select_one("article .print-views")
        assert box is not None and "Printing? Use the run sheet" in _text(box), lesson.id
        links = {_text(a): a["href"] for a in box.select("a[href]")}
        expected = {"Run sheet": "run-sheet"}
        if lesson.roleplay:
            expected["Role-play cards"] = "cards"
        if "team-meeting" in lesson.formats:
            expected["Handout for the reps"] = "handout"
        for sheet in lesson.worksheets:
            expected[sheet.title] = f"worksheets/{sheet.id}"
        expected["Log this session"] = f"../../log/?lesson={lesson.id}"
        expected["scorecard"] = "../../scorecard"
        assert {text: href.removesuffix("/index.html").removesuffix("/") for text, href in links.items()} \
            == expected, lesson.id
        for href in links.values():
            target = site / "lessons" / lesson.id / href.split("?")[0]
            assert (target if target.suffix else target / "index.html").is_file(), (lesson.id, href)


def test_views_exist_exactly_where_the_lesson_has_what_they_print(shipped_site: BuiltSite,
                                                                  lessons: dict[str, Record]) -> None:
    site = shipped_site.site / "lessons"
    for lesson in lessons.values():
        assert (site / lesson.id / "run-sheet/index.html").is_file()
        assert (site / lesson.id / "cards/index.html").is_file() == bool(lesson.roleplay)
        assert (site / lesson.id / "handout/index.html").is_file() == ("team-meeting" in lesson.formats)
        assert {p.name for p in (site / lesson.id / "worksheets").glob("*")} == {w.id for w in lesson.worksheets}


def test_the_sellers_card_holds_nothing_the_buyer_keeps_back(shipped_site: BuiltSite,
                                                             lessons: dict[str, Record]) -> None:
    played = [l for l in lessons.values() if l.roleplay]
    assert played
    for lesson in played:
        html = _html(shipped_site.site, f"lessons/{lesson.id}/cards")
        seller, buyer = _text(html.select_one(".card-seller")), _text(html.select_one(".card-buyer"))
        real = _text(html.select_one(".card-real-deal"))
        secrets = [*sentences(lesson.roleplay.buyer.brief), *lesson.roleplay.buyer.priorities,
                   *(o.objection for o in lesson.roleplay.objections)]
        for secret in map(_plain, secrets):
            assert secret in buyer, (lesson.id, secret)  # the buyer does get it ...
            assert secret not in seller, (lesson.id, secret)  # ... and the seller does not
            assert secret not in real, (lesson.id, secret)  # ... nor the rep filling in their own deal
        deal = lesson.roleplay.real_deal
        for told in (*deal.card, *deal.adapt, sentences(deal.no_deal)[0]):
            assert _plain(told) in real, (lesson.id, told)
        observer = _text(html.select_one(".card-observer"))
        assert all(_plain(row.strong) in observer for row in lesson.rubric), lesson.id
        if lesson.roleplay.veteran_variant:
            assert _plain(sentences(lesson.roleplay.veteran_variant)[0]) in _text(html.select_one(".card-veteran"))


def test_the_run_sheet_says_how_to_play_it_on_the_reps_real_deal(shipped_site: BuiltSite,
                                                                   lessons: dict[str, Record]) -> None:
    played = [l for l in lessons.values() if l.roleplay]
    assert played
    for lesson in played:
        text = _text(_html(shipped_site.site, f"lessons/{lesson.id}/run-sheet").select_one(".sheet-real-deal"))
        deal = lesson.roleplay.real_deal
        assert text.startswith("On the rep's real deal:"), lesson.id
        for step in deal.adapt:
            assert _plain(step).rstrip(".") in text, (lesson.id, step)
        assert _plain(sentences(deal.no_deal)[0]) in text, lesson.id


def test_the_handout_holds_what_reps_may_see_and_no_more(shipped_site: BuiltSite,
                                                         lessons: dict[str, Record]) -> None:
    team = [l for l in lessons.values() if "team-meeting" in l.formats]
    assert team
    for lesson in team:
        text = _text(_html(shipped_site.site, f"lessons/{lesson.id}/handout").select_one("main"))
        shown = [lesson.objective, *(p.point for p in lesson.teaching_points),
                 *(sentences(p.good)[0] for p in lesson.teaching_points), *lesson.discussion_questions,
                 sentences(lesson.assignment.task)[0], lesson.assignment.evidence]
        for item in map(_plain, shown):
            assert item in text, (lesson.id, item)
        kept = [*(s.detail for s in lesson.agenda if s.detail), *(r.strong for r in lesson.rubric),
                *(r.weak for r in lesson.rubric), *(r.manager_responds for r in lesson.resistance)]
        if lesson.roleplay:
            kept += [lesson.roleplay.buyer.brief, *(o.strong_answer for o in lesson.roleplay.objections)]
        for item in kept:
            first = _plain(sentences(item)[0])
            assert first not in text, (lesson.id, first)


def test_track_pages_offer_each_weeks_run_sheets(shipped_site: BuiltSite) -> None:
    curriculum = check(shipped_site.root / "curriculum")
    for track in curriculum.tracks.values():
        html = _html(shipped_site.site, f"tracks/{track.id}")
        links = [a["href"] for a in html.select("article a.week-print")]
        assert len(links) == len(track.weeks), track.id
        for number, week in enumerate(track.weeks, 1):
            printout = _html(shipped_site.site, f"tracks/{track.id}/week-{number}")
            titles = [_text(h) for h in printout.select("article.sheet h2:first-child")]
            assert titles == [curriculum.lessons[s.lesson].title for s in week.sessions]


# Printing in Chromium.

def _print(browser: Browser, url: str, paper: str) -> tuple[int, list[str]]:
    """Pages of the PDF Chromium prints of ``url`` on ``paper``, and the elements (if any) whose
    printed box spills beyond the page's text width or clips its own text."""
    width_mm = {"A4": 210, "Letter": 215.9}[paper] - 22  # views.css: 11 mm side margins
    page = browser.new_page(viewport={"width": round(width_mm * 96 / 25.4), "height": 1000})
    page.clock.set_fixed_time(dt.datetime(2026, 12, 3, 21, 30))  # the widest clock times: 22:00 on
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        pdf = page.pdf(format=paper)
        page.emulate_media(media="print")
        spilled = page.evaluate("""() => {
            const limit = document.documentElement.clientWidth + 1;
            return [...document.querySelectorAll("main *")]
              .filter(e => e.getBoundingClientRect().right > limit || e.scrollWidth > e.clientWidth + 1
                           && getComputedStyle(e).overflowX !== "visible")
              .map(e => e.tagName + "." + e.className + ": " + e.textContent.trim().slice(0, 40));
        }""")
        return _pages(pdf), spilled
    finally:
        page.close()


def _lesson_of(lessons: dict[str, Record], minutes: int) -> Record:
    return next(l for l in lessons.values() if l.minutes == minutes)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize(("minutes", "most"), [(15, 1), (30, 2), (45, 2)])
def test_a_run_sheet_prints_on_its_pages(browser: Browser, base_url: str, lessons: dict[str, Record],
                                         minutes: int, most: int, paper: str) -> None:
    lesson = _lesson_of(lessons, minutes)
    pages, spilled = _print(browser, base_url + f"lessons/{lesson.id}/run-sheet/", paper)
    assert 1 <= pages <= most
    assert spilled == []


def test_every_shipped_run_sheet_fits_its_pages(browser: Browser, base_url: str,
                                                lessons: dict[str, Record]) -> None:
    counts, over = [], []
    for lesson in lessons.values():
        for paper in PAPERS:
            pages, _ = _print(browser, base_url + f"lessons/{lesson.id}/run-sheet/", paper)
            counts.append(pages)
            if pages > _budget(lesson.minutes):
                over.append(f"{lesson.id} ({lesson.minutes} min) on {paper}: {pages} pages")
    assert over == []
    print(f"run sheet pages over {len(lessons)} lessons x {len(PAPERS)} papers: min {min(counts)}, "
          f"median {statistics.median(counts)}, max {max(counts)}")


@pytest.mark.parametrize("paper", PAPERS)
def test_each_role_play_card_prints_on_a_page_of_its_own(browser: Browser, base_url: str,
                                                         lessons: dict[str, Record], paper: str) -> None:
    wrong = []
    for lesson in (l for l in lessons.values() if l.roleplay):
        cards = 4 + bool(lesson.roleplay.veteran_variant)  # the real-deal card first
        pages, spilled = _print(browser, base_url + f"lessons/{lesson.id}/cards/", paper)
        if pages != cards or spilled:
            wrong.append(f"{lesson.id}: {cards} cards on {pages} pages {spilled}")
    assert wrong == []


@pytest.mark.parametrize("paper", PAPERS)
def test_handouts_and_worksheets_print_on_one_page(browser: Browser, base_url: str,
                                                   lessons: dict[str, Record], paper: str) -> None:
    wrong = []
    for lesson in lessons.values():
        paths = [f"lessons/{lesson.id}/worksheets/{w.id}/" for w in lesson.worksheets]
        for path in paths:
            pages, spilled = _print(browser, base_url + path, paper)
            if pages != 1 or spilled:
                wrong.append(f"{path}: {pages} pages {spilled}")
    assert wrong == []
    handouts = [l for l in lessons.values() if "team-meeting" in l.formats]
    counts = [_print(browser, base_url + f"lessons/{l.id}/handout/", paper)[0] for l in handouts]
    assert max(counts) <= 2  # one page where it fits: examples side by side take room
    print(f"handouts on {paper}: {counts.count(1)} of {len(counts)} on one page")


def test_a_weeks_run_sheets_each_start_on_a_new_page(browser: Browser, base_url: str,
                                                     shipped_site: BuiltSite) -> None:
    curriculum = check(shipped_site.root / "curriculum")
    track, number, week = next((t, n, w) for t in curriculum.tracks.values()
                               for n, w in enumerate(t.weeks, 1) if len(w.sessions) >= 2)
    budget = sum(_budget(curriculum.lessons[s.lesson].minutes) for s in week.sessions)
    for paper in PAPERS:
        pages, spilled = _print(browser, base_url + f"tracks/{track.id}/week-{number}/", paper)
        assert len(week.sessions) <= pages <= budget
        assert spilled == []


# The start time.

def test_the_start_time_defaults_to_the_next_hour_and_prints_as_chosen(page: Page, base_url: str,
                                                                       lessons: dict[str, Record]) -> None:
    lesson = _lesson_of(lessons, 15)
    page.clock.set_fixed_time(dt.datetime(2026, 12, 3, 9, 41))
    page.goto(base_url + f"lessons/{lesson.id}/run-sheet/")
    start = page.locator(".sheet .start-input")
    expect(start).to_have_value("10:00")
    clocks = page.locator(".sheet .clock")
    first = lesson.agenda[0].minutes
    expect(clocks.first).to_have_text(f"10:00–10:{first:02d}")
    start.fill("14:30")
    expect(clocks.first).to_have_text(f"14:30–14:{30 + first:02d}")
    expect(clocks.last).to_have_text(f"{_clock(870 + lesson.minutes - lesson.agenda[-1].minutes)}–"
                                     f"{_clock(870 + lesson.minutes)}")
    page.emulate_media(media="print")
    expect(clocks.first).to_have_text(f"14:30–14:{30 + first:02d}")  # what prints
    expect(start).to_be_hidden()


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def test_without_javascript_the_run_sheet_counts_from_zero(browser: Browser, base_url: str,
                                                          lessons: dict[str, Record]) -> None:
    lesson = _lesson_of(lessons, 15)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + f"lessons/{lesson.id}/run-sheet/")
    expect(page.locator(".sheet .clock").first).to_have_text(f"0:00–0:{lesson.agenda[0].minutes:02d}")
    expect(page.locator(".start-at")).to_be_hidden()
    expect(page.locator(".sheet h1")).to_have_text(lesson.title)
    context.close()
