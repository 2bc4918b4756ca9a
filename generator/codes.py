"""Every kind of problem the tool reports, each under a stable code, explained for authors.

A code names one kind of problem for good: the author reads it in ``curriculum check``, a pull
request shows it in the annotation's title, and the authoring guide has one anchor per code
(``/authoring/#CUR104``) with the explanation and a wrong and a right example. The code is passed
where the problem is made (``code="CUR104"``), never looked up from the message's words, so a
message can be reworded without changing what it is. Tests check that every code used in
``generator/`` is declared here exactly once, that every code declared here is used, and that the
built guide has an anchor for each.

To add a kind of problem, declare it below in its group's range with the next free number and pass
its code where the problem is made. A released code is never renumbered or given another meaning;
one no longer reported is deleted and its number is not reused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One kind of problem: what an author needs to recognise it and fix it alone."""

    code: str
    name: str
    """A few words, shown in GitHub's annotation title and as the guide's heading."""
    explanation: str
    """One paragraph for an author who is not a developer: what is wrong and what to do."""
    wrong: str
    """YAML (or a file name, as a YAML comment) that has the problem."""
    right: str
    """The same, fixed."""


@dataclass(frozen=True)
class Group:
    """A range of codes for one stage of checking; the guide shows the groups in this order."""

    first: int
    last: int
    title: str
    description: str
    codes: tuple[Code, ...]


