"""Which filtered views of survey results may be shown without exposing one person's answers.

Pure: no Django. Rows are the coarse facts kept with each response (courtyard, channel, age
band, gender); a filter is a set of ``dimension -> value`` conditions that must all hold.

Hiding groups smaller than ``k`` is not enough. Results of two groups can be subtracted
(differencing): with "courtyard A" (6 responses) and "courtyard A, women" (5) shown, their
difference is the one man of courtyard A, and his answers can be read off. So a filtered group
is shown only when every comparison with a group that can also be seen leaves at least ``k``
people, or none:

1. the group itself has at least ``k`` responses;
2. for every looser filter (any of its conditions dropped, down to the whole survey), the
   difference in size is 0 or at least ``k``;
3. for every condition ``d = v``, the people of the looser filter (``d`` dropped) who fall in
   no showable value of ``d`` - small groups and people who gave no answer for ``d`` - number 0
   or at least ``k``: otherwise the looser group minus all showable values of ``d`` would
   isolate them.

Rule 3 is secondary suppression: one rare value can close a whole dimension under a parent
group. That is the price of not publishing anyone's answers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import combinations

Conditions = Mapping[str, Hashable]
Row = Mapping[str, Hashable]

TOO_SMALL = "too_small"
DIFFERENCE = "difference"
REMAINDER = "remainder"


def _matches(row: Row, conditions: Conditions) -> bool:
    return all(row.get(name) == value for name, value in conditions.items())


def _count(rows: Sequence[Row], conditions: Conditions) -> int:
    return sum(1 for row in rows if _matches(row, conditions))


def _looser(conditions: Conditions) -> Iterable[dict[str, Hashable]]:
    """Every filter made by dropping one or more conditions (the empty one is the whole)."""
    names = sorted(conditions)
    for size in range(len(names)):
        for kept in combinations(names, size):
            yield {name: conditions[name] for name in kept}


def _unshowable_remainder(rows: Sequence[Row], parent: Conditions, dimension: str, k: int) -> int:
    in_parent = [row for row in rows if _matches(row, parent)]
    sizes: dict[Hashable, int] = {}
    for row in in_parent:
        value = row.get(dimension)
        if value not in (None, ""):
            sizes[value] = sizes.get(value, 0) + 1
    showable = sum(n for n in sizes.values() if n >= k)
    return len(in_parent) - showable


def refusal(rows: Sequence[Row], wanted: Conditions, k: int) -> str | None:
    """Why this filtered group may not be shown (a reason code), or None when it may."""
    if not wanted:
        return None
    size = _count(rows, wanted)
    if size < k:
        return TOO_SMALL
    for looser in _looser(wanted):
        difference = _count(rows, looser) - size
        if 0 < difference < k:
            return DIFFERENCE
    for dimension in wanted:
        parent = {name: value for name, value in wanted.items() if name != dimension}
        remainder = _unshowable_remainder(rows, parent, dimension, k)
        if 0 < remainder < k:
            return REMAINDER
    return None
