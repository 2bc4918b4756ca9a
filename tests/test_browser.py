"""The built site in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Everything here is what a manager does: filter the catalogue and share the link, search, print,
download a calendar file; plus what they should never meet: console errors, third-party requests,
accessibility failures and a page that needs JavaScript to show its lessons.
"""

from __future__ import annotations

import collections
import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURES, SHIPPED_URL, BuiltSite
from playwright.sync_api import Browser, Page, expect, sync_playwright

from generator.pipeline import check

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
"""Debian's chromium (which .ci/run installs); CHROMIUM names another build, e.g. on GitHub's runners."""
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


PREFIX = urlsplit(SHIPPED_URL).path


class _SubPath(http.server.SimpleHTTPRequestHandler):
    """Serves the site under the sub-path of its site_url, like GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return "/nonexistent"
        return super().translate_path("/" + path[len(PREFIX):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():  # GitHub Pages answers with the site's 404 page
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().send_error(code, message, explain)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(shipped_site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(_SubPath, directory=str(shipped_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "install Debian's chromium (apt-get install chromium); .ci/run does"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()


def _page_types(site: BuiltSite) -> dict[str, str]:
    listing = site.listing
    return {
        "home": "",
        "catalogue": "lessons/",
        "lesson": f"lessons/{listing['lessons'][0]['id']}/",
        "manager lesson": next(f"lessons/{l['id']}/" for l in listing["lessons"] if l["audience"] == "manager"),
        "tracks": "tracks/",
        "track": f"tracks/{listing['tracks'][0]['id']}/",
        "skills": "skills/",
        "skill": f"skills/{listing['skills'][0]['id']}/",
        "measure": "measure/",
        "authoring guide": "authoring/",
        "404": "no-such-page/",
    }


def test_filters_narrow_the_list_and_the_url_round_trips(page: Page, base_url: str,
                                                        shipped_site: BuiltSite) -> None:
    lessons = shipped_site.listing["lessons"]
    expected = [l for l in lessons if "one-on-one" in l["formats"] and l["minutes"] <= 15]
    page.goto(base_url + "lessons/")
    cards = page.locator(".lesson-card:visible")
    expect(cards).to_have_count(len(lessons))
    page.select_option("#filter-format", "one-on-one")
    page.select_option("#filter-time", "15")
    expect(cards).to_have_count(len(expected))
    expect(page.locator("#match-count")).to_have_text(f"{len(expected)} of {len(lessons)} lessons match")
    assert re.search(r"\?format=one-on-one&time=15$", page.url) or re.search(r"\?time=15&format=one-on-one$", page.url)

    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    expect(page.locator("#filter-format")).to_have_value("one-on-one")
    expect(cards).to_have_count(len(expected))
    titles = set(cards.locator(".lesson-title").all_inner_texts())
    assert titles == {l["title"] for l in expected}


def test_filters_work_from_the_keyboard(page: Page, base_url: str, shipped_site: BuiltSite) -> None:
    page.goto(base_url + "lessons/")
    page.focus("#filter-timing")
    page.keyboard.press("ArrowDown")  # first option after "Any time"
    value = page.eval_on_selector("#filter-timing", "s => s.value")
    assert value
    count = sum(1 for l in shipped_site.listing["lessons"] if l["timing"] == value)
    expect(page.locator(".lesson-card:visible")).to_have_count(count)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the Clear filters button
    expect(page.locator(".lesson-card:visible")).to_have_count(len(shipped_site.listing["lessons"]))


def test_without_javascript_every_lesson_shows(browser: Browser, base_url: str, shipped_site: BuiltSite) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "lessons/?format=team-meeting")
    expect(page.locator(".lesson-card:visible")).to_have_count(len(shipped_site.listing["lessons"]))
    expect(page.locator("#lesson-filter")).to_be_hidden()
    context.close()


def test_discovery_lesson_for_a_fifteen_minute_one_on_one_in_two_clicks(page: Page, base_url: str,
                                                                        shipped_site: BuiltSite) -> None:
    wanted = {l["title"] for l in shipped_site.listing["lessons"]
              if "discovery" in l["skills"] and l["minutes"] <= 15 and "one-on-one" in l["formats"]}
    assert wanted
    page.goto(base_url)
    page.locator("#one-on-one ~ p a.situation-more").click()  # click 1
    target = page.locator(".lesson-card:visible .lesson-title").filter(has_text=re.compile(
        "|".join(re.escape(t) for t in wanted))).first
    target.click()  # click 2
    assert page.locator("h1").inner_text().rstrip("¶") in wanted


def test_search_finds_a_lesson_by_a_word_from_its_objective(page: Page, base_url: str,
                                                            shipped_site: BuiltSite) -> None:
    lessons = shipped_site.listing["lessons"]
    objectives = {}
    for lesson in lessons:
        html = (shipped_site.site / "lessons" / lesson["id"] / "index.html").read_text(encoding="utf-8")
        objective = re.search(r'id="objective".*?<p>(.*?)</p>', html, re.DOTALL).group(1)
        objectives[lesson["title"]] = set(re.findall(r"[a-z]{7,}", objective.lower()))
    counts = collections.Counter(w for words in objectives.values() for w in words)
    title, word = next((t, w) for t, words in objectives.items() for w in sorted(words) if counts[w] == 1)
    page.goto(base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.fill("input.md-search__input", word)
    results = page.locator(".md-search-result__item")
    expect(results.filter(has_text=title).first).to_be_visible(timeout=10_000)


def test_printing_a_lesson_hides_navigation_and_keeps_the_plan(page: Page, base_url: str,
                                                              shipped_site: BuiltSite) -> None:
    page.goto(base_url + _page_types(shipped_site)["lesson"])
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".md-search"):
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("#agenda")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def _download(page: Page, trigger) -> icalendar.Calendar:
    with page.expect_download() as info:
        trigger()
    data = Path(info.value.path()).read_bytes()
    return icalendar.Calendar.from_ical(data)


def test_lesson_calendar_downloads_parses_and_moves_to_the_chosen_day(page: Page, base_url: str,
                                                                     shipped_site: BuiltSite) -> None:
    lesson = shipped_site.listing["lessons"][0]
    page.goto(base_url + f"lessons/{lesson['id']}/")
    default = _download(page, lambda: page.click("a.ics-link"))
    events = default.walk("VEVENT")
    reinforcement = check(shipped_site.root / "curriculum").lessons[lesson["id"]].reinforcement
    assert len(events) == 1 + len(reinforcement)
    first = events[0].decoded("dtstart")
    assert first.weekday() == 0 and first.hour == 10

    page.fill("input.ics-start", "2027-03-03")
    moved = _download(page, lambda: page.click("button.ics-button"))
    starts = [e.decoded("dtstart") for e in moved.walk("VEVENT")]
    assert starts[0].date().isoformat() == "2027-03-03"
    assert [(s - starts[0]) for s in starts] == [(e.decoded("dtstart") - first) for e in events]


def test_track_calendar_holds_every_session(page: Page, base_url: str, shipped_site: BuiltSite) -> None:
    track = shipped_site.listing["tracks"][0]
    page.goto(base_url + f"tracks/{track['id']}/")
    calendar = _download(page, lambda: page.click("a.ics-link"))
    assert len(calendar.walk("VEVENT")) == track["sessions"]


@pytest.mark.parametrize("kind", ["home", "catalogue", "lesson", "manager lesson", "tracks", "track",
                                  "skills", "skill", "measure", "authoring guide", "404"])
def test_page_is_accessible_quiet_and_self_contained(page: Page, base_url: str, shipped_site: BuiltSite,
                                                     kind: str) -> None:
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((base_url, "data:", "blob:")) else None)
    page.goto(base_url + _page_types(shipped_site)[kind])
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert errors == [] or all("404" in e for e in errors) and kind == "404"
    assert foreign == []


HOSTILE = {
    "title: Name the next step before you hang up":
        "title: 'Next step <script>alert(\"title\")</script>'",
    "objective: Ends each call with a next step that has a date and an owner.":
        "objective: 'Ends calls <img src=x onerror=\"alert(1)\"> well [click](javascript:alert(2))'",
    "    good: '\"Shall we put Thursday at ten in the diary?\"'":
        "    good: '{{ config.site_name }} and {% raw %}x{% endraw %} <svg onload=alert(3)>'",
    "  evidence: The calendar invite the buyer accepted":
        "  evidence: '<a href=\"javascript:alert(4)\">proof</a> [ref][1]'",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import make_project, run

    root = make_project(tmp_path_factory.mktemp("hostile"), FIXTURES / "mini" / "curriculum")
    lesson = root / "curriculum/lessons/short-lesson.yaml"
    text = lesson.read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text, old
        text = text.replace(old, new)
    lesson.write_text(text + "sources:\n  - title: '[1]: javascript:alert(5)'\n", encoding="utf-8")
    result = run("build", cwd=root, SITE_URL=SHIPPED_URL)
    assert result.code == 0, result.err
    return root / "site"


def test_text_from_yaml_never_runs_as_script(browser: Browser, hostile_site: Path) -> None:
    handler = functools.partial(_SubPath, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    dialogs: list[str] = []
    console: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(m.text))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}{PREFIX}lessons/short-lesson/")
        page.wait_for_load_state("networkidle")
        for link in page.locator("article a").all():  # clicking every link must not run script either
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith("javascript"), href
        body = page.locator("article").inner_text()
        assert dialogs == []
        assert [m for m in console if "alert" in m or "title" in m] == []
        assert page.locator("h1").inner_text().rstrip("¶") == 'Next step <script>alert("title")</script>'
        for literal in ('<img src=x onerror="alert(1)">', "[click](javascript:alert(2))",
                        "{{ config.site_name }} and {% raw %}x{% endraw %} <svg onload=alert(3)>",
                        '<a href="javascript:alert(4)">proof</a>'):
            assert literal in body, literal
        assert page.locator("article script, article img, article svg[onload]").count() == 0
        assert 'Next step <script>alert("title")</script>' in page.title()
    finally:
        page.close()
        server.shutdown()
