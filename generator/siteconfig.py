"""What a project's mkdocs.yml must hold for the generated pages to work.

Without the plugin, links in lessons are not made safe and every lesson lands in the sidebar;
without the stylesheets and script, the catalogue has no filters, the planner no styles and the
printed views no print styles; without the nav, the home, catalogue and planner pages are not in
the sidebar. ``curriculum build`` checks before writing anything, and the plugin checks for plain
``mkdocs build``. Each problem is one line that says what to add.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.pages import LISTED, PAGES

REQUIRED = {
    "extra_css": ("assets/curriculum.css", "assets/planner.css"),
    "extra_javascript": ("assets/curriculum.js",),
}
"""The plugin's assets each page links to, by the mkdocs.yml setting that must list them."""

NAV = tuple(kind.path for kind in PAGES if kind.path in LISTED)
"""The pages the nav must list, in the order of ``pages.PAGES``."""


def config_problems(config: Any) -> list[str]:
    """What ``config`` (a loaded MkDocs configuration) lacks; one line each, empty when nothing."""
    problems = []
    if "curriculum" not in config.plugins:
        problems.append("mkdocs.yml has no curriculum plugin; add `- curriculum` under `plugins:` (it keeps "
                        "lessons out of the sidebar and makes links in lessons safe)")
    for setting, needed in REQUIRED.items():
        listed = {str(getattr(entry, "path", entry)) for entry in config[setting]}
        missing = [name for name in needed if name not in listed]
        if missing:
            problems.append(f"mkdocs.yml's {setting} lacks {', '.join(missing)}; add "
                            f"{'it' if len(missing) == 1 else 'them'} under `{setting}:`")
    if "generator.tables" not in _extension_names(config.markdown_extensions):
        problems.append("mkdocs.yml's markdown_extensions lacks generator.tables; add `- generator.tables` under "
                        "`markdown_extensions:` (it lets the rubric and other wide tables read on a phone)")
    if not config.nav:
        problems.append(f"mkdocs.yml has no nav; add `nav:` listing {', '.join(NAV)} (and any page of your own)")
    else:
        missing = [name for name in NAV if name not in set(_nav_pages(config.nav))]
        if missing:
            problems.append(f"mkdocs.yml's nav lacks {', '.join(missing)}; add "
                            f"{'it' if len(missing) == 1 else 'them'} under `nav:`")
    return problems


def _nav_pages(nav: Any) -> Iterator[str]:
    """Every page path named in a nav (its leaves), at any depth."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)


def _extension_names(extensions: Any) -> list[object]:
    """The names in a ``markdown_extensions`` setting: a list of names and one-key mappings."""
    return [next(iter(item), None) if isinstance(item, dict) else item for item in extensions or []]