YAML_SYNTAX = Group(
    1, 49, "YAML syntax",
    "The file is not valid YAML, or YAML reads a text other than as it is written, so the fields "
    "cannot be read as meant until this is fixed. Each kind of YAML mistake the tool recognises has "
    "its own code; CUR001 is for the rest. The whole range is kept for the kinds of YAML mistake.",
    (
        Code(
            "CUR001", "YAML syntax error",
            "The file breaks a rule of YAML, the notation the lessons are written in, in a way the tool "
            "cannot name more precisely, so it cannot tell where one field ends and the next begins. The "
            "line and column point at where YAML gave up, which is at or just after the mistake: look on "
            "that line and the one above it. The usual causes are a colon followed by a space inside a "
            "one-line text, a comment (`# ...`) in the middle of a text that goes on below it, "
            "indentation that does not line up with the lines above, a quote or bracket that is opened but "
            "not closed, and a tab instead of spaces. Put a text that holds a colon and a space, or a `#`, "
            "in quotes, or write it on the lines below a `|`, and indent with two spaces per level.",
            "summary: Ask for the next step  # before the call ends\n  and note its date\n",
            "summary: Ask for the next step and note its date  # before the call ends\n",
        ),
        Code(
            "CUR002", "Colon and space in a text",
            "YAML reads a colon followed by a space, or a colon at the end of a line, as the end of a "
            "field's name, so a text that holds one looks like a second field inside the first. Put the "
            "whole text in double quotes, or write `|` after the field name and put the text on the lines "
            "below, indented by two more spaces, where a colon is an ordinary character. When the text "
            "already starts on the line below its field, write `|` after the field name.",
            "summary: Note: meet a price objection with a question\n",
            "summary: \"Note: meet a price objection with a question\"\n",
        ),
        Code(
            "CUR003", "Text cut short by ' #'",
            "In YAML, a space followed by `#` starts a comment, a note for whoever edits the file that is "
            "not part of the content. In a text that is not in quotes, the `#` and everything after it on "
            "the line are therefore left out, without an error: `the #1 call` becomes `the`. Put the "
            "whole text in double quotes. A comment written as a comment, with a space after the `#` "
            "(`# like this`), is left alone.",
            "summary: Pick the #1 call of the week\n",
            "summary: \"Pick the #1 call of the week\"\n",
        ),
        Code(
            "CUR004", "Field not lined up",
            "The fields of one group, such as the fields under `prep:` or the fields of one list item, "
            "must start in the same column. This field is indented by more or fewer spaces than the other "
            "fields of its group, so YAML cannot tell which group it belongs to, or reads it as more of "
            "the text of the field above. The message says how many spaces it needs. Indent with spaces "
            "only, two more for each level.",
            "prep:\n  minutes: 5\n   checklist: [Open the rep's calendar]\n",
            "prep:\n  minutes: 5\n  checklist: [Open the rep's calendar]\n",
        ),
        Code(
            "CUR005", "List item not lined up",
            "Each item of a list starts with a dash and a space, and the dashes of one list must be in "
            "the same column. This item's dash is indented by a different number of spaces from the "
            "items above it, so YAML cannot tell which list it belongs to. Indent it like the other items; "
            "the message says by how many spaces.",
            "checklist:\n  - Open the rep's calendar\n - Note the problem the buyer gave\n",
            "checklist:\n  - Open the rep's calendar\n  - Note the problem the buyer gave\n",
        ),
        Code(
            "CUR006", "Double quote not closed",
            "A text that starts with a double quote (`\"`) ends at the next double quote. This one is not "
            "closed on its line, so YAML reads on through the lines below, to the next `\"` or to the end "
            "of the file, and cannot read what follows. The message points at the opening quote, which may "
            "be many lines above where YAML gave up: add the closing `\"` at the end of the text on that "
            "line.",
            "title: \"Name the next step\nsummary: End each call with a dated next step.\n",
            "title: \"Name the next step\"\nsummary: End each call with a dated next step.\n",
        ),
        Code(
            "CUR007", "Single quote not closed",
            "A text that starts with a single quote (`'`) ends at the next single quote, which is often an "
            "apostrophe lines below (`buyer's`). This one is not closed on its line, so YAML reads on to "
            "that next `'`, or to the end of the file, and cannot read what follows. The message points at "
            "the opening quote: add the closing `'` at the end of the text on that line. If the `'` at the "
            "start belongs to the text, put the whole text in double quotes instead.",
            "title: 'Name the next step\nsummary: Ends with the buyer's next step.\n",
            "title: 'Name the next step'\nsummary: Ends with the buyer's next step.\n",
        ),
        Code(
            "CUR008", "Tab instead of spaces",
            "The line holds a tab character where YAML allows only spaces: YAML never accepts a tab for "
            "indenting. Editors often show a tab as a few spaces, so the line may look right; the message "
            "shows the tab as →. Replace it with spaces, two for each level. Most editors can be set to "
            "type spaces when the Tab key is pressed.",
            "prep:\n\tminutes: 5   # indented with a tab\n",
            "prep:\n  minutes: 5   # indented with two spaces\n",
        ),
        Code(
            "CUR009", "'-' without a space",
            "A list item starts with a dash and a space. Without the space, YAML reads `-Note` as a "
            "text that starts with a dash, not as a new item, and the lines around it no longer fit "
            "together. Put a space after the dash.",
            "checklist:\n  - Open the rep's calendar\n  -Note the problem the buyer gave\n",
            "checklist:\n  - Open the rep's calendar\n  - Note the problem the buyer gave\n",
        ),
        Code(
            "CUR010", "Text starts with a sign YAML reserves",
            "YAML gives a meaning to some signs at the start of a value: an asterisk (`*`) or an ampersand "
            "(&) names a value to repeat elsewhere, a square bracket (`[`) or a brace ({) starts a list or "
            "fields written on one line, `|` and `>` say that the text starts on the next line, a dash and "
            "a space start a list item, a colon starts a value, and `@`, `%` and the backtick are kept for "
            "later use. A text that starts with one of them is not read as written: YAML stops with an "
            "error, or, after an ampersand, silently drops the first word. Put the whole text in double "
            "quotes. A text that starts with `!` is CUR059.",
            "title: *Never* skip the next step\n",
            "title: \"*Never* skip the next step\"\n",
        ),
        Code(
            "CUR011", "Text after a closing quote",
            "A text that starts with a quote mark ends at the matching quote mark, so words written after "
            "it on the line, as in dialogue (`\"Yes?\" she asks.`), cannot be read. Put the whole text in "
            "the other kind of quotes (single quotes around a text that holds a double quote), or, when it "
            "holds both kinds, write `|` after the field name and put the text on the next line, indented "
            "by two more spaces.",
            "good: \"So what's the next step?\" asks the rep.\n",
            "good: |\n  \"So what's the next step?\" asks the rep.\n",
        ),
        Code(
            "CUR012", "Two '|' or '>' signs",
            "A `|` (or `>`) after a field name says that its text starts on the next line. It is written "
            "once, at the end of the field's line, and the line has two of them. Keep the first.",
            "why: | |\n  Most discovery calls stop at the symptom.\n",
            "why: |\n  Most discovery calls stop at the symptom.\n",
        ),
        Code(
            "CUR013", "Lines of a '|' text not lined up",
            "The lines of a text written below `|` (or `>`) must all be indented further than its field "
            "name, and YAML takes their indentation from the first line: a later line indented less than "
            "the first ends the text, and YAML then tries to read it as a field. Indent every line of the "
            "text by the same number of spaces, two more than the field name; a blank line may stay "
            "empty.",
            "why: |\n  Most discovery calls stop at the symptom.\n Without a cost there is no urgency.\n",
            "why: |\n  Most discovery calls stop at the symptom.\n  Without a cost there is no urgency.\n",
        ),
        Code(
            "CUR014", "Field without ': '",
            "A field is written as its name, a colon and a space, then its value: `stage: discovery`. The "
            "colon is missing, or the space after it, so YAML cannot tell where the name ends. Add the "
            "colon and the space.",
            "id: discovery-next-step\nstage discovery\nminutes:10\n",
            "id: discovery-next-step\nstage: discovery\nminutes: 10\n",
        ),
        Code(
            "CUR015", "Stray '---' or '...'",
            "A line of three dashes (`---`) or three dots (`...`) marks where a YAML document starts or "
            "ends, and a lesson, skill or track file is one document: a `---` anywhere but on the first "
            "line starts a second one, and after `...` nothing more is read. Such a line is often typed to "
            "separate parts of the file. Remove it; a blank line or a comment (`# prep`) separates parts "
            "instead.",
            "timing: before\n---\nprep:\n  minutes: 5\n",
            "timing: before\n\n# prep\nprep:\n  minutes: 5\n",
        ),
        Code(
            "CUR016", "Backslash in double quotes",
            "Inside double quotes, a backslash (`\\`) starts a special character, such as `\\n` for a new "
            "line, and most other letters after a backslash are an error. To write a backslash itself, "
            "write two (`\\\\`), or put the text in single quotes, where a backslash is an ordinary "
            "character.",
            "checklist: [\"Open the sheet in C:\\Users\\shared\"]\n",
            "checklist: ['Open the sheet in C:\\Users\\shared']\n",
        ),
        Code(
            "CUR017", "Quote inside a quoted text",
            "A text in single quotes ends at the next single quote, so an apostrophe inside it "
            "(`'the buyer's number'`) ends the text early and YAML cannot read the rest; the same goes for "
            "a double quote inside double quotes. Put the text in the other kind of quotes: double quotes "
            "around a text with an apostrophe. When it holds both kinds, write `|` after the field name and "
            "put the text on the next line, indented by two more spaces.",
            "title: 'Let the buyer's number stand'\n",
            "title: \"Let the buyer's number stand\"\n",
        ),
        Code(
            "CUR018", "List in [ ] YAML cannot read",
            "A list can be written on one line in square brackets, its items separated by a comma and a "
            "space: `[discovery, closing]` (and fields in braces: {minutes: 5}). YAML cannot read this one: "
            "an item holds a colon and a space or a bracket of its own, or a bracket is missing. Separate "
            "the items with a comma and a space, put quotes around an item that holds a comma, a colon or "
            "a bracket, or write the list as one line per item, each starting with a dash and a space. If "
            "the `[` belongs to a text, put the whole text in double quotes.",
            "formats: [one-on-one, [team-meeting]\n",
            "formats: [one-on-one, team-meeting]\n",
        ),
        Code(
            "CUR019", "List item after a field with a value",
            "List items (lines that start with a dash and a space) belong to the field written alone on the "
            "line above them, with nothing after its colon. Here that field already has a value on its own "
            "line, so YAML cannot tell what the items belong to. Write the field's name and colon alone on "
            "the line and every value as an item below it.",
            "skills: discovery\n- closing\n",
            "skills:\n  - discovery\n  - closing\n",
        ),
        Code(
            "CUR020", "Line that is not a field",
            "Outside a text written below `|`, a line is a field (`name: value`), a list item (`- ...`), "
            "or more of the text on the line above, indented further than that line's field name (or than "
            "its dash). This line is none of them: it has no colon followed by a space and is not indented "
            "under the line above. "
            "If it continues the text above, indent it as the message says; if it is a field, write its "
            "name, a colon and a space before the value; if it is a list item, start it with a dash and a "
            "space.",
            "summary: Turn the first problem a buyer names\ninto its business cost.\n",
            "summary: Turn the first problem a buyer names\n  into its business cost.\n",
        ),
    ),
)

