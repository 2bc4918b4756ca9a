"""YAML syntax errors as an author meets them: every broken input below, typed into a copy of a
shipped lesson, gives exactly the message below from `curriculum check`, on the line to change, with
the code of its kind of mistake (declared, with examples for the guide, in generator/codes.py).

The lesson is the fixture project's copy of the shipped discovery-pain-chain lesson (frozen, so that
editing the shipped lesson does not move the lines these messages name). A YAML syntax error is
explained in plain words, ends with libyaml's own words in brackets and shows the line with a caret
under the column; the few inputs YAML reads without an error but not as written (a text starting
with '&' or '!', a ' #1' that starts a comment) and a field left empty are reported by the loader
and the validator in one line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, code_of, guide_line, run

from generator.codes import CODES, YAML_SYNTAX
from generator.yamlerrors import EXCERPT_WIDTH, comment_cut, excerpt, explain

LESSON = "curriculum/lessons/discovery-pain-chain.yaml"
SOURCE = (FIXTURES / "mini" / LESSON).read_text(encoding="utf-8")

CASES: dict[str, tuple[str, str, str]] = {
    # what broke: (text in the lesson, what the author wrote instead, the whole message)
    "colon and space inside a text": (
        "summary: Turn the first",
        "summary: Note: turn the first",
        (f"{LESSON}:4:14: CUR002 "
         "the text contains ': ' (a colon and a space), which YAML reads as the start of a new "
         "field. Put the whole text in double quotes (\"...\"). [YAML: mapping values are not "
         "allowed in this context]\n"
         "  line 4 | summary: Note: turn the first problem a buyer names into its "
         "business cost with three follow-up ques…\n"
         "         |              ^"),
    ),
    "'#' cutting a text short": (
        "    - Pick one discovery call",
        "    - Pick the #1 discovery call",
        (f"{LESSON}:24:16: CUR003 "
         "prep.checklist[0]: the text stops before ' #', because YAML reads ' #' and what follows "
         "as a comment: '#1 discovery call the rep has in the nex…' is left out. Put the whole "
         "text in double quotes (\"...\")."),
    ),
    "one space too many inside prep:": (
        "  materials:\n",
        "   materials:\n",
        (f"{LESSON}:27:4: CUR004 "
         "this field is indented by 3 spaces, but `checklist:` on line 23, in the same group, by 2 "
         "spaces; the fields of one group must line up. Indent it by 2 spaces. [YAML: did not find "
         "expected key]\n"
         "  line 27 |    materials:\n"
         "          |    ^"),
    ),
    "one space too few inside prep:": (
        "  materials:\n",
        " materials:\n",
        (f"{LESSON}:27:2: CUR004 "
         "this field is indented by 1 space, which lines it up neither with `prep:` on line 21 (no "
         "spaces) nor with `checklist:` on line 23 (2 spaces). Indent it like the fields it "
         "belongs with. [YAML: did not find expected key]\n"
         "  line 27 |  materials:\n"
         "          |  ^"),
    ),
    "the first field of prep: one space too deep": (
        "  minutes: 5\n  checklist:",
        "   minutes: 5\n  checklist:",
        (f"{LESSON}:22:4: CUR004 "
         "this field is indented by 3 spaces, but the next field in `prep:` (`checklist:` on line "
         "23) by 2 spaces; the fields of one group must line up. Indent it by 2 spaces. [YAML: did "
         "not find expected key]\n"
         "  line 22 |    minutes: 5\n"
         "          |    ^"),
    ),
    "a field one space too deep, read as more text": (
        "  checklist:\n",
        "   checklist:\n",
        (f"{LESSON}:23:4: CUR004 "
         "this line is indented more than `minutes:` on line 22, so YAML reads it as more of that "
         "field's text. Indent it by 2 spaces, like `minutes:`. [YAML: mapping values are not "
         "allowed in this context]\n"
         "  line 23 |    checklist:\n"
         "          |    ^"),
    ),
    "a list item one space too shallow": (
        "    - Note the problem",
        "   - Note the problem",
        (f"{LESSON}:25:4: CUR005 "
         "this list item is indented by 3 spaces, but the items above it (line 24) by 4 spaces; "
         "the '-' of the items in one list must line up. Indent it by 4 spaces. [YAML: did not "
         "find expected key]\n"
         "  line 25 |    - Note the problem the buyer gave when the meeting was booked, "
         "in their words\n"
         "          |    ^"),
    ),
    "a field of a list item one space too shallow": (
        "    step: The pain chain",
        "   step: The pain chain",
        (f"{LESSON}:42:4: CUR004 "
         "this field is indented by 3 spaces, but the fields of its list item (`minutes:` on line "
         "41) by 4 spaces. Indent it by 4 spaces. [YAML: did not find expected '-' indicator]\n"
         "  line 42 |    step: The pain chain, shown on one example\n"
         "          |    ^"),
    ),
    "a double quote never closed": (
        "others: Anyone not in a trio",
        "others: \"Anyone not in a trio",
        (f"{LESSON}:215:11: CUR006 "
         "this quote (\") is never closed, so YAML reads the rest of the file as part of this text. "
         "Add the closing \" at the end of the text. [YAML: found unexpected end of stream]\n"
         "  line 215 |   others: \"Anyone not in a trio observes with the rubric and reads "
         "their notes out first.\n"
         "           |           ^"),
    ),
    "a double quote closed lines below": (
        "title: Follow the pain to its cost",
        "title: \"Follow the pain to its cost",
        (f"{LESSON}:3:8: CUR006 "
         "this quote (\") is not closed on its line, so YAML reads on to the next \", on line 32, "
         "and cannot read what follows it. Add the closing \" at the end of the text on this line. "
         "[YAML: did not find expected key]\n"
         "  line 3 | title: \"Follow the pain to its cost\n"
         "         |        ^"),
    ),
    "a single quote closed by an apostrophe lines below": (
        "    - Print or share the buyer card",
        "    - 'Print or share the buyer card",
        (f"{LESSON}:26:7: CUR007 "
         "this quote (') is not closed on its line, so YAML reads on to the next ', in \"buyer's\" "
         "on line 34, and cannot read what follows it. Add the closing ' at the end of the text on "
         "this line. [YAML: did not find expected '-' indicator]\n"
         "  line 26 |     - 'Print or share the buyer card and the rubric below\n"
         "          |       ^"),
    ),
    "a tab for indentation": (
        "  minutes: 5\n",
        "\tminutes: 5\n",
        (f"{LESSON}:22:1: CUR008 "
         "this line is indented with a tab, and YAML allows only spaces for indenting. Indent it "
         "with spaces only; here that is 2 spaces, to fit under `prep:` (line 21). [YAML: found "
         "character that cannot start any token]\n"
         "  line 22 | →minutes: 5\n"
         "          | ^"),
    ),
    "a '-' without a space": (
        "    - Note the problem",
        "    -Note the problem",
        (f"{LESSON}:25:5: CUR009 "
         "a list item needs a space after the '-'. Write `- Note the problem the buyer gave when "
         "the…`, with the space. [YAML: could not find expected ':']\n"
         "  line 25 |     -Note the problem the buyer gave when the meeting was booked, "
         "in their words\n"
         "          |     ^"),
    ),
    "a text starting with '*'": (
        "    - Print or share",
        "    - *Print* or share",
        (f"{LESSON}:26:7: CUR010 "
         "the text starts with '*', which YAML reads as a reference to another value (an alias). "
         "Put the whole text in double quotes (\"...\"). [YAML: did not find expected alphabetic or "
         "numeric character]\n"
         "  line 26 |     - *Print* or share the buyer card and the rubric below\n"
         "          |       ^"),
    ),
    "a text starting with '&'": (
        "summary: Turn the first",
        "summary: &Turn the first",
        (f"{LESSON}:4:10: CUR010 "
         "summary: the text starts with '&', which YAML reads as a name for the value (an anchor), "
         "so 'Turn' is left out of the text. Put the whole text in double quotes (\"...\")."),
    ),
    "a text starting with '!'": (
        "  - Curriculum team",
        "  - !Curriculum team",
        (f"{LESSON}:7:5: CUR059 "
         "authors[0]: the text starts with '!', which YAML reads as a tag naming the value's type "
         "('!Curriculum'), and tags are not allowed. Put the whole text in double quotes (\"...\")."),
    ),
    "a text starting with '@'": (
        "summary: Turn the first",
        "summary: @Priya: turn the first",
        (f"{LESSON}:4:10: CUR010 "
         "the text starts with '@', which YAML reads as a sign it reserves. Put the whole text in "
         "double quotes (\"...\"). [YAML: found character that cannot start any token]\n"
         "  line 4 | summary: @Priya: turn the first problem a buyer names into its "
         "business cost with three follow-up qu…\n"
         "         |          ^"),
    ),
    "a text starting with '%'": (
        "    - Buyer card for Priya",
        "    - %20 of the buyer card for Priya",
        (f"{LESSON}:28:7: CUR010 "
         "the text starts with '%', which YAML reads as a sign it reserves. Put the whole text in "
         "double quotes (\"...\"). [YAML: found character that cannot start any token]\n"
         "  line 28 |     - %20 of the buyer card for Priya Raman (below)\n"
         "          |       ^"),
    ),
    "a text starting with a backtick": (
        "    - Pain chain sheet, one for the rep",
        "    - `Pain chain` sheet, one for the rep",
        (f"{LESSON}:29:7: CUR010 "
         "the text starts with '`', which YAML reads as a sign it reserves. Put the whole text in "
         "double quotes (\"...\"). [YAML: found character that cannot start any token]\n"
         "  line 29 |     - `Pain chain` sheet, one for the rep\n"
         "          |       ^"),
    ),
    "a text starting with '{'": (
        "summary: Turn the first",
        "summary: {Draft} Turn the first",
        (f"{LESSON}:4:10: CUR010 "
         "the text starts with '{', which YAML reads as the start of fields written like {a: 1}, "
         "so it cannot read the words after the closing '}'. Put the whole text in double quotes "
         "(\"...\"). [YAML: did not find expected key]\n"
         "  line 4 | summary: {Draft} Turn the first problem a buyer names into its "
         "business cost with three follow-up qu…\n"
         "         |          ^"),
    ),
    "a text starting with '[' and never closed": (
        "title: Follow the pain",
        "title: [Draft Follow the pain",
        (f"{LESSON}:3:8: CUR010 "
         "the text starts with '[', which YAML reads as the start of a list written like [a, b], "
         "and there is no ']' on this line to close it. If it is a list, end it with ']'; if the "
         "'[' belongs to the text, put the whole text in double quotes (\"...\"). [YAML: did not "
         "find expected ',' or ']']\n"
         "  line 3 | title: [Draft Follow the pain to its cost\n"
         "         |        ^"),
    ),
    "a text starting with '[' with words after ']'": (
        "title: Follow the pain",
        "title: [Draft] Follow the pain",
        (f"{LESSON}:3:8: CUR010 "
         "the text starts with '[', which YAML reads as the start of a list written like [a, b], "
         "so it cannot read the words after the closing ']'. Put the whole text in double quotes "
         "(\"...\"). [YAML: did not find expected key]\n"
         "  line 3 | title: [Draft] Follow the pain to its cost\n"
         "         |        ^"),
    ),
    "a field without a value": (
        "stage: discovery\n",
        "stage:\n",
        (f"{LESSON}:10:7: CUR103 "
         "stage: is empty; expected one of prospecting, discovery, qualification, solution, "
         "proposal, negotiation, closing, expansion, any"),
    ),
    "a field without a colon": (
        "stage: discovery\n",
        "stage discovery\n",
        (f"{LESSON}:10:1: CUR014 "
         "this line has no ':' after the field name. Write `stage: discovery`. [YAML: could not "
         "find expected ':']\n"
         "  line 10 | stage discovery\n"
         "          | ^"),
    ),
    "a field without a space after the colon": (
        "stage: discovery\n",
        "stage:discovery\n",
        (f"{LESSON}:10:1: CUR014 "
         "a field name needs a space after its colon. Write `stage: discovery`. [YAML: could not "
         "find expected ':']\n"
         "  line 10 | stage:discovery\n"
         "          | ^"),
    ),
    "text after a closing quote": (
        "  - point: A problem without a cost is a preference",
        "  - point: \"So what's the next step?\" asks the rep.",
        (f"{LESSON}:57:37: CUR011 "
         "the text starts with a quote (\"), so YAML takes the text to end at the next \" (column "
         "37) and cannot read what follows it. Write `point: |` and put the text on the next line, "
         "indented by 6 spaces. [YAML: did not find expected key]\n"
         "  line 57 |   - point: \"So what's the next step?\" asks the rep.\n"
         "          |                                     ^"),
    ),
    "a quote inside a quoted text": (
        "  - point: Let the buyer say the number",
        "  - point: 'Let the buyer's number stand'",
        (f"{LESSON}:76:26: CUR017 "
         "the text is in single quotes and also holds a ' (column 26), which YAML reads as the "
         "closing quote. Put it in double quotes instead (\"...\"). [YAML: did not find expected "
         "key]\n"
         "  line 76 |   - point: 'Let the buyer's number stand'\n"
         "          |                          ^"),
    ),
    "'|' written twice": (
        "why: |\n",
        "why: | |\n",
        (f"{LESSON}:31:8: CUR012 "
         "there are two signs ('|' and '|') where one says that the text starts on the next line. "
         "Keep only the first: `why: |`. [YAML: did not find expected comment or line break]\n"
         "  line 31 | why: | |\n"
         "          |        ^"),
    ),
    "a '|' text line indented too little": (
        "  fit, and the demo starts",
        " fit, and the demo starts",
        (f"{LESSON}:33:2: CUR013 "
         "this line seems to belong to the text of `why: |` on line 31, whose lines are indented "
         "by 2 spaces. Indent it by 2 spaces too. [YAML: did not find expected key]\n"
         "  line 33 |  fit, and the demo starts twelve minutes in. Without a cost there "
         "is no urgency, no business case an…\n"
         "          |  ^"),
    ),
    "a '|' text whose first line is indented too much": (
        "why: |\n  Most discovery",
        "why: |\n    Most discovery",
        (f"{LESSON}:32:5: CUR013 "
         "the text of `why: |` takes its indentation from its first line, indented by 4 spaces, "
         "but the lines after it are indented by 2 spaces. Indent this line by 2 spaces too. "
         "[YAML: did not find expected key]\n"
         "  line 32 |     Most discovery calls stop at the symptom. The buyer says \"our "
         "onboarding is slow\", the rep hears…\n"
         "          |     ^"),
    ),
    "a '|' text not indented": (
        "why: |\n  Most discovery",
        "why: |\nMost discovery",
        (f"{LESSON}:32:1: CUR013 "
         "the text of `why: |` on line 31 must be indented. Start each of its lines with 2 spaces. "
         "[YAML: could not find expected ':']\n"
         "  line 32 | Most discovery calls stop at the symptom. The buyer says \"our "
         "onboarding is slow\", the rep hears a\n"
         "          | ^"),
    ),
    "a stray '---'": (
        "timing: before\n",
        "timing: before\n---\n",
        (f"{LESSON}:20:1: CUR015 "
         "the line '---' starts a second document, and a lesson, skill or track file holds one. "
         "Remove the line (only the first line of a file may be '---'). [YAML: expected a single "
         "document in the stream but found another document]\n"
         "  line 20 | ---\n"
         "          | ^"),
    ),
    "a stray '...'": (
        "timing: before\n",
        "timing: before\n...\n",
        (f"{LESSON}:20:1: CUR015 "
         "the line '...' marks the end of the YAML, so the lines after it cannot be read. Remove "
         "the line. [YAML: did not find expected <document start>]\n"
         "  line 20 | ...\n"
         "          | ^"),
    ),
    "a backslash in double quotes": (
        "    - Pain chain sheet, one for the rep",
        "    - \"Pain chain sheet, in C:\\Users\\shared\"",
        (f"{LESSON}:29:31: CUR016 "
         "inside double quotes, a backslash (\\) starts a special character such as \\n. Write two "
         "backslashes (\\\\) for one, or put the text in single quotes instead. [YAML: did not find "
         "expected hexdecimal number]\n"
         "  line 29 |     - \"Pain chain sheet, in C:\\Users\\shared\"\n"
         "          |                               ^"),
    ),
    "a list in [ ] holding a '['": (
        "formats:\n  - one-on-one\n  - team-meeting\n",
        "formats: [one-on-one, [team-meeting]\n",
        (f"{LESSON}:16:10: CUR018 "
         "YAML cannot read this list in '[]': separate its items with ', ' and put quotes around any "
         "item that holds a comma or a colon. If the '[' belongs to the text, put the whole text in "
         "double quotes (\"...\"). [YAML: did not find expected ',' or ']']\n"
         "  line 16 | formats: [one-on-one, [team-meeting]\n"
         "          |          ^"),
    ),
    "a list item after a field with a value": (
        "levels:\n  - new-hire\n  - developing\n",
        "levels: new-hire\n- developing\n",
        (f"{LESSON}:14:1: CUR019 "
         "this list item follows `levels: new-hire` on line 13, which already has a value, so YAML "
         "cannot tell what the item belongs to. For a list, write `levels:` alone on its line and each "
         "item below it. [YAML: did not find expected key]\n"
         "  line 14 | - developing\n"
         "          | ^"),
    ),
    "a text continued on a line not indented": (
        "business cost with three",
        "business cost\nwith three",
        (f"{LESSON}:5:1: CUR020 "
         "this line has no ': ', so YAML cannot read it as a field. If it continues the text of "
         "`summary:` on line 4, indent it by 2 spaces; if it is a field, write its name, ': ' and the "
         "value. [YAML: could not find expected ':']\n"
         "  line 5 | with three follow-up questions, before showing anything.\n"
         "         | ^"),
    ),
}

MOVED = {
    "the first field of prep: one space too deep": 23,
    "a double quote never closed": 229,
    "a double quote closed lines below": 32,
    "a single quote closed by an apostrophe lines below": 34,
    "a '-' without a space": 26,
    "a text starting with '[' and never closed": 4,
    "a field without a colon": 11,
    "a field without a space after the colon": 11,
    "a '|' text whose first line is indented too much": 33,
    "a '|' text not indented": 35,
    "a stray '...'": 21,
    "a list in [ ] holding a '['": 17,
    "a text continued on a line not indented": 6,
}
"""The cases where libyaml names another line than the one to change: the line it names."""

KIND = {
    "colon and space inside a text": "Colon and space in a text",
    "'#' cutting a text short": "Text cut short by ' #'",
    "one space too many inside prep:": "Field not lined up",
    "one space too few inside prep:": "Field not lined up",
    "the first field of prep: one space too deep": "Field not lined up",
    "a field one space too deep, read as more text": "Field not lined up",
    "a list item one space too shallow": "List item not lined up",
    "a field of a list item one space too shallow": "Field not lined up",
    "a double quote never closed": "Double quote not closed",
    "a double quote closed lines below": "Double quote not closed",
    "a single quote closed by an apostrophe lines below": "Single quote not closed",
    "a tab for indentation": "Tab instead of spaces",
    "a '-' without a space": "'-' without a space",
    "a text starting with '*'": "Text starts with a sign YAML reserves",
    "a text starting with '&'": "Text starts with a sign YAML reserves",
    "a text starting with '!'": "YAML tag not allowed",
    "a text starting with '@'": "Text starts with a sign YAML reserves",
    "a text starting with '%'": "Text starts with a sign YAML reserves",
    "a text starting with a backtick": "Text starts with a sign YAML reserves",
    "a text starting with '{'": "Text starts with a sign YAML reserves",
    "a text starting with '[' and never closed": "Text starts with a sign YAML reserves",
    "a text starting with '[' with words after ']'": "Text starts with a sign YAML reserves",
    "a field without a value": "Empty value",
    "a field without a colon": "Field without ': '",
    "a field without a space after the colon": "Field without ': '",
    "text after a closing quote": "Text after a closing quote",
    "a quote inside a quoted text": "Quote inside a quoted text",
    "'|' written twice": "Two '|' or '>' signs",
    "a '|' text line indented too little": "Lines of a '|' text not lined up",
    "a '|' text whose first line is indented too much": "Lines of a '|' text not lined up",
    "a '|' text not indented": "Lines of a '|' text not lined up",
    "a stray '---'": "Stray '---' or '...'",
    "a stray '...'": "Stray '---' or '...'",
    "a backslash in double quotes": "Backslash in double quotes",
    "a list in [ ] holding a '['": "List in [ ] YAML cannot read",
    "a list item after a field with a value": "List item after a field with a value",
    "a text continued on a line not indented": "Line that is not a field",
}
"""The kind of mistake each case is, as generator/codes.py names it: the case's message carries that
kind's code. A text starting with '!' is a YAML tag (CUR059), and an empty field is found after YAML
has read the file (CUR103)."""

SYNTAX = [name for name, (_, _, message) in CASES.items() if " [YAML: " in message]


def broken(case: str) -> str:
    old, new, _ = CASES[case]
    assert old in SOURCE, f"fixture changed: {old!r} not in {LESSON}"
    return SOURCE.replace(old, new, 1)


@pytest.mark.parametrize("case", list(CASES))
def test_broken_yaml_gets_a_plain_message_on_the_line_to_change(mini: Path, case: str) -> None:
    (mini / LESSON).write_text(broken(case), encoding="utf-8")
    result = run("check", cwd=mini)
    assert result.code == 1
    assert "Traceback" not in result.err
    message = CASES[case][2]
    assert result.err == f"{message}\n1 problem found; nothing was built.\n{guide_line(code_of(message))}\n"


def test_the_table_holds_at_least_15_kinds_of_syntax_error() -> None:
    assert len(SYNTAX) >= 15


def test_each_kind_of_mistake_has_its_own_code() -> None:
    """Each case's message carries the code generator/codes.py declares for the case's kind, the cases
    of two kinds never share a code, and every kind of YAML mistake has a case in the table."""
    assert set(KIND) == set(CASES), "name the kind of every case"
    declared = {entry.name: code for code, entry in CODES.items()}
    assert len(declared) == len(CODES), "two codes have one name"
    kinds: dict[str, set[str]] = defaultdict(set)
    for case, kind in KIND.items():
        code = code_of(CASES[case][2])
        assert code == declared[kind], f"{case}: {code} ({CODES[code].name}) is not the code of {kind!r}"
        kinds[code].add(kind)
    assert {code: names for code, names in kinds.items() if len(names) > 1} == {}
    syntax = {entry.code for entry in YAML_SYNTAX.codes} - {"CUR001"}  # CUR001: the general words, below
    assert sorted(syntax - set(kinds)) == [], "a kind of YAML mistake with no case in the table"


@pytest.mark.parametrize("case", SYNTAX)
def test_no_message_is_only_libyaml_words(case: str) -> None:
    first, *shown = CASES[case][2].split("\n")
    plain, _, libyaml = first.partition(" [YAML: ")
    words = libyaml.removesuffix("]")
    assert words and words not in plain
    assert len(plain.split(": ", 1)[1]) > 2 * len(words), "the explanation says more than libyaml"
    line, column = map(int, re.match(rf"{LESSON}:(\d+):(\d+): ", first).groups())
    assert shown[0].startswith(f"  line {line} | "), "the line shown is the line named"
    assert shown[0].rstrip() != f"  line {line} |", "the line shown holds text"
    if len(broken(case).splitlines()[line - 1]) <= EXCERPT_WIDTH:
        assert shown[1].index("^") - shown[1].index("|") - 2 == column - 1, "the caret is under the column"


@pytest.mark.parametrize("case", SYNTAX)
def test_the_line_to_change_is_not_always_where_libyaml_stopped(case: str) -> None:
    text = broken(case)
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    mark = caught.value.problem_mark
    named = int(re.match(rf"{LESSON}:(\d+):", CASES[case][2]).group(1))
    assert MOVED.get(case, named) == mark.line + 1


@pytest.mark.parametrize("case", SYNTAX)
def test_explanations_do_not_depend_on_libyaml(case: str) -> None:
    """PyYAML's own parser words its errors differently; the explanation and the line stay the same."""
    text = broken(case)
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=yaml.SafeLoader)
    explained = explain(text, caught.value)
    sentence, _, rest = explained.message.partition(" [YAML: ")
    first, *shown = CASES[case][2].split("\n")
    located = f"{LESSON}:{explained.line}:{explained.column}: {explained.code} {sentence}"
    assert located == first.partition(" [YAML: ")[0]
    assert rest.split("\n")[1:] == shown


