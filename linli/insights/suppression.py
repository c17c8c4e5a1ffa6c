"""Small-cell suppression for published counts of people, including differences (no Django).

A count of fewer than ``threshold`` (5) people, other than zero, is never published, and neither
is any figure from which such a count could be worked out. Zero is published: "nobody from this
courtyard took part" is the finding the page exists to show, and it singles out no one that the
group's own count does not.

**What can be worked out.** Figures are tied by sums: a table's total is the sum of its rows;
a group's participants are those inside a filter (a courtyard, a channel, a survey) plus those
outside it; the residents of a group are those who took part plus those who did not. A caller
states these as ``Sum(total, parts)``, naming the unpublished pieces too (the people outside a
filter, the non-participants), so the rule sees every difference a reader could take. A figure is
*known* to a reader when it is published, or is the total of a sum whose parts are all known,
or is the only unknown part of a sum whose total is known. The rule:

1. **Primary**: withhold every published count with 0 < count < threshold.
2. **Differences**: for every sum whose total is known, the unknown parts together must count 0
   or at least ``threshold`` people; otherwise the reader learns a small count by subtracting
   (e.g. 12 tenants took part, 9 of them online: 3 took part another way). The fix withholds the
   smallest positive published part, and the total when no part is left to withhold. This is
   what protects differences between filters: the filtered figure and the unfiltered one are
   the total and a part of one sum, with "outside the filter" as the hidden part.
3. **Linear audit**: after 1 and 2, no small count may be determined exactly by any combination
   of published figures and sums (checked by linear algebra: the count's unit vector must not lie
   in the row space of the published figures and the sums). When one is, the smallest positive
   published figure sharing a sum with it is withheld, and 2 and 3 run again.

Each step only withholds more, so the rule ends. It does not bound a withheld count by
inequalities (e.g. "between 1 and 4"): the threshold itself says that much.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

THRESHOLD = 5
K = TypeVar("K", bound=Hashable)
# How many figures the audit tries, smallest first, before it withholds one that does not
# alone hide the exposed count (the loop then continues).
AUDIT_TRIES = 40


@dataclass(frozen=True)
class Sum:
    """``total`` counts exactly the people of ``parts`` together (no one twice)."""

    total: Hashable
    parts: tuple[Hashable, ...]


def is_small(count: float, threshold: int = THRESHOLD) -> bool:
    return 0 < count < threshold


def suppress(
    values: Mapping[K, float],
    sums: Sequence[Sum],
    published: Iterable[K] | None = None,
    *,
    threshold: int = THRESHOLD,
) -> frozenset[K]:
    """The published figures to withhold. ``values``: every figure, hidden ones included;
    ``published``: those meant for the page (by default every figure that no sum marks hidden,
    i.e. all of ``values``)."""
    wanted: set[K] = set(values if published is None else published)
    shown: set[Hashable] = {key for key in wanted if not is_small(values[key], threshold)}
    while True:
        every: dict[Hashable, float] = {key: float(value) for key, value in values.items()}
        changed = _difference_rule(every, sums, shown, threshold)
        if not changed:
            changed = _linear_audit(every, sums, shown, threshold)
        if not changed:
            return frozenset(key for key in wanted if key not in shown)


def known_figures(sums: Sequence[Sum], shown: set[Hashable]) -> set[Hashable]:
    """Every figure a reader can work out from ``shown`` by adding and subtracting along sums."""
    known = set(shown)
    grew = True
    while grew:
        grew = False
        for s in sums:
            unknown = [p for p in s.parts if p not in known]
            if s.total not in known and not unknown:
                known.add(s.total)
                grew = True
            elif s.total in known and len(unknown) == 1:
                known.add(unknown[0])
                grew = True
    return known


def _smallest_positive(
    values: Mapping[Hashable, float], candidates: Iterable[Hashable], shown: set[Hashable]
) -> Hashable | None:
    options = [k for k in candidates if k in shown and values[k] > 0]
    # Ties broken by the key's text so the same figures always withhold the same cells.
    return min(options, key=lambda k: (values[k], repr(k))) if options else None


def _withhold_near(
    values: Mapping[Hashable, float], sums: Sequence[Sum], s: Sum, shown: set[Hashable]
) -> bool:
    choice = _smallest_positive(values, s.parts, shown)
    if choice is None and s.total in shown:
        choice = s.total
    if choice is None:
        # The total is known only by working it out through other sums: withhold there.
        neighbours = [
            k for t in sums if s.total in (t.total, *t.parts) for k in (t.total, *t.parts)
        ]
        choice = _smallest_positive(values, neighbours, shown)
        if choice is None:
            zeros = [k for k in neighbours if k in shown]
            choice = min(zeros, key=repr) if zeros else None
    if choice is None:
        return False
    shown.discard(choice)
    return True


def _difference_rule(
    values: Mapping[Hashable, float], sums: Sequence[Sum], shown: set[Hashable], threshold: int
) -> bool:
    changed = False
    progress = True
    while progress:
        progress = False
        known = known_figures(sums, shown)
        # A small count worked out exactly (the only unknown of a sum, or a sum of known parts).
        exposed = sorted((k for k in known - shown if is_small(values[k], threshold)), key=repr)
        if exposed:
            key = exposed[0]

            def still_known(rest: set[Hashable], key: Hashable = key) -> bool:
                return key in known_figures(sums, rest)

            progress = changed = _withhold_cheapest(values, sums, shown, still_known)
            continue
        # A small number of people hiding together in one sum whose total is known.
        for s in sums:
            if s.total not in known:
                continue
            hidden = sum(values[p] for p in s.parts if p not in known)
            if is_small(hidden, threshold) and _withhold_near(values, sums, s, shown):
                progress = changed = True
                break
    return changed


def _linear_audit(
    values: Mapping[Hashable, float], sums: Sequence[Sum], shown: set[Hashable], threshold: int
) -> bool:
    small_hidden = [k for k in values if k not in shown and is_small(values[k], threshold)]
    if not small_hidden:
        return False
    fixed = determined(values, sums, shown)
    exposed = [k for k in small_hidden if k in fixed]
    if not exposed:
        return False
    key = exposed[0]
    return _withhold_cheapest(
        values, sums, shown, lambda rest: key in determined(values, sums, rest)
    )


def _withhold_cheapest(
    values: Mapping[Hashable, float],
    sums: Sequence[Sum],
    shown: set[Hashable],
    still_exposed: Callable[[set[Hashable]], bool],
) -> bool:
    """Withhold the figure that hides an exposed count at the least cost: inner cells before
    totals (a total serves many readers), then the smallest. The first candidate that hides it
    wins; if none does alone, the first candidate goes and the caller's loop comes back."""
    totals = {s.total for s in sums}
    candidates = sorted(
        (k for k in shown if values[k] > 0), key=lambda k: (k in totals, values[k], repr(k))
    )
    for choice in candidates[:AUDIT_TRIES]:
        if not still_exposed(shown - {choice}):
            shown.discard(choice)
            return True
    fallback = candidates or sorted(shown, key=repr)
    if not fallback:
        return False
    shown.discard(fallback[0])
    return True


