"""MkDocs plugin ``curriculum``: regenerate the pages from the YAML before every build, so plain
``mkdocs build`` and ``mkdocs serve`` work, and a saved YAML file reloads the preview.

Enabled by ``plugins: [curriculum]`` in mkdocs.yml (registered as an entry point by the package).
On bad content it logs each problem and stops that build; ``mkdocs serve`` keeps the last good site.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator import safety
from generator.cache import DiskCache, PreviewCache
from generator.mkdocscache import MkDocsCache
from generator.pages import LISTED
from generator.pipeline import generate
from generator.problems import CurriculumError
from generator.siteconfig import config_problems

log = logging.getLogger("mkdocs.plugins.curriculum")
LESSON_PAGE = re.compile(r"lessons/(?!index\.md$)[^/]+\.md")
"""A lesson's page among the generated ones (``lessons/discovery-pain-chain.md``)."""
OVERRIDES = Path(__file__).parent / "overrides"


def curriculum_dir(config: MkDocsConfig) -> Path:
    """The curriculum folder: ``curriculum/`` beside mkdocs.yml."""
    return Path(config.config_file_path).parent / "curriculum"


def _terminal() -> logging.Logger:
    """A logger outside MkDocs' own, so serve's strict mode does not count what it prints."""
    logger = logging.getLogger("curriculum.serve")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


class _Progress:
    """A one-line counter on a terminal, shown once a build has taken longer than two seconds."""

    def __init__(self, total: int) -> None:
        self.total, self.count, self.phase = total, 0, ""
        self.start = self.shown = time.monotonic()
        self.visible = False
        self.terminal = sys.stderr.isatty()

    def step(self, phase: str) -> None:
        if phase != self.phase:
            self.phase, self.count = phase, 0
        self.count += 1
        now = time.monotonic()
        if self.terminal and now - self.start > 2 and (now - self.shown > 0.2 or self.count == self.total):
            sys.stderr.write(f"\r  {self.phase}: {self.count}/{self.total} ({now - self.start:.0f} s)\x1b[K")
            sys.stderr.flush()
            self.shown, self.visible = now, True

    def done(self) -> None:
        if self.visible:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class CurriculumPlugin(BasePlugin):
    serving = False
    cache: PreviewCache | None = None
    _progress: _Progress | None = None
    _mkdocs: MkDocsCache | None = None
    pregenerated = False
    """Set by `curriculum build`, which generates the pages itself just before MkDocs runs."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.cache = PreviewCache()  # kept across rebuilds: MkDocs keeps plugins with on_startup

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not safety.is_declared(config.markdown_extensions):  # declared in mkdocs.yml, for every engine
            raise PluginError(safety.MISSING)
        problems = config_problems(config)
        if problems:  # `curriculum build` checked already; this is for plain `mkdocs build`
            raise PluginError("; ".join(problems))
        # Template fixes to the theme (accessibility), before the theme's own templates but after
        # a project's custom_dir, so a project can still override them.
        position = 1 if config.theme.custom_dir else 0
        config.theme.dirs.insert(position, str(OVERRIDES))
        if self.pregenerated:
            return config
        try:
            # The disk cache for a build, and for the preview's first build only: after that the
            # preview's memory knows more, and writing the cache after every save would slow it.
            disk = None if self.serving and self.cache and self.cache.used else \
                DiskCache.beside(Path(config.config_file_path))
            report = generate(curriculum_dir(config), Path(config.docs_dir), self.cache if self.serving else None,
                              disk)
        except OSError as error:  # a file in docs_dir the tool did not write, say
            where = f"{error.filename}: " if error.filename else ""
            raise PluginError(f"{where}{error.strerror or error}") from None
        except CurriculumError as error:
            count = len(error.problems)
            summary = f"{count} problem{'s' * (count != 1)} in the curriculum"
            if not self.serving:
                for problem in error.problems:
                    log.error("%s", problem)
                raise PluginError(summary) from None
            # While previewing, keep serving the last good pages: MkDocs' server stops answering
            # after a failed build, so report the problems and build from the pages already there.
            terminal = _terminal()
            for problem in error.problems:
                terminal.error("%s", problem)
            terminal.error("%s; still showing the last version that built. Save a fix to update.", summary)
            return config
        for warning in report.warnings:  # info, not warning: mkdocs --strict would stop on them
            log.info("%s", warning)
        log.info(
            "Curriculum: %d pages written, %d unchanged, %d removed",
            report.written.written, report.written.unchanged, report.written.removed,
        )
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        lessons = [f for f in files if LESSON_PAGE.fullmatch(f.src_uri)]
        if not any(f.inclusion.is_included() for f in lessons):
            raise PluginError(
                "no lesson page would be published: mkdocs.yml's exclude_docs or draft_docs leaves out "
                f"{Path(config.docs_dir).name}/lessons/; remove that rule" if lessons else
                f"no lesson page would be published: {curriculum_dir(config).name}/lessons/ holds no lesson; "
                "write one with `curriculum new lesson ID`")
        # Only the page kinds the table lists belong in the sidebar; every other generated page is
        # reached from pages (a sidebar of every lesson would make each page grow with the catalogue).
        for file in files.documentation_pages():
            if file.src_uri not in LISTED:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        self._progress = _Progress(len(files.documentation_pages())) if self.pregenerated else None
        # Not while previewing: its dirty builds convert only the changed pages anyway.
        disk = None if self.serving else DiskCache.beside(Path(config.config_file_path))
        self._mkdocs = MkDocsCache(disk, config, files) if disk else None
        return files

    @event_priority(-100)  # last, to see the Markdown as MkDocs will convert it
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._mkdocs:
            self._mkdocs.before_render(page, markdown)
        return markdown

    @event_priority(100)  # first, to see the HTML as the conversion made it
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._mkdocs:
            self._mkdocs.after_render(page)
        if self._progress:
            self._progress.step("rendering pages")
        return html

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self._mkdocs:
            for plugin in config.plugins.values():
                if hasattr(plugin, "search_index"):
                    self._mkdocs.index(plugin.search_index)
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self._progress:
            self._progress.step("writing pages")
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self._mkdocs:
            self._mkdocs.save()
            self._mkdocs = None
        if self._progress:
            self._progress.done()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        # Rebuild when the YAML changes. The generated folder is written by this plugin during the
        # build itself, so watching it too would only start a second, empty rebuild after each one.
        server.watch(str(curriculum_dir(config)))
        server.unwatch(config.docs_dir)
        return server