def test_github_format_gives_one_annotation_with_the_line_and_caret(mini: Path) -> None:
    (mini / LESSON).write_text(broken("colon and space inside a text"), encoding="utf-8")
    result = run("check", "--format", "github", cwd=mini)
    assert result.code == 1
    assert result.out == (
        f"::error file={LESSON},line=4,col=14,title=CUR002 Colon and space in a text::the text contains ': ' "
        "(a colon and a space), which YAML reads as the start of a new field. Put the whole text in double "
        "quotes (\"...\"). [YAML: mapping values are not allowed in this context]%0A  line 4 | summary: "
        "Note: turn the first problem a buyer names into its business cost with three follow-up ques…%0A"
        "         |              ^\n"
    )


def test_a_comment_written_as_a_comment_is_left_alone(mini: Path) -> None:
    text = SOURCE.replace("  minutes: 5\n", "  minutes: 5  # the manager's prep\n", 1)
    text = text.replace("five days and open it in the CRM", "five days # or this week", 1)
    (mini / LESSON).write_text(text, encoding="utf-8")
    result = run("check", cwd=mini)
    assert result.code == 0, result.err
    assert comment_cut("    - Call #2 of the week", 10) == (11, (
        "the text stops before ' #', because YAML reads ' #' and what follows as a comment: '#2 of the week' "
        "is left out. Put the whole text in double quotes (\"...\")."))
    assert comment_cut("    - Call # two of the week", 10) is None


