"""Which collective item a new report belongs to. Pure Python, no Django.

Residents describe the same problem in different words (院子里积水 / 下雨后院坝淹水 / 雨水排不出去).
Two reports are "the same problem" when they are about the same place (the same courtyard, or both
about the whole community), in the same category, and their texts share enough character bigrams:
Chinese has no spaces, and bigrams catch shared words (积水, 下雨, 排水) without a segmenter. The
score is the Jaccard index of the two bigram sets; an item is compared through every report it
already holds, and the best score counts, so one clearly worded report is enough to attract more.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

# Found by trying residents' wordings: the same puddle described in other words shares a fifth or
# more of the shorter text's bigrams (积水, 下雨); other problems in the same courtyard and category
# share one filler bigram of a long text, well under a fifth.
THRESHOLD = 0.2
# Two shared bigrams (下雨 and 积水) say "the same problem" even in a long text.
SHARED_ENOUGH = 2

_LATIN_WORD = re.compile(r"[a-z0-9]+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# Words that say nothing about the problem itself; left out so they cannot make reports alike.
_FILLER = frozenset(
    {"我们", "你们", "他们", "这个", "那个", "希望", "一下", "问题", "社区", "居民", "院子", "老人"}
)


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of each run of Chinese characters (a single character stands for itself)
    and lower-cased Latin words."""
    lowered = text.lower()
    found = set(_LATIN_WORD.findall(lowered))
    for run in _CJK_RUN.findall(lowered):
        if len(run) == 1:
            found.add(run)
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(found - _FILLER)


def likeness(a: str, b: str) -> float:
    """Overlap coefficient of the two texts' bigram sets: 0 (nothing shared) to 1 (one text's
    bigrams all appear in the other)."""
    left, right = bigrams(a), bigrams(b)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


@dataclass(frozen=True)
class Candidate:
    """An open item a report might join: its key, where and what it is about, and its texts (the
    item's title and the reports it holds)."""

    key: Hashable
    place: Hashable  # the courtyard's id, or None for the whole community
    category: str
    texts: Sequence[str]


def alike(a: str, b: str, threshold: float = THRESHOLD) -> float:
    """The likeness of two texts if they describe the same problem, else 0: a share of the
    shorter text's bigrams of at least ``threshold``, or SHARED_ENOUGH bigrams in common."""
    left, right = bigrams(a), bigrams(b)
    shared = len(left & right)
    if not shared:
        return 0.0
    score = shared / min(len(left), len(right))
    return score if score >= threshold or shared >= SHARED_ENOUGH else 0.0


def best_match(
    text: str,
    place: Hashable,
    category: str,
    candidates: Iterable[Candidate],
    threshold: float = THRESHOLD,
) -> Hashable | None:
    """The key of the candidate this report belongs to, or None for a new item. Ties go to the
    first candidate given (callers pass the most recently active first)."""
    best_key: Hashable | None = None
    best_score = 0.0
    for candidate in candidates:
        if candidate.place != place or candidate.category != category:
            continue
        score = max((alike(text, other, threshold) for other in candidate.texts), default=0.0)
        if score > best_score:
            best_key, best_score = candidate.key, score
    return best_key


@dataclass(frozen=True)
class Counted:
    courtyard: str
    reports: int
    households: int


def count_by_courtyard(rows: Iterable[tuple[str, Hashable | None]]) -> list[Counted]:
    """From (courtyard name, household key) per report or "me too": reports and distinct
    households per courtyard, most reports first. A report without a household (a caller who gave
    no address) counts as a report, not a household."""
    reports: dict[str, int] = {}
    households: dict[str, set[Hashable]] = {}
    for courtyard, household in rows:
        reports[courtyard] = reports.get(courtyard, 0) + 1
        seen = households.setdefault(courtyard, set())
        if household is not None:
            seen.add(household)
    return sorted(
        (Counted(name, n, len(households[name])) for name, n in reports.items()),
        key=lambda c: (-c.reports, c.courtyard),
    )
