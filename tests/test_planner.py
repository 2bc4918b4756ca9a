"""My plan, the coaching log and the scorecard, used as a manager uses them, in headless Chromium.

A manager with eight reps plans the 12-week track with a Tuesday 09:00 team meeting and one-on-ones
spread over the week, downloads the calendar, logs five sessions, reads the scorecard, and moves
the data out and back in. Expected figures are counted here from the YAML files, not taken from the
page or from the generator.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO, Browser, BuiltSite
from playwright.sync_api import Page, expect

TRACK = "twelve-week-team-plan"
REPS = ["Ana", "Ben", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Each rep's one-on-one: spread over the week, two reps a day on four days.
SLOTS = [(0, "10:00"), (0, "14:00"), (2, "10:30"), (2, "15:00"), (3, "09:30"), (3, "13:00"), (4, "11:00"),
         (4, "16:00")]
PER_REP = {"one-on-one", "ride-along"}


def _yaml(kind: str, ident: str) -> dict:
    return yaml.safe_load((REPO / "curriculum" / kind / f"{ident}.yaml").read_text(encoding="utf-8"))


def _sessions() -> list[tuple[int, dict]]:
    return [(week["week"], s) for week in _yaml("tracks", TRACK)["weeks"] for s in week["sessions"]]


def _start() -> dt.date:
    """The plan started on the Monday two weeks before this one, so three weeks have begun."""
    today = dt.date.today()
    return today - dt.timedelta(days=today.weekday() + 14)


@pytest.fixture
def manager(page: Page, base_url: str) -> Iterator[Page]:
    """The plan page with the team entered: eight reps, their slots, the track and the start."""
    page.on("dialog", lambda d: d.accept())
    _open(page, base_url + "plan/")
    for name in REPS:
        page.get_by_label("Rep's name or initials").fill(name)
        page.get_by_role("button", name="Add rep").click()
    for name, (day, time) in zip(REPS, SLOTS, strict=True):
        page.get_by_label(f"{name}: one-on-one day").select_option(str(day))
        page.get_by_label(f"{name}: one-on-one time").fill(time)
    page.get_by_label("Team meeting day").select_option(label="Tuesday")
    page.get_by_label("Team meeting time").fill("09:00")
    page.get_by_label("First day of the plan").fill(_start().isoformat())
    page.get_by_label("Track for the team").select_option(TRACK)
    yield page


def _open(page: Page, url: str) -> None:
    """Go to a planner page and wait until its script has read the lessons and drawn the page."""
    page.goto(url)
    page.wait_for_selector("#planner[data-ready]", state="attached")


def _download(page: Page, button: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return Path(info.value.path()).read_bytes()


def _log(page: Page, date: dt.date, rep: str, lesson: str, levels: list[str], next_step: str) -> None:
    page.get_by_label("Date").fill(date.isoformat())
    page.get_by_label("Rep", exact=True).select_option(label=rep)
    page.get_by_label("Lesson", exact=True).select_option(lesson)
    behaviours = [r["behaviour"] for r in _yaml("lessons", lesson)["rubric"]]
    for behaviour, level in zip(behaviours, levels, strict=False):
        page.get_by_role("group", name=behaviour).get_by_label(level, exact=True).check()
    page.get_by_label("Next step agreed").fill(next_step)
    page.get_by_role("button", name="Save this session").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved:")


def _scorecard_text(page: Page, base_url: str) -> str:
    _open(page, base_url + "scorecard/")
    return page.locator("#planner").inner_text()


def test_a_manager_plans_the_quarter_logs_sessions_and_reads_the_scorecard(manager: Page, base_url: str) -> None:
    page = manager
    start = _start()
    lessons = {s["lesson"]: _yaml("lessons", s["lesson"]) for _, s in _sessions()}

    # The hours, counted per rep from the track file.
    def cost(session: dict) -> int:
        lesson = lessons[session["lesson"]]
        if session["format"] in PER_REP:
            return (lesson["minutes"] + lesson["prep"]["minutes"]) * len(REPS)
        if session["format"] == "self-study" and lesson.get("audience", "reps") != "manager":
            return lesson["prep"]["minutes"]
        return lesson["minutes"] + lesson["prep"]["minutes"]

    total = sum(cost(s) for _, s in _sessions())
    hours, minutes = divmod(total, 60)
    expect(page.locator(".planner-total")).to_have_text(f"{hours} h {minutes} min of your time over 12 weeks for 8 reps.")

    # The calendar: every session on its weekday and time, one uid each, as many as the plan holds.
    calendar = icalendar.Calendar.from_ical(_download(page, "Download every session (.ics)"))
    events = list(calendar.walk("VEVENT"))
    expected = sum(len(REPS) if s["format"] in PER_REP else 1 for _, s in _sessions())
    assert len(events) == expected
    assert len({str(e["uid"]) for e in events}) == len(events)
    slots = dict(zip(REPS, SLOTS, strict=True))
    seen_reps = set()
    for event in events:
        summary = str(event["summary"])
        begins = event.decoded("dtstart")
        week = (begins.date() if isinstance(begins, dt.datetime) else begins) - start
        assert 0 <= week.days < 7 * 12, summary
        if summary.startswith("Team meeting"):
            assert (begins.weekday(), begins.time() >= dt.time(9, 0), begins.hour < 11) == (1, True, True), summary
        elif summary.startswith(("1:1 with ", "Ride-along with ")):
            name = re.match(r"(?:1:1|Ride-along) with (\w+):", summary)[1]
            day, time = slots[name]
            assert begins.weekday() == day, summary
            assert begins.time() >= dt.time.fromisoformat(time), summary
            seen_reps.add(name)
            assert "run-sheet/" in str(event["description"]) and "Follow-ups:" in str(event["description"])
        else:
            assert summary.startswith("Self-study") and type(begins) is dt.date, summary
    assert seen_reps == set(REPS)
    # Exported again, the same sessions keep the same uids (calendar apps update, not duplicate).
    again = icalendar.Calendar.from_ical(_download(page, "Download every session (.ics)"))
    assert sorted(str(e["uid"]) for e in again.walk("VEVENT")) == sorted(str(e["uid"]) for e in events)

    # Log five sessions: four the plan asked for and one it did not.
    week1 = [s for w, s in _sessions() if w == 1]
    team_lesson = next(s["lesson"] for s in week1 if s["format"] == "team-meeting")
    rep_lesson = next(s["lesson"] for s in week1 if s["format"] in PER_REP)
    week2_rep = next(s["lesson"] for w, s in _sessions() if w == 2 and s["format"] in PER_REP)
    tuesday = start + dt.timedelta(days=1)
    logged = [
        (tuesday, "Whole team (team meeting or workshop)", team_lesson, [], "Everyone brings one call plan on Friday"),
        (start, "Ana", rep_lesson, ["Weak", "Solid"], "Ana sends the plan for the Acme call by Thursday"),
        (start, "Ben", rep_lesson, ["Solid"], "=cmd|' /C calc'!A0 <b>bold</b>"),
        (start + dt.timedelta(days=7), "Ana", week2_rep, ["Strong"], "Ana asks for the cost on the next call"),
        (start + dt.timedelta(days=8), "Ana", rep_lesson, ["Strong", "Solid"], "Re-run the plan on the renewal call"),
    ]
    _open(page, base_url + "log/")
    for row in logged:
        _log(page, *row)
    # The shown text is the text typed, never HTML.
    expect(page.locator(".planner-log-table")).to_contain_text("<b>bold</b>")
    assert page.locator(".planner-log-table b").count() == 0

    # Tick the newest session's last follow-up, not due yet: it counts as done on time.
    today = dt.date.today()
    due_so_far = sum(1 for date, _, lesson, _, _ in logged for f in _yaml("lessons", lesson)["reinforcement"]
                     if date + dt.timedelta(days=f["day"]) < today)
    last = max(f["day"] for f in _yaml("lessons", rep_lesson)["reinforcement"])
    assert start + dt.timedelta(days=8 + last) > today, "the last follow-up must not be due yet"
    box = page.locator(".planner-ticks").first.get_by_label(re.compile(rf"^\s*Day {last} "))
    box.check()
    page.reload()
    expect(page.locator(".planner-ticks").first.get_by_label(re.compile(rf"^\s*Day {last} "))).to_be_checked()

    # The scorecard: held against planned over the three weeks begun, by this count of the track.
    planned = sum(len(REPS) if s["format"] in PER_REP else 1 for w, s in _sessions()
                  if w <= 3 and s["format"] != "self-study")
    _open(page, base_url + "scorecard/")
    tiles = page.locator(".planner-tile")
    expect(tiles.nth(0)).to_contain_text(f"4 of {planned}")
    expect(tiles.nth(0)).to_contain_text("1 more not in the plan")
    expect(tiles.nth(1)).to_contain_text(f"1 of {due_so_far + 1} due")
    expect(tiles.nth(2)).to_contain_text("1 up, 0 down")
    levels = page.locator("[data-list=levels] tbody tr")
    ana_first = levels.filter(has_text="Ana").filter(has_text=_yaml("lessons", rep_lesson)["rubric"][0]["behaviour"])
    expect(ana_first).to_contain_text("Weak")
    expect(ana_first).to_contain_text("Strong")
    expect(ana_first).to_contain_text("↑ up")
    before = _scorecard_text(page, base_url)

    # Export, delete, import: the same scorecard.
    backup = _download(page, "Export a backup (.json)")
    assert json.loads(backup)["app"] == "sales-coaching-plan"
    page.get_by_role("button", name="Delete my data").click()
    expect(page.locator(".planner-message")).to_contain_text("Deleted")
    assert "Ana" not in _scorecard_text(page, base_url)
    page.locator('input[data-action="import"]').set_input_files(
        files=[{"name": "backup.json", "mimeType": "application/json", "buffer": backup}])
    expect(page.locator(".planner-message")).to_contain_text("Imported: 8 reps and 5 logged sessions")
    assert _scorecard_text(page, base_url) == before

    # The CSV holds the rows the log shows.
    _open(page, base_url + "log/")
    rows = list(csv.reader(io.StringIO(_download(page, "Download the log for a spreadsheet (.csv)").decode("utf-8"))))
    header, body = rows[0], rows[1:]
    shown_header = page.locator(".planner-log-table thead th").all_inner_texts()
    shown = [r.locator("td").all_inner_texts() for r in page.locator(".planner-log-table tbody tr").all()]
    assert len(body) == len(shown) == 5
    for csv_row, table_row in zip(body, shown, strict=True):
        for column, value in zip(shown_header, table_row, strict=False):
            if column in header:
                cell = csv_row[header.index(column)]
                assert cell.removeprefix("'") == value.strip(), column
    assert any(r[header.index("Next step")] == "'=cmd|' /C calc'!A0 <b>bold</b>" for r in body)


def test_the_track_page_and_the_plan_state_the_same_hours(manager: Page, base_url: str) -> None:
    page = manager
    plan_total = page.locator(".planner-total").inner_text().split(" of your time")[0]
    page.goto(base_url + f"tracks/{TRACK}/")
    assert plan_total in page.locator("article").inner_text()


def test_no_request_carries_plan_or_log_data(browser: Browser, base_url: str) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    requests: list[tuple[str, str, str]] = []
    context.on("request", lambda r: requests.append((r.method, r.url, r.post_data or "")))
    page.on("dialog", lambda d: d.accept())
    _open(page, base_url + "plan/")
    page.get_by_label("Rep's name or initials").fill("Quillon Canary")
    page.get_by_role("button", name="Add rep").click()
    page.get_by_label("Track for the team").select_option(TRACK)
    _download(page, "Download every session (.ics)")
    _open(page, base_url + "log/")
    _log(page, dt.date.today(), "Quillon Canary", "discovery-pain-chain", ["Strong"], "Secret next step 8675309")
    _download(page, "Download the log for a spreadsheet (.csv)")
    _download(page, "Export a backup (.json)")
    _open(page, base_url + "scorecard/")
    page.get_by_label(re.compile("^Baseline for ")).first.fill("Baseline 4242")
    page.keyboard.press("Tab")
    page.goto(base_url + "measure/")
    page.get_by_role("button", name="The skills in my plan").click()
    page.wait_for_load_state("networkidle")
    stored = page.evaluate("JSON.stringify(localStorage)")
    assert "Quillon Canary" in stored and "8675309" in stored and "4242" in stored
    rep_id = re.search(r'\\"id\\":\\"(r[a-z0-9]+)\\"', stored)[1]
    context.close()
    assert requests, "no requests were recorded"
    for method, url, body in requests:
        assert method == "GET" and body == "", (method, url)
        assert url.startswith((base_url, "blob:", "data:")), url
        for secret in ("Quillon", "Canary", "8675309", "4242", rep_id):
            assert secret not in url, url


HOSTILE_IMPORTS = {
    "not JSON": (b"{ this is not json", "not JSON"),
    "a newer version": (None, "newer version of the site (backup version 7; this site reads version 1)"),
    "10 MB": (b'{"app": "sales-coaching-plan", "pad": "' + b"x" * 10_000_000 + b'"}', "far smaller"),
    "HTML in a name": (None, "Names are plain text: leave out < and >"),
    "lessons the site no longer has": (None, "names 1 lesson (retired-discovery-drill) that this site no longer has"),
}


@pytest.mark.parametrize("case", HOSTILE_IMPORTS)
def test_a_bad_or_hostile_backup_says_why_and_changes_nothing(manager: Page, base_url: str, case: str) -> None:
    page = manager
    backup = json.loads(_download(page, "Export a backup (.json)"))
    content, message = HOSTILE_IMPORTS[case]
    if case == "a newer version":
        backup["version"] = 7
    elif case == "HTML in a name":
        backup["reps"][0]["name"] = '<img src=x onerror="window.pwned=1">'
    elif case == "lessons the site no longer has":
        backup["overrides"] = {backup["reps"][0]["id"]: {"w1-0-1": "retired-discovery-drill"}}
    content = content or json.dumps(backup).encode()
    stored = page.evaluate("JSON.stringify(localStorage)")
    page.locator('input[data-action="import"]').set_input_files(
        files=[{"name": "backup.json", "mimeType": "application/json", "buffer": content}])
    expect(page.locator(".planner-message")).to_contain_text("Not imported:")
    expect(page.locator(".planner-message")).to_contain_text(message)
    expect(page.locator(".planner-message")).to_contain_text("Nothing was changed.")
    assert page.evaluate("JSON.stringify(localStorage)") == stored
    assert page.evaluate("window.pwned") is None
    expect(page.locator(".planner-rep-name")).to_have_text(REPS)


def test_a_typed_name_is_text_and_a_bad_one_is_refused(page: Page, base_url: str) -> None:
    _open(page, base_url + "plan/")
    page.get_by_label("Rep's name or initials").fill('<img src=x onerror="window.pwned=1">')
    page.get_by_role("button", name="Add rep").click()
    expect(page.locator("#rep-name-error")).to_have_text("Names are plain text: leave out < and >.")
    expect(page.get_by_label("Rep's name or initials")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Rep's name or initials").fill('Sam "the closer" & co')
    page.get_by_role("button", name="Add rep").click()
    expect(page.locator(".planner-rep-name")).to_have_text(['Sam "the closer" & co'])
    assert page.evaluate("window.pwned") is None


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["plan/", "log/", "scorecard/"])
def test_planner_pages_in_use_are_accessible_and_fit_a_phone(manager: Page, base_url: str, path: str,
                                                             width: int) -> None:
    page = manager
    if path != "plan/":
        _open(page, base_url + "log/")
        _log(page, _start(), "Ana", "discovery-pain-chain", ["Solid"], "Try the cost question on Thursday")
        _open(page, base_url + path)
    page.set_viewport_size({"width": width, "height": 900})
    page.get_by_label("Rep to rate").select_option(label="Ben") if path == "plan/" else None
    results = Axe().run(page)
    serious = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_plan_prints_a_month_to_a_page_and_the_scorecard_on_one(manager: Page, base_url: str,
                                                                     paper: str) -> None:
    page = manager
    page.emulate_media(media="print")
    expect(page.locator(".plan-week")).to_have_count(12)
    assert _pdf_pages(page.pdf(format=paper)) == 3
    page.emulate_media(media="screen")
    _open(page, base_url + "log/")
    for name in REPS[:4]:
        _log(page, _start(), name, "discovery-pain-chain", ["Solid", "Weak"], f"{name} asks for the cost on Thursday")
    _open(page, base_url + "scorecard/")
    page.emulate_media(media="print")
    assert _pdf_pages(page.pdf(format=paper)) == 1


def test_without_javascript_the_pages_say_they_need_it(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("plan/", "log/", "scorecard/"):
        page.goto(base_url + path)
        expect(page.get_by_text("This page needs JavaScript")).to_be_visible()
        expect(page.locator("#planner")).to_be_hidden()
    page.goto(base_url + "measure/")
    expect(page.locator(".measure-skill").first).to_be_visible()
    context.close()


def test_the_measure_page_shows_only_the_skills_chosen(page: Page, base_url: str, shipped_site: BuiltSite) -> None:
    page.goto(base_url + "measure/")
    sections = page.locator(".measure-skill")
    every = sections.count()
    assert every == len([s for s in shipped_site.listing["skills"]]) or every > 1
    page.get_by_role("checkbox", name="Discovery").check()
    page.get_by_role("checkbox", name="Negotiation").check()
    expect(page.locator(".measure-skill:visible")).to_have_count(2)
    expect(page.locator(".measure-count")).to_have_text("Showing the indicators of 2 skills.")
    page.reload()
    expect(page.locator(".measure-skill:visible")).to_have_count(2)
    page.get_by_role("button", name="Show every skill").click()
    expect(page.locator(".measure-skill:visible")).to_have_count(every)


def test_a_run_sheet_opens_the_log_for_its_lesson(page: Page, base_url: str) -> None:
    page.goto(base_url + "lessons/discovery-pain-chain/run-sheet/")
    page.get_by_role("link", name="Log this session").click()
    expect(page.get_by_label("Lesson", exact=True)).to_have_value("discovery-pain-chain")
    expect(page.get_by_role("group", name=_yaml("lessons", "discovery-pain-chain")["rubric"][0]["behaviour"])).to_be_visible()


@pytest.mark.parametrize(("stored", "said"), [("null", "It is null, not a plan."), ("[1]", "It is a list, not a plan."),
                                              ("{not json", "It is not JSON.")])
def test_a_stored_plan_this_site_cannot_read_is_kept_and_explained(page: Page, base_url: str, stored: str,
                                                                   said: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "plan/")
    key = page.evaluate("'coaching-plan:' + new URL(document.getElementById('planner').dataset.root, "
                        "location.href).pathname")
    page.evaluate(f"localStorage.setItem({json.dumps(key)}, {json.dumps(stored)})")
    page.reload()
    expect(page.locator(".planner-load")).to_contain_text("cannot be read by this version of the site: " + said)
    assert page.evaluate(f"localStorage.getItem({json.dumps(key)})") == stored
    assert errors == []


def test_a_first_day_far_away_is_refused_with_a_message(page: Page, base_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _open(page, base_url + "plan/")
    start = page.get_by_label("First day of the plan")
    kept = start.input_value()
    year = dt.date.today().year
    start.fill("9999-12-31")
    start.dispatch_event("change")
    expect(page.locator(".planner-message")).to_have_text(f"Pick a first day between 1 Jan {year - 5} and 31 Dec {year + 5}.")
    expect(start).to_have_attribute("aria-invalid", "true")
    page.reload()
    page.wait_for_selector("#planner[data-ready]", state="attached")
    assert page.get_by_label("First day of the plan").input_value() == kept
    assert errors == []
