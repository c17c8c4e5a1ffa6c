"""``linli insights rake CELLS.csv --dims a,b``: weight factors per cell, printed as JSON.

Pure (no Django), so it starts fast and runs without a database. The CSV has one row per cell:
a column per weighting variable (``--dims``), the respondents (``--sample-column``) and the
population (``--population-column``) of the cell. ``--method rake`` (the default) rakes to the
population's margin over each variable; ``--method poststratify`` uses the cells' population
counts themselves. Prints ``[{"cell": {"a": "1", "b": "1"}, "factor": 1.81}, ...]`` in the file's
order, factors rounded to ``--digits`` (2, as R prints them); ``null`` for a cell nobody answered.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from .weighting import (
    DEFAULT_MAX_ITERATIONS,
    DEFAULT_TOLERANCE,
    Cell,
    Margin,
    Weighting,
    WeightingError,
    post_stratify,
    rake,
)


class CellsFileError(ValueError):
    pass


def read_cells(
    path: Path, dims: list[str], sample_column: str, population_column: str
) -> tuple[list[tuple[Cell, float]], dict[Cell, float]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [
            c
            for c in [*dims, sample_column, population_column]
            if c not in (reader.fieldnames or [])
        ]
        if missing:
            raise CellsFileError(f"{path.name}: no column {', '.join(missing)}")
        sample: list[tuple[Cell, float]] = []
        population: dict[Cell, float] = {}
        for line, row in enumerate(reader, start=2):
            cell = tuple(row[d].strip() for d in dims)
            try:
                n = float(row[sample_column])
                big_n = float(row[population_column])
            except (TypeError, ValueError):
                raise CellsFileError(f"{path.name} line {line}: a count is not a number") from None
            if cell in population:
                raise CellsFileError(f"{path.name} line {line}: cell {cell} is listed twice")
            sample.append((cell, n))
            population[cell] = big_n
    return sample, population


def weigh(
    sample: list[tuple[Cell, float]],
    population: dict[Cell, float],
    dims: list[str],
    method: str,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> Weighting:
    if method == "poststratify":
        return post_stratify(sample, dims, population)
    margins = []
    for position, dim in enumerate(dims):
        totals: dict[str, float] = {}
        for cell, count in population.items():
            totals[cell[position]] = totals.get(cell[position], 0.0) + count
        margins.append(Margin.of(dim, totals))
    return rake(sample, dims, margins, tolerance=tolerance, max_iterations=max_iterations)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="linli insights", description="Survey weighting from the command line."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    rake_parser = commands.add_parser("rake", help="print weight factors per cell as JSON")
    rake_parser.add_argument("file", type=Path)
    rake_parser.add_argument("--dims", required=True, help="the weighting columns, e.g. a,b")
    rake_parser.add_argument("--sample-column", default="sample_n")
    rake_parser.add_argument("--population-column", default="population_N")
    rake_parser.add_argument("--method", choices=["rake", "poststratify"], default="rake")
    rake_parser.add_argument("--digits", type=int, default=2, help="decimals in each factor")
    rake_parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE)
    rake_parser.add_argument("--max-iterations", type=int, default=DEFAULT_MAX_ITERATIONS)
    args = parser.parse_args(argv)
    dims = [d.strip() for d in args.dims.split(",") if d.strip()]
    try:
        sample, population = read_cells(args.file, dims, args.sample_column, args.population_column)
        result = weigh(sample, population, dims, args.method, args.tolerance, args.max_iterations)
    except (OSError, CellsFileError) as exc:
        print(f"linli insights rake: {exc}", file=sys.stderr)
        return 2
    except WeightingError as exc:
        print(f"linli insights rake: {exc.code}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result.as_rows(digits=args.digits), ensure_ascii=False))
    return 0
