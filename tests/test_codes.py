"""Problem codes: each kind of problem has one code, declared once, used, and explained in the guide."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from conftest import REPO, code_of, guide_line, run
from test_authoring import WARNINGS
from test_errors import CASES

from generator.codes import CODES, GROUPS, YAML_SYNTAX
from generator.load import load_file
from generator.problems import CurriculumError, Problem

GENERATOR = REPO / "generator"
MENTION = re.compile(r"\bCUR\d{3}\b")
USE = re.compile(r"""["'](CUR\d{3})["']""")
"""A code as a string literal in the code: where a problem of that kind is made."""


def _sources(*suffixes: str) -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(GENERATOR.rglob("*"))
            if path.suffix in suffixes}


def test_every_code_mentioned_in_the_generator_is_declared() -> None:
    for path, text in _sources(".py", ".j2", ".md", ".js").items():
        for code in MENTION.findall(text):
            assert code in CODES, f"{path.relative_to(REPO)} mentions {code}, which generator/codes.py does not declare"


def test_no_two_declarations_share_a_code() -> None:
    declared = [code.code for group in GROUPS for code in group.codes]
    assert len(declared) == len(set(declared)), sorted(c for c in declared if declared.count(c) > 1)


def test_every_declared_code_is_used_where_problems_are_made() -> None:
    used = {code for path, text in _sources(".py").items() if path.name != "codes.py" for code in USE.findall(text)}
    assert sorted(set(CODES) - used) == [], "declared but never reported: remove them or report them"


def test_each_code_lies_in_its_group_in_order() -> None:
    for group in GROUPS:
        numbers = [int(code.code[3:]) for code in group.codes]
        assert all(group.first <= n <= group.last for n in numbers), group.title
        assert numbers == sorted(numbers), group.title


@pytest.mark.parametrize("code", list(CODES))
def test_every_code_is_explained_with_examples(code: str) -> None:
    entry = CODES[code]
    assert entry.name and entry.explanation.endswith(".") and entry.wrong != entry.right
    assert "\n" not in entry.explanation, "one paragraph"
    yaml.compose(entry.right, Loader=yaml.SafeLoader)  # the right example is valid YAML
    if code not in {c.code for c in GROUPS[0].codes}:  # only a YAML syntax error's wrong example is not
        yaml.compose(entry.wrong, Loader=yaml.SafeLoader)


@pytest.mark.parametrize("code", [code.code for code in YAML_SYNTAX.codes])
def test_a_yaml_mistake_s_examples_show_that_mistake(tmp_path: Path, code: str) -> None:
    """The guide's wrong example of a kind of YAML mistake is reported under its code and nothing else,
    and the right example is read without a problem, so the examples an author copies from are true."""
    entry = CODES[code]

    def problems(text: str) -> list[Problem]:
        path = tmp_path / "lesson.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_file(path, "lesson.yaml")
        except CurriculumError as error:
            return list(error.problems)
        return []

    assert [problem.code for problem in problems(entry.wrong)] == [code]
    assert problems(entry.right) == []


def test_the_built_guide_has_an_anchor_for_every_code(shipped_site) -> None:
    html = (shipped_site.site / "authoring" / "index.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="(CUR\d{3})"', html))
    assert anchors == set(CODES)


def test_two_kinds_of_problem_never_share_a_code() -> None:
    """Each error case of test_errors and each warning case of test_authoring is one kind of problem:
    the lines it expects (asserted there against the real output) all carry one code, and no other
    case carries it."""
    # Cases that try one kind of problem in several places.
    same_kind = {case: "curly quotes" for case in WARNINGS if "curly" in case}
    kinds: dict[str, set[str]] = defaultdict(set)
    for case, (_, lines) in CASES.items():
        for line in lines:
            kinds[code_of(line)].add(case)
        assert len({code_of(line) for line in lines}) == 1, case
    for case, (_, line) in WARNINGS.items():
        if line:
            kinds[code_of(line)].add(same_kind.get(case, case))
    assert {code: cases for code, cases in kinds.items() if len(cases) > 1} == {}


def test_github_annotations_carry_the_code_and_its_name_in_the_title() -> None:
    for code, entry in CODES.items():
        annotation = Problem("lessons/a,b.yaml", 3, 4, "objective", "is wrong: 50% of it", code=code).github()
        assert annotation.startswith("::error file=lessons/a%2Cb.yaml,line=3,col=4,title=")
        title = annotation.split(",title=", 1)[1].split("::", 1)[0]
        assert title == f"{code} {entry.name}".replace(",", "%2C").replace(":", "%3A")
        assert annotation.endswith("::objective: is wrong: 50%25 of it")


def test_check_ends_with_where_the_guide_explains_the_codes(mini: Path) -> None:
    CASES["wrong type"][0](mini)
    result = run("check", cwd=mini, SITE_URL="https://coaching.example.org/team/")
    assert result.err.splitlines()[-1] == (
        "Each code is explained in the authoring guide: https://coaching.example.org/team/authoring/#CUR104"
    )
    assert run("check", cwd=mini).err.splitlines()[-1] == guide_line("CUR104")

