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
*known* to a reader when it is published, or is the only unknown member of a sum whose other
members are known (the total of known parts, or the one unknown part of a known total). The
rule:

1. **Primary**: withhold every published count with 0 < count < threshold.
2. **Differences**: (a) no small count may become known; (b) for every sum whose total is
   known, the unknown parts together must count 0 or at least ``threshold`` people; otherwise
   the reader learns a small count by subtracting (e.g. 12 tenants took part, 9 of them online:
   3 took part another way). (a) is fixed by withholding the cheapest of the published figures
   the count was worked out from, preferring one whose removal hides it; (b) by withholding the
   smallest positive published part, or the total when no part is left. This is what protects
   differences between filters: the filtered figure and the unfiltered one are the total and a
   part of one sum, with "outside the filter" as the hidden part.
3. **Linear audit**: no small count may be determined exactly by any combination of published
   figures and sums (its unit vector must not lie in the row space of the sums, the published
   figures being constants). When one is, the published figures that combination uses are
   tried, cheapest first, and one is withheld; then 2 and 3 run again.

"Cheapest": inner cells before totals (a total serves many readers), then the smallest count,
then the figure's name, so the same data always gives the same page. Each step only withholds
more, so the rule ends. It does not bound a withheld count by inequalities (e.g. "between 1 and
4"): the threshold itself says that much.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

THRESHOLD = 5
K = TypeVar("K", bound=Hashable)
# How many figures the audit tries, cheapest first, before it withholds the cheapest even though
# it does not alone hide the exposed count (the loop then continues).
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
    ``published``: those meant for the page (by default all of ``values``)."""
    wanted: set[K] = set(values if published is None else published)
    release = _Release({key: float(value) for key, value in values.items()}, sums, threshold)
    shown: set[Hashable] = {key for key in wanted if not is_small(values[key], threshold)}
    while release.difference_rule(shown) or release.linear_audit(shown):
        pass
    return frozenset(key for key in wanted if key not in shown)


def known_figures(sums: Sequence[Sum], shown: set[Hashable]) -> set[Hashable]:
    """Every figure a reader can work out from ``shown`` by adding and subtracting along sums."""
    return _Release({}, sums, THRESHOLD).known(shown)[0]


def determined(
    values: Mapping[Hashable, float], sums: Sequence[Sum], shown: Iterable[Hashable]
) -> set[Hashable]:
    """The figures fixed exactly by ``shown`` and the sums (the audit's test)."""
    return _Release(dict(values), sums, THRESHOLD).determined(set(shown))[0]


class _Release:
    """The figures and sums of one release, indexed once for the repeated questions the rule asks
    ("what can a reader work out if these are shown?")."""

    def __init__(self, values: dict[Hashable, float], sums: Sequence[Sum], threshold: int):
        self.values = values
        self.sums = list(sums)
        self.threshold = threshold
        self.members = [(s.total, *s.parts) for s in self.sums]
        self.sums_of: dict[Hashable, list[int]] = {}
        for i, members in enumerate(self.members):
            for key in members:
                self.sums_of.setdefault(key, []).append(i)
        self.totals = {s.total for s in self.sums}
        for key in self.sums_of:
            self.values.setdefault(key, 0.0)

    # -- what a reader can work out ----------------------------------------------------------

    def known(self, shown: set[Hashable]) -> tuple[set[Hashable], dict[Hashable, int]]:
        """Figures worked out one sum at a time (a sum with one unknown member fixes it), and for
        each the sum that gave it."""
        known = set(shown)
        reasons: dict[Hashable, int] = {}
        missing = [sum(m not in known for m in members) for members in self.members]
        queue = [i for i, n in enumerate(missing) if n == 1]
        while queue:
            i = queue.pop()
            if missing[i] != 1:
                continue
            key = next(m for m in self.members[i] if m not in known)
            known.add(key)
            reasons[key] = i
            for j in self.sums_of[key]:
                missing[j] -= 1
                if missing[j] == 1:
                    queue.append(j)
        return known, reasons

    def support(self, key: Hashable, shown: set[Hashable], reasons: dict[Hashable, int]) -> set:
        """The shown figures a worked-out figure was worked out from."""
        found: set[Hashable] = set()
        stack, seen = [key], {key}
        while stack:
            current = stack.pop()
            for member in self.members[reasons[current]]:
                if member in seen:
                    continue
                seen.add(member)
                if member in shown:
                    found.add(member)
                elif member in reasons:
                    stack.append(member)
        return found

    def determined(
        self, shown: set[Hashable], explain: Hashable | None = None
    ) -> tuple[set[Hashable], set[Hashable]]:
        """Figures fixed by any combination of shown figures and sums; with ``explain``, also the
        shown figures one such combination for it uses.

        A hidden figure that appears in one sum only (the people outside a filter, those who did
        not take part) is a free slack: that sum tells nothing about the rest, so it is set aside
        and the slack is fixed exactly when the sum's other members are. The remaining sums are
        linear equations over the unknown figures (shown ones are constants); an unknown is fixed
        when its unit vector lies in their row space."""
        active = [True] * len(self.sums)
        uses = {key: len(ids) for key, ids in self.sums_of.items()}
        slack: list[tuple[Hashable, int]] = []
        queue = [k for k, n in uses.items() if n == 1 and k not in shown]
        while queue:
            key = queue.pop()
            if uses[key] != 1:
                continue
            i = next(j for j in self.sums_of[key] if active[j])
            active[i] = False
            slack.append((key, i))
            for member in self.members[i]:
                uses[member] -= 1
                if uses[member] == 1 and member not in shown:
                    queue.append(member)
        core = [i for i in range(len(self.sums)) if active[i]]
        unknown = sorted({m for i in core for m in self.members[i] if m not in shown}, key=repr)
        column = {k: j for j, k in enumerate(unknown)}
        fixed = set(shown)
        combination = None
        if unknown and core:
            matrix = np.zeros((len(core), len(unknown) + len(core)))
            for r, i in enumerate(core):
                sign = 1.0
                for member in self.members[i]:
                    if member in column:
                        matrix[r, column[member]] += sign
                    sign = -1.0
                matrix[r, len(unknown) + r] = 1.0
            rows = _reduced_rows(matrix, len(unknown))
            for j, row in rows.items():
                fixed.add(unknown[j])
                if unknown[j] == explain:
                    combination = row[len(unknown) :]
        for key, i in reversed(slack):
            if all(m in fixed for m in self.members[i] if m != key):
                fixed.add(key)
        used: set[Hashable] = set()
        if explain is not None and explain in fixed:
            used = self._shown_in(explain, shown, fixed, combination, core, slack)
        return fixed, used

    def _shown_in(
        self,
        key: Hashable,
        shown: set[Hashable],
        fixed: set[Hashable],
        combination: npt.NDArray[np.float64] | None,
        core: list[int],
        slack: list[tuple[Hashable, int]],
    ) -> set[Hashable]:
        used: set[Hashable] = set()
        slack_sum = dict(slack)
        pending, seen = [key], {key}
        while pending:
            current = pending.pop()
            if current in slack_sum:
                members = self.members[slack_sum[current]]
            elif current == key and combination is not None:
                members = tuple(
                    m
                    for r, i in enumerate(core)
                    if abs(combination[r]) > 1e-9
                    for m in self.members[i]
                )
            else:
                # A core figure fixed on the way: every shown figure of its sums may matter.
                members = tuple(m for i in self.sums_of.get(current, []) for m in self.members[i])
            for member in members:
                if member in seen:
                    continue
                seen.add(member)
                if member in shown:
                    used.add(member)
                elif member in fixed:
                    pending.append(member)
        return used

    # -- the rule ----------------------------------------------------------------------------

    def small(self, key: Hashable) -> bool:
        return is_small(self.values[key], self.threshold)

    def cheapest(self, candidates: Iterable[Hashable], shown: set[Hashable]) -> list[Hashable]:
        """Inner cells before totals (a total serves many readers), then the smallest; zero
        only as a last resort, since withholding a zero hides nobody."""
        return sorted(
            (k for k in candidates if k in shown),
            key=lambda k: (self.values[k] <= 0, k in self.totals, self.values[k], repr(k)),
        )

    def difference_rule(self, shown: set[Hashable]) -> bool:
        known, reasons = self.known(shown)
        # A small count worked out exactly (the only unknown member of a sum).
        exposed = sorted((k for k in known - shown if self.small(k)), key=repr)
        if exposed:
            key = exposed[0]
            candidates = self.cheapest(self.support(key, shown, reasons), shown)
            if not candidates:
                return False
            for choice in candidates:
                if key not in self.known(shown - {choice})[0]:
                    shown.discard(choice)
                    return True
            shown.discard(candidates[0])
            return True
        # A small number of people hiding together in one sum whose total is known: withhold
        # the smallest positive shown part, or the total when no part is left.
        for s in self.sums:
            if s.total not in known:
                continue
            hidden = sum(self.values[p] for p in s.parts if p not in known)
            if is_small(hidden, self.threshold):
                parts = [p for p in self.cheapest(s.parts, shown) if self.values[p] > 0]
                choice = parts[0] if parts else None
                if choice is None and s.total in shown:
                    choice = s.total
                if choice is None:
                    # The total is worked out through other sums: withhold where it came from.
                    sources = self.cheapest(self.support(s.total, shown, reasons), shown)
                    if not sources:
                        continue
                    choice = sources[0]
                shown.discard(choice)
                return True
        return False

    def linear_audit(self, shown: set[Hashable]) -> bool:
        small_hidden = sorted(
            (k for k in self.values if k not in shown and self.small(k)), key=repr
        )
        if not small_hidden:
            return False
        fixed, _ = self.determined(shown)
        exposed = [k for k in small_hidden if k in fixed]
        if not exposed:
            return False
        key = exposed[0]
        _, used = self.determined(shown, explain=key)
        candidates = self.cheapest(used or shown, shown)
        if not candidates:
            return False
        for choice in candidates[:AUDIT_TRIES]:
            if key not in self.determined(shown - {choice})[0]:
                shown.discard(choice)
                return True
        shown.discard(candidates[0])
        return True


def _reduced_rows(
    matrix: npt.NDArray[np.float64], columns: int
) -> dict[int, npt.NDArray[np.float64]]:
    """Reduce the first ``columns`` columns to reduced row echelon form (the rest ride along and
    record which original rows each result row combines). Returns, for every column j whose
    unit vector lies in the row space, the row that equals it: in reduced form e_j is in the row
    space exactly when some row is e_j. Plain elimination rather than LAPACK: the matrices are
    small, and multi-threaded BLAS on a busy machine costs more than the arithmetic."""
    a = matrix.copy()
    rows = a.shape[0]
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
        nonzero = np.flatnonzero(np.abs(factors) > 1e-12)
        if nonzero.size:
            a[nonzero] -= np.outer(factors[nonzero], a[pivot_row])
        pivots.append((pivot_row, column))
        pivot_row += 1
    return {c: a[r] for r, c in pivots if np.count_nonzero(np.abs(a[r, :columns]) > 1e-9) == 1}
