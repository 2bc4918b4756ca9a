"""Curriculum site generator: coaching lessons in YAML in, a Material for MkDocs site out.

The pipeline, one module a stage: ``load`` (YAML with line marks), ``validate`` (against the
declared format in ``spec``), ``model`` (typed records and indexes), ``render`` (Jinja2 templates to
Markdown pages) and ``write`` (only what changed). ``pipeline`` runs them top to bottom; ``cli`` and
``hook`` are thin front ends.
"""

from __future__ import annotations

__version__ = "0.1.0"