FILE = Group(
    50, 99, "The file",
    "The file as a whole cannot be read as a lesson, skill or track; none of its fields are checked "
    "until this is fixed.",
    (
        Code(
            "CUR050", "Curriculum folder missing",
            "The command looks for the lessons, skills and tracks in a folder named `curriculum` beside "
            "`mkdocs.yml`, and there is none. Run the command in the project's own folder (the one holding "
            "`mkdocs.yml` and `curriculum/`), or point at it with `--root`.",
            "# the project folder holds mkdocs.yml but no curriculum/ folder\n",
            "# the project folder holds mkdocs.yml and curriculum/lessons/, curriculum/skills/, "
            "curriculum/tracks/\n",
        ),
        Code(
            "CUR051", "Not a YAML file",
            "Only lesson, skill and track files belong in `curriculum/lessons/`, `curriculum/skills/` and "
            "`curriculum/tracks/`, each a YAML file whose name ends in `.yaml`. Notes, documents and images "
            "kept there would be mistaken for content: move them somewhere else in the repository.",
            "# curriculum/lessons/notes.docx\n",
            "# curriculum/lessons/discovery-pain-chain.yaml\n",
        ),
        Code(
            "CUR052", "Link to a file outside the curriculum",
            "The file is a symbolic link to a file outside the `curriculum` folder. Content must live in "
            "the repository, where it is reviewed; a link could pull in any file of the computer that runs "
            "the build. Copy the content into a real file instead.",
            "# curriculum/lessons/shared.yaml is a link to /home/me/drafts/shared.yaml\n",
            "# curriculum/lessons/shared.yaml is an ordinary file in the repository\n",
        ),
        Code(
            "CUR053", "File cannot be read",
            "The operating system refused to read the file, for example because of its permissions. The "
            "message gives the system's reason. Make it an ordinary file that you are allowed to read.",
            "# curriculum/lessons/locked.yaml can only be read by another user\n",
            "# curriculum/lessons/locked.yaml can be read by everyone working on the repository\n",
        ),
        Code(
            "CUR054", "File too large",
            "A file may be at most 1,000,000 bytes; a long lesson is about 20,000. The limit keeps a "
            "runaway or hostile file from stalling the build. A file this size usually holds something "
            "pasted by mistake, such as a whole document or an image: remove it, or split the content "
            "into several lessons.",
            "why: |\n  (a whole book pasted here)\n",
            "why: |\n  Two or three sentences a veteran would accept.\n",
        ),
        Code(
            "CUR055", "Not UTF-8 text",
            "The file is saved in an old text encoding (such as Windows-1252 or Latin-1), so letters like "
            "é, ü or a curly quote come out as bytes the tool cannot read. The position points at the first "
            "such character. In your editor choose \"Save with encoding\" (or similar) and pick UTF-8.",
            "title: Café conversations   # saved as Windows-1252\n",
            "title: Café conversations   # saved as UTF-8\n",
        ),
        Code(
            "CUR056", "Control character",
            "The file holds an invisible control character that YAML does not allow, often pasted along "
            "with text from a word processor, a PDF or a chat window. The position points at it: delete "
            "the character (it may look like nothing at all, so delete and retype the few characters "
            "around the column).",
            "title: Name the next step\u241b   # an invisible escape character was pasted here\n",
            "title: Name the next step\n",
        ),
        Code(
            "CUR057", "Empty file",
            "The file holds nothing, or only comments and blank lines. A lesson, skill or track file holds "
            "its fields as lines of `name: value`. Start from a skeleton (`curriculum new lesson ID`) or "
            "delete the file.",
            "# a lesson about discovery, to be written\n",
            "id: discovery-next-step\ntitle: Ask for the next meeting\n",
        ),
        Code(
            "CUR058", "Not a mapping of fields",
            "The file's top level must be fields, lines of `name: value` starting at the left edge. It is "
            "a list (lines starting with `- `) or a single text instead. Remove the `- ` in front of the "
            "first field, and the indentation that came with it.",
            "- id: discovery-next-step\n  title: Ask for the next meeting\n",
            "id: discovery-next-step\ntitle: Ask for the next meeting\n",
        ),
        Code(
            "CUR059", "YAML tag not allowed",
            "A value starts with `!`, which YAML reads as a tag: an instruction to build a special kind of "
            "object or to include something else. Only plain text, numbers, dates, lists and fields are "
            "allowed, so that a file cannot make the tool run anything. If the `!` belongs to the text, put "
            "the whole text in quotes.",
            "title: !important Name the next step\n",
            "title: '!important Name the next step'\n",
        ),
        Code(
            "CUR060", "Merge key not supported",
            "The file uses YAML's merge key `<<` to copy fields from elsewhere in the file. A reader of "
            "the lesson then has to jump around to see what a field holds, and the line numbers in "
            "messages point at the copy's source. Write the fields out in full.",
            "prep: &prep\n  minutes: 5\nother:\n  <<: *prep\n",
            "prep:\n  minutes: 5\n",
        ),
        Code(
            "CUR061", "Nesting too deep",
            "Lists and fields are nested more than 20 levels deep; the lesson format needs 5. This "
            "usually means brackets `[` or braces `{` typed many times over. Write a list as `[a, b]` "
            "or as one `- ` line per item.",
            "skills: [[[[[[[[[[[[[[[[[[[[[discovery]]]]]]]]]]]]]]]]]]]]]\n",
            "skills: [discovery]\n",
        ),
        Code(
            "CUR062", "Too many values",
            "The file expands to more than 50,000 values once every alias (`*name`) is replaced by what "
            "its anchor (`&name`) holds; a lesson has about 600. Aliases that repeat other aliases multiply "
            "quickly and could stall the build. Write the values out instead of using anchors and aliases.",
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # and so on\n",
            "authors: [Dana Reyes]\n",
        ),
        Code(
            "CUR063", "Field written twice",
            "The same field appears twice in one place, so one of the two values would be lost without a "
            "word. The message names the line of the first one. Keep one of them; if both texts matter, "
            "join them into one value.",
            "stage: closing\nstage: discovery\n",
            "stage: discovery\n",
        ),
        Code(
            "CUR064", "Field name is not text",
            "A field's name, the part before the colon, is itself a list, a set of fields or a value with "
            "a tag. Field names are plain words such as `title` or `minutes`. This often comes from a "
            "line that starts with `?`, `[` or `{`.",
            "[title]: Name the next step\n",
            "title: Name the next step\n",
        ),
        Code(
            "CUR065", "File ends in .yml",
            "Every file in the curriculum ends in `.yaml`, so that one name finds it and the site, the "
            "editor and the checks all agree. A file ending in `.yml` is still checked in full, so you see "
            "all its problems at once; rename it to end in `.yaml`.",
            "# curriculum/lessons/short-lesson.yml\nid: short-lesson\n",
            "# curriculum/lessons/short-lesson.yaml\nid: short-lesson\n",
        ),
        Code(
            "CUR066", "Second file for one id",
            "A `.yml` file sits beside a `.yaml` file of the same name, so there are two versions of one "
            "lesson, skill or track. Keep the one you mean, named `.yaml`, and delete the other.",
            "# curriculum/lessons/short-lesson.yaml and curriculum/lessons/short-lesson.yml\nid: short-lesson\n",
            "# curriculum/lessons/short-lesson.yaml only\nid: short-lesson\n",
        ),
    ),
)