def determined(
    values: Mapping[Hashable, float], sums: Sequence[Sum], shown: Iterable[Hashable]
) -> set[Hashable]:
    """The figures fixed exactly by ``shown`` and the sums (the audit's test, for checking)."""
    shown_set = set(shown)
    unknown = [k for k in values if k not in shown_set]
    if not unknown:
        return set(values)
    position = {k: i for i, k in enumerate(unknown)}
    # Shown figures are constants, so each sum is a linear equation over the unknown figures
    # only. An unknown is fixed when its unit vector lies in the row space of these equations.
    rows = []
    for s in sums:
        row = np.zeros(len(unknown))
        if s.total in position:
            row[position[s.total]] += 1.0
        for part in s.parts:
            if part in position:
                row[position[part]] -= 1.0
        if row.any():
            rows.append(row)
    if not rows:
        return shown_set & set(values)
    fixed = {unknown[j] for j in _fixed_columns(np.array(rows))}
    return fixed | (shown_set & set(values))


def _fixed_columns(matrix: npt.NDArray[np.float64]) -> list[int]:
    """Columns j whose unit vector lies in the row space: after reduction to reduced row echelon
    form, e_j is in the row space exactly when some row is e_j (the pivots' columns are zero in
    every other row). Plain elimination rather than LAPACK: the matrices are small, and
    multi-threaded BLAS on a busy machine costs more than the arithmetic."""
    a = matrix.copy()
    rows, columns = a.shape
    pivot_row = 0
    pivots: list[tuple[int, int]] = []
    for column in range(columns):
        if pivot_row == rows:
            break
        best = pivot_row + int(np.argmax(np.abs(a[pivot_row:, column])))
        if abs(a[best, column]) < 1e-9:
            continue
        if best != pivot_row:
            a[[pivot_row, best]] = a[[best, pivot_row]]
        a[pivot_row] /= a[pivot_row, column]
        factors = a[:, column].copy()
        factors[pivot_row] = 0.0
        a -= np.outer(factors, a[pivot_row])
        pivots.append((pivot_row, column))
        pivot_row += 1
    return [c for r, c in pivots if np.count_nonzero(np.abs(a[r]) > 1e-9) == 1]
