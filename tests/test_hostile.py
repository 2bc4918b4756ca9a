"""Hostile input: whatever an author (or a fork's pull request) pushes, the answer is a clear error.

Each case writes files into a copy of the fixture project and runs `curriculum check`. It must exit
with the expected status and exactly the expected lines, print no traceback, and stay within the
resource guards below (they catch hangs and memory bombs; speed itself is measured by the benchmark).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY_EPOCH, code_of, guide_line

GUARD_SECONDS = 5
GUARD_MEMORY_KB = 500 * 1024
GOOD = (FIXTURES / "mini/curriculum/lessons/short-lesson.yaml").read_bytes()
TRACK = (FIXTURES / "mini/curriculum/tracks/starter.yaml").read_bytes()
BAD = "curriculum/lessons/bad.yaml"
LAUGHS = "".join(
    f"{name}: &{name} [{','.join([previous] * 9)}]\n"
    for name, previous in zip("abcdefghi", ["x"] + [f"*{c}" for c in "abcdefgh"], strict=True)
).encode()


def _valid_id(value: str) -> str:
    return (f"{BAD}:1:5: CUR110 id: {value!r} is not a valid id; use lower-case letters, digits and single hyphens, "
            "like 'discovery-basics'")


CORPUS: dict[str, tuple[dict[str, bytes | Path], int, list[str]]] = {
    "unclosed bracket": ({"lessons/bad.yaml": b"id: bad\ntitle: [oops\n"}, 1,
                         [(f"{BAD}:2:8: CUR010 the text starts with '[', which YAML reads as the start of a list "
                           "written like [a, b], and there is no ']' on this line to close it. If it is a list, "
                           "end it with ']'; if the '[' belongs to the text, put the whole text in double quotes "
                           "(\"...\"). [YAML: did not find expected ',' or ']']"),
                          "  line 2 | title: [oops",
                          "         |        ^"]),
    "bad indentation": ({"lessons/bad.yaml": b"id: bad\n title: x\ntitle: y\n"}, 1,
                        [(f"{BAD}:2:2: CUR004 this line is indented more than `id:` on line 1, so YAML reads it as "
                          "more of that field's text. Start it at the beginning of the line, like `id:`. [YAML: "
                          "mapping values are not allowed in this context]"),
                         "  line 2 |  title: x",
                         "         |  ^"]),
    "unclosed quote": ({"lessons/bad.yaml": b'id: bad\ntitle: "oops\nsummary: x\n'}, 1,
                       [(f"{BAD}:2:8: CUR006 this quote (\") is never closed, so YAML reads the rest of the file as "
                         "part of this text. Add the closing \" at the end of the text. [YAML: found unexpected "
                         "end of stream]"),
                        "  line 2 | title: \"oops",
                        "         |        ^"]),
    "tab indentation": ({"lessons/bad.yaml": b"id: bad\nprep:\n\tminutes: 5\n"}, 1,
                        [(f"{BAD}:3:1: CUR008 this line is indented with a tab, and YAML allows only spaces for "
                          "indenting. Indent it with spaces only; here that is 2 spaces, to fit under `prep:` "
                          "(line 2). [YAML: found character that cannot start any token]"),
                         "  line 3 | →minutes: 5",
                         "         | ^"]),
    "byte-order mark works": ({"lessons/short-lesson.yaml": b"\xef\xbb\xbf" + GOOD}, 0, []),
    "CRLF line ends work": ({"lessons/short-lesson.yaml": GOOD.replace(b"\n", b"\r\n")}, 0, []),
    "invalid UTF-8": ({"lessons/bad.yaml": b"id: bad\ntitle: caf\xe9\n"}, 1,
                      [f"{BAD}:2:11: CUR055 is not UTF-8 text (byte 0xe9); save the file as UTF-8"]),
    "NUL byte": ({"lessons/bad.yaml": b"id: bad\ntitle: a\x00b\n"}, 1,
                 [f"{BAD}:2:9: CUR056 holds the control character #x0000, which YAML does not allow; remove it"]),
    "empty file": ({"lessons/bad.yaml": b""}, 1,
                   [f"{BAD}:1:1: CUR057 file is empty; a lesson, skill or track file holds a mapping of fields"]),
    "top-level list": ({"lessons/bad.yaml": b"- id: bad\n- title: x\n"}, 1,
                       [(f"{BAD}:1:1: CUR058 the file must be a mapping of fields (lines of 'name: value'), not a list "
                        "or text")]),
    "duplicate keys": ({"lessons/bad.yaml": b"id: bad\nid: bad\n"}, 1,
                       [f"{BAD}:2:1: CUR063 id: duplicate field 'id'; it is already set on line 1"]),
    "python object tag": ({"lessons/bad.yaml": b"id: !!python/object/apply:os.system ['touch pwned']\n"}, 1,
                          [(f"{BAD}:1:5: CUR059 id: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is "
                           "not allowed; write plain text, numbers, lists and fields")]),
    "custom tag": ({"lessons/bad.yaml": b"id: !include secrets.yaml\n"}, 1,
                   [(f"{BAD}:1:5: CUR059 id: the text starts with '!', which YAML reads as a tag naming the value's "
                    "type ('!include'), and tags are not allowed. Put the whole text in double quotes (\"...\").")]),
    "merge key": ({"lessons/bad.yaml": b"base: &base {a: 1}\nid: bad\nother:\n  <<: *base\n"}, 1,
                  [f"{BAD}:4:3: CUR060 other: merge keys (<<) are not supported; write the fields out"]),
    "billion laughs": ({"lessons/bad.yaml": LAUGHS}, 1,
                       [(f"{BAD}:1:8: CUR062 e[5][5][7][5][0]: expands to more than 50,000 values (MAX_NODES); "
                        "aliases (*name) that repeat anchors are the usual cause")]),
    "nesting thousands deep": ({"lessons/bad.yaml": b"id: " + b"[" * 5000 + b"]" * 5000 + b"\n"}, 1,
                               [f"{BAD}:1:1004: CUR061 nesting is too deep; the limit is 20 levels (MAX_DEPTH)"]),
    "nesting past the limit": ({"lessons/bad.yaml": b"id: " + b"[" * 50 + b"]" * 50 + b"\n"}, 1,
                               [f"{BAD}:1:25: CUR061 id" + "[0]" * 20 + ": nesting is too deep; the limit is 20 "
                                "levels (MAX_DEPTH)"]),
    "50 MB file": ({"lessons/bad.yaml": b"id: bad\nwhy: |\n" + (b"  " + b"y" * 98 + b"\n") * 500_000}, 1,
                   [f"{BAD}:1:1: CUR054 file is 50,500,015 bytes; the limit is 1,000,000 bytes (MAX_FILE_BYTES)"]),
    "non-YAML file in lessons": ({"lessons/notes.docx": b"PK\x03\x04 not yaml"}, 1,
                                 [("curriculum/lessons/notes.docx:1:1: CUR051 is not a YAML file; only .yaml files "
                                  "belong in lessons/")]),
    "id with ..": ({"lessons/bad.yaml": GOOD.replace(b"id: short-lesson", b"id: ..")}, 1, [_valid_id("..")]),
    "id with a slash": ({"lessons/bad.yaml": GOOD.replace(b"id: short-lesson", b"id: a/b")}, 1,
                        [_valid_id("a/b")]),
    "id with a space": ({"lessons/bad.yaml": GOOD.replace(b"id: short-lesson", b"id: short lesson")}, 1,
                        [_valid_id("short lesson")]),
    "id with capitals": ({"lessons/bad.yaml": GOOD.replace(b"id: short-lesson", b"id: Short-Lesson")}, 1,
                         [_valid_id("Short-Lesson")]),
    "symlink out of the curriculum": ({"lessons/linked.yaml": Path("/etc/passwd")}, 1,
                                      [("curriculum/lessons/linked.yaml:1:1: CUR052 is a link to a file outside the "
                                       "curriculum folder")]),
    "two files with one id": ({"lessons/short-lesson.yml": GOOD}, 1,
                              [("curriculum/lessons/short-lesson.yml:1:1: CUR066 is a second file for "
                               "short-lesson.yaml; keep one of the two, named .yaml, and delete the other")]),
    "a link the print-outs cannot follow": (
        {"lessons/short-lesson.yaml": GOOD.replace(b"  A call without a next step is a call the buyer forgets.",
                                                    b"  See [the pain chain](discovery-pain-chain.md) first.")}, 1,
        [("curriculum/lessons/short-lesson.yaml:16:6: CUR119 why: has a link to 'discovery-pain-chain.md', which is not a "
          "full web address, so it breaks on the printed pages; write the whole address (https://...), or list "
          "another lesson under related")]),
    "right-to-left override in a title": (
        {"lessons/short-lesson.yaml": GOOD.replace(b"title: Name the next", "title: Name the \u202enext".encode())}, 1,
        [("curriculum/lessons/short-lesson.yaml:2:17: CUR118 title: contains an invisible right-to-left override (U+202E) at "
          "column 17; delete it")]),
    "zero-width spaces written as escapes": (
        {"lessons/short-lesson.yaml": GOOD.replace(b"summary: End a call with a dated next step the *buyer* agreed to.",
                                                    b'summary: "End a call\\u200b with a dated\\u200b next step."')}, 1,
        [("curriculum/lessons/short-lesson.yaml:3:10: CUR118 summary: contains an invisible zero width space (U+200B), "
          "written as an escape, at character 11 of the text, and 1 more like it; delete them")]),
    "line separator in a Markdown text": (
        {"lessons/short-lesson.yaml": GOOD.replace(b"why: |\n  A call without", b'why: "A call\\Lwithout"\n#  A')}, 1,
        [("curriculum/lessons/short-lesson.yaml:16:6: CUR118 why: contains an invisible line separator (U+2028), written as "
          "an escape, at character 7 of the text; delete it")]),
    "next-line and vertical tab in calendar texts": (
        {"lessons/short-lesson.yaml": GOOD.replace(b"action: Ask which calls ended", b'action: "Ask\\N which\\v calls"\n#')
                                          .replace(b"  checklist: [Open the rep's calendar]", b'  checklist: ["Open\tthe rep\\x7fs"]')},
        1, [("curriculum/lessons/short-lesson.yaml:14:15: CUR118 prep.checklist[0]: contains an invisible delete character "
             "(U+007F), written as an escape, at character 13 of the text; delete it"),
            ("curriculum/lessons/short-lesson.yaml:39:13: CUR118 reinforcement[0].action: contains an invisible next-line "
             "character (U+0085), written as an escape, at character 4 of the text, and 1 more like it; delete them")]),
    "direction override in a source's address": (
        {"lessons/short-lesson.yaml": GOOD.replace(b"authors: [Test author]\n", "authors: [Test author]\nsources:\n"
                                                    "  - title: A book\n    url: https://example.org/\u202egpj.exe\n".encode())},
        1, [("curriculum/lessons/short-lesson.yaml:8:30: CUR118 sources[0].url: contains an invisible right-to-left override "
             "(U+202E) at column 30; delete it")]),
    "an emoji joined by a zero-width joiner is fine": (
        {"lessons/short-lesson.yaml": GOOD.replace(b"title: Name the next", "title: \U0001f469\u200d\U0001f4bb Name the next".encode())},
        0, []),
    "a newline at the end of a worksheet id": (
        {"lessons/short-lesson.yaml": GOOD + b'worksheets:\n  - id: "sheet\\n"\n    title: A sheet\n    for_whom: rep\n'
                                             b"    instructions: Fill it in\n    prompts: [One]\n"}, 1,
        [("curriculum/lessons/short-lesson.yaml:51:9: CUR110 worksheets[0].id: 'sheet\\n' is not a valid id; use lower-case "
          "letters, digits and single hyphens, like 'discovery-basics'")]),
    "track refers to itself": ({"tracks/starter.yaml": TRACK.replace(b"lesson: short-lesson", b"lesson: starter")},
                               1, [("curriculum/tracks/starter.yaml:15:17: CUR203 weeks[1].sessions[0].lesson: no lesson "
                                   "has the id 'starter'")]),
}


@pytest.mark.parametrize("case", list(CORPUS))
def test_hostile_input_gets_a_clear_answer(mini: Path, case: str) -> None:
    files, code, lines = CORPUS[case]
    for name, content in files.items():
        target = mini / "curriculum" / name
        if isinstance(content, Path):
            target.symlink_to(content)
        else:
            target.write_bytes(content)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    with (mini / "err.txt").open("wb") as err:
        start = time.monotonic()
        process = subprocess.Popen([sys.executable, "-m", "generator", "check"], cwd=mini, env=env,
                                   stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)  # reaps the child and gives its own peak memory
        seconds = time.monotonic() - start
    assert os.waitstatus_to_exitcode(status) == code
    text = (mini / "err.txt").read_text(encoding="utf-8")
    assert "Traceback" not in text
    if code:
        count = sum(not line.startswith(" ") for line in lines)  # a YAML error adds its line and a caret
        assert text.splitlines() == lines + [f"{count} problem{'s' * (count != 1)} found; nothing was built.",
                                             guide_line(code_of(lines[0]))]
    else:
        assert text == "OK: 2 lessons, 1 skill and 1 track are valid.\n"
    assert seconds < GUARD_SECONDS
    assert usage.ru_maxrss < GUARD_MEMORY_KB
    assert not (mini / "pwned").exists()


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_killing_a_build_half_way_leaves_the_old_site_serving(shipped_site) -> None:
    import signal

    from conftest import SHIPPED_URL, run, tree_digest

    root = shipped_site.root
    before = tree_digest(root / "site")
    (root / "curriculum/lessons/discovery-pain-chain.yaml").touch()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH, "SITE_URL": SHIPPED_URL}
    process = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=root, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    assert process.stderr.readline().startswith("Validated ")  # generation done; MkDocs starts now
    deadline = time.monotonic() + 30
    while not list(root.glob(".site-new-*/lessons")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(root.glob(".site-new-*/lessons")), "the build never started writing pages"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert tree_digest(root / "site") == before
    again = run("build", cwd=root, SITE_URL=SHIPPED_URL)
    assert again.code == 0
    assert not list(root.glob(".site-*")), "the next build cleans up what the killed one left"
    assert tree_digest(root / "site") == before


def test_commands_never_write_into_the_curriculum(mini: Path) -> None:
    from conftest import run

    before = _snapshot(mini / "curriculum")
    for args in (["check"], ["build"], ["list", "--json"], ["schema", "--write"], ["links"],
                 ["check", "--format", "github"]):
        run(*args, cwd=mini)
    (mini / "curriculum/lessons/short-lesson.yaml").write_text("id: [broken", encoding="utf-8")
    before_broken = _snapshot(mini / "curriculum")
    run("build", cwd=mini)
    assert _snapshot(mini / "curriculum") == before_broken
    del before_broken["lessons/short-lesson.yaml"], before["lessons/short-lesson.yaml"]
    assert before_broken == before


# A hostile environment: the reader of the output goes away, Ctrl-C, a full disk. Each ends with one
# line (or none, for a reader that has gone), never a traceback, and the previous site as it was.

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}


@pytest.mark.parametrize("args", [["list", "--json"], ["list"], ["schema"], ["--help"]])
def test_a_reader_that_has_gone_ends_the_command_quietly_with_its_own_status(mini: Path, args: list[str]) -> None:
    # As in `curriculum list --json | head -1`, with the reader gone before the first write (with
    # head, whether it has gone yet depends on timing; here it always has).
    read, write = os.pipe()
    os.close(read)
    process = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=mini, env=ENV, stdout=write,
                               stderr=subprocess.PIPE, text=True)
    os.close(write)
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, "")


def test_head_of_the_listing_in_a_pipefail_shell(tmp_path: Path) -> None:
    from conftest import REPO

    done = subprocess.run(["bash", "-c", f"set -o pipefail; {sys.executable} -m generator list --json | head -1"],
                          cwd=REPO, env=ENV, capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "{\n", "")


def test_a_build_whose_reader_has_gone_still_builds(mini: Path) -> None:
    read, write = os.pipe()
    os.close(read)
    process = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=mini, env=ENV, stdout=write,
                               stderr=write)
    os.close(write)
    assert process.wait(timeout=300) == 0
    assert (mini / "site/lessons/short-lesson/index.html").is_file()


def test_ctrl_c_during_the_site_build_says_so_in_one_line_and_keeps_the_old_site(tmp_path: Path) -> None:
    import signal

    from conftest import REPO, make_project, run, tree_digest

    # The shipped curriculum, built without the cache: MkDocs then takes seconds, so the signal
    # lands while it works (on the two-lesson project a fast machine finished before it arrived).
    mini = make_project(tmp_path / "shipped", REPO / "curriculum")
    assert run("build", cwd=mini).code == 0
    before = tree_digest(mini / "site")
    process = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=mini,
                               env={**ENV, "CURRICULUM_CACHE": "off"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    assert process.stderr.readline().startswith("Validated ")  # generation done; MkDocs starts now
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    # 130; or, when the signal lands while Python is shutting down, death by SIGINT (a shell shows 130 too)
    assert process.wait(timeout=60) in (130, -signal.SIGINT)
    assert rest == "Interrupted; the previous site is unchanged.\n"
    assert tree_digest(mini / "site") == before
    assert not list(mini.glob(".site-*"))


def _full_disk(*args: object, **kwargs: object) -> None:
    import errno

    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _edit_why(mini: Path) -> None:
    lesson = mini / "curriculum/lessons/short-lesson.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("keep deals moving", "keep deals going"),
                      encoding="utf-8")


def test_a_full_disk_while_writing_the_pages_names_the_page(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import tree_digest

    from generator import write
    from generator.cli import main

    monkeypatch.chdir(mini)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    assert main(["build"]) == 0
    before, pages = tree_digest(mini / "site"), tree_digest(mini / "generated")
    _edit_why(mini)
    monkeypatch.setattr(write, "open", _full_disk, raising=False)  # every file the generator writes
    capsys.readouterr()
    assert main(["build"]) == 1
    assert capsys.readouterr().err == ("error: could not write generated/lessons/short-lesson.md: No space left on "
                                       "device; the previous site is unchanged.\n")
    assert tree_digest(mini / "site") == before
    assert tree_digest(mini / "generated") == pages  # and no half-written page beside them


def test_a_full_disk_while_building_the_site_names_the_file(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    import mkdocs.utils
    from conftest import tree_digest

    from generator.cli import main

    monkeypatch.chdir(mini)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    assert main(["build"]) == 0
    before = tree_digest(mini / "site")
    _edit_why(mini)
    real = mkdocs.utils.write_file

    def full_at_the_lesson(content: bytes, output_path: str) -> None:
        if output_path.endswith("lessons/short-lesson/index.html"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
        real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full_at_the_lesson)
    capsys.readouterr()
    assert main(["build"]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == [
        ("error: could not write site/lessons/short-lesson/index.html: No space left on device; the previous site "
         "is unchanged.")]
    assert tree_digest(mini / "site") == before
    assert not list(mini.glob(".site-*"))


def test_a_really_full_disk_keeps_the_old_site(mini: Path) -> None:
    """On a 5 MB file system that holds one site but not two (the old one, and the new one being built)."""
    import shutil

    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare or "unshare", "--map-root-user", "--mount", "true"], capture_output=True,
                           check=False) if unshare else None
    if probe is None or probe.returncode:
        pytest.skip("needs unshare and user namespaces, to mount a small tmpfs without privileges")
    (mini / "out").mkdir()
    script = (f"mount -t tmpfs -o size=5m tmpfs out && {sys.executable} -m generator build --site-dir out/site "
              f"2>/dev/null && sha1sum out/site/lessons/short-lesson/index.html && "
              f"{sys.executable} -m generator build --site-dir out/site; echo status $?; "
              "sha1sum out/site/lessons/short-lesson/index.html; ls -A out")
    done = subprocess.run([unshare, "--map-root-user", "--mount", "sh", "-c", script], cwd=mini, env=ENV,
                          capture_output=True, text=True, timeout=600, check=False)
    lines = done.stdout.splitlines()
    assert lines[1:] == ["status 1", lines[0], "site"], done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith("error: could not write out/site/")
    assert done.stderr.splitlines()[-1].endswith(": No space left on device; the previous site is unchanged.")


MARKDOWN_CRASHES = {  # each once stopped `curriculum build` with an AssertionError from MkDocs' link handling
    "raw HTML in a link's address": ("[d](data:text/html,<script>alert(5)</script>)",
                                     "[d](data:text/html,<script>alert(5)</script>)"),
    "an address split across lines": ("[c](java\n  script:alert(1))", "[c](java script:alert(1))"),
    "an image with a data address": ("![i](data:image/svg+xml,<svg/onload=alert(1)>)",
                                     "![i](data:image/svg+xml,<svg/onload=alert(1)>)"),
}


@pytest.mark.parametrize("case", list(MARKDOWN_CRASHES))
def test_markdown_that_once_crashed_the_build_is_shown_as_text(mini: Path, case: str) -> None:
    from bs4 import BeautifulSoup
    from conftest import run

    written, shown = MARKDOWN_CRASHES[case]
    lesson = mini / "curriculum/lessons/short-lesson.yaml"
    text = lesson.read_text(encoding="utf-8")
    old = "  A call without a next step is a call the buyer forgets."
    assert old in text
    lesson.write_text(text.replace(old, f"  See {written} now. {old.strip()}"), encoding="utf-8")
    result = run("build", cwd=mini)
    assert (result.code, "Traceback" in result.err) == (0, False), result.err
    for page in ("lessons/short-lesson/index.html",):
        html = BeautifulSoup((mini / "site" / page).read_text(encoding="utf-8"), "html.parser")
        assert f"See {shown} now." in " ".join(html.get_text().split())
        assert not [a for a in html.select("[href], [src]")
                    if re.sub(r"\s", "", a.get("href", a.get("src", ""))).lower().startswith(("javascript", "data"))]


@pytest.mark.parametrize(("kind", "name"), [("lessons", "index"), ("tracks", "index"), ("skills", "index"),
                                           ("lessons", "search"), ("lessons", "run-sheet"), ("tracks", "404")])
def test_an_id_the_site_keeps_for_itself_is_refused(mini: Path, kind: str, name: str) -> None:
    # A lesson called `index` used to replace the lessons catalogue (site/lessons/index.html), exit 0.
    from conftest import run

    source = {"lessons": "short-lesson", "tracks": "starter", "skills": "discovery"}[kind]
    old = mini / "curriculum" / kind / f"{source}.yaml"
    written = f"'{name}'" if name.isdigit() else name  # a bare 404 is a number in YAML
    text = old.read_text(encoding="utf-8").replace(f"id: {source}\n", f"id: {written}\n", 1)
    old.unlink()
    (mini / "curriculum" / kind / f"{name}.yaml").write_text(text, encoding="utf-8")
    for folder in ("lessons", "tracks", "skills"):  # follow the renamed file everywhere it is named
        for path in (mini / "curriculum" / folder).glob("*.yaml"):
            content = path.read_text(encoding="utf-8")
            for pattern in (f"lesson: {source}\n", f"- {source}\n", f", {source}]", f"[{source}]"):
                content = content.replace(pattern, pattern.replace(source, name))
            path.write_text(content, encoding="utf-8")
    result = run("build", cwd=mini)
    from generator.spec import RESERVED_IDS

    assert (result.code, result.err.splitlines()) == (1, [
        (f"curriculum/{kind}/{name}.yaml:1:5: CUR120 id: the site keeps {name!r} for {RESERVED_IDS[name]}; choose another "
         "id and rename the file to match"),
        "1 problem found; nothing was built.", guide_line("CUR120")])
    assert not (mini / "site").exists()


def test_every_name_the_site_writes_is_reserved() -> None:
    """The page table's own names (the first folder or page of each path, and the views' folders
    inside a lesson's or track's), and MkDocs' and Material's pages, are all reserved ids."""
    from generator.pages import PAGES
    from generator.spec import RESERVED_IDS

    names = {"404", "search", "sitemap", "assets"}  # MkDocs' and Material's own
    for kind in PAGES:
        parts = kind.path.split("/")
        names.add(parts[0].split(".")[0])
        names.update(p.split(".")[0] for p in parts[2:-1] if "{" not in p)
    assert names - set(RESERVED_IDS) == set()


def test_a_lesson_a_track_and_a_skill_may_share_an_id(mini: Path) -> None:
    """Decided: ids of different kinds live in different folders (lessons/, tracks/, skills/) and in
    different maps of the planner's data, so sharing one breaks nothing; each page is its own."""
    from conftest import run

    curriculum = mini / "curriculum"
    track = (curriculum / "tracks/starter.yaml").read_text(encoding="utf-8")
    (curriculum / "tracks/starter.yaml").unlink()
    (curriculum / "tracks/short-lesson.yaml").write_text(track.replace("id: starter", "id: short-lesson"),
                                                       encoding="utf-8")
    skill = (curriculum / "skills/discovery.yaml").read_text(encoding="utf-8")
    (curriculum / "skills/discovery.yaml").unlink()
    (curriculum / "skills/short-lesson.yaml").write_text(skill.replace("id: discovery", "id: short-lesson"),
                                                        encoding="utf-8")
    for lesson in ("short-lesson", "discovery-pain-chain"):
        path = curriculum / f"lessons/{lesson}.yaml"
        text = path.read_text(encoding="utf-8").replace("skills: [discovery]", "skills: [short-lesson]")
        path.write_text(text.replace("skills:\n  - discovery\n", "skills:\n  - short-lesson\n"), encoding="utf-8")
    result = run("build", cwd=mini)
    assert result.code == 0, result.err
    titles = {page: (mini / "site" / page / "index.html").read_text(encoding="utf-8").split("<title>")[1][:40]
              for page in ("lessons/short-lesson", "tracks/short-lesson", "skills/short-lesson")}
    assert [t.split(" - ")[0] for t in titles.values()] == [
        "Name the next step before you hang up", "A two-week starter plan", "Discovery"]


def test_a_fault_while_mkdocs_renders_a_page_names_the_page_in_one_line(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main
    from generator.plugin import CurriculumPlugin

    def broken(self: object, html: str, **kwargs: object) -> str:
        raise RuntimeError("unforeseen")

    monkeypatch.chdir(mini)
    monkeypatch.setattr(CurriculumPlugin, "on_page_content", broken)
    assert main(["build"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and lines[0].startswith("Validated "), lines
    assert re.fullmatch(r"error: the site build failed on [a-z/.-]+\.md \(RuntimeError: unforeseen at "
                        r"test_hostile\.py:\d+\); the previous site is unchanged\. This is a fault in the tool; "
                        r"please report it with this line\.", lines[1]), lines[1]
    assert not (mini / "site").exists()
