"""The built site in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Everything here is what a manager does: filter the catalogue and share the link, search, print,
download a calendar file; plus what they should never meet: console errors, third-party requests,
accessibility failures and a page that needs JavaScript to show its lessons.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import http.server
import json
import re
import threading
from pathlib import Path

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURES, PREFIX, SHIPPED_URL, BuiltSite, SubPath
from playwright.sync_api import Browser, Page, expect

from generator.pipeline import check


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
        "plan": "plan/",
        "coaching log": "log/",
        "scorecard": "scorecard/",
        "authoring guide": "authoring/",
        "404": "no-such-page/",
        **view_pages(site),
    }


def view_pages(site: BuiltSite) -> dict[str, str]:
    """One page of each printable view: a lesson with a role-play, a handout and a worksheet."""
    curriculum = check(site.root / "curriculum")
    lesson = next(l for l in curriculum.lessons.values()
                  if l.roleplay and l.worksheets and "team-meeting" in l.formats)
    track = next(iter(curriculum.tracks.values()))
    return {
        "run sheet": f"lessons/{lesson.id}/run-sheet/",
        "role-play cards": f"lessons/{lesson.id}/cards/",
        "handout": f"lessons/{lesson.id}/handout/",
        "worksheet": f"lessons/{lesson.id}/worksheets/{lesson.worksheets[0].id}/",
        "week's run sheets": f"tracks/{track.id}/week-1/",
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
    # A word only that lesson's objective has, and no other page of the site (so the search's first
    # results are not taken by other pages that merely mention it).
    counts = collections.Counter(w for words in objectives.values() for w in words)
    index = json.loads((shipped_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, set[str]] = collections.defaultdict(set)
    for doc in index["docs"]:
        for w in set(re.findall(r"[a-z]{7,}", (doc["title"] + " " + doc["text"]).lower())):
            pages[w].add(doc["location"].split("#")[0])
    title, word = next((t, w) for t, words in objectives.items() for w in sorted(words)
                       if counts[w] == 1 and len(pages[w]) == 1)
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


def test_track_calendar_puts_each_week_on_the_weekday_picked(page: Page, base_url: str,
                                                             shipped_site: BuiltSite) -> None:
    track = check(shipped_site.root / "curriculum").tracks["twelve-week-team-plan"]
    page.goto(base_url + f"tracks/{track.id}/")
    note = page.locator(".ics p").filter(has_text="weekday of the first day")
    expect(note).to_contain_text("pick a Thursday and every week falls on Thursdays")
    expect(note.get_by_role("link", name="My plan")).to_have_attribute("href", "../../plan/")
    default = _download(page, lambda: page.click("a.ics-link")).walk("VEVENT")
    start = default[0].decoded("dtstart")
    assert start.weekday() == 0 and start.hour == 10  # the Monday after the build, 10:00

    page.fill("input.ics-start", "2027-01-14")  # a Thursday
    events = _download(page, lambda: page.click("button.ics-button")).walk("VEVENT")
    sessions = [(week.week, session) for week in track.weeks for session in week.sessions]
    assert len(events) == len(sessions)
    for event, (week, session) in zip(events, sessions, strict=True):
        when = event.decoded("dtstart")
        assert when.date() == dt.date(2027, 1, 14) + dt.timedelta(weeks=week - 1), (week, session.lesson)
        assert when.hour >= 10
        per_rep = session.format in ("one-on-one", "ride-along")
        assert ("run it with each rep" in str(event["description"])) is per_rep, session.lesson


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("kind", ["home", "catalogue", "lesson", "manager lesson", "tracks", "track",
                                  "skills", "skill", "measure", "plan", "coaching log", "scorecard",
                                  "authoring guide", "404", "run sheet",
                                  "role-play cards", "handout", "worksheet", "week's run sheets"])
def test_page_is_accessible_quiet_and_self_contained(page: Page, base_url: str, shipped_site: BuiltSite,
                                                     kind: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
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
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
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


HOSTILE_WORKSHEET = """worksheets:
  - id: hostile
    title: 'Sheet <script>alert("sheet")</script>'
    for_whom: rep
    instructions: 'Fill <img src=x onerror="alert(6)"> in'
    prompts: ['<svg onload=alert(7)> prompt', '{{ config.site_name }}']
  - id: table
    title: Table sheet
    for_whom: group
    columns: ['<b onmouseover=alert(8)>col</b>', 'two']
    prompts: ['<script>alert(9)</script>']
