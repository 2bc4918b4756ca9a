"""On a phone, by keyboard, in the dark: the site as managers open it (headless Chromium).

Axe at 390 and 1280 px in the light scheme runs in test_browser.py; here: axe in the dark scheme, no
sideways scrolling at 320 px, the first tab stops, print staying light, and the 404 page.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import BuiltSite
from markdown import Markdown
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_browser import _page_types

from generator.tables import TableLabelsExtension

KINDS = ["home", "catalogue", "lesson", "manager lesson", "tracks", "track", "skills", "skill", "measure", "plan",
         "coaching log", "scorecard", "authoring guide", "404", "run sheet", "role-play cards", "handout",
         "worksheet", "week's run sheets"]


def _context_page(browser: Browser, width: int, scheme: str = "light") -> Iterator[Page]:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from _context_page(browser, 390)


@pytest.fixture
def dark_phone(browser: Browser) -> Iterator[Page]:
    yield from _context_page(browser, 390, "dark")


def _serious(page: Page) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_type_passes_axe_in_the_dark(dark_phone: Page, base_url: str, shipped_site: BuiltSite,
                                                 kind: str) -> None:
    page = dark_phone
    page.goto(base_url + _page_types(shipped_site)[kind])
    page.wait_for_load_state("networkidle")
    if kind not in ("run sheet", "role-play cards", "handout", "worksheet", "week's run sheets"):
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert _luminance(background) < 0.3, f"the page is not dark: {background}"
    assert _serious(page) == []


def test_the_toggle_switches_the_scheme_and_the_choice_holds(page: Page, base_url: str) -> None:
    page.goto(base_url)
    toggle = page.get_by_label("Switch to the dark screen")
    expect(page.locator("label[title='Switch to the dark screen']")).to_be_visible()
    toggle.focus()
    page.keyboard.press("ArrowDown")  # a pair of radio buttons: the arrow keys pick the other one
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator("label[title='Switch to the light screen']")).to_be_visible()
    page.goto(base_url + "lessons/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert _serious(page) == []


def test_no_page_type_scrolls_sideways_at_320_px(browser: Browser, base_url: str, shipped_site: BuiltSite) -> None:
    """WCAG 1.4.10 (reflow): 320 CSS px is a 1280 px window at 400 % zoom."""
    wide = {}
    for scheme in ("light", "dark"):
        for page in _context_page(browser, 320, scheme):
            for kind, path in _page_types(shipped_site).items():
                page.goto(base_url + path)
                page.wait_for_load_state("load")
                extra = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if extra > 0:
                    wide[(kind, scheme)] = extra
    assert wide == {}


def test_a_rubric_reads_as_one_block_per_row_on_a_phone(phone: Page, base_url: str, shipped_site: BuiltSite) -> None:
    lesson = _page_types(shipped_site)["lesson"]
    for path in (lesson, lesson + "run-sheet/"):
        phone.goto(base_url + path)
        cell = phone.locator("table[data-stack] tbody tr").first.locator("td").nth(1)
        assert cell.evaluate("e => getComputedStyle(e).display") == "block"
        assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"Weak"'
        row = phone.locator("table[data-stack] tbody tr").first.bounding_box()
        assert cell.bounding_box()["width"] > 0.8 * row["width"], "each cell takes the row's width"
    phone.set_viewport_size({"width": 1280, "height": 800})
    phone.goto(base_url + lesson)
    assert phone.locator("table[data-stack] td").first.evaluate("e => getComputedStyle(e).display") == "table-cell"


def test_a_paper_form_that_scrolls_says_so_and_takes_the_keyboard(phone: Page, base_url: str,
                                                                   shipped_site: BuiltSite) -> None:
    for kind in ("measure", "worksheet"):
        phone.goto(base_url + _page_types(shipped_site)[kind])
        region = phone.locator(".scroll-region")
        expect(region).to_have_attribute("tabindex", "0")
        expect(region).to_have_attribute("role", "region")
        expect(region).to_have_attribute("aria-label", re.compile("scrolls sideways"))
        expect(phone.locator(".scroll-hint")).to_be_visible()
        region.focus()
        phone.keyboard.press("ArrowRight")
        phone.wait_for_function("() => document.querySelector('.scroll-region').scrollLeft > 0", timeout=2000)


_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  let box = e.getBoundingClientRect();
  // Material's palette toggle is a radio of no size; the label beside it shows the focus.
  if ((!box.width || !box.height) && e.nextElementSibling && e.nextElementSibling.tagName === "LABEL") {
    box = e.nextElementSibling.getBoundingClientRect();
  }
  const shown = box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
    && box.right <= innerWidth + 0.5 && box.bottom <= innerHeight + 0.5
    && getComputedStyle(e).visibility !== "hidden";
  return {shown, name: (e.getAttribute("aria-label") || e.textContent || "").trim().slice(0, 40),
          box: [box.left, box.top, box.width, box.height].map(Math.round)};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_first_tab_stops_are_on_screen_and_the_skip_link_first(browser: Browser, base_url: str,
                                                                    shipped_site: BuiltSite, width: int) -> None:
    types = _page_types(shipped_site)
    for page in _context_page(browser, width):
        for kind in ("home", "catalogue", "lesson", "plan", "404", "run sheet"):
            page.goto(base_url + types[kind])
            page.wait_for_load_state("networkidle")
            stops = []
            for _ in range(10):
                page.keyboard.press("Tab")
                # A drawer or the search slides in when focus reaches it: wait for it to arrive; one
                # that never does is reported below with where the focus is.
                with contextlib.suppress(PlaywrightTimeout):
                    page.wait_for_function(f"({_FOCUS})()?.shown", timeout=1000)
                stops.append(page.evaluate(_FOCUS))
            hidden = [stop for stop in stops if not (stop and stop["shown"])]
            assert hidden == [], f"{kind} at {width} px: tab stops off screen or hidden: {hidden}"
            assert stops[0]["name"].startswith("Skip to"), f"{kind}: the first tab stop is {stops[0]['name']!r}"


def _luminance(css: str) -> float:
    r, g, b = (int(n) / 255 for n in re.findall(r"\d+", css)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("kind", ["lesson", "run sheet"])
def test_dark_mode_does_not_reach_paper(browser: Browser, base_url: str, shipped_site: BuiltSite, kind: str) -> None:
    counts = {}
    for scheme in ("light", "dark"):
        for page in _context_page(browser, 1280, scheme):
            page.goto(base_url + _page_types(shipped_site)[kind])
            page.wait_for_load_state("networkidle")
            page.emulate_media(media="print", color_scheme=scheme)
            colours = page.evaluate("""() => {
              const text = document.querySelector('main h1');
              return [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.documentElement).backgroundColor,
                      getComputedStyle(text).color];
            }""")
            assert all(_luminance(c) > 0.95 or c == "rgba(0, 0, 0, 0)" for c in colours[:2]), colours
            assert _luminance(colours[2]) < 0.3, colours
            counts[scheme] = _pdf_pages(page.pdf(format="A4"))
    assert counts["dark"] == counts["light"]


def test_the_404_page_leads_back_from_any_depth(page: Page, base_url: str) -> None:
    response = page.goto(base_url + "lessons/an-old-name/run-sheet/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("That page has moved or never existed")
    for name, heading in (("All lessons", "All lessons"), ("Tracks", "Tracks"), ("Home", "Coach your team this week")):
        page.get_by_role("link", name=name, exact=True).last.click()
        expect(page.locator("h1")).to_contain_text(heading)
        page.go_back()
    page.get_by_label("Search the lessons").fill("objection")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".md-search__input")).to_have_value("objection")
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def _convert(text: str) -> str:
    return Markdown(extensions=["tables", TableLabelsExtension()]).convert(text)


def test_a_wide_table_gets_its_headings_on_each_cell_and_a_blank_form_keeps_its_grid() -> None:
    rubric = _convert("| Behaviour | Weak | Solid | Strong |\n|---|---|---|---|\n| Asks | *Once* | Twice | Thrice |\n")
    assert '<table data-stack="" role="table">' in rubric
    assert '<td data-label="Weak" role="cell"><em>Once</em></td>' in rubric
    assert '<th role="columnheader">Strong</th>' in rubric
    narrow = _convert("| Clock | Minutes | Step |\n|---|---|---|\n| 0:00 | 5 | Open |\n")
    blank = _convert("| Date | Rep | Lesson | Level |\n|---|---|---|---|\n| &nbsp; | | | |\n")
    assert "data-label" not in narrow and "data-label" not in blank
    assert "role=" not in narrow + blank
