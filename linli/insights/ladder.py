"""The depth ladder: how deeply each resident takes part, on two dates, and the moves between
them (no Django).

Every act in the ledger carries a depth (``participation.models.Depth``): 1 informed (read a
notice, attended a briefing), 2 consulted (answered a survey, commented), 3 involved (came to a
meeting, proposed), 4 collaborating (sat on a board, volunteered in a team), 5 leading. A
resident's **level on a date** is the deepest act they made in the ``window_days`` (365) up to
and including that day; 0 ("not taking part") when they made none. Someone who led a project
two years ago and has done nothing since is not counted as leading today: the ladder measures
participation that lasts (seed 001 part 7), so a level lapses after a year without acts.

The ledger is grouped by resident in the database (``queries.ladder_rows``: one row per resident
with the deepest act in each window and the first act, a single GROUP BY over the ledger's
covering index), so a page reads one row per resident, not one per act; this module takes those
rows as arrays:

- ``ladder(rows, before, after)`` gives each resident's two levels (to show a resident their own
  path, or staff a household's), counting residents who never took part as "none";
- ``Ladder.transitions``: the 6 x 6 table of residents by level before (rows) and after
  (columns), with moved up / stayed / moved down;
- ``cohorts``: residents grouped by the period of their first act (year, quarter or month),
  counted by level on the later date, to see whether newcomers stay and climb;
- ``publish_table`` / ``publish_transitions``: the same aggregates with small-cell suppression
  (``suppression``), the row and column totals and the up/stayed/down counts tied as sums, so
  no count of 1 to 4 residents can be read or worked out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .suppression import THRESHOLD, Sum, suppress

# Index = depth; 0 is "not taking part". Depths 1-5 are participation.models.Depth's values.
LEVELS = ("none", "informed", "consulted", "involved", "collaborating", "leading")
WINDOW_DAYS = 365
PERIODS = ("year", "quarter", "month")

IntArray = npt.NDArray[np.int64]


class LadderError(ValueError):
    pass


# Member ids are database keys: small non-negative integers. Up to this many ids beyond the
# number of values, a lookup array (one gather) replaces sorting and binary search.
DENSE_SLACK = 4_000_000


def _unique_ids(ids: IntArray) -> IntArray:
    if ids.size and ids.min() >= 0 and ids.max() <= ids.size + DENSE_SLACK:
        return np.flatnonzero(np.bincount(ids)).astype(np.int64)
    return np.unique(ids)


def _positions(members: IntArray, ids: IntArray) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """Where each id sits in ``members`` (sorted, unique), and whether it is there at all."""
    if not len(members):
        return np.zeros(len(ids), dtype=np.int64), np.zeros(len(ids), dtype=bool)
    top = int(max(members.max(), ids.max(initial=0)))
    if members.min() >= 0 and (ids.size == 0 or ids.min() >= 0) and top <= ids.size + DENSE_SLACK:
        lookup = np.full(top + 1, -1, dtype=np.int64)
        lookup[members] = np.arange(len(members))
        position = lookup[ids]
        known = position >= 0
        return np.where(known, position, 0), known
    position = np.minimum(np.searchsorted(members, ids), len(members) - 1)
    return position, members[position] == ids


def window(on: Any, window_days: int = WINDOW_DAYS) -> tuple[dt.date, dt.date]:
    """The local days whose acts count for the level on ``on``: from the first (included) to
    the second (excluded, the day after ``on``)."""
    end = np.datetime64(on, "D") + np.timedelta64(1, "D")
    start = end - np.timedelta64(window_days, "D")
    return start.astype(dt.date), end.astype(dt.date)


@dataclass(frozen=True)
class Residents:
    """The ledger grouped by resident, as the database gives it (``queries.ladder_rows``): each
    resident's level on the first and the second date (the deepest act in each window) and
    their first act (local time) up to the second date. Only residents with an act up to the
    second date appear."""

    member: IntArray
    before: IntArray
    after: IntArray
    first: npt.NDArray[np.datetime64]

    @classmethod
    def of(
        cls,
        member: npt.ArrayLike,
        before: npt.ArrayLike,
        after: npt.ArrayLike,
        first: npt.ArrayLike,
    ) -> Residents:
        members = np.asarray(member, dtype=np.int64)
        levels = (np.asarray(before, dtype=np.int64), np.asarray(after, dtype=np.int64))
        firsts = np.asarray(first, dtype="datetime64[s]")
        if members.ndim != 1 or any(a.shape != members.shape for a in (*levels, firsts)):
            raise LadderError("member, before, after and first must be arrays of the same length")
        for level in levels:
            if level.size and (level.min() < 0 or level.max() >= len(LEVELS)):
                raise LadderError(f"a level must be between 0 and {len(LEVELS) - 1}")
        if len(np.unique(members)) != len(members):
            raise LadderError("one row per resident")
        return cls(members, *levels, firsts)


@dataclass(frozen=True)
class Ladder:
    members: IntArray
    before: IntArray
    after: IntArray
    on_before: str
    on_after: str
    # Each member's first act (local time) up to the second date; NaT for those with none.
    first: npt.NDArray[np.datetime64]

    def resident(self, member: int) -> tuple[str, str]:
        """A resident's level on each date, for their own page."""
        i = int(np.searchsorted(self.members, member))
        if i >= len(self.members) or self.members[i] != member:
            raise LadderError(f"member {member} is not in this ladder")
        return LEVELS[self.before[i]], LEVELS[self.after[i]]

    @property
    def transitions(self) -> IntArray:
        """``table[b][a]``: residents at level b on the first date and a on the second."""
        size = len(LEVELS)
        flat = np.bincount(self.before * size + self.after, minlength=size * size)
        return flat.reshape(size, size).astype(np.int64)

    @property
    def moves(self) -> dict[str, int]:
        return {
            "up": int((self.after > self.before).sum()),
            "stayed": int((self.after == self.before).sum()),
            "down": int((self.after < self.before).sum()),
        }


