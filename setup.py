"""Build hook: the wheel carries the repository's own project files (mkdocs.yml, the workflows,
schema/, curriculum/ and the ignore files) as the template `curriculum init` writes from. They are
copied at build time, so the repository's files stay the one copy (see generator/project.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generator.project import TEMPLATE_DIR, template_files


class BuildWithTemplate(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "generator" / TEMPLATE_DIR
        shutil.rmtree(target, ignore_errors=True)
        for name in template_files(HERE):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(HERE / name, target / name)


setup(cmdclass={"build_py": BuildWithTemplate})
