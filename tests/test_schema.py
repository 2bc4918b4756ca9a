"""The JSON Schema derived from the declared format: valid, described, and true of every shipped file."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, run

from generator import spec
from generator.fieldtypes import DATE_PATTERN, find_placeholder
from generator.schema import schema_text


def _strings(value: Any) -> Any:
    """Dates as an editor's YAML extension sees them: strings."""
    if isinstance(value, dict):
        return {k: _strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strings(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _properties(schema: dict[str, Any], path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, prop in schema.get("properties", {}).items():
        found.append((f"{path}{name}", prop))
        found.extend(_properties(prop, f"{path}{name}."))
        found.extend(_properties(prop.get("items", {}), f"{path}{name}[]."))
    return found


@pytest.mark.parametrize("kind", list(spec.KINDS))
def test_schema_is_valid_and_every_property_is_described(kind: str) -> None:
    result = run("schema", kind, cwd=REPO)
    assert result.code == 0
    schema = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    properties = _properties(schema)
    assert len(properties) > 5
    assert [name for name, prop in properties if not prop.get("description")] == []


@pytest.mark.parametrize("kind", list(spec.KINDS))
def test_written_schema_files_are_current(kind: str) -> None:
    written = REPO / "schema" / f"{kind}.schema.json"
    assert written.read_text(encoding="utf-8") == schema_text(kind), "run: curriculum schema --write"


def _shipped() -> list[tuple[str, Path]]:
    return [(kind, path) for kind, folder in spec.FOLDERS.items()
            for path in sorted((REPO / "curriculum" / folder).glob("*.yaml"))]


@pytest.mark.parametrize(("kind", "path"), _shipped(), ids=lambda v: getattr(v, "name", v))
def test_every_shipped_file_validates_against_the_schema(kind: str, path: Path) -> None:
    schema = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    document = _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document)]
    assert errors == []


def test_schema_line_points_at_the_schema_files() -> None:
    for kind, path in _shipped():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schema/{kind}.schema.json", path.name


def _date_or_none(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def test_the_date_pattern_accepts_exactly_the_real_dates() -> None:
    """An editor reads every date as text and checks it with the schema's pattern only: it must let
    through every real YYYY-MM-DD date and nothing else (no 2026-02-30, 29 February in leap years)."""
    date = re.compile(DATE_PATTERN)
    texts = [f"{year:04d}-{month:02d}-{day:02d}" for year in (*range(1, 30), *range(1596, 2404), 9999)
             for month in range(14) for day in range(33)]
    wrong = [text for text in texts if bool(date.fullmatch(text)) != bool(_date_or_none(text))]
    assert wrong == []
    for text in ("0000-01-01", "2026-9-14", "20260914", "2026-W37-1", "2026-09-14T10:00", "14/09/2026"):
        assert not date.fullmatch(text), text


@pytest.mark.parametrize(("text", "found"), [
    ("FILL IN: the scenario", "FILL IN"), ("Ask, then TODO.", "TODO"), ("(TBD)", "TBD"), ("XXX", "XXX"),
    ("Lorem Ipsum dolor", "Lorem Ipsum"), ("insert EXAMPLE here", "insert EXAMPLE"),
    ("first\n\nFIXME", "FIXME"),
    ("TODOs", None), ("todo", None), ("FILL_IN", None), ("XXXL", None), ("a ring-fenced budget", None),
])
def test_the_schema_flags_the_placeholders_check_flags(text: str, found: str | None) -> None:
    """The same rule in both: `check`'s Python and the schema's pattern, read as an editor reads it."""
    assert find_placeholder(text) == found
    schema = json.loads(schema_text("lesson"))
    rule = schema["$defs"]["no-placeholder"]
    assert schema["properties"]["why"]["allOf"] == [{"$ref": "#/$defs/no-placeholder"}]
    assert (re.search(rule["pattern"], text) is None) == (found is not None)