FIELD = Group(
    100, 199, "A field and its value",
    "One field of a file is unknown, missing or holds the wrong value. CUR150 and above are rules "
    "that tie several fields of one file together.",
    (
        Code(
            "CUR101", "Unknown field",
            "The file has a field the format does not know, usually a misspelt name, or a field indented "
            "under the wrong parent. The message suggests the closest known name, or lists the fields "
            "allowed at that place. Fix the spelling or the indentation; the authoring guide lists every "
            "field of each format.",
            "objectve: Ends each call with a dated next step.\n",
            "objective: Ends each call with a dated next step.\n",
        ),
        Code(
            "CUR102", "Required field missing",
            "A field that every lesson (or skill, or track) must have is not there. The message says what "
            "the field holds. A field inside another one, such as `prep.minutes`, is required only when "
            "the field around it is there. Add the field with its value; a skeleton from `curriculum new` "
            "has every required field.",
            "prep:\n  checklist: [Open the rep's calendar]\n",
            "prep:\n  minutes: 2\n  checklist: [Open the rep's calendar]\n",
        ),
        Code(
            "CUR103", "Empty value",
            "The field is there but holds nothing, or only spaces. A required field needs a value; an "
            "optional one can be left out entirely instead of left empty.",
            "summary:\n",
            "summary: End a call with a dated next step the buyer agreed to.\n",
        ),
        Code(
            "CUR104", "Wrong kind of value",
            "The field holds a different kind of value from the one the format expects: text where a "
            "number belongs, a single value where a list belongs, a list where fields belong. The message "
            "says what was expected, what was found and gives an example. Numbers are written as digits, "
            "lists as `- ` lines (or `[a, b]`), and fields as indented `name: value` lines.",
            "minutes: ten\nskills: discovery\n",
            "minutes: 10\nskills: [discovery]\n",
        ),
        Code(
            "CUR105", "Not one of the allowed values",
            "The field takes one value from a fixed list, such as a stage, a level or a format, and the "
            "value written is not on it. The message lists the allowed values and suggests the closest one. "
            "Write the value exactly as listed: lower case, with hyphens, not spaces.",
            "formats: [team meeting]\nlevels: [veteren]\n",
            "formats: [team-meeting]\nlevels: [veteran]\n",
        ),
        Code(
            "CUR106", "Number out of range",
            "The number is outside the range the field allows, for example a session of more than 90 "
            "minutes. The message gives the range. If the content really needs more, split it into two "
            "lessons.",
            "minutes: 120\n",
            "minutes: 60\n",
        ),
        Code(
            "CUR107", "Not a date",
            "The field holds a date, written as year, month and day with hyphens (YYYY-MM-DD), and the "
            "value is not one: another order, slashes, a month name, or a day the month does not have (the "
            "30th of February).",
            "reviewed: 14/09/2026\n",
            "reviewed: 2026-09-14\n",
        ),
        Code(
            "CUR108", "Date with a time",
            "The value is a date with a time of day. The format holds dates only: remove the time.",
            "reviewed: 2026-09-14 10:30:00\n",
            "reviewed: 2026-09-14\n",
        ),
        Code(
            "CUR109", "Number YAML cannot read",
            "The value starts like a number but is thousands of digits long, too long to read as one; "
            "it is usually a paste gone wrong. Write the number the field needs, or put the value in "
            "quotes if it is meant as text.",
            "minutes: 1000000000000000000000000000000000000000  # and so on, for 5,000 digits\n",
            "minutes: 10\n",
        ),
        Code(
            "CUR110", "Not a valid id",
            "An id names a lesson, skill, track or worksheet in the site's addresses, so it may hold only "
            "lower-case letters, digits and single hyphens between words: no spaces, capitals, slashes, "
            "dots or underscores.",
            "id: Discovery Next_Step\n",
            "id: discovery-next-step\n",
        ),
        Code(
            "CUR111", "Not a web address",
            "The field holds a web address, written in full starting with `https://` (or `http://`), with "
            "no spaces. Copy it from the browser's address bar.",
            "sources:\n  - title: SPIN Selling\n    url: www.example.org/spin\n",
            "sources:\n  - title: SPIN Selling\n    url: https://www.example.org/spin\n",
        ),
        Code(
            "CUR112", "More than one line",
            "The field takes one line of text (it is used in titles, lists and table cells), but the "
            "value runs over several lines. Shorten it to one line; longer explanations go in a field "
            "that takes Markdown, such as `why` or `detail`.",
            "title: |\n  Name the next step\n  before you hang up\n",
            "title: Name the next step before you hang up\n",
        ),
        Code(
            "CUR113", "Text too long",
            "The text is longer than the field allows (the message gives both lengths). Titles, summaries "
            "and objectives are read in lists and on printed cards, where long text is cut or crowds the "
            "page. Shorten it; move the detail into a Markdown field.",
            "title: Name the next step before you hang up, with a date, an owner and an agenda agreed\n",
            "title: Name the next step before you hang up\n",
        ),
        Code(
            "CUR114", "Placeholder left in",
            "The text still holds a placeholder such as `FILL IN`, `TODO`, `TBD`, `FIXME`, `XXX`, "
            "`lorem ipsum` or `insert example`, which would be published as it is. Replace it with the "
            "real text; for a choice, write one of the allowed values the placeholder lists.",
            "objective: \"FILL IN: what the rep does differently\"\nstage: \"FILL IN: one of prospecting, "
            "discovery\"\n",
            "objective: Ends each call with a dated next step.\nstage: discovery\n",
        ),
        Code(
            "CUR115", "Too few items",
            "The list needs at least a certain number of items (the message says how many), for example "
            "a skill's three symptoms or the three prompts of a role-play's blank card. Add items until "
            "the list is long enough.",
            "authors: []\n",
            "authors: [Dana Reyes]\n",
        ),
        Code(
            "CUR116", "Too many items",
            "The list holds more items than the field allows (the message gives the limit), usually "
            "because the printed page has room for no more. Keep the most useful ones.",
            "real_deal:\n  adapt: [one, two, three, four, five]\n",
            "real_deal:\n  adapt: [one, two, three, four]\n",
        ),
        Code(
            "CUR117", "Listed twice",
            "The same value appears twice in a list that must not repeat, or two items of a list share "
            "the id that must tell them apart (such as two worksheets with one id). Remove the repeat, or "
            "give each item its own id.",
            "skills: [discovery, discovery]\n",
            "skills: [discovery]\n",
        ),
        Code(
            "CUR118", "Invisible character",
            "The text holds a character you cannot see: a zero-width space, a right-to-left override, a "
            "line or paragraph separator, or another control character, often pasted from a web page or a "
            "chat. It would reach page titles and calendar files unseen, or reverse the text around it. "
            "The message names the character and its column; delete it.",
            "title: \"Ask for the cost\\u202e\"\n",
            "title: Ask for the cost\n",
        ),
        Code(
            "CUR119", "Link without a full web address",
            "A Markdown link in the text points at a page name or a path instead of a full web address, so "
            "it breaks on the printed pages and in the run sheets. Write the whole address starting with "
            "https://, or, for another lesson, list its id under `related`.",
            "why: |\n  See [the pain chain](discovery-pain-chain.md) first.\n",
            "why: |\n  See the pain-chain lesson first.\nrelated:\n  - discovery-pain-chain\n",
        ),
        Code(
            "CUR120", "Id the site keeps for itself",
            "The site writes some pages of its own (the catalogue's index, search, the plan, the log, the "
            "printable views ...), so a lesson, skill or track may not take their names as its id. Choose "
            "another id and rename the file to match.",
            "# curriculum/lessons/index.yaml\nid: index\n",
            "# curriculum/lessons/discovery-basics.yaml\nid: discovery-basics\n",
        ),
        Code(
            "CUR150", "Agenda does not add up",
            "The minutes of the agenda's steps must add up to the lesson's `minutes`, so that a manager "
            "who books the session for that long finishes on time. The message gives the sum and the "
            "difference. Change a step's minutes or the lesson's minutes.",
            "minutes: 10\nagenda:\n  - minutes: 4\n    step: Look at the last three calls\n  - minutes: 8\n"
            "    step: Practise the close of the call\n",
            "minutes: 10\nagenda:\n  - minutes: 4\n    step: Look at the last three calls\n  - minutes: 6\n"
            "    step: Practise the close of the call\n",
        ),
        Code(
            "CUR151", "Team meeting needs questions and a room plan",
            "A lesson with the `team-meeting` format is run with a group, so it needs "
            "`discussion_questions` for the group and a `room` section saying how to run it with 4, 8 and "
            "12 people, on a video call, and who sells when there is time for only some. Add both, or "
            "remove `team-meeting` from the formats.",
            "formats: [one-on-one, team-meeting]\n",
            "formats: [one-on-one, team-meeting]\ndiscussion_questions:\n  - Which of your calls this week "
            "ended without a date?\nroom:\n  sizes:\n    - people: 4\n      how: Everyone sells once.\n"
            "    - people: 8\n      how: Two trios play.\n"
            "    - people: 12\n      how: Three foursomes play.\n"
            "  remote: Breakout rooms of three.\n  others: The rest observe with the rubric.\n",
        ),
        Code(
            "CUR152", "Weeks out of order",
            "A track's weeks are listed in the order they happen, so that the plan, the calendar and the "
            "printed week sheets agree. A week number is lower than the one before it: reorder the weeks.",
            "weeks:\n  - week: 2\n    focus: Next steps\n  - week: 1\n    focus: Discovery\n",
            "weeks:\n  - week: 1\n    focus: Discovery\n  - week: 2\n    focus: Next steps\n",
        ),
    ),
)

