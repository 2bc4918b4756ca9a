"""Stage 4, render: turn the model into Markdown pages with the Jinja2 templates in templates/.

Text from the YAML is data, never template source, and it never becomes live HTML: the environment
autoescapes everything, and the filters below let Markdown through while neutralising raw HTML,
attribute lists and links with unsafe schemes (``javascript:`` and the like).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator import guide, spec
from generator.cache import PreviewCache
from generator.home import situations
from generator.ics import lesson_calendar, next_monday, track_calendar
from generator.model import Curriculum
from generator.review import WARNINGS
from generator.schema import schema_text
from generator.validate import FIELD_CHECKS, cross_file_checks

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_INLINE_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?((?:\s+(?:\"[^\"]*\"|'[^']*'))?)\s*\)")
_REFERENCE_LINK = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)<?(\S+?)>?(?=\s|$)", re.MULTILINE)
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def is_safe_url(url: str) -> bool:
    """True for relative addresses and http(s), mailto and tel; false for javascript:, data: ..."""
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    found = _SCHEME.match(squeezed)
    return found is None or found.group(1) in SAFE_SCHEMES


def _escape(text: str) -> str:
    """Make raw HTML and attribute lists literal text; keep Markdown (``>`` quotes included)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return text.replace("{", "\\{").replace("}", "\\}")


def _defuse_links(text: str) -> str:
    if "](" not in text and "]:" not in text:
        return text  # no inline link and no reference definition: nothing to check

    def inline(found: re.Match[str]) -> str:
        if is_safe_url(found.group(2)):
            return found.group(0)
        return "\\[" + found.group(1) + "\\]\\(" + found.group(2).replace(")", "\\)") + "\\)"

    def reference(found: re.Match[str]) -> str:
        if is_safe_url(found.group(2)):
            return found.group(0)
        return "\\" + found.group(1).lstrip() + found.group(2)

    return _REFERENCE_LINK.sub(reference, _INLINE_LINK.sub(inline, text))


def markdown(text: str) -> Markup:
    """Author Markdown, safe to place in a page: block filter ``md``."""
    return Markup(_defuse_links(_escape(text.strip())))


def inline(text: Any) -> Markup:
    """One line of author text for headings and table cells: filter ``inline``."""
    flat = " ".join(str(text).split())
    return Markup(_defuse_links(_escape(flat)).replace("|", "\\|"))


def front_matter(text: Any) -> Markup:
    """A value for the page's YAML front matter, HTML-escaped because themes print it raw."""
    flat = " ".join(str(text).split())
    escaped = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return Markup(json.dumps(escaped, ensure_ascii=False))


def _labels(values: Any, labels: Mapping[str, str]) -> str:
    if isinstance(values, str):
        return labels[values]
    return ", ".join(labels[v] for v in values)


def _duration(minutes: int) -> str:
    """``95`` reads as ``1 h 35 min``; under an hour, ``45 min``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def catalogue_filters(curriculum: Curriculum) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """The catalogue's filters: (name, label, "any" text, options), options only where lessons are."""
    lessons = list(curriculum.lessons.values())

    def present(labels: Mapping[str, str], values: set[str]) -> list[tuple[str, str]]:
        return [(value, text) for value, text in labels.items() if value in values]

    return [
        ("time", "Time you have", "Any length",
         [(str(m), f"{m} minutes or less") for m in (15, 30, 45) if any(l.minutes <= m for l in lessons)]),
        ("format", "Meeting", "Any meeting", present(spec.FORMATS, {f for l in lessons for f in l.formats})),
        ("skill", "Skill", "Any skill", [(s.id, s.title) for s in curriculum.skills.values()]),
        ("stage", "Sales stage", "Any stage", present(spec.STAGES, {l.stage for l in lessons})),
        ("level", "Rep level", "Any level", present(spec.LEVELS, {v for l in lessons for v in l.levels})),
        ("timing", "Timing", "Any time", present(spec.TIMINGS, {l.timing for l in lessons})),
        ("audience", "For", "Reps or you", present(spec.AUDIENCES, {l.audience or "reps" for l in lessons})),
    ]


def make_environment() -> Environment:
    # Autoescaping, not sandboxing, is what keeps YAML text inert: the text is only ever data passed
    # to these templates, never template source, so `{{ ... }}` in a lesson is printed as written.
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=markdown,
        inline=inline,
        front=front_matter,
        clock=_clock,
        duration=_duration,
        longdate=lambda d: f"{d:%A} {d.day} {d:%B %Y}",
        formats=lambda v: _labels(v, spec.FORMATS),
        levels=lambda v: _labels(v, spec.LEVELS),
        timing=lambda v: _labels(v, spec.TIMINGS),
        stage=lambda v: _labels(v, spec.STAGES),
        grow=lambda v: _labels(v, spec.GROW),
        direction=lambda v: _labels(v, spec.DIRECTIONS),
    )
    return env