def test_excerpt_cuts_a_long_line_around_the_caret_and_shows_a_tab() -> None:
    line = "why: " + "word " * 60 + "Note: here " + "word " * 20
    column = line.index("Note:") + 4
    shown, caret = excerpt([line], 0, column).split("\n")
    assert shown.startswith("  line 1 | … word") and shown.endswith("…")
    assert len(shown) == len("  line 1 | ") + EXCERPT_WIDTH + 2
    assert shown[caret.index("^")] == ":"
    assert excerpt(["\tminutes: 5"], 0, 0) == "  line 1 | →minutes: 5\n         | ^"
    assert excerpt(["title: 日本語: x"], 0, 10) == "  line 1 | title: 日本語: x\n         |              ^"


def test_a_list_never_closed_at_the_end_of_the_file_points_at_its_opening() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose("id: x\ntitle: [", Loader=yaml.CSafeLoader)
    explained = explain("id: x\ntitle: [", caught.value)
    assert (explained.line, explained.column) == (2, 8)  # libyaml names line 3, past the end of the file


def test_a_rule_that_recognises_nothing_leaves_the_general_words_at_libyaml_line() -> None:
    text = "id: x\nsummary: a text # and a comment\n  and more text\n"
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    explained = explain(text, caught.value)
    assert explained.message.startswith("YAML cannot read the file from here. Look on this line and the one")
    assert explained.code == "CUR001"
    assert explained.message.count("\n") == 2
