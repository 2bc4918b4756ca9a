"""What a manager on a phone meets while a page loads: nothing jumps, and no page downloads the
search index before the manager starts a search.

Layout shift is measured in the browser itself (PerformanceObserver 'layout-shift'), with every
script held back half a second: on a phone the page paints before its scripts have arrived, and
whatever they show then must not push what the manager is reading. How fast the pages are is
measured by `python -m generator.lighthouse` (BENCHMARKS.md), not here.
"""

from __future__ import annotations

import re
import time

import pytest
from conftest import BuiltSite
from playwright.sync_api import Browser, Page, Route, expect
from test_browser import _page_types

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
LIMIT = 0.1
"""Google's threshold for a good Cumulative Layout Shift."""

SCRIPT_DELAY = 0.5
"""Seconds each script is held back, so the page paints before its scripts run."""

OBSERVE_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = (entry.sources || []).map((source) => {
      const node = source.node;
      if (!node || node.nodeType !== 1) return String(node && node.nodeName);
      return node.nodeName.toLowerCase() + (node.id ? "#" + node.id : "") +
        (node.className && typeof node.className === "string" ? "." + node.className.trim().replace(/\\s+/g, ".") : "");
    });
    window.layoutShifts.push({value: entry.value, moved: moved, at: Math.round(entry.startTime)});
  }
}).observe({type: "layout-shift", buffered: true});
"""

INDEX = "search/search_index.json"


LOADING_PAGES = ("home", "catalogue", "lesson", "track", "skill", "measure", "authoring guide", "404",
                 "plan", "coaching log", "scorecard")
"""The eight page types of the speed goal (issue 16), and the pages whose content is made in the browser."""


def page_types(site: BuiltSite) -> dict[str, str]:
    every = _page_types(site)
    return {kind: every[kind] for kind in LOADING_PAGES}


def _late(route: Route) -> None:
    time.sleep(SCRIPT_DELAY)
    route.continue_()


@pytest.mark.parametrize("width", WIDTHS, ids=str)
@pytest.mark.parametrize("kind", ["home", "catalogue", "lesson", "track", "skill", "measure", "authoring guide",
                                  "404", "plan", "coaching log", "scorecard"])
def test_nothing_moves_while_the_page_loads(browser: Browser, base_url: str, shipped_site: BuiltSite, kind: str,
                                            width: str) -> None:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, is_mobile=width == "phone",
                                  has_touch=width == "phone")
    page = context.new_page()
    page.route(re.compile(r"\.js(\?.*)?$"), _late)
    page.add_init_script(OBSERVE_SHIFTS)
    page.goto(base_url + page_types(shipped_site)[kind], wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # a shift right after the last request settles
    shifts = page.evaluate("window.layoutShifts")
    context.close()
    total = sum(shift["value"] for shift in shifts)
    assert total < LIMIT, f"{kind} at {w} px: layout shift {total:.3f}: " + "; ".join(
        f"{shift['value']:.3f} at {shift['at']} ms moving {', '.join(shift['moved'][:4])}" for shift in shifts)


def _requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def test_the_search_index_loads_only_when_a_search_starts(page: Page, base_url: str) -> None:
    seen = _requests(page)
    page.goto(base_url + "lessons/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in seen if INDEX in url], "the page downloaded the search index before any search"
    page.keyboard.press("/")  # Material's shortcut to the search box
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("price objection", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert len([url for url in seen if INDEX in url]) == 1, seen


def test_a_page_opened_from_a_search_result_highlights_the_words(page: Page, base_url: str,
                                                                 shipped_site: BuiltSite) -> None:
    """A result link carries the searched words (?h=); that page needs the index straight away."""
    lesson = shipped_site.listing["lessons"][0]
    word = re.findall(r"[A-Za-z]{6,}", lesson["title"])[0]
    seen = _requests(page)
    page.goto(base_url + f"lessons/{lesson['id']}/?h={word.lower()}")
    expect(page.locator("article mark").first).to_be_visible(timeout=15_000)
    assert [url for url in seen if INDEX in url]