ACROSS = Group(
    200, 299, "Across files",
    "Each file is fine on its own, but it does not fit with the others: ids, references between "
    "files, prerequisites and the formats a track uses.",
    (
        Code(
            "CUR201", "Id does not match the file name",
            "A file's `id` and its file name must be the same (`id: discovery-next-step` lives in "
            "`discovery-next-step.yaml`), so that anyone can find a lesson's file from its address. "
            "Rename the file or change the id, whichever is right; other files refer to it by the id.",
            "# curriculum/lessons/next-step.yaml\nid: discovery-next-step\n",
            "# curriculum/lessons/discovery-next-step.yaml\nid: discovery-next-step\n",
        ),
        Code(
            "CUR202", "Id used twice",
            "Two files of the same kind have the same id, so the site would have two pages at one address. "
            "This happens with a copy of a file saved under another extension, such as `.yml` beside "
            "`.yaml`. Delete the copy, or give it its own id and file name.",
            "# curriculum/lessons/short-lesson.yaml and curriculum/lessons/short-lesson.yml\n"
            "id: short-lesson\n",
            "# curriculum/lessons/short-lesson.yaml only\nid: short-lesson\n",
        ),
        Code(
            "CUR203", "Refers to an id that does not exist",
            "The file refers to a lesson or skill by an id that no file has: a typo, a lesson that was "
            "renamed or deleted, or one not written yet. The message suggests the closest existing ids. "
            "Correct the id, or remove the reference.",
            "prerequisites: [discovery-pain-chian]\n",
            "prerequisites: [discovery-pain-chain]\n",
        ),
        Code(
            "CUR204", "Lesson refers to itself",
            "A lesson lists its own id among its `prerequisites` or `related` lessons. Remove it; list "
            "other lessons only.",
            "id: short-lesson\nrelated: [short-lesson]\n",
            "id: short-lesson\nrelated: [discovery-pain-chain]\n",
        ),
        Code(
            "CUR205", "Prerequisites go round in a circle",
            "Following the `prerequisites` from lesson to lesson comes back to where it started, so no "
            "lesson of the circle could be run first. The message shows the whole circle. Remove the link "
            "that is least needed.",
            "# in discovery-pain-chain.yaml\nprerequisites: [short-lesson]\n# in short-lesson.yaml\n"
            "prerequisites: [discovery-pain-chain]\n",
            "# in discovery-pain-chain.yaml: no prerequisites\n# in short-lesson.yaml\n"
            "prerequisites: [discovery-pain-chain]\n",
        ),
        Code(
            "CUR206", "Track uses a format the lesson does not have",
            "A track's session runs a lesson in a format (one-on-one, team meeting ...) that the lesson "
            "does not list under its `formats`, so the lesson has no plan for running it that way. The "
            "message lists the formats the lesson has. Choose one of them, or add the format to the "
            "lesson if it really works that way.",
            "sessions:\n  - lesson: short-lesson\n    format: workshop\n",
            "sessions:\n  - lesson: short-lesson\n    format: one-on-one\n",
        ),
    ),
)

