"""Every page of the generated site, declared in one table.

Each ``PageKind`` says where its pages go (``path``), which items it has a page for (``items``: one
page for the whole site when it has none), how a page is made (``make``: a template, or a maker
such as the calendar writer) and what a page shows (``shows``). What a page shows is also its key
in the preview cache: while it compares equal, the page on disk is still right and is not made
again. So ``shows`` must name everything the page prints: the preview test in
``tests/test_pages.py`` edits every field in turn and compares the preview with a fresh build.

To add a page kind, add a row to ``PAGES`` and its template; ``render_site`` and the preview
follow.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from jinja2 import Environment

from generator import guide, spec
from generator.codes import GROUPS
from generator.fieldtypes import Record
from generator.home import Situation, catalogue_filters, situations
from generator.ics import lesson_calendar, next_monday, track_calendar
from generator.model import Curriculum
from generator.plandata import plan_data
from generator.review import WARNINGS
from generator.schema import schema_text
from generator.validate import FIELD_CHECKS, cross_file_checks

Item = Mapping[str, Any]
"""What one page is about, by the names its template uses: ``{"lesson": ...}``, ``{}`` for a site page."""
Content = str | bytes


@dataclass(frozen=True)
class Site:
    """What every page is made from: the curriculum, the build's date and the template environment."""

    curriculum: Curriculum
    today: dt.date
    env: Environment = field(compare=False)

    @functools.cached_property
    def calendar_start(self) -> dt.date:
        """Calendar files start on the Monday after the build date."""
        return next_monday(self.today)

    @functools.cached_property
    def stamp(self) -> dt.datetime:
        return dt.datetime.combine(self.today, dt.time(), tzinfo=dt.UTC)

    @functools.cached_property
    def situations(self) -> tuple[Situation, ...]:
        return situations(self.curriculum)

    @functools.cached_property
    def listing(self) -> tuple[tuple[object, ...], ...]:
        """What lists and indexes show of every lesson (not its full text)."""
        return tuple(
            (l.id, l.title, l.summary, l.objective, l.minutes, l.prep.minutes, l.formats, l.levels, l.timing,
             l.stage, l.audience, l.skills, l.indicators)
            for l in self.curriculum.lessons.values()
        )

    @functools.cached_property
    def everything_listed(self) -> tuple[object, ...]:
        """What a site-wide index may show: every lesson's listing, every skill and every track."""
        c = self.curriculum
        return self.listing, tuple(c.skills.values()), tuple(c.tracks.values())

    def render(self, template: str, item: Item, **values: Any) -> str:
        context = {"curriculum": self.curriculum, "spec": spec, "calendar_start": self.calendar_start}
        return self.env.get_template(template).render(**context, **item, **values)

    def titles(self, kind: str, ids: Iterable[str]) -> tuple[tuple[str, str], ...]:
        items = {"lesson": self.curriculum.lessons, "skill": self.curriculum.skills,
                 "track": self.curriculum.tracks}[kind]
        return tuple((i, items[i].title) for i in ids)


@dataclass(frozen=True)
class PageKind:
    name: str
    path: str
    """Where a page goes inside the generated folder, formatted with the item (``{lesson.id}``)."""
    make: Callable[[Site, Item, str], Content]
    """Makes the page at a path from the site and the item."""
    shows: Callable[[Site, Item], object]
    items: Callable[[Curriculum], Iterable[Item]] | None = None
    """The items with a page of this kind; None for one page for the whole site."""
    listed: bool = False
    """A Markdown page in the site's sidebar (mkdocs.yml's nav); others are reached from pages."""

    def pages(self, curriculum: Curriculum, part: tuple[int, int] = (0, 1)) -> Iterable[tuple[str, Item]]:
        """(path, item) for each page of this kind in share ``part`` of ``(index, count)``."""
        index, count = part
        if self.items is None:
            if index == 0:
                yield self.path, {}
            return
        for item in list(self.items(curriculum))[index::count]:
            yield self.path.format(**item), item


def template(name: str, **values: Callable[[Site], Any]) -> Callable[[Site, Item, str], str]:
    """A maker that renders template ``name`` with the item, ``values`` computed from the site, and
    ``root``, the relative way from the page up to the site's root folder."""
    return lambda site, item, path: site.render(name, item, root="../" * path.count("/"),
                                                **{k: v(site) for k, v in values.items()})


def _filters(site: Site) -> object:
    return catalogue_filters(site.curriculum)


def _lessons(c: Curriculum) -> Iterable[Item]:
    return ({"lesson": lesson} for lesson in c.lessons.values())


def _skills(c: Curriculum) -> Iterable[Item]:
    return ({"skill": skill} for skill in c.skills.values())


def _tracks(c: Curriculum) -> Iterable[Item]:
    return ({"track": track} for track in c.tracks.values())


def _with_roleplay(c: Curriculum) -> Iterable[Item]:
    return ({"lesson": lesson} for lesson in c.lessons.values() if lesson.roleplay)


def _team_meeting(c: Curriculum) -> Iterable[Item]:
    return ({"lesson": lesson} for lesson in c.lessons.values() if "team-meeting" in lesson.formats)


def _worksheets(c: Curriculum) -> Iterable[Item]:
    return ({"lesson": lesson, "worksheet": sheet} for lesson in c.lessons.values() for sheet in lesson.worksheets)


def _track_weeks(c: Curriculum) -> Iterable[Item]:
    """Each entry of each track's plan (a week, or a labelled block), numbered from 1."""
    for track in c.tracks.values():
        for number, week in enumerate(track.weeks, 1):
            yield {"track": track, "number": number, "sessions": week.sessions,
                   "week_label": week.label or f"Week {week.week}"}