def ladder(
    rows: Residents,
    before: Any,
    after: Any,
    *,
    members: npt.ArrayLike | None = None,
) -> Ladder:
    """Levels on two dates. ``members``: every resident to count (those who never took part
    are "none" on both dates, rows of anyone else are left out); by default everyone with an
    act up to the later date."""
    if np.datetime64(before, "D") > np.datetime64(after, "D"):
        raise LadderError("the first date must not come after the second")
    people = _unique_ids(rows.member if members is None else np.asarray(members, np.int64))
    position, known = _positions(people, rows.member)
    levels_before = np.zeros(len(people), dtype=np.int64)
    levels_after = np.zeros(len(people), dtype=np.int64)
    first = np.full(len(people), np.datetime64("NaT"), dtype="datetime64[s]")
    levels_before[position[known]] = rows.before[known]
    levels_after[position[known]] = rows.after[known]
    first[position[known]] = rows.first[known]
    return Ladder(
        people,
        levels_before,
        levels_after,
        str(np.datetime64(before, "D")),
        str(np.datetime64(after, "D")),
        first,
    )


def _period_codes(first: npt.NDArray[np.datetime64], period: str) -> IntArray:
    """Each time's period as a number that sorts in time order (months or years since 1970)."""
    if period == "year":
        return first.astype("datetime64[Y]").astype(np.int64)
    months = first.astype("datetime64[M]").astype(np.int64)
    if period == "month":
        return months
    if period == "quarter":
        return months // 3
    raise LadderError(f"period must be one of {', '.join(PERIODS)}")


def _period_label(code: int, period: str) -> str:
    if period == "year":
        return str(np.datetime64(code, "Y"))
    if period == "month":
        return str(np.datetime64(code, "M"))
    year, quarter = divmod(code, 4)
    return f"{1970 + year}-Q{quarter + 1}"


