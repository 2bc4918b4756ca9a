"""Benchmark: Lighthouse scores of the eight page types, on a phone and on a desktop.

    python -m generator.lighthouse [--runs 3] [--site FOLDER] [--only mobile|desktop] [--page TYPE] [--json]

Builds the repository's curriculum into a temporary project (or takes a built ``site/``), serves it
from 127.0.0.1 gzip-compressed under a sub-path, as GitHub Pages serves a project site, and runs the
Lighthouse CLI (``.ci/node_modules``, ``npm ci --prefix .ci``) in headless Chromium on home, the
catalogue, a lesson, a track, a skill, the measure page, the authoring guide and the 404 page:
mobile (Lighthouse's default: a mid-range phone, simulated slow 4G and a 4x slower CPU) and desktop
(``--preset=desktop``). The lesson, track and skill are the largest of their kind, the worst case.
Each figure is the median of the runs. Lighthouse's simulation scales the main-thread work it
observed, so a busy machine lowers performance: the table shows Lighthouse's benchmark index of
the machine during the runs (CPU) and the load average.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".ci" / "node_modules" / ".bin" / "lighthouse"


def find_chromium() -> Path:
    """The Chromium to drive (here and in the browser tests): the one CHROMIUM names (Chrome on GitHub's
    runners), else the system's (Debian's /usr/bin/chromium, which .ci/run installs, or a chromium on
    PATH), else where Playwright keeps its own (``python -m playwright install chromium``, for macOS,
    Windows and others)."""
    if os.environ.get("CHROMIUM"):
        return Path(os.environ["CHROMIUM"])
    for found in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if found and Path(found).is_file():
            return Path(found)
    from playwright.sync_api import sync_playwright  # a test dependency: only without a system Chromium

    with sync_playwright() as playwright:
        return Path(playwright.chromium.executable_path)


CHROMIUM = find_chromium()
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
SITE_URL = "https://coaching.example.org/team/"
PREFIX = "/team/"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics", ".csv"}
"""What GitHub Pages sends gzip-compressed (text types); images and fonts go as they are."""
PAGE_TYPES = ("home", "catalogue", "lesson", "track", "skill", "measure", "authoring", "404")
MISSING = "no-such-page/"
"""A path that does not exist, to see the 404 page as a reader who follows an old link does."""


def page_types(site: Path) -> dict[str, str]:
    """Page type -> path under the site's root; lesson, track and skill are the largest of their kind."""

    def largest(kind: str) -> str:
        pages = [p for p in (site / kind).glob("*/index.html")]
        if not pages:
            raise SystemExit(f"no {kind} pages in {site}")
        biggest = max(pages, key=lambda p: (p.stat().st_size, p.parent.name))
        return f"{kind}/{biggest.parent.name}/"

    paths = {
        "home": "",
        "catalogue": "lessons/",
        "lesson": largest("lessons"),
        "track": largest("tracks"),
        "skill": largest("skills"),
        "measure": "measure/",
        "authoring": "authoring/",
        "404": MISSING,
    }
    assert tuple(paths) == PAGE_TYPES
    return paths


class GzipSubPath(http.server.SimpleHTTPRequestHandler):
    """The site under its sub-path, text gzip-compressed when the browser asks, 404s with the 404 page."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        file = None
        if path.startswith(PREFIX):
            file = Path(self.translate_path("/" + path[len(PREFIX):]))
            if file.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.end_headers()
                    return
                file = file / "index.html"
        status = 200
        if file is None or not file.is_file():
            file, status = Path(self.directory) / "404.html", 404
        body = file.read_bytes()
        gzipped = file.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(file)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(GzipSubPath, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def build(target: Path) -> Path:
    """The repository's curriculum built with `curriculum build` into a project under ``target``."""
    target.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "curriculum", target / "curriculum")
    (target / "generated").mkdir()
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=target, env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"curriculum build failed:\n{done.stderr}")
    return target / "site"


