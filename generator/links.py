"""Check the links of a built site: every internal link and anchor must resolve.

Internal links are resolved the way a browser resolves them on the published site (``site_url``,
which may have a sub-path, as a GitHub project site does), so a root-relative link that would miss
the sub-path is reported too. External links are only collected here; ``check_external`` requests
them, and only when asked (``curriculum links --external``), never in the default test run.
"""

from __future__ import annotations

import posixpath
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
                   "iframe": "src", "form": "action"}


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target}: {self.reason}"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute):
            if tag == "link" and "canonical" not in (values.get("rel") or "") and \
                    not (values.get("rel") or "").startswith(("stylesheet", "icon", "manifest", "preload")):
                return
            self.links.append(values[attribute] or "")


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def _page_url(site_url: str, relative: str) -> str:
    relative = relative.removesuffix("index.html")
    return urljoin(site_url, relative)


def _file_for(site_dir: Path, base_path: str, url_path: str) -> Path | None:
    """The file a URL path on the published site serves, or None if outside the site."""
    path = unquote(url_path)
    if not path.startswith(base_path):
        return None
    inside = posixpath.normpath("/" + path[len(base_path):]).lstrip("/")
    target = site_dir / inside
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def crawl(site_dir: Path, site_url: str) -> tuple[list[BrokenLink], set[str]]:
    """Broken internal links and anchors in every HTML page, and the set of external URLs."""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    base = urlsplit(site_url)
    pages = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}
    parsed = {name: _parse(path) for name, path in pages.items()}
    broken: list[BrokenLink] = []
    external: set[str] = set()
    for name, page in parsed.items():
        here = _page_url(site_url, name)
        for link in page.links:
            if link.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            url = urlsplit(urljoin(here, link))
            if url.scheme not in ("http", "https") or url.netloc != base.netloc:
                if url.scheme in ("http", "https"):
                    external.add(url.geturl())
                continue
            target = _file_for(site_dir, base.path, url.path)
            if target is None:
                broken.append(BrokenLink(name, link, f"outside the site's path {base.path}"))
            elif not target.is_file():
                broken.append(BrokenLink(name, link, "no such page or file"))
            elif url.fragment and target.suffix == ".html":
                key = target.relative_to(site_dir).as_posix()
                ids = parsed[key].ids if key in parsed else _parse(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(BrokenLink(name, link, f"no anchor #{url.fragment} on that page"))
    return sorted(set(broken)), external


def check_external(urls: Iterable[str], timeout: float = 10.0) -> Iterator[tuple[str, str]]:
    """(url, problem) for each external URL that does not answer with success."""
    for url in sorted(urls):
        request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "curriculum-links"})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                pass
        except urllib.error.HTTPError as error:
            if error.code not in (405, 403):  # some servers refuse HEAD; not a broken link
                yield url, f"HTTP {error.code}"
        except (urllib.error.URLError, OSError) as error:
            yield url, str(getattr(error, "reason", error))
