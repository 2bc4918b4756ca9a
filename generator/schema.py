"""The JSON Schema of the lesson, skill and track formats, derived from ``spec``."""

from __future__ import annotations

import json
from typing import Any

from generator import spec
from generator.fieldtypes import DEFINITIONS

SCHEMA_BASE = "https://curriculum.invalid/schema/"


def json_schema(kind: str = "lesson") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{kind}.schema.json",
        **spec.KINDS[kind].json_schema(),
        "$defs": DEFINITIONS,
    }


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
