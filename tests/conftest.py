"""Shared test helpers: a throw-away copy of a small project, and the command run as a user runs it."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from generator.lighthouse import find_chromium

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def make_project(target: Path, curriculum: Path) -> Path:
    """A project folder like the repository's: its mkdocs.yml, a curriculum and an empty generated/."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(curriculum, target / "curriculum")
    (target / "generated").mkdir()
    shutil.copy(REPO / "generated" / ".gitignore", target / "generated" / ".gitignore")
    return target


def set_lesson_fields(project: Path, texts: dict[tuple[str | int, ...], str]) -> None:
    """Write ``texts`` into the fixture's short lesson, each at its path of keys and indexes."""
    import yaml

    lesson = project / "curriculum/lessons/short-lesson.yaml"
    data = yaml.safe_load(lesson.read_text(encoding="utf-8"))
    for path, text in texts.items():
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = text
    lesson.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the two-lesson fixture project, free to change."""
    return make_project(tmp_path / "mini", FIXTURES / "mini" / "curriculum")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


TODAY_EPOCH = "1795737600"
"""2026-11-27 00:00 UTC: the tests' "today", so review-date warnings and calendar starts hold still."""


def run(*args: str, cwd: Path, **env_vars: str) -> Result:
    """Run ``curriculum ARGS`` in a fresh interpreter, as a user would, on the tests' fixed date."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
           "SOURCE_DATE_EPOCH": TODAY_EPOCH, **env_vars}
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, env=env,
        timeout=600, check=False, stdin=subprocess.DEVNULL,  # never a terminal: nothing may wait for input
    )
    return Result(done.returncode, done.stdout, done.stderr)


SITE_URL = os.environ.get("SITE_URL", "https://example.github.io/sales-coaching/")
"""The published address the tests' mkdocs.yml gives (its default, unless SITE_URL is set)."""


def code_of(line: str) -> str:
    """The code of one reported problem line (``file:1:2: [warning: ]CUR104 field: message``)."""
    found = re.search(r": (?:warning: )?(CUR\d{3}) ", line)
    assert found, f"no code in {line!r}"
    return found.group(1)


def guide_line(code: str) -> str:
    """The line `check` ends with after problems, pointing at the first one's code in the guide."""
    return f"Each code is explained in the authoring guide: {SITE_URL.rstrip('/')}/authoring/#{code}"


def tree_digest(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to compare a folder before and after."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


SHIPPED_URL = "https://coaching.example.org/team/"
"""The shipped site is built for a sub-path, as on GitHub Pages; browser tests serve it there."""


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    site: Path
    listing: dict


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's curriculum built once, with `curriculum build`, into a throw-away project."""
    root = make_project(tmp_path_factory.mktemp("shipped"), REPO / "curriculum")
    result = run("build", cwd=root, SITE_URL=SHIPPED_URL)
    assert result.code == 0, result.err
    listing = run("list", "--json", cwd=root)
    assert listing.code == 0, listing.err
    return BuiltSite(root, root / "site", json.loads(listing.out))


# The built site in a real headless Chromium, driven by Playwright.




CHROMIUM = find_chromium()  # shared with `python -m generator.lighthouse`


def no_chromium(path: Path) -> str:
    """The one line a browser test fails with when there is no Chromium to drive."""
    return (f"no Chromium at {path}: run `python -m playwright install chromium` (any system), or install "
            "your system's (Debian, Ubuntu: apt-get install chromium), or set CHROMIUM to a Chromium or Chrome")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


PREFIX = urlsplit(SHIPPED_URL).path


class SubPath(http.server.SimpleHTTPRequestHandler):
    """Serves the site under the sub-path of its site_url, like GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return "/nonexistent"
        return super().translate_path("/" + path[len(PREFIX):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():  # GitHub Pages answers with the site's 404 page
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().send_error(code, message, explain)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(shipped_site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(SubPath, directory=str(shipped_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(no_chromium(CHROMIUM), pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()
