"""Finding the right lesson: the home page's situation cards and search by the words managers use."""

from __future__ import annotations

import pytest
import yaml
from conftest import REPO, BuiltSite
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

PHRASES = {
    "pricing pushback": "objections-price-too-high",
    "too expensive": "objections-price-too-high",
    "ghosted": "multithreading-dark-deal-debrief",
    "won't role-play": "coaching-roleplay-veterans",
    "no budget": "objections-no-budget",
    "send me some information": "objections-send-me-information",
    "they picked the competitor": "objections-going-with-competitor",
}


def _search(page: Page, base_url: str, words: str) -> None:
    """Type into the site's search. Words typed before its index has loaded are dropped without a
    sign, so type again (up to three times) until results show."""
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    for _ in range(3):
        box.fill("")
        box.press_sequentially(words, delay=20)
        try:
            page.locator(".md-search-result__item").first.wait_for(timeout=5_000)
            return
        except PlaywrightTimeout:
            continue


def _title(lesson: str) -> str:
    return yaml.safe_load((REPO / "curriculum" / "lessons" / f"{lesson}.yaml").read_text(encoding="utf-8"))["title"]


@pytest.mark.parametrize("phrase", PHRASES)
def test_search_by_a_managers_words_puts_the_lesson_first(page: Page, base_url: str, phrase: str) -> None:
    _search(page, base_url, phrase)
    first = page.locator(".md-search-result__item").first
    expect(first).to_contain_text(_title(PHRASES[phrase]), timeout=10_000)


def test_the_authoring_guide_stays_out_of_a_managers_search(page: Page, base_url: str) -> None:
    _search(page, base_url, "minutes")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    assert "Writing lessons" not in page.locator(".md-search-result").inner_text()


def test_the_veteran_card_starts_with_the_role_play_lesson(page: Page, base_url: str) -> None:
    page.goto(base_url)
    first = page.locator("#veteran ~ ul li a").first
    expect(first).to_have_text(_title("coaching-roleplay-veterans"))


def test_all_that_fit_shows_at_most_half_the_catalogue(page: Page, base_url: str, shipped_site: BuiltSite) -> None:
    total = len(shipped_site.listing["lessons"])
    page.goto(base_url)
    links = page.locator("a.situation-more")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) == 6
    for href in hrefs:
        page.goto(base_url + href)
        count = page.locator("#match-count")
        expect(count).to_contain_text(" of ")
        shown = int(count.inner_text().split(" of ")[0])
        assert 0 < shown <= total / 2, (href, shown, total)


def test_the_timing_filter_has_no_two_options_alike(page: Page, base_url: str) -> None:
    page.goto(base_url + "lessons/")
    texts = page.locator('#lesson-filter select[name="timing"] option').all_inner_texts()
    assert len(texts) == len(set(texts)), texts
