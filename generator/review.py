"""Quality warnings: things a valid lesson can still get wrong, reported but not fatal.

``curriculum check --strict`` (and ``build --strict``) makes them fatal. They run on documents that
passed ``validate``, so every value has its declared shape. Each check's docstring is what the
authoring guide shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace

from generator import spec
from generator.fieldtypes import Fields, ListOf, Text, Type
from generator.load import Document, FieldPath
from generator.problems import Problem
from generator.runsheet import too_long, worksheet_too_long
from generator.validate import Documents

PREP_LIMIT = 10
"""Prep minutes a manager can find before a session; more is a warning."""
REVIEW_DAYS = 365
"""Days after which a lesson's `reviewed` date is stale."""
PARAGRAPH_WORDS = 120
"""Words in one paragraph of a Markdown field above which it is hard to read while running a session."""

UNOBSERVABLE = {
    "understand", "understands", "know", "knows", "learn", "learns", "appreciate", "appreciates",
    "realise", "realises", "realize", "realizes", "feel", "feels", "believe", "believes", "be", "is",
    "are", "become", "becomes", "think", "thinks", "grasp", "grasps", "recognise", "recognises",
    "recognize", "recognizes", "see", "sees", "value", "values", "improve", "improves",
}
NOT_A_VERB = {
    "the", "a", "an", "better", "more", "improved", "increased", "greater", "confidence", "awareness",
    "knowledge", "understanding", "how", "why", "what", "this", "that", "good", "strong",
}
SUBJECTS = {"the", "rep", "reps", "they", "manager", "you", "seller"}


def _warning(doc: Document, path: FieldPath, message: str, *, code: str) -> Problem:
    return replace(doc.problem(path, message, code=code), severity="warning")


def objective_is_observable(lessons: Sequence[Document], **_: object) -> Iterator[Problem]:
    """The objective starts with a verb a manager can see on a call ("Asks", "Names"), not
    "Understands" or "Better ...".
    """
    for doc in lessons:
        words = re.findall(r"[A-Za-z']+", doc.data["objective"])
        if words[:2] and words[0].lower() == "the":
            words = words[1:]
        if words and words[0].lower() in SUBJECTS and len(words) > 1:
            words = words[1:]
        first = words[0] if words else ""
        if first.lower() in UNOBSERVABLE or first.lower() in NOT_A_VERB:
            yield _warning(doc, ("objective",),
                           f"starts with {first!r}, which a manager cannot observe on a call; start with "
                           "what the rep does, for example 'Asks ...' or 'Names ...'", code="CUR301")


def lesson_is_reachable(lessons: Sequence[Document], skills: Sequence[Document],
                        tracks: Sequence[Document], **_: object) -> Iterator[Problem]:
    """Some track runs the lesson, or some skill's symptom points to it, so a manager can find it
    other than by browsing the catalogue.
    """
    reached = {lesson for doc in skills for symptom in doc.data["symptoms"] for lesson in symptom["lessons"]}
    reached |= {s["lesson"] for doc in tracks for week in doc.data["weeks"] for s in week["sessions"]}
    for doc in lessons:
        if doc.data["id"] not in reached:
            yield _warning(doc, ("id",), "no track runs this lesson and no skill symptom points to it; "
                                         "add it to a track or to a symptom in its skill's file",
                           code="CUR302")


def roleplay_has_veteran_variant(lessons: Sequence[Document], **_: object) -> Iterator[Problem]:
    """Every role-play has a `veteran_variant`: experienced reps skip practice that is too easy."""
    for doc in lessons:
        roleplay = doc.data.get("roleplay")
        if roleplay and not roleplay.get("veteran_variant"):
            yield _warning(doc, ("roleplay",), "has no veteran_variant; add a harder version for "
                                               "experienced reps", code="CUR303")


def prep_fits_ten_minutes(lessons: Sequence[Document], **_: object) -> Iterator[Problem]:
    """Prep takes at most 10 minutes: a manager with no time will not find more."""
    for doc in lessons:
        minutes = doc.data["prep"]["minutes"]
        if minutes > PREP_LIMIT:
            yield _warning(doc, ("prep", "minutes"),
                           f"is {minutes}; managers skip lessons that need more than {PREP_LIMIT} minutes "
                           "of prep, so cut the checklist", code="CUR304")


def reviewed_within_a_year(lessons: Sequence[Document], today: dt.date, **_: object) -> Iterator[Problem]:
    """The lesson was reviewed in the last 365 days."""
    for doc in lessons:
        value = doc.data["reviewed"]
        reviewed = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        age = (today - reviewed).days
        if age > REVIEW_DAYS:
            yield _warning(doc, ("reviewed",),
                           f"is {reviewed.isoformat()}, {age} days ago; check the lesson is still right "
                           "and update the date", code="CUR305")