@dataclass(frozen=True)
class Table:
    """Counts of residents: ``cells[r][c]`` for row ``rows[r]`` and level ``columns[c]``."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: IntArray


def cohorts(result: Ladder, *, period: str = "year") -> Table:
    """Residents by the period of their first act (up to the later date) and their level on the
    later date. Residents who never acted are left out: they belong to no cohort."""
    acted = ~np.isnat(result.first)
    codes = _period_codes(result.first[acted], period)
    row_codes, row_index = np.unique(codes, return_inverse=True)
    rows = [_period_label(int(code), period) for code in row_codes]
    size = len(LEVELS)
    flat = np.bincount(row_index * size + result.after[acted], minlength=len(rows) * size)
    return Table(
        tuple(str(r) for r in rows), LEVELS, flat.reshape(len(rows), size).astype(np.int64)
    )


def by_group(result: Ladder, group_of: npt.ArrayLike, *, on: str = "after") -> Table:
    """Residents by group (e.g. courtyard; one label per member, in ``result.members`` order)
    and level on one of the two dates."""
    labels = np.asarray(group_of).astype(str)
    if labels.shape != result.members.shape:
        raise LadderError("one group per member of the ladder")
    levels = result.after if on == "after" else result.before
    rows, row_index = np.unique(labels, return_inverse=True)
    size = len(LEVELS)
    flat = np.bincount(row_index * size + levels, minlength=len(rows) * size)
    return Table(
        tuple(str(r) for r in rows), LEVELS, flat.reshape(len(rows), size).astype(np.int64)
    )


def by_coded_group(
    result: Ladder, codes: npt.ArrayLike, names: Sequence[str], *, on: str = "after"
) -> Table:
    """``by_group`` with each member's group given as a number (``names[code]``): what a
    community's courtyards are read as, so 80,000 residents are counted without a string each.
    Groups of the same name are one row, as in ``by_group``."""
    codes = np.asarray(codes, dtype=np.int64)
    if codes.shape != result.members.shape:
        raise LadderError("one group per member of the ladder")
    if codes.size and (codes.min() < 0 or codes.max() >= len(names)):
        raise LadderError("a group code must index the names")
    unique_names, name_of_code = np.unique(np.asarray(names, dtype=str), return_inverse=True)
    present, row_index = np.unique(name_of_code[codes], return_inverse=True)
    levels = result.after if on == "after" else result.before
    size = len(LEVELS)
    flat = np.bincount(row_index * size + levels, minlength=len(present) * size)
    return Table(
        tuple(str(name) for name in unique_names[present]),
        LEVELS,
        flat.reshape(len(present), size).astype(np.int64),
    )


# --- publishing with suppression ---------------------------------------------------------------


def table_figures(
    rows: Sequence[str], columns: Sequence[str], cells: IntArray
) -> tuple[dict[tuple[str, str], int], list[Sum]]:
    values: dict[tuple[str, str], int] = {}
    sums: list[Sum] = []
    for r, row in enumerate(rows):
        for c, column in enumerate(columns):
            values[(row, column)] = int(cells[r, c])
    for r, row in enumerate(rows):
        values[(row, "*")] = int(cells[r].sum())
        sums.append(Sum((row, "*"), tuple((row, column) for column in columns)))
    for c, column in enumerate(columns):
        values[("*", column)] = int(cells[:, c].sum())
        sums.append(Sum(("*", column), tuple((row, column) for row in rows)))
    values[("*", "*")] = int(cells.sum())
    sums.append(Sum(("*", "*"), tuple((row, "*") for row in rows)))
    sums.append(Sum(("*", "*"), tuple(("*", column) for column in columns)))
    return values, sums


def _shown_table(
    rows: Sequence[str],
    columns: Sequence[str],
    values: dict[tuple[str, str], int],
    withheld: frozenset[tuple[str, str]],
) -> dict[str, Any]:
    def count(key: tuple[str, str]) -> int | None:
        return None if key in withheld else values[key]

    return {
        "columns": list(columns),
        "rows": [
            {
                "row": row,
                "cells": [count((row, column)) for column in columns],
                "total": count((row, "*")),
            }
            for row in rows
        ],
        "totals": [count(("*", column)) for column in columns],
        "total": count(("*", "*")),
    }


def publish_table(table: Table, *, threshold: int = THRESHOLD) -> dict[str, Any]:
    """A table of residents with its row and column totals, small counts withheld (``None``)."""
    values, sums = table_figures(table.rows, table.columns, table.cells)
    withheld = suppress(values, sums, threshold=threshold)
    return {"threshold": threshold, **_shown_table(table.rows, table.columns, values, withheld)}


MOVES = ("up", "stayed", "down")


def transition_figures(
    result: Ladder,
) -> tuple[dict[tuple[str, str], int], list[Sum]]:
    """The transition table's counts, totals and moves, with the sums that tie them."""
    values, sums = table_figures(LEVELS, LEVELS, result.transitions)
    moves: dict[str, list[tuple[str, str]]] = {name: [] for name in MOVES}
    for b, before in enumerate(LEVELS):
        for a, after in enumerate(LEVELS):
            moves["up" if a > b else "down" if a < b else "stayed"].append((before, after))
    for name, parts in moves.items():
        values[("moved", name)] = sum(values[p] for p in parts)
        sums.append(Sum(("moved", name), tuple(parts)))
    sums.append(Sum(("*", "*"), tuple(("moved", name) for name in MOVES)))
    return values, sums


def publish_transitions(result: Ladder, *, threshold: int = THRESHOLD) -> dict[str, Any]:
    """The transition table (before in rows, after in columns) with moved up / stayed / down."""
    values, sums = transition_figures(result)
    withheld = suppress(values, sums, threshold=threshold)
    return {
        "threshold": threshold,
        "before": result.on_before,
        "after": result.on_after,
        **_shown_table(LEVELS, LEVELS, values, withheld),
        "moves": {
            name: None if ("moved", name) in withheld else values[("moved", name)] for name in MOVES
        },
    }
