"""What is kept between rebuilds: in memory by a long-running preview (``PreviewCache``), and on
disk between runs (``DiskCache``, in ``.curriculum-cache/`` beside mkdocs.yml).

Only this module knows what is kept; the pipeline asks two questions of it: "what did making this
give last time, if its stamp is the same?" (``reuse``: loaded files, checked problems, model
records) and "was this page last written showing exactly this?" (``unchanged``: pages).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import logging
import os
import pickle
import shutil
import sys
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from generator import __version__

T = TypeVar("T")


class PreviewCache:
    """What `curriculum serve` keeps between rebuilds so that a save shows quickly.

    A one-shot build uses no cache. Entries are keyed by what they are about (a file's path, a
    page's path) and stamped with what they were made from (a file's size and modification time,
    what a page shows); a different stamp means making it again.
    """

    def __init__(self) -> None:
        self._made: dict[Hashable, tuple[object, Any]] = {}
        self._pages: dict[str, object] = {}

    @property
    def used(self) -> bool:
        """Whether anything has been kept yet (a preview's first build has not)."""
        return bool(self._made or self._pages)

    def reuse(self, key: Hashable, stamp: object, make: Callable[[], T]) -> T:
        """What ``make()`` gave the last time for ``key``, if ``stamp`` is unchanged; else make it."""
        earlier = self._made.get(key)
        if earlier is not None and (earlier[0] is stamp or earlier[0] == stamp):
            return earlier[1]
        value = make()
        self._made[key] = (stamp, value)
        return value

    def unchanged(self, page: str, shows: object) -> bool:
        """True if ``page`` was last made showing the same (so the file written then is right);
        otherwise remember ``shows`` for next time, as the caller is about to make the page."""
        earlier = self._pages.get(page, _NOTHING)
        if earlier is not _NOTHING and (earlier is shows or earlier == shows):
            return True
        self._pages[page] = shows
        return False


_NOTHING = object()


CACHE_FOLDER = ".curriculum-cache"
"""The on-disk cache, beside mkdocs.yml: safe to delete at any time (the next run is a cold one)."""

_MAGIC = b"curriculum-cache 1\n"
_DIGEST = hashlib.sha256().digest_size


@functools.cache
def fingerprint() -> str:
    """What a cache entry was made by: this tool's code (every file of the package, so a changed
    template is a different tool), its version, Python's and the libraries' versions. A cache made by
    anything else is never read."""
    digest = hashlib.sha256(f"{__version__} {sys.version} {sys.implementation.cache_tag}".encode())
    for module, dist in _LIBRARIES:
        digest.update(f"{module} {_installed(module, dist)}\n".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


_LIBRARIES = (("mkdocs", "mkdocs"), ("material", "mkdocs_material"), ("markdown", "markdown"),
              ("pymdownx", "pymdown_extensions"), ("yaml", "pyyaml"), ("jinja2", "jinja2"),
              ("markupsafe", "markupsafe"), ("icalendar", "icalendar"))
"""The libraries whose version a cache entry depends on: (module, distribution)."""


def _installed(module: str, dist: str) -> str:
    """A library's installed version, from its .dist-info folder's name (importlib.metadata would
    cost a repeated `curriculum check` a tenth of its time), without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return "-"
    folder = Path(spec.origin).parent.parent
    wanted = dist.replace("-", "_").lower()
    names = sorted(p.name for p in folder.glob("*.dist-info") if p.name.lower().startswith(f"{wanted}-"))
    return " ".join(names) or spec.origin


def content_key(*parts: str | bytes) -> str:
    """A key for something made from ``parts`` (a file's kind, name and bytes, say)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def digest(value: object) -> bytes:
    """A digest of a value made of records, tuples, texts, numbers and dates: equal digests mean
    equal values (pickle writes every part out). Equal values may still differ in digest (a shared
    object pickles as a back-reference), which only costs making the thing again."""
    return hashlib.sha256(pickle.dumps(value, protocol=5)).digest()


class DiskCache:
    """What `curriculum check`, `build` and `serve` keep between runs in ``.curriculum-cache/``.

    Each store is one file: a header, the SHA-256 of the rest, then the pickled entries. A store
    whose checksum does not match (truncated, garbled) is ignored with a warning and made again;
    stores are kept in a folder named by ``fingerprint()``, so a cache made by another version of the
    tool, of Python or of a library is never read (and is removed on the next save). Entries are
    keyed by the content they were made from, so an entry is either right or not found.
    """

    def __init__(self, folder: Path) -> None:
        self.root = folder
        self.folder = folder / fingerprint()

    @classmethod
    def beside(cls, config_file: Path) -> DiskCache | None:
        """The project's cache (beside its mkdocs.yml), or None when CURRICULUM_CACHE=off."""
        if os.environ.get("CURRICULUM_CACHE", "").strip().lower() in ("off", "0", "no"):
            return None
        return cls(config_file.parent / CACHE_FOLDER)

    def load(self, name: str) -> dict[Any, Any]:
        """The entries of store ``name``; empty when it is missing or damaged (with a warning)."""
        path = self.folder / f"{name}.bin"
        try:
            raw = path.read_bytes()
        except OSError:
            return {}
        body = raw[len(_MAGIC) + _DIGEST:]
        if not raw.startswith(_MAGIC) or raw[len(_MAGIC):len(_MAGIC) + _DIGEST] != hashlib.sha256(body).digest():
            _warn(f"ignoring the damaged cache file {_shown(path)} (its checksum does not match); "
                  "it will be made again")
            return {}
        try:
            entries = pickle.loads(body)
        except Exception as error:  # noqa: BLE001 (a checksummed file that still does not load)
            _warn(f"ignoring the cache file {_shown(path)} ({type(error).__name__}); it will be made again")
            return {}
        return entries if isinstance(entries, dict) else {}

    def save(self, name: str, entries: dict[Any, Any]) -> None:
        """Write store ``name`` (atomically); a cache that cannot be written is only a slower next run."""
        temporary = self.folder / f".{name}.{os.getpid()}.tmp"
        try:
            if not self.folder.is_dir():
                self._make_folder()
            body = pickle.dumps(entries, protocol=5)
            temporary.write_bytes(_MAGIC + hashlib.sha256(body).digest() + body)
            os.replace(temporary, self.folder / f"{name}.bin")
        except OSError as error:  # a full disk, say: no half-written store is left behind
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            _warn(f"could not write the cache in {_shown(self.folder)}: {error.strerror or error}")

    def stores(self, prefix: str) -> list[str]:
        """The names of the stores that start with ``prefix``."""
        return sorted(p.stem for p in self.folder.glob(f"{prefix}*.bin"))

    def remove(self, name: str) -> None:
        (self.folder / f"{name}.bin").unlink(missing_ok=True)

    def _make_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.root / ".gitignore").write_text("# The curriculum tool's cache: safe to delete.\n*\n")
        for other in self.root.iterdir():  # made by another version: never read again
            if other.is_dir() and other != self.folder:
                shutil.rmtree(other, ignore_errors=True)


class _Stderr(logging.Handler):
    """Writes to whatever sys.stderr is at the time (a test may have replaced it)."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(self.format(record) + "\n")


log = logging.getLogger("curriculum.cache")
"""Outside MkDocs' loggers: a damaged cache is not a warning that fails a strict build."""
if not log.handlers:
    _handler = _Stderr()
    _handler.setFormatter(logging.Formatter("warning: %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


def _shown(path: Path) -> str:
    """A path as the user knows it: relative to the working folder when inside it."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _warn(message: str) -> None:
    log.warning("%s", message)
