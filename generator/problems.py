"""The one exception the tool raises for anything wrong in the content, and its parts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as the source allows."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"
    """"error" stops the build; "warning" is a quality finding, fatal only with --strict."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: " + ("warning: " if self.severity == "warning" else "")
        return f"{where}{self.field}: {self.message}" if self.field else f"{where}{self.message}"

    def github(self) -> str:
        """The problem as one GitHub Actions annotation line (``::error file=...,line=...::``)."""
        text = self.message if not self.field else f"{self.field}: {self.message}"
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        file = self.file.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        file = file.replace(":", "%3A").replace(",", "%2C")
        return f"::{self.severity} file={file},line={self.line},col={self.column}::{text}"


class CurriculumError(Exception):
    """The content cannot be turned into a site; carries every problem found, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """The command was called wrongly (exit status 2), as opposed to bad content (exit status 1)."""
