"""Benchmark: how the build scales with the size of the curriculum.

    python -m generator.bench --lessons N [--runs 3] [--json]

Writes a synthetic curriculum of N lessons into a temporary folder, made from the shipped lessons
(so each page has a real lesson's size), with skills and tracks in the shipped proportion, and
measures, each as the median of several runs: `curriculum check`; generation (YAML to Markdown);
the full `curriculum build`; `mkdocs build` alone on the same Markdown (the baseline); the build's
peak memory; the site's size, one lesson page's size and the search index's size.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator import spec

ROOT = Path(__file__).resolve().parent.parent


def _load(folder: Path) -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]


def write_synthetic(source: Path, target: Path, lessons: int) -> dict[str, int]:
    """N lessons copied from the shipped ones in blocks, each block with its own skills and tracks."""
    templates = _load(source / "lessons")
    skills = _load(source / "skills")
    tracks = _load(source / "tracks")
    per_block = len(templates)
    if lessons < per_block:
        raise SystemExit(f"--lessons must be at least {per_block}, the number of shipped lessons")
    blocks = -(-lessons // per_block)
    counts = {"lessons": 0, "skills": 0, "tracks": 0}
    for folder in spec.FOLDERS.values():
        (target / folder).mkdir(parents=True, exist_ok=True)

    def lesson_id(template: str, block: int) -> str | None:
        index = next(i for i, t in enumerate(templates) if t["id"] == template)
        return f"{template}-{block}" if block * per_block + index < lessons else None

    for block in range(blocks):
        full = (block + 1) * per_block <= lessons
        skill_block = block if full else 0
        for index, template in enumerate(templates):
            if block * per_block + index >= lessons:
                break
            lesson = json.loads(json.dumps(template, default=str))
            lesson["id"] = f"{template['id']}-{block}"
            lesson["title"] = f"{template['title'][:70]} {block}"
            lesson["skills"] = [f"{s}-{skill_block}" for s in template["skills"]]
            for key in ("prerequisites", "related"):
                if key in lesson:
                    lesson[key] = [i for i in (lesson_id(t, block) for t in template[key]) if i]
                    if not lesson[key]:
                        del lesson[key]
            _dump(target / "lessons" / f"{lesson['id']}.yaml", lesson)
            counts["lessons"] += 1
        if not full:
            continue
        for template in skills:
            skill = json.loads(json.dumps(template, default=str))
            skill["id"] = f"{template['id']}-{block}"
            for symptom in skill["symptoms"]:
                symptom["lessons"] = [f"{i}-{block}" for i in symptom["lessons"]]
            _dump(target / "skills" / f"{skill['id']}.yaml", skill)
            counts["skills"] += 1
        for template in tracks:
            track = json.loads(json.dumps(template, default=str))
            track["id"] = f"{template['id']}-{block}"
            track["title"] = f"{template['title'][:70]} {block}"
            for week in track["weeks"]:
                for session in week["sessions"]:
                    session["lesson"] = f"{session['lesson']}-{block}"
            _dump(target / "tracks" / f"{track['id']}.yaml", track)
            counts["tracks"] += 1
    return counts


def _dump(path: Path, data: dict[str, Any]) -> None:
    kind = {folder: kind for kind, folder in spec.FOLDERS.items()}[path.parent.name]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n{text}", encoding="utf-8")


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KB) of one command; fails loudly if the command fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode(errors='replace')}")
    return seconds, usage.ru_maxrss


def _preview_edit(root: Path) -> float:
    """What `curriculum serve` does after a save that changes one lesson's text: regenerate with
    the preview cache, load the configuration again and run a dirty MkDocs build (the browser's
    polling is not included). One untimed round first, as serve has built once before any edit."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.cache import PreviewCache
    from generator.pipeline import generate
    from generator.plugin import CurriculumPlugin

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the dirty-build notice, on every round
    cache = PreviewCache()
    lessons = sorted((root / "curriculum" / "lessons").glob("*.yaml"))
    lesson = lessons[len(lessons) // 2]

    def rebuild() -> None:
        generate(root / "curriculum", root / "generated", cache)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=False)
        plugin = config.plugins["curriculum"]
        if not isinstance(plugin, CurriculumPlugin):
            raise TypeError(f"the 'curriculum' plugin in mkdocs.yml is {type(plugin).__name__}, not this tool's")
        plugin.pregenerated = True
        build(config, dirty=True)

    rebuild()
    text = lesson.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["why"] += f" Edited at {time.time_ns()}."
    _dump(lesson, data)
    start = time.perf_counter()
    rebuild()
    seconds = time.perf_counter() - start
    lesson.write_text(text, encoding="utf-8")
    return seconds


def _median(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run_benchmark(lessons: int, runs: int) -> dict[str, Any]:
    from generator.pipeline import generate

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1795737600"),
           "SITE_URL": "https://bench.example.org/curriculum/"}
    os.environ.update(env)  # the in-process measurements see what the commands see
    with tempfile.TemporaryDirectory(prefix="curriculum-bench-") as folder:
        root = Path(folder)
        counts = write_synthetic(ROOT / "curriculum", root / "curriculum", lessons)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        (root / "generated").mkdir()
        curriculum = [sys.executable, "-m", "generator"]

        check = _median(runs, lambda: _timed([*curriculum, "check"], root, env)[0])

        def generation() -> float:
            out = root / "generation-run"
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            generate(root / "curriculum", out)
            return time.perf_counter() - start

        generation_seconds = _median(runs, generation)
        shutil.rmtree(root / "generation-run")

        builds = [_timed([*curriculum, "build"], root, env) for _ in range(runs)]
        build = statistics.median(b[0] for b in builds)
        peak_kb = max(b[1] for b in builds)

        # The baseline: MkDocs alone on the Markdown the generator wrote, without the plugin.
        baseline_config = root / "mkdocs-baseline.yml"
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        baseline_config.write_text(text.replace("  - curriculum\n", ""), encoding="utf-8")

        def baseline_run() -> float:
            # Into an empty folder each time, as `curriculum build` builds into a fresh folder.
            shutil.rmtree(root / "baseline-site", ignore_errors=True)
            return _timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(baseline_config),
                           "-d", str(root / "baseline-site")], root, env)[0]

        baseline = _median(runs, baseline_run)

        site = root / "site"
        lesson_page = next((site / "lessons").glob("*/index.html"))
        sizes = {
            "site_mb": round(_size(site) / 1e6, 2),
            "lesson_page_kb": round(lesson_page.stat().st_size / 1e3, 1),
            "search_index_kb": round((site / "search" / "search_index.json").stat().st_size / 1e3, 1),
        }
        preview = _median(runs, lambda: _preview_edit(root))  # after the sizes: it rebuilds site/
        return {
            "lessons": counts["lessons"], "skills": counts["skills"], "tracks": counts["tracks"],
            "runs": runs,
            "check_seconds": round(check, 3),
            "generation_seconds": round(generation_seconds, 3),
            "build_seconds": round(build, 3),
            "mkdocs_baseline_seconds": round(baseline, 3),
            "preview_edit_seconds": round(preview, 3),
            "generation_share_of_build": round(generation_seconds / build, 3),
            "build_over_baseline": round(build / baseline, 3),
            "build_ms_per_lesson": round(1000 * build / counts["lessons"], 2),
            "peak_memory_mb": round(peak_kb / 1024, 1),
            **sizes,
            "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)},
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, required=True, help="how many lessons to generate")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = run_benchmark(args.lessons, args.runs)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:28} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