def lighthouse(url: str, form_factor: str, report: Path, *, missing: bool = False) -> dict[str, Any]:
    """Lighthouse's JSON report for one page on one form factor, also written to ``report``."""
    command = [str(LIGHTHOUSE), url, f"--only-categories={','.join(CATEGORIES)}", "--output=json",
               f"--output-path={report}", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
               "--disable-full-page-screenshot"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    if missing:  # the 404 page is answered with status 404, which Lighthouse otherwise refuses
        command.append("--ignore-status-code")
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
    if not report.is_file():
        raise SystemExit(f"lighthouse exited with {done.returncode} for {url}:\n{done.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise SystemExit(f"lighthouse could not load {url}: {data['runtimeError']['message']}")
    return data


def figures(report: dict[str, Any]) -> dict[str, float]:
    """Scores out of 100 and the metrics (ms, CLS unitless) of one report."""
    out = {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}
    for audit, name in METRICS.items():
        out[name] = report["audits"][audit]["numericValue"]
    out["KB"] = report["audits"]["total-byte-weight"]["numericValue"] / 1024
    out["CPU"] = report["environment"]["benchmarkIndex"]
    return out


def measure(site: Path, runs: int, factors: list[str], reports: Path, only: list[str] | None = None) -> dict[str, Any]:
    pages = {name: path for name, path in page_types(site).items() if not only or name in only}
    load_before = os.getloadavg()
    results: dict[str, dict[str, dict[str, Any]]] = {}
    with serve(site) as base:
        for factor in factors:
            for name, path in pages.items():
                found = [figures(lighthouse(base + path, factor, reports / f"{factor}-{name}-{run + 1}.json",
                                            missing=path == MISSING)) for run in range(runs)]
                median: dict[str, Any] = {key: statistics.median(r[key] for r in found) for key in found[0]}
                median["performance runs"] = [r["performance"] for r in found]
                results.setdefault(factor, {})[name] = median
                print(f"  {factor} {name}: " + ", ".join(f"{key} {value:.3g}" for key, value in median.items()
                                                        if key != "performance runs") +
                      f", performance runs {median['performance runs']}", file=sys.stderr)
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False).stdout
    return {
        "pages": pages,
        "runs": runs,
        "results": results,
        "load average before": load_before,
        "load average after": os.getloadavg(),
        "machine": f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
                   f"Lighthouse {version.strip()}",
    }


def table(data: dict[str, Any]) -> str:
    lines = []
    for factor, pages in data["results"].items():
        lines += [f"\n{factor} (median of {data['runs']}; performance runs in brackets)\n",
                  ("| page | path | performance | accessibility | best practices | SEO "
                   "| FCP | LCP | TBT | CLS | SI | KB | CPU |"),
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for name, f in pages.items():
            runs = ", ".join(str(r) for r in f["performance runs"])
            lines.append(
                f"| {name} | /{data['pages'][name]} | {f['performance']:.0f} ({runs}) | {f['accessibility']:.0f} "
                f"| {f['best-practices']:.0f} | {f['seo']:.0f} | {f['FCP'] / 1000:.1f} s | {f['LCP'] / 1000:.1f} s "
                f"| {f['TBT']:.0f} ms | {f['CLS']:.3f} | {f['SI'] / 1000:.1f} s | {f['KB']:.0f} | {f['CPU']:.0f} |")
    before, after = data["load average before"], data["load average after"]
    lines.append(f"\nload average (1, 5, 15 min): before {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
                 f"after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}")
    lines.append("CPU: Lighthouse's benchmark index of the machine during the runs (higher is faster; it "
                 "warns below 1000 that the scores come out low)")
    lines.append(f"machine: {data['machine']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m generator.lighthouse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and form factor (median)")
    parser.add_argument("--site", type=Path, help="a site already built with SITE_URL=" + SITE_URL)
    parser.add_argument("--only", choices=("mobile", "desktop"), help="one form factor only")
    parser.add_argument("--page", action="append", choices=PAGE_TYPES, help="only this page type (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--reports", type=Path, help="keep every Lighthouse report (JSON) in this folder")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci --prefix .ci --no-audit --no-fund`")
    factors = [args.only] if args.only else ["mobile", "desktop"]
    with tempfile.TemporaryDirectory() as folder:
        site = args.site or build(Path(folder) / "project")
        reports = args.reports or Path(folder) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        data = measure(site, args.runs, factors, reports, args.page)
    print(table(data))
    if args.json:
        print(json.dumps(data, indent=1))


if __name__ == "__main__":
    main()
