"""MkDocs plugin ``curriculum``: regenerate the pages from the YAML before every build, so plain
``mkdocs build`` and ``mkdocs serve`` work, and a saved YAML file reloads the preview.

Enabled by ``plugins: [curriculum]`` in mkdocs.yml (registered as an entry point by the package).
On bad content it logs each problem and stops that build; ``mkdocs serve`` keeps the last good site.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin

from generator.pipeline import generate
from generator.problems import CurriculumError
from generator.safety import SafeLinksExtension

log = logging.getLogger("mkdocs.plugins.curriculum")
OVERRIDES = Path(__file__).parent / "overrides"


def curriculum_dir(config: MkDocsConfig) -> Path:
    """The curriculum folder: ``curriculum/`` beside mkdocs.yml."""
    return Path(config.config_file_path).parent / "curriculum"


class CurriculumPlugin(BasePlugin):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.markdown_extensions.append(SafeLinksExtension())
        # Template fixes to the theme (accessibility), before the theme's own templates but after
        # a project's custom_dir, so a project can still override them.
        position = 1 if config.theme.custom_dir else 0
        config.theme.dirs.insert(position, str(OVERRIDES))
        try:
            report = generate(curriculum_dir(config), Path(config.docs_dir))
        except CurriculumError as error:
            for problem in error.problems:
                log.error("%s", problem)
            count = len(error.problems)
            raise PluginError(f"{count} problem{'s' * (count != 1)} in the curriculum") from None
        log.info(
            "Curriculum: %d pages written, %d unchanged, %d removed",
            report.written.written, report.written.unchanged, report.written.removed,
        )
        return config

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        server.watch(str(curriculum_dir(config)))
        return server
