"""Did-you-mean hints for misspelt field names, choices and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

ID_TYPO = 0.85
"""How alike two whole ids must be (difflib's ratio) to count as a typo of each other: 'discovery-pain-chian'
is 0.95 from 'discovery-pain-chain', while 'discovery-spin-implication' (0.65) is another lesson."""
ID_WORD = 0.8
"""How alike two words of an id must be to count as the same word: 'chian' and 'chain' are 0.8."""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word``, if any is close enough to be a likely typo."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str], *, many: bool = False) -> str:
    """``"; did you mean 'objective'?"`` for the closest choice, or ``""`` when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=3 if many else 1, cutoff=0.6)
    return _hint(close)


def did_you_mean_id(word: str, ids: Iterable[str]) -> str:
    """The hint for an id that does not exist: up to three ids the author may have meant, or ``""``.

    Ids share their first word with many others ('discovery-...'), so the general rule would offer
    any lesson of the same area. An id is offered only when it is a typo of ``word`` (alike as a whole)
    or when one of the two holds every word of the other, in order, each word at most a typo away
    ('time-plan-week' for 'time-plan-the-week', 'objections-price' for 'objections-price-too-high').
    A one-word id is offered the one id that starts with that word ('pipeline' for 'pipeline-hygiene'),
    and nothing when several do ('coaching').
    """
    ids = list(ids)
    scored = []
    for ident in ids:
        ratio = difflib.SequenceMatcher(None, word, ident).ratio()
        if ratio >= ID_TYPO or _words_within(word, ident) or _words_within(ident, word):
            scored.append((-ratio, ident))
    if not scored and "-" not in word:
        starting = [i for i in ids if _alike(word, i.split("-")[0], ID_WORD)]
        return _hint(starting if len(starting) == 1 else [])
    return _hint([ident for _, ident in sorted(scored)[:3]])


def _words_within(short: str, long: str) -> bool:
    """Every word of ``short`` (two at least) is, in order, a word of ``long`` or a typo of one."""
    wanted, words = short.split("-"), iter(long.split("-"))
    if len(wanted) < 2:
        return False
    return all(any(_alike(w, other, ID_WORD) for other in words) for w in wanted)


def _alike(a: str, b: str, cutoff: float) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= cutoff


def _hint(close: list[str]) -> str:
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"
