"""The one exception the tool raises for anything wrong in the content, and its parts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from generator.codes import CODES


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
    code: str = dataclass_field(kw_only=True)
    """The kind of problem (``CUR104``), declared in ``generator.codes`` and explained in the guide."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: " + ("warning: " if self.severity == "warning" else "")
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}{self.code} {what}"

    def github(self) -> str:
        """The problem as one GitHub Actions annotation line (``::error file=...,title=CUR104 ...::``)."""
        text = self.message if not self.field else f"{self.field}: {self.message}"
        title = f"{self.code} {CODES[self.code].name}"
        return (f"::{self.severity} file={_property(self.file)},line={self.line},col={self.column},"
                f"title={_property(title)}::{_data(text)}")


def _data(text: str) -> str:
    """An annotation's message, escaped as GitHub's workflow commands require."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """An annotation's property value (file, title): like a message, and ``:`` and ``,`` too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class CurriculumError(Exception):
    """The content cannot be turned into a site; carries every problem found, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """The command was called wrongly (exit status 2), as opposed to bad content (exit status 1)."""
