"""Authoring: quality warnings word for word, GitHub annotations, skeletons, the guide, the preview."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, TODAY_EPOCH, code_of, guide_line, run
from test_errors import CASES, LESSON, SHORT, replace

from generator import spec
from generator.pipeline import check
from generator.render import render_site
from generator.review import curly_quoted

WARNINGS = {
    "objective not observable": (
        replace(SHORT, "objective: Ends each call", "objective: Understands why each call ends"),
        (f"{SHORT}:15:12: warning: CUR301 objective: starts with 'Understands', which a manager cannot "
        "observe on a call; start with what the rep does, for example 'Asks ...' or 'Names ...'"),
    ),
    "lesson nothing reaches": (
        replace("curriculum/tracks/starter.yaml", "lesson: short-lesson", "lesson: discovery-pain-chain"),
        None,  # needs the skill edited too: see the test below
    ),
    "role-play without a veteran variant": (
        replace(LESSON, "  veteran_variant: |", "  # veteran_variant: |\n  observer_note: |"),
        None,
    ),
    "prep over ten minutes": (
        replace(SHORT, "  minutes: 2\n", "  minutes: 15\n"),
        (f"{SHORT}:13:12: warning: CUR304 prep.minutes: is 15; managers skip lessons that need more than 10 "
        "minutes of prep, so cut the checklist"),
    ),
    "not reviewed for a year": (
        replace(SHORT, "reviewed: 2026-10-01", "reviewed: 2025-09-30"),
        (f"{SHORT}:4:11: warning: CUR305 reviewed: is 2025-09-30, 423 days ago; check the lesson is still right "
        "and update the date"),
    ),
    "long paragraph": (
        replace(SHORT, "  A call without a next step", "  " + "word " * 121 + "\n\n  A call without a next step"),
        f"{SHORT}:16:6: warning: CUR306 why: has a paragraph of 121 words; split it or cut it to 120 or fewer",
    ),
    "a sheet the site does not print": (
        replace(SHORT, "checklist: [Open the rep's calendar]", "checklist: [Print the call sheet for the rep]"),
        (f"{SHORT}:14:15: warning: CUR307 prep.checklist[0]: asks for a sheet the lesson does not declare; add "
         "it under worksheets and name it by its title"),
    ),
    "a run sheet too long for its page": (
        replace(SHORT, "    strong: Dated next step with an owner",
                "    strong: Dated next step with an owner" + ", agreed by the buyer on the call" * 40),
        (f"{SHORT}:30:3: warning: CUR308 rubric: the run sheet does not fit on one page, the most a 10-minute "
         "lesson gets (about 7 lines too many); shorten the rubric's descriptions: they take the most room"),
    ),
    "a worksheet too long for a page": (
        replace(SHORT, "prerequisites: [discovery-pain-chain]\n",
                "prerequisites: [discovery-pain-chain]\nworksheets:\n  - id: calls\n    title: Every call this month\n"
                "    for_whom: rep\n    prompts: [" + ", ".join(f"Call {i}" for i in range(1, 31)) + "]\n"),
        (f"{SHORT}:51:5: warning: CUR309 worksheets[0]: the worksheet 'Every call this month' does not fit on "
         "one printed page (about 741 mm too long); give it fewer prompts or fewer lines each"),
    ),
    "a title in curly quotes": (
        replace(SHORT, "title: Name the next step before you hang up", "title: \u201cAsk for the cost\u201d"),
        (f"{SHORT}:2:8: warning: CUR310 title: is wrapped in curly quotes, which show on the page as part of the text; "
         "remove them: Ask for the cost"),
    ),
    "a track's focus in curly single quotes, with an apostrophe": (
        replace("curriculum/tracks/starter.yaml", "focus: Discovery", "focus: \u2018Don\u2019t skip discovery\u2019"),
        ("curriculum/tracks/starter.yaml:8:12: warning: CUR310 weeks[0].focus: is wrapped in curly quotes, which show "
         "on the page as part of the text; remove them: Don\u2019t skip discovery"),
    ),
    "an example in curly quotes": (
        replace(SHORT, "good: '\"Shall we put Thursday at ten in the diary?\"'",
                "good: \u201cShall we put Thursday at ten in the diary?\u201d"),
        (f"{SHORT}:25:11: warning: CUR310 teaching_points[0].good: is wrapped in curly quotes, which show on the page "
         "as part of the text; where they mark what someone says, type straight ones (\"...\") in a '|' block, "
         "as the other lessons do; otherwise remove them"),
    ),
}


@pytest.mark.parametrize("case", [c for c, (_, line) in WARNINGS.items() if line])
def test_warning_is_reported_exactly_and_is_fatal_only_with_strict(mini: Path, case: str) -> None:
    edit, line = WARNINGS[case]
    edit(mini)
    result = run("check", cwd=mini)
    assert result.code == 0
    hint = guide_line(code_of(line))
    assert result.err.splitlines() == [line, "OK: 2 lessons, 1 skill and 1 track are valid; 1 warning.", hint]
    strict = run("check", "--strict", cwd=mini)
    assert strict.code == 1
    assert strict.err.splitlines() == [line, "1 warning with --strict; nothing was built.", hint]


@pytest.mark.parametrize(("text", "inner"), [
    ("\u201cAsk for the cost\u201d", "Ask for the cost"),
    ("\u201eGut gefragt\u201c", "Gut gefragt"),
    ("\u2018Don\u2019t skip discovery\u2019", "Don\u2019t skip discovery"),
    ("\u201cYes,\u201d she said, \u201cwe do.\u201d", None),  # two quotations, not one wrapped text
    ("Ask \u201cwhy now?\u201d", None),
    ('"Straight quotes are the convention for what someone says"', None),
])
def test_only_a_text_wrapped_whole_in_curly_quotes_is_warned(text: str, inner: str | None) -> None:
    assert curly_quoted(text) == inner


def test_warning_for_a_lesson_no_track_or_symptom_reaches(mini: Path) -> None:
    WARNINGS["lesson nothing reaches"][0](mini)
    replace("curriculum/skills/discovery.yaml", "lessons: [discovery-pain-chain, short-lesson]",
            "lessons: [discovery-pain-chain]")(mini)
    result = run("check", cwd=mini)
    assert result.err.splitlines()[0] == (
        f"{SHORT}:1:5: warning: CUR302 id: no track runs this lesson and no skill symptom points to it; add it "
        "to a track or to a symptom in its skill's file"
    )


def test_warning_for_a_roleplay_without_veteran_variant(mini: Path) -> None:
    text = (mini / LESSON).read_text(encoding="utf-8")
    start = text.index("  veteran_variant: |")
    end = text.index("  real_deal:")
    (mini / LESSON).write_text(text[:start] + text[end:], encoding="utf-8")
    result = run("check", cwd=mini)
    assert result.err.splitlines()[0] == (
        f"{LESSON}:95:3: warning: CUR303 roleplay: has no veteran_variant; add a harder version for "
        "experienced reps"
    )


def test_build_shows_warnings_and_strict_build_refuses(mini: Path) -> None:
    WARNINGS["prep over ten minutes"][0](mini)
    built = run("build", cwd=mini)
    assert built.code == 0
    assert WARNINGS["prep over ten minutes"][1] in built.err.splitlines()
    assert (mini / "site/index.html").is_file()
    refused = run("build", "--strict", cwd=mini, SITE_URL="https://x.example/")
    assert refused.code == 1
    assert "1 warning with --strict; nothing was built." in refused.err


def test_github_format_gives_one_annotation_per_problem(mini: Path) -> None:
    CASES["unknown field"][0](mini)
    CASES["agenda not adding up"][0](mini)
    WARNINGS["prep over ten minutes"][0](mini)
    result = run("check", "--format", "github", cwd=mini)
    assert result.code == 1
    assert result.out.splitlines() == [
        (f"::error file={SHORT},line=15,col=1,title=CUR101 Unknown field::objectve: unknown field 'objectve'; "
        "did you mean 'objective'?"),
        (f"::error file={SHORT},line=19,col=3,title=CUR150 Agenda does not add up::agenda: the steps add up to "
        "12 minutes but the lesson's minutes is 10 (2 too many); change a step or the lesson's minutes"),
    ]
    annotation = re.compile(r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=CUR\d{3} [^,:]+::\S.*$")
    assert all(annotation.match(line) for line in result.out.splitlines())


def test_github_format_reports_warnings_as_warning_annotations(mini: Path) -> None:
    WARNINGS["prep over ten minutes"][0](mini)
    result = run("check", "--format", "github", cwd=mini)
    assert result.code == 0
    assert result.out == (
        f"::warning file={SHORT},line=13,col=12,title=CUR304 Prep over ten minutes::prep.minutes: is 15; "
        "managers skip lessons that need more than 10 minutes of prep, so cut the checklist\n"
    )


@pytest.mark.parametrize("kind", ["skill", "track"])
def test_new_skill_and_track_skeletons_are_reported_until_filled(mini: Path, kind: str) -> None:
    result = run("new", kind, f"new-{kind}", "--title", f"A new {kind}", cwd=mini)
    assert result.code == 0
    target = mini / "curriculum" / spec.FOLDERS[kind] / f"new-{kind}.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n")
    problems = run("check", cwd=mini).err.splitlines()[:-2]
    assert problems and all(p.startswith(f"curriculum/{spec.FOLDERS[kind]}/new-{kind}.yaml:") for p in problems)
    assert all("still holds the placeholder 'FILL IN'" in p for p in problems)
    filled = text.replace('"FILL IN: the id of a lesson"', '"discovery-pain-chain"')
    filled = re.sub(r'"FILL IN: one of ([a-z-]+)[^"]*"', r'"\1"', filled)  # the first choice
    filled = filled.replace("FILL IN: ", "Filled: ")
    target.write_text(filled, encoding="utf-8")
    after = run("check", cwd=mini)
    assert after.code == 0, after.err
    assert run("new", kind, f"new-{kind}", "--title", "Again", cwd=mini).code == 2


def test_guide_lists_every_field_of_the_schema() -> None:
    import datetime as dt

    page = render_site(check(REPO / "tests/fixtures/mini/curriculum"), dt.date(2026, 11, 27))["authoring.md"]

    def paths(schema: dict, prefix: str = "") -> list[str]:
        found = []
        for name, prop in schema.get("properties", {}).items():
            found.append(prefix + name)
            found += paths(prop, f"{prefix}{name}.")
            found += paths(prop.get("items", {}), f"{prefix}{name}[].")
            found += paths(prop.get("items", {}).get("items", {}), f"{prefix}{name}[][].")
        return found

    for kind in spec.KINDS:
        schema = json.loads(run("schema", kind, cwd=REPO).out)
        for path in paths(schema):
            assert f"| `{path}` |" in page, f"the guide does not list {kind} field {path}"
    assert "# objective (required): One observable behaviour" in page
    assert "Prerequisites form no cycle (reported once per cycle, with the whole loop)." in page


def test_schemas_are_published_in_the_built_site(shipped_site) -> None:
    for kind in spec.KINDS:
        published = json.loads((shipped_site.site / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert published == json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_shows_an_edit_and_keeps_the_last_good_site_on_error(mini: Path) -> None:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    log = (mini / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=mini, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}/lessons/short-lesson/"
    try:
        assert _wait_for(lambda: "Name the next step" in _fetch(url), 60), (mini / "serve.log").read_text()
        replace(SHORT, "title: Name the next step", "title: Book the next step")(mini)
        assert _wait_for(lambda: "Book the next step" in _fetch(url), 30)
        CASES["wrong type"][0](mini)
        line = CASES["wrong type"][1][0]
        assert _wait_for(lambda: line in (mini / "serve.log").read_text(encoding="utf-8"), 30)
        assert "Book the next step" in _fetch(url)  # the last good site is still served
        assert "Traceback" not in (mini / "serve.log").read_text(encoding="utf-8")
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=60)  # a loaded machine can take a while to stop MkDocs
        log.close()
