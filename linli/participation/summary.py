"""Pure helpers to shape ledger counts into tables and simple SVG bar charts (no Django)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    rows: list[str]  # row labels, e.g. months
    columns: list[str]  # column labels, e.g. methods
    cells: list[list[int]]  # cells[r][c]

    @property
    def row_totals(self) -> list[int]:
        return [sum(row) for row in self.cells]

    @property
    def column_totals(self) -> list[int]:
        return (
            [sum(col) for col in zip(*self.cells, strict=False)]
            if self.cells
            else [0] * len(self.columns)
        )

    @property
    def total(self) -> int:
        return sum(self.row_totals)


def cross_table(
    counts: Iterable[tuple[str, str, int]], rows: Sequence[str], columns: Sequence[str]
) -> Table:
    """Arrange (row, column, count) triples into a full table with zeros where nothing happened."""
    row_index = {label: i for i, label in enumerate(rows)}
    column_index = {label: i for i, label in enumerate(columns)}
    cells = [[0] * len(columns) for _ in rows]
    for row, column, count in counts:
        if row in row_index and column in column_index:
            cells[row_index[row]][column_index[column]] += count
    return Table(list(rows), list(columns), cells)


def bar_heights(values: Sequence[int], height: float) -> list[float]:
    top = max(values, default=0)
    if top <= 0:
        return [0.0 for _ in values]
    return [height * value / top for value in values]