def paragraphs_are_short(lessons: Sequence[Document], **_: object) -> Iterator[Problem]:
    """No paragraph in a Markdown field runs over 120 words: the manager reads it mid-session."""
    for doc in lessons:
        for path, text in _markdown_texts(doc.data):
            if text.count(" ") < PARAGRAPH_WORDS:
                continue  # too few words in all for any paragraph to be too long
            for paragraph in re.split(r"\n\s*\n", text):
                words = len(paragraph.split())
                if words > PARAGRAPH_WORDS:
                    yield _warning(doc, path, f"has a paragraph of {words} words; split it or cut it to "
                                              f"{PARAGRAPH_WORDS} or fewer", code="CUR306")
                    break


_SHEET = re.compile(r"\b(?:work)?sheets?\b", re.IGNORECASE)
_RUN_SHEET = re.compile(r"\brun sheets?\b", re.IGNORECASE)
_CARD = re.compile(r"\bcards?\b", re.IGNORECASE)
_ROLE_CARD = re.compile(r"\b(?:buyer|rep|seller|observer|coach|veteran|role-play|cue|real-deal|blank)(?:'s)? cards?\b",
                        re.IGNORECASE)
_HANDOUT = re.compile(r"\bhand-?outs?\b", re.IGNORECASE)


def materials_are_provided(lessons: Sequence[Document], **_: object) -> Iterator[Problem]:
    """Every sheet, card or handout the prep checklist or materials ask for is one the site
    prints: the run sheet, a worksheet the lesson declares (named by its title), the role-play cards
    (the real-deal or blank card, the buyer's card, by role or by the buyer's name, the rep,
    seller or observer card) of a lesson with a role-play, or the handout of a
    team-meeting lesson. Anything else the manager would have to make up before the session.
    """
    for doc in lessons:
        data = doc.data
        titles = [w["title"].casefold() for w in data.get("worksheets") or ()]
        has_cards = bool(data.get("roleplay"))
        role_card = _ROLE_CARD
        if has_cards:  # the buyer's card may be named by the buyer's name: "Priya Raman's card"
            name = re.escape(data["roleplay"]["buyer"]["name"])
            role_card = re.compile(rf"{_ROLE_CARD.pattern}|\b{name}(?:'s)?(?: \w+)? cards?\b", re.IGNORECASE)
        has_handout = "team-meeting" in data["formats"]
        prep = data["prep"]
        for field in ("checklist", "materials"):
            for index, text in enumerate(prep.get(field) or ()):
                if any(title in text.casefold() for title in titles):
                    continue
                rest = _RUN_SHEET.sub("", text)
                if _SHEET.search(rest):
                    what = "a sheet the lesson does not declare; add it under worksheets and name it by its title"
                elif _CARD.search(role_card.sub("", rest) if has_cards else rest):
                    what = ("a card that is not one of the role-play cards; make it a worksheet, or name the "
                            "buyer, rep or observer card" if has_cards else
                            "a card, but the lesson has no role-play to print cards from; make it a worksheet")
                elif _HANDOUT.search(rest) and not has_handout:
                    what = ("a handout, which the site prints only for team-meeting lessons; make it a "
                            "worksheet")
                else:
                    continue
                yield _warning(doc, ("prep", field, index), f"asks for {what}", code="CUR307")


def run_sheet_fits(lessons: Sequence[Document], **_: object) -> Iterator[Problem]:
    """The lesson's run sheet fits on one printed page (lessons up to 20 minutes) or two (longer
    ones), on A4 and US Letter, once each agenda step's detail is cut to its first sentence; if
    not, the warning names the field that takes the most room.
    """
    for doc in lessons:
        found = too_long(doc.data)
        if found is not None:
            field, message = found
            yield _warning(doc, (field,), message, code="CUR308")


def worksheets_fit_one_page(lessons: Sequence[Document], **_: object) -> Iterator[Problem]:
    """Each worksheet fits on one printed page, with its prompts and the lines to write on."""
    for doc in lessons:
        for index, sheet in enumerate(doc.data.get("worksheets") or ()):
            message = worksheet_too_long(sheet)
            if message is not None:
                yield _warning(doc, ("worksheets", index), message, code="CUR309")


CURLY = (("\u201c", "\u201d"), ("\u201e", "\u201c"), ("\u201e", "\u201d"), ("\u2018", "\u2019"))
"""Curly quote pairs a word processor makes of straight quotes: “…”, „…“, „…” and ‘…’."""