"""
HOSTILE_PLAY = {
    "    You are polite and busy.": "    <script>alert('brief')</script> You are polite and busy.",
    "  scenario: |\n    A first discovery call": "  scenario: |\n    <img src=x onerror=alert(10)> A first discovery call",
    '      "You said new hires take': '      [go](javascript:alert(11)) "You said new hires take',
}
VIEWS = ("lessons/short-lesson/", "lessons/short-lesson/run-sheet/", "lessons/short-lesson/worksheets/hostile/",
         "lessons/short-lesson/worksheets/table/", "lessons/discovery-pain-chain/cards/",
         "lessons/discovery-pain-chain/handout/", "tracks/starter/week-2/")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import make_project, run

    root = make_project(tmp_path_factory.mktemp("hostile"), FIXTURES / "mini" / "curriculum")
    lesson = root / "curriculum/lessons/short-lesson.yaml"
    text = lesson.read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text, old
        text = text.replace(old, new)
    lesson.write_text(text + "sources:\n  - title: '[1]: javascript:alert(5)'\n" + HOSTILE_WORKSHEET,
                      encoding="utf-8")
    other = root / "curriculum/lessons/discovery-pain-chain.yaml"  # a role-play and a handout
    text = other.read_text(encoding="utf-8")
    for old, new in HOSTILE_PLAY.items():
        assert old in text, old
        text = text.replace(old, new)
    other.write_text(text, encoding="utf-8")
    result = run("build", cwd=root, SITE_URL=SHIPPED_URL)
    assert result.code == 0, result.err
    return root / "site"


@pytest.mark.parametrize("path", VIEWS)
def test_text_from_yaml_never_runs_as_script(browser: Browser, hostile_site: Path, path: str) -> None:
    handler = functools.partial(SubPath, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    dialogs: list[str] = []
    console: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(m.text))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}{PREFIX}{path}")
        page.wait_for_load_state("networkidle")
        content = "article" if path.count("/") == 2 else "main"  # a lesson page, or a view
        for link in page.locator(f"{content} a").all():  # clicking a link must not run script either
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith("javascript"), href
        for element in page.locator(f"{content} *").all():
            names = element.evaluate("e => e.getAttributeNames()")
            assert not [n for n in names if n.lower().startswith("on")], names
        for target in page.locator(f"{content} [href], {content} [src]").all():
            assert "javascript" not in (target.get_attribute("href") or target.get_attribute("src") or "")
        body = page.locator(content).inner_text()
        assert dialogs == []
        assert [m for m in console if "alert" in m or "title" in m] == []
        assert page.locator(f"{content} script, {content} img, {content} svg, {content} b").count() == 0
        literals = {
            "lessons/short-lesson/": ['Next step <script>alert("title")</script>', '<img src=x onerror="alert(1)">',
                                      "[click](javascript:alert(2))", '<a href="javascript:alert(4)">proof</a>',
                                      "{{ config.site_name }} and {% raw %}x{% endraw %} <svg onload=alert(3)>"],
            "lessons/short-lesson/run-sheet/": ['Next step <script>alert("title")</script>',
                                                '<img src=x onerror="alert(1)">',
                                                '<a href="javascript:alert(4)">proof</a>'],
            "lessons/short-lesson/worksheets/hostile/": ['Sheet <script>alert("sheet")</script>',
                                                         '<img src=x onerror="alert(6)">',
                                                         "<svg onload=alert(7)> prompt", "{{ config.site_name }}"],
            "lessons/short-lesson/worksheets/table/": ["<b onmouseover=alert(8)>col</b>",
                                                       "<script>alert(9)</script>"],
            "lessons/discovery-pain-chain/cards/": ["<script>alert('brief')</script>",
                                                    "<img src=x onerror=alert(10)>"],
            "lessons/discovery-pain-chain/handout/": ["[go](javascript:alert(11))"],
            "tracks/starter/week-2/": ['Next step <script>alert("title")</script>'],
        }[path]
        for literal in literals:
            assert literal in body, literal
        if path == "lessons/short-lesson/":
            assert page.locator("h1").inner_text().rstrip("¶") == 'Next step <script>alert("title")</script>'
            assert 'Next step <script>alert("title")</script>' in page.title()
        if "run-sheet" in path or "worksheets/hostile" in path:
            assert "<script>" in page.title()  # the title shows as text, not as markup
    finally:
        page.close()
        server.shutdown()


STORED_CHECKLISTS = ["null", "[]", "42", '"text"', "{not json", '{"0": "yes", "1": 1}']


@pytest.mark.parametrize("stored", STORED_CHECKLISTS)
def test_whatever_storage_holds_for_a_checklist_the_page_keeps_working(page: Page, base_url: str,
                                                                      shipped_site: BuiltSite, stored: str) -> None:
    # A stored `null` used to throw in the site script and stop it: the calendar picker never appeared.
    lesson = shipped_site.listing["lessons"][0]["id"]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(f"localStorage.setItem({json.dumps('curriculum-prep:' + lesson)}, {json.dumps(stored)})")
    page.goto(base_url + f"lessons/{lesson}/")
    expect(page.locator(".ics-picker")).to_be_visible()
    boxes = page.locator("[data-checklist] input[type=checkbox]")
    assert boxes.count() >= 1
    for index in range(boxes.count()):
        expect(boxes.nth(index)).not_to_be_checked()
    boxes.first.check()
    saved = json.loads(page.evaluate(f"localStorage.getItem({json.dumps('curriculum-prep:' + lesson)})"))
    assert saved == {boxes.first.get_attribute("name"): True}
    with page.expect_download():
        page.click("button.ics-button")
    assert errors == []


def test_the_calendar_picker_refuses_a_far_or_missing_day_and_says_so(page: Page, base_url: str,
                                                                     shipped_site: BuiltSite) -> None:
    # 9999-12-31 used to download a file with DTSTART:+01000001T090000, and an empty or unreadable
    # day did nothing at all.
    year = dt.date.today().year
    far = f"Pick a first day between 1 January {year - 5} and 31 December {year + 5}."
    downloads: list[object] = []
    errors: list[str] = []
    page.on("download", lambda d: downloads.append(d))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + f"lessons/{shipped_site.listing['lessons'][0]['id']}/")
    message = page.locator(".ics-message")
    expect(page.locator("input.ics-start")).to_have_attribute("max", f"{year + 5}-12-31")
    for day, said in (("9999-12-31", far), (f"{year - 6}-12-31", far), ("0001-01-01", far),
                      ("", "Pick a first day from the calendar, or type one as 2027-03-01.")):
        page.fill("input.ics-start", day)
        page.click("button.ics-button")
        expect(message).to_have_text(said)
        expect(page.locator("input.ics-start")).to_have_attribute("aria-invalid", "true")
    page.wait_for_timeout(300)
    assert downloads == [] and errors == []
    page.fill("input.ics-start", f"{year + 1}-03-03")
    expect(message).to_have_text("")
    moved = _download(page, lambda: page.click("button.ics-button"))
    assert moved.walk("VEVENT")[0].decoded("dtstart").date() == dt.date(year + 1, 3, 3)
