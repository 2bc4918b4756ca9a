"""Property-based tests: whatever bytes a lesson file holds, the loader and validator either accept
it or raise the project's own error, with a file and a line, and never anything else. Each problem is
one line, except a YAML syntax error, which adds the line to change and a caret under the column; and
whatever Markdown a lesson's text holds, a whole build either fails cleanly or builds a site with no
script in it."""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, TODAY_EPOCH, make_project, set_lesson_fields
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load import load_file
from generator.model import build_model
from generator.problems import CurriculumError
from generator.validate import validate

REAL = sorted((REPO / "curriculum/lessons").glob("*.yaml"))
YAMLISH = st.text(alphabet=st.sampled_from(list("abc-_: \n\t'\"[]{},&*!|>#%@`?0123456789.\\") + ["\u00e9", "\x00"]),
                  max_size=400)


def _outcome(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.yaml"
        path.write_bytes(data)
        try:
            doc = load_file(path, "lessons/fuzzed.yaml")
            problems = validate({"lesson": [doc], "skill": [], "track": []})
            if not problems:
                build_model({"lesson": [doc], "skill": [], "track": []})
        except CurriculumError as error:
            problems = list(error.problems)
        for problem in problems:
            assert problem.file == "lessons/fuzzed.yaml"
            assert problem.line >= 1 and problem.column >= 1
            first, *excerpt = str(problem).split("\n")
            assert first.startswith(f"{problem.file}:{problem.line}:{problem.column}: ") and problem.message
            if excerpt:  # a YAML syntax error shows the line to change and a caret under the column
                assert len(excerpt) == 2
                assert excerpt[0].startswith(f"  line {problem.line} | ")
                assert excerpt[1].endswith("^")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_generated_yaml_only_fails_with_located_project_errors(text: str) -> None:
    _outcome(text.encode("utf-8"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(REAL),
    st.lists(st.tuples(st.sampled_from(["delete", "insert", "duplicate", "swap", "bytes"]),
                       st.integers(0, 10_000), st.integers(1, 40), st.text(max_size=12)), min_size=1, max_size=4),
)
def test_mutated_real_lessons_only_fail_with_located_project_errors(path: Path, edits: list) -> None:
    data = path.read_bytes()
    for kind, where, size, text in edits:
        at = where % (len(data) + 1)
        lines = data.split(b"\n")
        if kind == "delete":
            data = data[:at] + data[at + size:]
        elif kind == "insert":
            data = data[:at] + text.encode("utf-8") + data[at:]
        elif kind == "duplicate":
            line = where % len(lines)
            lines.insert(line, lines[line])
            data = b"\n".join(lines)
        elif kind == "swap":
            a, b = where % len(lines), (where + size) % len(lines)
            lines[a], lines[b] = lines[b], lines[a]
            data = b"\n".join(lines)
        else:
            data = data[:at] + bytes([size * 6 % 256]) + data[at:]
    _outcome(data)


# A whole build on crafted Markdown: every text field of a lesson reaches MkDocs' Markdown (and the
# printable views' own), where a link or an image the filters did not foresee once stopped the build
# with an AssertionError. Each case: exit status 0 or 1 with no traceback, no site at all on 1, and
# on 0 a site with no script of the author's, no event handler and no script or data address.

LINKS = [
    "[a](javascript:alert(1))", "[a](JaVaScRiPt:alert(1))", "[a]( javascript:alert(1) )", "[a](<javascript:alert(1)>)",
    "[c](java\nscript:alert(1))", "[a](java\tscript:alert(1))", "[d](data:text/html,<script>alert(5)</script>)",
    "[a](javascript:alert((1)))", '[a](javascript:alert(1) "t")', "[a](vbscript:alert(1))", "[a](&#106;avascript:alert(1))",
    "[a](javascript&colon;alert(1))", "[a](%6Aavascript:alert(1))", "[a](https://e.org/<b>)", "[](javascript:alert(1))",
    '[a](https://e.org/"onmouseover="alert(1))', "[a]()", "[a](javascript:alert(1)", "[a [b](javascript:alert(1))](c)",
    "[a](mailto:x@example.org)", "[a](<java\nscript:alert(1)>)", "[a](\njavascript:alert(1))", "[a](javascript:alert(1)\n)",
    "[a](  \n  javascript:alert(1))", "[<b>](javascript:alert(1))", "[a](javascript:/*</script>*/alert(1))",
    "[a](https://x.org)[b](javascript:alert(1))", 
    "[a](https://example.org/<img src=x onerror=alert(1)>)", "[**b** *c*](javascript:alert(1))",
]
IMAGES = [
    "![i](javascript:alert(1))", "![i](data:image/svg+xml,<svg onload=alert(1)>)", '![i](https://e.org/x.png "t")',
    "![](<javascript:alert(1)>)", "[![i](https://e.org/x.png)](javascript:alert(1))", "![a](javascript:alert(1))![b](c)",
]
REFERENCES = [
    "[x][r]\n\n[r]: javascript:alert(1)", "[x][r]\n\n[r]: <javascript:alert(1)>", "[x][r]\n\n[r]:\njavascript:alert(1)",
    "[x][R]\n\n[r]: javascript:alert(1)", "[x]\n\n[x]: java\nscript:alert(1)", "[x][]\n\n   [x]: data:text/html,alert(1)",
    '[x][r]\n\n[r]: https://e.org "<script>alert(1)</script>"',
]
HTML = [
    "<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>', "<img src=x onerror=alert(1)>", "<!-- c -->",
    '<div markdown="1">*x*</div>', "&#60;script&#62;alert(1)&#60;/script&#62;", "<svg><script>alert(1)</script>",
    "</p>", "<![CDATA[x]]>", "# h {: onclick=alert(1) }", "{: #id onclick=alert(1) }", '!!! note "<script>alert(1)</script>"\n    x',
]
AUTOLINKS = ["<javascript:alert(1)>", "<https://e.org>", "<x@example.org>", "<mailto:x@example.org>", "https://e.org"]
EMPHASIS = ["*a", "**a*", "_a_b_", "***", "`code`", "`unclosed", "```\n[a](javascript:alert(1))\n```", "~~~",
            "    indented [a](javascript:alert(1))", "> [a](javascript:alert(1))", "- [ ] task", "\\", "]", "[", "](",
            "| a | b |\n|---|---|\n| [a](javascript:alert(1)) | c |", "[^1]\n\n[^1]: x", "*[HTML]: x"]
FRAGMENTS = LINKS + IMAGES + REFERENCES + HTML + AUTOLINKS + EMPHASIS
PARTIAL = [  # a link to an address that is not a full web address: a located error, as print-outs cannot follow it
    "[a](<javascript:alert(1)>)", "[a](&#106;avascript:alert(1))", "[a](javascript&colon;alert(1))",
    "[a](%6Aavascript:alert(1))", "[a]()", "[a [b](javascript:alert(1))](c)", "[a](<java\nscript:alert(1)>)",
    "![](<javascript:alert(1)>)", "![a](javascript:alert(1))![b](c)",
    "[x][r]\n\n[r]: <javascript:alert(1)>", "[x]\n\n[x]: java\nscript:alert(1)", "[^1]\n\n[^1]: x",
]
SHOWN = [f for f in FRAGMENTS if f not in PARTIAL]
INVISIBLE = ["[a](java\u200bscript:alert(1))", "[a](\x00javascript:alert(1))", "[a](java\u202escript:alert(1))",
             "\u2066[a](javascript:alert(1))\u2069"]  # refused before any link is looked at
MARKDOWN_FIELDS = (("why",), ("teaching_points", 0, "good"), ("teaching_points", 0, "weak"), ("assignment", "task"),
                   ("resistance", 0, "manager_responds"), ("resistance", 1, "manager_responds"))
ONE_LINE_FIELDS = (("title",), ("objective",), ("prep", "checklist", 0), ("reinforcement", 0, "action"),
                   ("agenda", 0, "step"), ("rubric", 0, "behaviour"))
_UNSAFE_URL = re.compile(r"(javascript|data|vbscript):")


def _build(texts: dict[tuple[str | int, ...], str], command: str = "build") -> tuple[int, str]:
    """Run ``command`` on the fixture project with ``texts`` in the short lesson's fields; after a build,
    check that it failed cleanly (no site at all) or that the site has nothing live in it."""
    import os

    from generator.cli import main

    with tempfile.TemporaryDirectory() as folder:
        root = make_project(Path(folder) / "project", FIXTURES / "mini" / "curriculum")
        set_lesson_fields(root, {path: f"Text {text}" for path, text in texts.items()})
        err = io.StringIO()
        saved = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = TODAY_EPOCH
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(["--root", str(root), command])
        finally:
            if saved is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = saved
        text = err.getvalue()
        assert code in (0, 1), text
        assert "Traceback" not in text and "fault in the tool" not in text, text
        if code == 1:
            assert not (root / "site").exists(), "a failed build leaves no site"
        for page in (root / "site").rglob("*.html"):
            html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for element in html.find_all(True):
                for name, value in element.attrs.items():
                    assert not name.lower().startswith("on"), (page, element)
                    squeezed = re.sub(r"[\x00-\x20\x7f]", "", value if isinstance(value, str) else "").lower()
                    assert not _UNSAFE_URL.match(squeezed), (page, element)
            for script in html.find_all("script"):
                assert "alert" not in script.get_text() and "alert" not in script.get("src", ""), (page, script)
        return code, text


def test_every_crafted_markdown_case_builds_a_site_with_nothing_live() -> None:
    one_line = [f for f in SHOWN if "\n" not in f]
    rounds = max(-(-len(SHOWN) // len(MARKDOWN_FIELDS)), -(-len(one_line) // len(ONE_LINE_FIELDS)))
    for n in range(rounds):
        texts = {path: SHOWN[(n * len(MARKDOWN_FIELDS) + i) % len(SHOWN)] for i, path in enumerate(MARKDOWN_FIELDS)}
        texts |= {path: one_line[(n * len(ONE_LINE_FIELDS) + i) % len(one_line)] for i, path in enumerate(ONE_LINE_FIELDS)}
        code, err = _build(texts)
        assert code == 0, (texts, err)


@pytest.mark.parametrize("fragment", PARTIAL)
def test_a_link_a_print_out_cannot_follow_is_a_located_error(fragment: str) -> None:
    texts = {("why",): fragment} | ({("objective",): fragment} if "\n" not in fragment else {})
    code, err = _build(texts, "check")
    problems = err.splitlines()[:-2]  # then the count, and where the guide explains the code
    assert code == 1 and problems, err
    for problem in problems:
        assert re.match(r".*short-lesson\.yaml:\d+:\d+: CUR119 (why|objective): has a link (to '.*', which is not a full web "
                        r"address|with no address)", problem), problem


@pytest.mark.parametrize("fragment", INVISIBLE)
def test_a_link_hidden_by_an_invisible_character_is_a_located_error(fragment: str) -> None:
    code, err = _build({("why",): fragment, ("objective",): fragment}, "check")
    problems = err.splitlines()[:-2]  # then the count, and where the guide explains the code
    assert code == 1 and len(problems) == 2, err
    for problem in problems:
        assert re.match(r".*short-lesson\.yaml:\d+:\d+: CUR118 (why|objective): contains an invisible .* \(U\+[0-9A-F]{4}\)",
                        problem), problem


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_combined_markdown_builds_safely_or_fails_cleanly(data: st.DataObject) -> None:
    joined = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3).flatmap(
        lambda parts: st.sampled_from(["", " ", "\n", "\n\n"]).map(lambda sep: sep.join(parts)))
    fields = data.draw(st.lists(st.sampled_from(MARKDOWN_FIELDS), min_size=1, max_size=3, unique=True))
    _build({path: data.draw(joined) for path in fields})