def _lesson_only(site: Site, item: Item) -> object:
    """For a view made from its lesson alone."""
    return item["lesson"]


def _lesson_page_shows(site: Site, item: Item) -> object:
    lesson, c = item["lesson"], site.curriculum
    return (lesson, site.calendar_start, site.titles("skill", lesson.skills),
            site.titles("lesson", (*lesson.prerequisites, *lesson.related, *c.required_by[lesson.id])),
            site.titles("track", c.tracks_by_lesson[lesson.id]))


def _skill_page_shows(site: Site, item: Item) -> object:
    skill, c = item["skill"], site.curriculum
    ids = {*c.lessons_by_skill[skill.id], *(i for s in skill.symptoms for i in s.lessons)}
    return skill, tuple((c.lessons[i].title, c.lessons[i].minutes, c.lessons[i].formats) for i in sorted(ids))


def _track_lessons(site: Site, track: Record) -> tuple[Record, ...]:
    return tuple(site.curriculum.lessons[s.lesson] for s in site.curriculum.sessions(track))


def _assets(site: Site, item: Item, path: str) -> bytes:
    return resources.files("generator").joinpath("assets", item["asset"]).read_bytes()


def _asset_names(c: Curriculum) -> Iterable[Item]:
    folder = resources.files("generator").joinpath("assets")
    names = sorted(a.name for a in folder.iterdir() if a.is_file() and not a.name.startswith("."))
    return ({"asset": name} for name in names)


def _authoring_values() -> dict[str, Callable[[Site], Any]]:
    return {
        "guide_rows": lambda s: {kind: guide.rows(fields) for kind, fields in spec.KINDS.items()},
        "annotated_example": lambda s: guide.annotated_example(),
        "field_checks": lambda s: FIELD_CHECKS,
        "cross_checks": lambda s: cross_file_checks(),
        "warning_checks": lambda s: [" ".join((w.__doc__ or "").split()) for w in WARNINGS],
        "code_groups": lambda s: GROUPS,
        "example": lambda s: guide.example,
    }


def _unchanging(site: Site, item: Item) -> object:
    """For pages made from the code alone (the guide, the schemas, the assets)."""
    return ()


PAGES: tuple[PageKind, ...] = (
    PageKind("home", "index.md", template("home.md.j2", situations=lambda s: s.situations),
             lambda s, i: s.everything_listed, listed=True),
    PageKind("catalogue", "lessons/index.md", template("catalogue.md.j2", filters=_filters),
             lambda s, i: s.everything_listed, listed=True),
    PageKind("tracks", "tracks/index.md", template("tracks.md.j2"),
             lambda s, i: s.everything_listed, listed=True),
    PageKind("skills", "skills/index.md", template("skills.md.j2"),
             lambda s, i: s.everything_listed, listed=True),
    PageKind("measure", "measure.md", template("measure.md.j2"),
             lambda s, i: s.everything_listed, listed=True),
    PageKind("plan", "plan.md", template("plan.md.j2"), _unchanging, listed=True),
    PageKind("coaching log", "log.md", template("log.md.j2"), _unchanging, listed=True),
    PageKind("scorecard", "scorecard.md", template("scorecard.md.j2"), _unchanging, listed=True),
    PageKind("planner data", "data/curriculum.json", lambda s, i, p: plan_data(s.curriculum),
             lambda s, i: s.curriculum),
    PageKind("authoring guide", "authoring.md", template("authoring.md.j2", **_authoring_values()),
             _unchanging),
    PageKind("schema", "schema/{kind}.schema.json", lambda s, i, p: schema_text(i["kind"]), _unchanging,
             lambda c: ({"kind": kind} for kind in spec.KINDS)),
    PageKind("asset", "assets/{asset}", _assets, _unchanging, _asset_names),
    PageKind("lesson", "lessons/{lesson.id}.md", template("lesson.md.j2"), _lesson_page_shows, _lessons),
    PageKind("lesson calendar", "lessons/{lesson.id}.ics",
             lambda s, i, p: lesson_calendar(i["lesson"], s.calendar_start, s.stamp),
             lambda s, i: (i["lesson"], s.today), _lessons),
    PageKind("skill", "skills/{skill.id}.md", template("skill.md.j2"), _skill_page_shows, _skills),
    PageKind("track", "tracks/{track.id}.md", template("track.md.j2"),
             lambda s, i: (i["track"], _track_lessons(s, i["track"]), s.calendar_start), _tracks),
    PageKind("run sheet", "lessons/{lesson.id}/run-sheet/index.html", template("run-sheet.html.j2"),
             _lesson_only, _lessons),
    PageKind("role-play cards", "lessons/{lesson.id}/cards/index.html", template("cards.html.j2"),
             _lesson_only, _with_roleplay),
    PageKind("handout", "lessons/{lesson.id}/handout/index.html", template("handout.html.j2"),
             _lesson_only, _team_meeting),
    PageKind("worksheet", "lessons/{lesson.id}/worksheets/{worksheet.id}/index.html",
             template("worksheet.html.j2"), _lesson_only, _worksheets),
    PageKind("week's run sheets", "tracks/{track.id}/week-{number}/index.html", template("week.html.j2"),
             lambda s, i: (i["track"], i["number"], tuple(s.curriculum.lessons[x.lesson] for x in i["sessions"])),
             _track_weeks),
    PageKind("track calendar", "tracks/{track.id}.ics",
             lambda s, i, p: track_calendar(i["track"], s.curriculum, s.calendar_start, s.stamp),
             lambda s, i: (i["track"], _track_lessons(s, i["track"]), s.today), _tracks),
)


LISTED = frozenset(kind.path for kind in PAGES if kind.listed)
"""The pages meant for the site's sidebar (mkdocs.yml's nav); the plugin keeps the rest out of it."""