def links_signature(curriculum: Curriculum, today: dt.date) -> tuple[object, ...]:
    """Everything a lesson, skill or track page shows of other items (and the date calendars
    start from). While it is unchanged, each of those pages depends only on its own item."""
    return (
        today,
        tuple((l.id, l.title, l.summary, l.objective, l.minutes, l.prep.minutes, l.formats, l.levels,
               l.timing, l.stage, l.audience, l.skills, l.prerequisites, l.related)
              for l in curriculum.lessons.values()),
        tuple((s.id, s.title, s.summary) for s in curriculum.skills.values()),
        tuple((t.id, t.title, t.weeks) for t in curriculum.tracks.values()),
    )


def render_site(curriculum: Curriculum, today: dt.date, part: tuple[int, int] = (0, 1),
                cache: PreviewCache | None = None, reused: set[str] | None = None) -> dict[str, str | bytes]:
    """Every page, calendar file and asset of the generated docs folder, by path inside it.

    ``today`` is the build's reference date: calendar files start on the Monday after it.
    ``part=(i, n)`` renders only the i-th of n shares (the site-wide pages are in share 0), so
    several processes can render one site between them. With a preview ``cache``, a lesson, skill
    or track page whose item and links are unchanged is taken from the cache, and its name is
    added to ``reused``.
    """
    index, count = part
    links = links_signature(curriculum, today) if cache is not None else None
    fresh = cache is None or cache.links != links
    kept: dict[str, tuple[object, str | bytes]] = {}

    def item_page(name: str, item: object, make: Callable[[], str | bytes]) -> None:
        earlier = None if fresh or cache is None else cache.pages.get(name)
        if earlier is not None and earlier[0] == item:
            pages[name] = earlier[1]
            if reused is not None:
                reused.add(name)
        else:
            pages[name] = make()
        kept[name] = (item, pages[name])
    env = make_environment()
    start = next_monday(today)
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    context = {
        "curriculum": curriculum, "spec": spec, "calendar_start": start,
        "situations": situations(curriculum), "filters": catalogue_filters(curriculum),
    }
    pages: dict[str, str | bytes] = {}

    def render(template: str, **values: Any) -> Callable[[], str]:
        return lambda: env.get_template(template).render(**context, **values)

    def page(name: str, template: str, **values: Any) -> None:
        pages[name] = env.get_template(template).render(**context, **values)

    if index == 0:
        # Site-wide pages, each with what it shows beyond the links signature (for the cache).
        lessons = curriculum.lessons.values()
        item_page("index.md", (), render("home.md.j2"))
        item_page("lessons/index.md", (), render("catalogue.md.j2"))
        item_page("skills/index.md", tuple(curriculum.skills.values()), render("skills.md.j2"))
        item_page("tracks/index.md", (), render("tracks.md.j2"))
        item_page("measure.md", tuple(l.indicators for l in lessons), render("measure.md.j2"))
        page(
            "authoring.md", "authoring.md.j2",
            guide_rows={kind: guide.rows(fields) for kind, fields in spec.KINDS.items()},
            annotated_example=guide.annotated_example(), field_checks=FIELD_CHECKS,
            cross_checks=cross_file_checks(),
            warning_checks=[" ".join((w.__doc__ or "").split()) for w in WARNINGS],
        )
        for kind in spec.KINDS:
            pages[f"schema/{kind}.schema.json"] = schema_text(kind)
        for asset in resources.files("generator").joinpath("assets").iterdir():
            if asset.is_file() and not asset.name.startswith("."):
                pages[f"assets/{asset.name}"] = asset.read_bytes()
    for lesson in list(curriculum.lessons.values())[index::count]:
        item_page(f"lessons/{lesson.id}.md", lesson, render("lesson.md.j2", lesson=lesson))
        item_page(f"lessons/{lesson.id}.ics", lesson, lambda l=lesson: lesson_calendar(l, start, stamp))
    for skill in list(curriculum.skills.values())[index::count]:
        item_page(f"skills/{skill.id}.md", skill, render("skill.md.j2", skill=skill))
    for track in list(curriculum.tracks.values())[index::count]:
        item_page(f"tracks/{track.id}.md", track, render("track.md.j2", track=track))
        item_page(f"tracks/{track.id}.ics", track,
                  lambda t=track: track_calendar(t, curriculum, start, stamp))
    if cache is not None:
        cache.links, cache.pages = links, kept
    return pages
