"""Property-based tests: whatever bytes a lesson file holds, the loader and validator either accept
it or raise the project's own error, with a file and a line, and never anything else. Each problem is
one line, except a YAML syntax error, which adds the line to change and a caret under the column."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import REPO
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
