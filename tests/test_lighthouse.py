"""Lighthouse (desktop) scores 100 for accessibility, best practices and SEO on the site's key pages.

Each page is audited by the Lighthouse CLI from `.ci/node_modules` (`npm ci --prefix .ci`) in the
headless Chromium the browser tests use, served over http from 127.0.0.1 under the site's sub-path.
A failure lists every audit that lost points, with the HTML of the first elements it flagged.

What the audits mean on this local server (read from Lighthouse 12's source; nothing is skipped):

- `is-on-https` (best practices) counts http requests to localhost and 127.0.0.1 as secure, as
  Chrome does (a "potentially trustworthy" origin), but still fails for any http request to
  another host, so it still catches insecure third-party requests.
- `redirects-http` is not applicable when the page is on localhost (and has weight 0).
- `is-crawlable` (SEO) fails for a `noindex` robots meta tag or `X-Robots-Tag` header, or for a
  robots.txt that disallows the page. Lighthouse reads robots.txt at the origin's root,
  `/robots.txt`, which lies outside the sub-path the site is served under, so (as on GitHub Pages
  for a project site, where the site cannot own that file) it gets the site's 404 page: the
  `robots-txt` audit is then not applicable (weight 0), and `is-crawlable` still checks the page's
  own meta tags and headers.
- `canonical` passes for a canonical link to the site's real address (another origin than the
  test server): Lighthouse only fails a canonical that is invalid, relative, conflicting, or
  points every page at the root of the same origin.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM, REPO, BuiltSite

PAGES = [
    "",
    "measure/",
    "tracks/twelve-week-team-plan/",
    "plan/",
    "log/",
    "scorecard/",
]
"""Paths under the site's root that must score 100; add a page by adding its path here."""

CATEGORIES = ("accessibility", "best-practices", "seo")
LIGHTHOUSE = REPO / ".ci" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
"""Headless, as root in a container (no sandbox), with no GPU, and not relying on a small /dev/shm."""
SNIPPETS = 3
"""How many flagged elements (or URLs, or messages) a failure message shows per audit."""


def lighthouse(url: str) -> dict:
    """Lighthouse's JSON report for ``url`` (desktop preset, the three categories only)."""
    assert LIGHTHOUSE.exists(), (
        f"{LIGHTHOUSE.relative_to(REPO)} is missing: run `npm ci --prefix .ci --no-audit --no-fund` "
        "(Node.js 20 or newer) to install Lighthouse")
    assert CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium, or set CHROMIUM"
    with tempfile.TemporaryDirectory() as folder:
        # To a file, not stdout: Lighthouse exits (status 1) right after writing the report of a page
        # that failed to load, which cuts a report written to a pipe short.
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--preset=desktop", f"--only-categories={','.join(CATEGORIES)}",
            "--output=json", f"--output-path={report}", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
            # The screenshot only illustrates the HTML report; no audit reads it, and it costs a
            # third of the run.
            "--disable-full-page-screenshot",
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False,
                              env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
        if not report.is_file():
            pytest.fail(f"lighthouse exited with {done.returncode} for {url} and wrote no report:\n"
                        f"{done.stderr[-3000:]}")
        return json.loads(report.read_text(encoding="utf-8"))


def _flagged(audit: dict) -> list[str]:
    """The first few things an audit flagged: each element's HTML and selector, or else its message and URL."""
    shown = []
    for item in audit.get("details", {}).get("items", [])[:SNIPPETS]:
        node = next((value for value in item.values() if isinstance(value, dict) and value.get("type") == "node"),
                    None)
        if node:  # axe's explanation gives the numbers: "insufficient color contrast of 4.2 (...)"
            why = (node.get("explanation") or "").split("\n")
            text = f"{node.get('snippet')} ({node.get('selector')})" + (f": {why[1].strip()}" if len(why) > 1 else "")
        else:
            url = item.get("url") or (item.get("sourceLocation") or {}).get("url")
            text = " ".join(str(part) for part in (item.get("source"), item.get("description"), url) if part)
        shown.append((text or json.dumps(item))[:300])
    return shown


def failures(report: dict) -> list[str]:
    """One entry per category below 100: its score and every audit that cost it points."""
    if report.get("runtimeError"):  # the page did not load: every audit errs for the same reason
        return [f"runtime error: {report['runtimeError']['code']}: {report['runtimeError']['message']}"]
    problems = []
    for warning in report.get("runWarnings", []):
        problems.append(f"warning: {warning}")
    for key in CATEGORIES:
        category = report["categories"][key]
        if category["score"] == 1:
            continue
        lines = [f"{category['title']}: {category['score']}"]
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit["scoreDisplayMode"] == "error":
                lines.append(f"  {ref['id']}: {audit['title']}: audit error: {audit.get('errorMessage')}")
            elif ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                why = audit.get("explanation") or audit.get("displayValue") or ""
                lines.append(f"  {ref['id']}: {audit['title']}" + (f" ({why})" if why else ""))
                lines += [f"      {snippet}" for snippet in _flagged(audit)]
        problems.append("\n".join(lines))
    return problems


@pytest.mark.parametrize("path", PAGES, ids=lambda path: f"/{path}")
def test_page_scores_100(path: str, shipped_site: BuiltSite, base_url: str) -> None:
    report = lighthouse(base_url + path)
    assert report["finalDisplayedUrl"] == base_url + path, f"/{path} redirected to {report['finalDisplayedUrl']}"
    scores = {key: report["categories"][key]["score"] for key in CATEGORIES}
    assert scores == dict.fromkeys(CATEGORIES, 1), (
        f"Lighthouse on /{path}: {scores}\n" + "\n".join(failures(report)))


BROKEN_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Broken</title></head>
<body><main><h1>Broken on purpose</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
<p style="color:#ccc;background:#fff">Pale text</p></main></body></html>
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def broken_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("broken")
    (folder / "index.html").write_text(BROKEN_PAGE, encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_a_broken_page_fails_and_the_message_says_what_to_fix(broken_url: str) -> None:
    """The check itself: a page with known faults scores below 100, and the message names them."""
    report = lighthouse(broken_url)
    message = "\n".join(failures(report))
    assert report["categories"]["accessibility"]["score"] < 1
    assert report["categories"]["seo"]["score"] < 1
    for audit in ("image-alt", "html-has-lang", "color-contrast", "is-crawlable", "meta-description"):
        assert f"  {audit}: " in message, message
    assert '<img src="data:image/gif' in message, message
