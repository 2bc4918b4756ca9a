"""The files every project has: one version, a license the package declares, and pinned dependencies."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO, run
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from generator import __version__

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_version_is_written_once_and_the_command_prints_it() -> None:
    assert "version" not in PROJECT and PROJECT["dynamic"] == ["version"]
    result = run("--version", cwd=REPO)
    assert (result.code, result.out) == (0, f"curriculum {__version__}\n")


def test_the_changelog_has_a_section_for_this_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.MULTILINE)


def test_the_license_file_is_the_one_the_package_declares() -> None:
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_every_dependency_is_pinned_in_the_constraints_within_its_range() -> None:
    pins = {}
    for line in (REPO / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    extras = [text for group in PROJECT["optional-dependencies"].values() for text in group]
    wanted = [req for req in map(Requirement, [*PROJECT["dependencies"], *extras])
              if canonicalize_name(req.name) != canonicalize_name(PROJECT["name"])]  # an extra naming another
    assert wanted
    outside = [f"{req} (pinned: {pins.get(canonicalize_name(req.name))})" for req in wanted
               if canonicalize_name(req.name) not in pins
               or not req.specifier.contains(pins[canonicalize_name(req.name)], prereleases=True)]
    assert outside == [], "refresh requirements/constraints.txt as CONTRIBUTING.md says"