def texts_not_in_curly_quotes(lessons: Sequence[Document], skills: Sequence[Document],
                              tracks: Sequence[Document], **_: object) -> Iterator[Problem]:
    """No text is wrapped whole in curly quotes (`title: “Ask for the cost”`): YAML reads only
    straight quotes as quoting, so curly ones (often made by a word processor) show on the page.
    """
    for kind, docs in (("lesson", lessons), ("skill", skills), ("track", tracks)):
        for doc in docs:
            for path, text, markdown in _texts(spec.KINDS[kind], (), doc.data):
                inner = curly_quoted(text.strip())
                if inner is None:
                    continue
                if markdown:
                    fix = ("where they mark what someone says, type straight ones (\"...\") in a '|' block, "
                           "as the other lessons do; otherwise remove them")
                else:
                    fix = f"remove them: {inner}"
                yield _warning(doc, path, f"is wrapped in curly quotes, which show on the page as part of "
                                          f"the text; {fix}", code="CUR310")


def curly_quoted(text: str) -> str | None:
    """The text inside the curly quotes that wrap the whole of ``text``, if they do."""
    for opening, closing in CURLY:
        if len(text) > 2 and text[0] == opening and text[-1] == closing:
            inner = text[1:-1]
            # Not one quotation: “Yes,” she said, “we do.” (an apostrophe inside ‘…’ is fine)
            others = {opening, closing} if opening != "\u2018" else {opening}
            return None if any(mark in inner for mark in others) else inner.strip()
    return None


def _texts(kind: Type, at: FieldPath, value: object) -> Iterator[tuple[FieldPath, str, bool]]:
    """Every text of a document with its path, and whether it is Markdown."""
    if isinstance(kind, Fields) and isinstance(value, dict):
        for field in kind.fields:
            if value.get(field.name) is not None:
                yield from _texts(field.type, (*at, field.name), value[field.name])
    elif isinstance(kind, ListOf) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(kind.item, (*at, index), item)
    elif isinstance(kind, Text) and isinstance(value, str):
        yield at, value, kind.markdown


def _markdown_fields(kind: Type) -> tuple[tuple[str | None, ...], ...]:
    """Where a format has Markdown text, as paths with None for "every item of a list"."""
    if isinstance(kind, Fields):
        return tuple((f.name, *rest) for f in kind.fields for rest in _markdown_fields(f.type))
    if isinstance(kind, ListOf):
        return tuple((None, *rest) for rest in _markdown_fields(kind.item))
    return ((),) if isinstance(kind, Text) and kind.markdown else ()


def _markdown_texts(lesson: object) -> Iterator[tuple[FieldPath, str]]:
    """Every Markdown text of a lesson with its path, following the lesson format's field paths."""
    def walk(pattern: tuple[str | None, ...], at: FieldPath, node: object) -> Iterator[tuple[FieldPath, str]]:
        if not pattern:
            if isinstance(node, str):
                yield at, node
        elif pattern[0] is None:
            for index, item in enumerate(node if isinstance(node, list) else ()):
                yield from walk(pattern[1:], (*at, index), item)
        elif isinstance(node, dict) and node.get(pattern[0]) is not None:
            yield from walk(pattern[1:], (*at, pattern[0]), node[pattern[0]])

    for pattern in _LESSON_MARKDOWN:
        yield from walk(pattern, (), lesson)


_LESSON_MARKDOWN = _markdown_fields(spec.LESSON)


WARNINGS: tuple[Callable[..., Iterator[Problem]], ...] = (
    objective_is_observable,
    lesson_is_reachable,
    roleplay_has_veteran_variant,
    prep_fits_ten_minutes,
    reviewed_within_a_year,
    paragraphs_are_short,
    materials_are_provided,
    run_sheet_fits,
    worksheets_fit_one_page,
    texts_not_in_curly_quotes,
)


WHOLE: tuple[Callable[..., Iterator[Problem]], ...] = (lesson_is_reachable, reviewed_within_a_year)
"""The checks that need more than one file's content (the other files, or the build's date); the
others are made for each file alone (``review_file``), where they can be kept with the file."""


def review_file(kind: str, doc: Document) -> list[Problem]:
    """The quality warnings about one file on its own."""
    kinds = {"lessons": [doc] if kind == "lesson" else [], "skills": [doc] if kind == "skill" else [],
             "tracks": [doc] if kind == "track" else []}
    return [p for check in WARNINGS if check not in WHOLE for p in check(**kinds)]


def review(documents: Documents, today: dt.date,
           own: Mapping[str, Sequence[Problem]] | None = None) -> list[Problem]:
    """Every quality warning, sorted by file and line; ``own`` has each file's own (``review_file``)
    by file name, when they were made already."""
    kinds: Mapping[str, Sequence[Document]] = {
        "lessons": documents.get("lesson", ()), "skills": documents.get("skill", ()),
        "tracks": documents.get("track", ()),
    }
    found = {p for check in WHOLE for p in check(**kinds, today=today)}
    for kind, docs in documents.items():
        for doc in docs:
            found.update(own[doc.file] if own is not None and doc.file in own else review_file(kind, doc))
    return sorted(found)
