"""Benchmark: how the build scales with the size of the curriculum.

    python -m generator.bench --lessons N [--runs 3] [--json]

Writes a synthetic curriculum of N lessons into a temporary folder, made from the shipped lessons
(so each page has a real lesson's size), with skills and tracks in the shipped proportion, and
measures, each as the median of several runs: `curriculum check` cold (no cache) and again with
nothing changed; generation (YAML to Markdown, no cache); the full cold `curriculum build`;
`mkdocs build` alone on the same Markdown (the baseline), interleaved with the builds; a rebuild after
one lesson's text changed with the previous build's cache kept (and whether its site has the bytes
of a cold build); the preview after a text edit and after a title edit; the build's peak memory; the
site's size, one lesson page's size and the search index's size; the load average before and after.
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
from generator.cache import CACHE_FOLDER, content_key

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


def _edit_lesson(root: Path, field: str) -> tuple[Path, str]:
    """Change one lesson's ``field`` (the one in the middle); its path and its text before."""
    lessons = sorted((root / "curriculum" / "lessons").glob("*.yaml"))
    lesson = lessons[len(lessons) // 2]
    text = lesson.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data[field] = f"{data[field][:60]} (edited {time.time_ns() % 10**6})" if field == "title" \
        else f"{data[field]} Edited at {time.time_ns()}."
    _dump(lesson, data)
    return lesson, text


def _preview_edit(root: Path, field: str = "why") -> float:
    """What `curriculum serve` does after a save that changes one lesson's ``field``: regenerate with
    the preview cache, load the configuration again and run a dirty MkDocs build (the browser's
    polling is not included). One untimed round first, as serve has built once before any edit."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.cache import PreviewCache
    from generator.pipeline import generate
    from generator.plugin import CurriculumPlugin

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the dirty-build notice, on every round
    cache = PreviewCache()

    def rebuild() -> None:
        generate(root / "curriculum", root / "generated", cache)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=False)
        plugin = config.plugins["curriculum"]
        if not isinstance(plugin, CurriculumPlugin):
            raise TypeError(f"the 'curriculum' plugin in mkdocs.yml is {type(plugin).__name__}, not this tool's")
        plugin.pregenerated = plugin.serving = True  # as in `curriculum serve`
        build(config, dirty=True)

    rebuild()
    lesson, text = _edit_lesson(root, field)
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
    env.pop("CURRICULUM_CACHE", None)
    os.environ.update(env)  # the in-process measurements see what the commands see
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="curriculum-bench-") as folder:
        root = Path(folder)
        counts = write_synthetic(ROOT / "curriculum", root / "curriculum", lessons)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        (root / "generated").mkdir()
        curriculum = [sys.executable, "-m", "generator"]
        cache = root / CACHE_FOLDER

        def cold(command: list[str]) -> tuple[float, int]:
            """A command with no cache and no generated pages: a fresh checkout."""
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(root / "generated")
            (root / "generated").mkdir()
            return _timed(command, root, env)

        check = _median(runs, lambda: cold([*curriculum, "check"])[0])
        check_again = _median(runs, lambda: _timed([*curriculum, "check"], root, env)[0])

        def generation() -> float:
            out = root / "generation-run"
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            generate(root / "curriculum", out)
            return time.perf_counter() - start

        generation_seconds = _median(runs, generation)
        shutil.rmtree(root / "generation-run")

        # The baseline: MkDocs alone on the Markdown the generator wrote, without the plugin.
        baseline_config = root / "mkdocs-baseline.yml"
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        baseline_config.write_text(text.replace("  - curriculum\n", ""), encoding="utf-8")

        def baseline_run() -> float:
            # Into an empty folder each time, as `curriculum build` builds into a fresh folder.
            shutil.rmtree(root / "baseline-site", ignore_errors=True)
            return _timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(baseline_config),
                           "-d", str(root / "baseline-site")], root, env)[0]

        # Cold builds and baselines interleaved, so both see the same load on a shared machine.
        builds, baselines = [], []
        for _ in range(runs):
            builds.append(cold([*curriculum, "build"]))
            baselines.append(baseline_run())
        build = statistics.median(b[0] for b in builds)
        peak_kb = max(b[1] for b in builds)
        baseline = statistics.median(baselines)

        site = root / "site"
        lesson_page = next((site / "lessons").glob("*/index.html"))
        sizes = {
            "site_mb": round(_size(site) / 1e6, 2),
            "lesson_page_kb": round(lesson_page.stat().st_size / 1e3, 1),
            "search_index_kb": round((site / "search" / "search_index.json").stat().st_size / 1e3, 1),
        }
        cold_site = _digest_tree(site)

        def rebuild() -> float:
            """The CI case: the previous build's cache restored, a fresh checkout, one lesson's text
            changed; the site must be the bytes a cold build of the same content gives."""
            lesson, before = _edit_lesson(root, "why")
            shutil.rmtree(root / "generated")
            (root / "generated").mkdir()
            seconds = _timed([*curriculum, "build"], root, env)[0]
            lesson.write_text(before, encoding="utf-8")
            return seconds

        rebuild_seconds = _median(runs, rebuild)
        _timed([*curriculum, "build"], root, env)  # the edit undone, from the cache
        same_bytes = _digest_tree(site) == cold_site

        preview = _median(runs, lambda: _preview_edit(root))  # after the sizes: it rebuilds site/
        preview_title = _median(runs, lambda: _preview_edit(root, "title"))
        return {
            "lessons": counts["lessons"], "skills": counts["skills"], "tracks": counts["tracks"],
            "runs": runs,
            "check_seconds": round(check, 3),
            "check_again_seconds": round(check_again, 3),
            "generation_seconds": round(generation_seconds, 3),
            "build_seconds": round(build, 3),
            "mkdocs_baseline_seconds": round(baseline, 3),
            "rebuild_one_lesson_seconds": round(rebuild_seconds, 3),
            "warm_build_same_bytes": same_bytes,
            "preview_edit_seconds": round(preview, 3),
            "preview_title_edit_seconds": round(preview_title, 3),
            "generation_share_of_build": round(generation_seconds / build, 3),
            "build_over_baseline": round(build / baseline, 3),
            "rebuild_over_build": round(rebuild_seconds / build, 3),
            "build_ms_per_lesson": round(1000 * build / counts["lessons"], 2),
            "peak_memory_mb": round(peak_kb / 1024, 1),
            **sizes,
            "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
            "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)},
        }


def _digest_tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): content_key(p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


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
