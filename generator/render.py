"""Stage 4, render: turn the model into Markdown pages with the Jinja2 templates in templates/.

Text from the YAML is data, never template source, and it never becomes live HTML: the environment
autoescapes everything, and the filters below let Markdown through while neutralising raw HTML,
attribute lists and links with unsafe schemes (``javascript:`` and the like).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Mapping
from typing import Any
from xml.etree.ElementTree import Element

from jinja2 import Environment, PackageLoader, StrictUndefined
from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from generator import effort, runsheet, spec, views
from generator.cache import PreviewCache, digest
from generator.model import Curriculum
from generator.pages import PAGES, Content, Site
from generator.safety import is_safe_url

_INLINE_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?((?:\s+(?:\"[^\"]*\"|'[^']*'))?)\s*\)")
_REFERENCE_LINK = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*)<?(\S+?)>?(?=\s|$)", re.MULTILINE)


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


class _Targets(Treeprocessor):
    found: tuple[str, ...] = ()

    def run(self, root: Element) -> None:
        self.found = tuple(e.get("href" if e.tag == "a" else "src") or "" for e in root.iter() if e.tag in ("a", "img"))


@functools.cache
def _target_finder() -> tuple[Markdown, _Targets]:
    converter = Markdown(extensions=["tables"])
    finder = _Targets(converter)
    converter.treeprocessors.register(finder, "curriculum_targets", 0)
    return converter, finder


def link_targets(text: str, block: bool = True) -> tuple[str, ...]:
    """The address of every link and image in author text as a page shows it, after the ``md``
    filter (``block``) or the ``inline`` one; only texts with ``](`` or ``]:`` can hold any."""
    if "](" not in text and "]:" not in text:
        return ()
    converter, finder = _target_finder()
    finder.found = ()
    converter.reset().convert(str(markdown(text) if block else inline(text)))
    return finder.found


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
        for_whom=lambda v: _labels(v, spec.WORKSHEET_USERS),
        markdown_html=views.markdown_to_html,
        shift_headings=views.shift_headings,
    )
    env.globals.update(roles=views.roles, run_sheet_plan=runsheet.plan, real_deal_line=runsheet.real_deal_line,
                       track_effort=effort.track_effort,
                       lesson_costs=effort.lesson_costs, session_cost=effort.session_cost,
                       is_per_rep=effort.is_per_rep, round_half_up=effort.round_half_up,
                       default_reps=effort.DEFAULT_REPS, guidance=effort.GUIDANCE)
    env.tests.update(per_rep=effort.is_per_rep)
    return env


@functools.cache
def _environment() -> Environment:
    """One environment for every rendering in a process: it keeps the templates compiled, which a
    preview would otherwise pay for again after each save (about half of regenerating)."""
    return make_environment()


def render_site(curriculum: Curriculum, today: dt.date, part: tuple[int, int] = (0, 1),
                cache: PreviewCache | None = None,
                made: dict[str, tuple[bytes, Content]] | None = None) -> dict[str, Content | None]:
    """Every page, calendar file and asset of the generated docs folder, by path inside it: one
    loop over the page table (``pages.PAGES``).

    ``today`` is the build's reference date: calendar files start on the Monday after it.
    ``part=(i, n)`` renders only the i-th of n shares (the site-wide pages are in share 0), so
    several processes can render one site between them. With a preview ``cache``, a page that shows
    the same as when it was last written is not made again: its value is None, meaning "the file
    on disk is still right", the way MkDocs' dirty build skips a page. ``made`` holds pages made
    by earlier runs (from the disk cache), by path, with a digest of what each showed: a page whose
    digest is unchanged is taken from it, and every page made is added to it.
    """
    site = Site(curriculum, today, _environment())
    pages: dict[str, Content | None] = {}
    digests: dict[int, tuple[object, bytes]] = {}
    for kind in PAGES:
        for path, item in kind.pages(curriculum, part):
            shows = kind.shows(site, item)
            if cache is not None and cache.unchanged(path, shows):
                pages[path] = None
            elif made is None:
                pages[path] = kind.make(site, item, path)
            else:
                if id(shows) not in digests:  # the site-wide pages share one (large) value; kept
                    digests[id(shows)] = (shows, digest(shows))  # alive, so no other takes its id
                key = digest((kind.name, path, digests[id(shows)][1]))
                earlier = made.get(path)
                if earlier is None or earlier[0] != key:
                    earlier = made[path] = (key, kind.make(site, item, path))
                pages[path] = earlier[1]
    views.forget_conversions()
    return pages
