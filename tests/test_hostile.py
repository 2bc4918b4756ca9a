"""Hostile input: whatever an author (or a fork's pull request) pushes, the answer is a clear error.

Each case writes files into a copy of the fixture project and runs `curriculum check`. It must exit
with the expected status and exactly the expected lines, print no traceback, and stay within the
resource guards below (they catch hangs and memory bombs; speed itself is measured by the benchmark).
"""

from __future__ import annotations

import os
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
