"""The memory a long-running preview keeps between rebuilds (``curriculum serve``).

Only this module knows what is kept; the pipeline asks two questions of it: "what did making this
give last time, if its stamp is the same?" (``reuse``: loaded files, checked problems, model
records) and "was this page last written showing exactly this?" (``unchanged``: pages).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

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