WARNINGS = Group(
    300, 399, "Quality warnings",
    "The content is valid and builds, but a manager would stumble over it. Warnings do not stop the "
    "build; `curriculum check --strict`, which the repository's tests run, treats them as errors.",
    (
        Code(
            "CUR301", "Objective a manager cannot observe",
            "The objective says what the rep will understand, know or feel, which nobody can see on a "
            "call, so no one can tell whether the lesson worked. Start it with what the rep does, in words "
            "a manager could tick off while listening: asks, names, books, writes.",
            "objective: Understands why each call needs a next step.\n",
            "objective: Ends each call with a next step that has a date and an owner.\n",
        ),
        Code(
            "CUR302", "Nothing leads to the lesson",
            "No track runs the lesson and no skill's symptom points to it, so a manager finds it only by "
            "browsing the whole catalogue. Add its id to the `lessons` of a symptom in its skill's file, "
            "or to a session of a track.",
            "# curriculum/skills/discovery.yaml\nsymptoms:\n  - symptom: Deals stall after the demo\n"
            "    lessons: [discovery-pain-chain]\n",
            "# curriculum/skills/discovery.yaml\nsymptoms:\n  - symptom: Deals stall after the demo\n"
            "    lessons: [discovery-pain-chain, short-lesson]\n",
        ),
        Code(
            "CUR303", "Role-play without a veteran variant",
            "The role-play has no `veteran_variant`, a harder version for experienced reps. Without it, "
            "veterans sit through practice that is too easy for them and stop taking the sessions "
            "seriously. Add one: a tougher buyer, a second objection, less time.",
            "roleplay:\n  scenario: |\n    A buyer asks for a proposal.\n",
            "roleplay:\n  scenario: |\n    A buyer asks for a proposal.\n  veteran_variant: |\n"
            "    The buyer also asks for a discount before the next step.\n",
        ),
        Code(
            "CUR304", "Prep over ten minutes",
            "The lesson needs more than 10 minutes of preparation. Managers with a full week skip lessons "
            "that ask for more. Cut the checklist to what the session cannot run without.",
            "prep:\n  minutes: 15\n",
            "prep:\n  minutes: 5\n",
        ),
        Code(
            "CUR305", "Not reviewed for a year",
            "The lesson's `reviewed` date is more than a year ago. Products, markets and methods change: "
            "read the lesson again, correct what is out of date, and set `reviewed` to today's date.",
            "reviewed: 2024-09-14\n",
            "reviewed: 2026-09-14\n",
        ),
        Code(
            "CUR306", "Paragraph too long",
            "A paragraph of a Markdown field runs over 120 words. The manager reads it in the middle of a "
            "session, with people waiting. Split it with a blank line, or cut it.",
            "why: |\n  (one paragraph of 150 words)\n",
            "why: |\n  (a first paragraph of 60 words)\n\n  (a second paragraph of 50 words)\n",
        ),
        Code(
            "CUR307", "Material the site does not print",
            "The prep checklist or materials ask for a sheet, card or handout that the site does not "
            "print, so the manager would have to make it up before the session. The site prints the run "
            "sheet, the worksheets the lesson declares (named by their exact `title`), the role-play cards "
            "of a lesson with a role-play, and the handout of a team-meeting lesson. Declare the sheet "
            "under `worksheets` and name it by its title, or name one of those.",
            "prep:\n  checklist: [Print the call sheet for the rep]\n",
            "prep:\n  checklist: [Print the Call review sheet for the rep]\nworksheets:\n  - id: call-review\n"
            "    title: Call review\n    for_whom: rep\n    prompts: [Next step agreed]\n",
        ),
        Code(
            "CUR308", "Run sheet does not fit its page",
            "The printed run sheet would not fit on one page (lessons up to 20 minutes) or two (longer "
            "ones), even with each agenda step cut to its first sentence. The message names the field "
            "that takes the most room: shorten it, or put the detail in the first sentence of each step.",
            "rubric:\n  - behaviour: Next step\n    strong: Dated next step with an owner, agreed by the "
            "buyer on the call, written in the CRM, confirmed by email ...\n",
            "rubric:\n  - behaviour: Next step\n    strong: Dated next step with an owner\n",
        ),
        Code(
            "CUR309", "Worksheet does not fit a page",
            "A worksheet would run over one printed page with its prompts and the lines to write on. "
            "Give it fewer prompts, or fewer `lines` for each.",
            "worksheets:\n  - id: calls\n    title: Every call this month\n    for_whom: rep\n"
            "    prompts: [Call 1, Call 2, Call 3, (and so on to) Call 30]\n",
            "worksheets:\n  - id: calls\n    title: This week's calls\n    for_whom: rep\n"
            "    prompts: [Call 1, Call 2, Call 3, Call 4, Call 5]\n    lines: 2\n",
        ),
        Code(
            "CUR310", "Text wrapped in curly quotes",
            "A word processor turns straight quotes into curly ones. YAML only treats straight quotes as "
            "quoting, so curly quotes around a whole text show on the page as part of it. Remove them; "
            "where they mark what someone says, type straight quotes inside a `|` block.",
            "title: \u201cAsk for the cost\u201d\n",
            "title: Ask for the cost\n",
        ),
    ),
)

GROUPS: tuple[Group, ...] = (YAML_SYNTAX, FILE, FIELD, ACROSS, WARNINGS)

CODES: Mapping[str, Code] = {code.code: code for group in GROUPS for code in group.codes}
"""Every code by its name (``CODES["CUR104"].name``)."""
