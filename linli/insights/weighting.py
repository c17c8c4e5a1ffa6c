"""Survey weights from population baselines: raking and post-stratification (no Django).

A survey's respondents rarely look like the community: more owners than tenants answer, fewer
Tibetan speakers. Weighting gives each respondent a weight so that the weighted respondents match
what is known about the population.

**Cells.** Respondents are grouped into cells, one per combination of the weighting variables
(``dims``), e.g. ``("tenant", "zh")``. Each cell carries its *initial total*: the sum of the
respondents' starting weights (their number when everyone starts at 1, or the sum of design
weights such as R's ``pw``). Weighting multiplies every respondent of a cell by the same
*factor*, so it works on cells and the factors apply to every respondent in them.

**Post-stratification** (Kalton & Flores-Cervantes 2003, section 2.2) knows the population count
of every cell of the strata (the joint table): factor = N_cell / initial total of the cell.

**Raking** (iterative proportional fitting; Deming & Stephan 1940) knows only margins: the
population total of each level of each variable, or of each cell of a small joint table. It
scales the weights to match the first margin, then the second, ..., and repeats until every
margin is met within ``tolerance`` (the largest relative gap between a weighted margin total
and its target) or ``max_iterations`` sweeps have run. A margin over all the dims is
post-stratification, met in one sweep.

**Errors** (``WeightingError.code``), for a caller to explain in words:

- ``no_margins``, ``unknown_dimension``, ``duplicate_cell``, ``bad_number`` (negative, not
  finite, or not one respondent count per cell), ``no_respondents`` (a design effect of nothing);
- ``margin_totals_differ``: two margins describe populations of different sizes (raking cannot
  meet both);
- ``empty_cell`` / ``empty_level``: the population has people in a cell or level where no one
  answered, so no weight can represent them (collapse it with a neighbour);
- ``missing_cell`` / ``missing_level``: people answered in a cell or level the population says is
  empty or does not list;
- ``did_not_converge``: the margins cannot be met together (e.g. the respondents' cells leave
  no way to reach them), or need more sweeps.

**Design effect** (Kish 1965): unequal weights make estimates less precise. With final weights
w_i of n respondents, deff = 1 + CV^2 = n * sum(w_i^2) / (sum w_i)^2 (CV with the population
variance), and the effective sample size is n / deff = (sum w_i)^2 / sum(w_i^2).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

Cell = tuple[str, ...]
FloatArray = npt.NDArray[np.float64]

DEFAULT_TOLERANCE = 1e-10
DEFAULT_MAX_ITERATIONS = 1000
# Two margins are "the same population" when their totals agree to this relative precision.
MARGIN_TOTAL_PRECISION = 1e-6


class WeightingError(ValueError):
    """A refusal with a ``code`` (see the module docstring) and the details that explain it."""

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


@dataclass(frozen=True)
class Margin:
    """Population totals over one variable, or over the joint cells of a few variables."""

    dims: tuple[str, ...]
    totals: Mapping[Cell, float]

    @classmethod
    def of(cls, dim: str, totals: Mapping[str, float]) -> Margin:
        """A margin over one variable: ``Margin.of("tenure", {"owner": 410, "tenant": 190})``."""
        return cls((dim,), {(str(level),): total for level, total in totals.items()})

    @classmethod
    def joint(cls, dims: Sequence[str], totals: Mapping[Cell, float]) -> Margin:
        return cls(tuple(dims), {tuple(str(v) for v in cell): t for cell, t in totals.items()})

    @property
    def total(self) -> float:
        return float(sum(self.totals.values()))


@dataclass(frozen=True)
class Weighting:
    """The result: one factor per cell (final total / initial total; NaN for an empty cell)."""

    method: str
    dims: tuple[str, ...]
    cells: tuple[Cell, ...]
    initial: FloatArray
    factors: FloatArray
    respondents: FloatArray
    iterations: int
    margin_error: float  # the largest relative gap left between a margin and its target
    _index: dict[Cell, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({cell: i for i, cell in enumerate(self.cells)})

    def factor(self, cell: Sequence[str]) -> float:
        return float(self.factors[self._index[tuple(str(v) for v in cell)]])

    @property
    def totals(self) -> FloatArray:
        """The weighted total of each cell after weighting."""
        return np.where(self.initial > 0, self.initial * np.nan_to_num(self.factors), 0.0)

    def margin(self, dims: Sequence[str]) -> dict[Cell, float]:
        """The weighted totals over some of the dims (to check a margin was met)."""
        positions = [self.dims.index(d) for d in dims]
        out: dict[Cell, float] = {}
        for cell, total in zip(self.cells, self.totals, strict=True):
            key = tuple(cell[p] for p in positions)
            out[key] = out.get(key, 0.0) + float(total)
        return out

    @property
    def respondent_weights(self) -> FloatArray:
        """Each cell's weight per respondent (initial weight per respondent times the factor)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.respondents > 0, self.totals / self.respondents, 0.0)

    @property
    def design_effect(self) -> float:
        """Kish's deff over the respondents (each respondent of a cell weighs the same)."""
        return kish_design_effect(self.respondent_weights, counts=self.respondents)

    @property
    def effective_sample_size(self) -> float:
        return effective_sample_size(self.respondent_weights, counts=self.respondents)

    def as_rows(self, digits: int | None = None) -> list[dict[str, Any]]:
        """``[{"cell": {"a": "1", "b": "1"}, "factor": 1.81}, ...]`` (``None`` for an empty cell)."""
        rows: list[dict[str, Any]] = []
        for cell, factor in zip(self.cells, self.factors, strict=True):
            value: float | None = None if np.isnan(factor) else float(factor)
            if value is not None and digits is not None:
                value = round(value, digits)
            rows.append({"cell": dict(zip(self.dims, cell, strict=True)), "factor": value})
        return rows


def kish_design_effect(weights: npt.ArrayLike, counts: npt.ArrayLike | None = None) -> float:
    """deff = n * sum(w^2) / (sum w)^2 = 1 + CV^2; ``counts`` repeats each weight that often."""
    w = np.asarray(weights, dtype=float)
    c = np.ones_like(w) if counts is None else np.asarray(counts, dtype=float)
    n = c.sum()
    total = (c * w).sum()
    if n <= 0 or total <= 0:
        raise WeightingError("no_respondents", "the design effect needs at least one weight > 0")
    return float(n * (c * w * w).sum() / (total * total))


def effective_sample_size(weights: npt.ArrayLike, counts: npt.ArrayLike | None = None) -> float:
    """n / deff = (sum w)^2 / sum(w^2): how many unweighted answers the weighted ones are worth."""
    w = np.asarray(weights, dtype=float)
    c = np.ones_like(w) if counts is None else np.asarray(counts, dtype=float)
    return float(c.sum() / kish_design_effect(w, c))


def _cell_table(
    sample: Mapping[Cell, float] | Iterable[tuple[Cell, float]], dims: Sequence[str]
) -> tuple[tuple[Cell, ...], FloatArray]:
    items = list(sample.items() if isinstance(sample, Mapping) else sample)
    cells: list[Cell] = []
    seen: set[Cell] = set()
    for cell, _ in items:
        key = tuple(str(v) for v in cell)
        if len(key) != len(dims):
            raise WeightingError(
                "unknown_dimension",
                f"cell {key} has {len(key)} values for {len(dims)} dims",
                cell=key,
            )
        if key in seen:
            raise WeightingError("duplicate_cell", f"cell {key} is listed twice", cell=key)
        seen.add(key)
        cells.append(key)
    initial = np.array([float(v) for _, v in items], dtype=float)
    if not np.all(np.isfinite(initial)) or np.any(initial < 0):
        raise WeightingError("bad_number", "sample totals must be finite and not negative")
    return tuple(cells), initial


def _check_margins(margins: Sequence[Margin], dims: Sequence[str]) -> None:
    if not margins:
        raise WeightingError("no_margins", "raking needs at least one margin")
    for margin in margins:
        unknown = [d for d in margin.dims if d not in dims]
        if unknown or not margin.dims:
            raise WeightingError(
                "unknown_dimension", f"margin over {margin.dims} is not in {tuple(dims)}"
            )
        values = np.array(list(margin.totals.values()), dtype=float)
        if not np.all(np.isfinite(values)) or np.any(values < 0):
            raise WeightingError(
                "bad_number", f"margin {margin.dims} has a negative or missing total"
            )
    first = margins[0].total
    for margin in margins[1:]:
        if abs(margin.total - first) > MARGIN_TOTAL_PRECISION * max(abs(first), 1.0):
            raise WeightingError(
                "margin_totals_differ",
                f"margin {margin.dims} totals {margin.total:g} but {margins[0].dims} totals"
                f" {first:g}",
                totals={margins[0].dims: first, margin.dims: margin.total},
            )


def _margin_index(
    margin: Margin, cells: Sequence[Cell], dims: Sequence[str], initial: FloatArray, joint: bool
) -> tuple[npt.NDArray[np.intp], FloatArray]:
    """Map each sample cell to its level of the margin; refuse levels that cannot be met."""
    positions = [list(dims).index(d) for d in margin.dims]
    levels = list(margin.totals)
    position_of = {tuple(str(v) for v in level): i for i, level in enumerate(levels)}
    targets = np.array([float(margin.totals[level]) for level in levels], dtype=float)
    index = np.empty(len(cells), dtype=np.intp)
    reached = np.zeros(len(levels), dtype=float)
    for i, cell in enumerate(cells):
        key = tuple(cell[p] for p in positions)
        j = position_of.get(key)
        if j is None or (targets[j] == 0 and initial[i] > 0):
            if initial[i] == 0:
                index[i] = -1  # an empty cell outside the population: ignored
                continue
            raise WeightingError(
                "missing_cell" if joint else "missing_level",
                f"respondents in {dict(zip(margin.dims, key, strict=True))} but the population"
                " there is empty or not given",
                level=dict(zip(margin.dims, key, strict=True)),
            )
        index[i] = j
        reached[j] += initial[i]
    for j, level in enumerate(levels):
        if targets[j] > 0 and reached[j] == 0:
            raise WeightingError(
                "empty_cell" if joint else "empty_level",
                f"no respondents in {dict(zip(margin.dims, level, strict=True))}, where the"
                f" population counts {targets[j]:g}",
                level=dict(zip(margin.dims, level, strict=True)),
            )
    return index, targets


def rake(
    sample: Mapping[Cell, float] | Iterable[tuple[Cell, float]],
    dims: Sequence[str],
    margins: Sequence[Margin],
    *,
    respondents: npt.ArrayLike | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> Weighting:
    """Rake the sample's cell totals to the margins (see the module docstring).

    ``respondents``: the number of respondents per cell, in the sample's order, when the initial
    totals are sums of design weights (for the design effect); by default the initial totals.
    """
    return _fit("rake", sample, dims, margins, respondents, tolerance, max_iterations)


def _fit(
    method: str,
    sample: Mapping[Cell, float] | Iterable[tuple[Cell, float]],
    dims: Sequence[str],
    margins: Sequence[Margin],
    respondents: npt.ArrayLike | None,
    tolerance: float,
    max_iterations: int,
) -> Weighting:
    dims = tuple(dims)
    cells, initial = _cell_table(sample, dims)
    _check_margins(margins, dims)
    counts = initial if respondents is None else np.asarray(respondents, dtype=float)
    if counts.shape != initial.shape:
        raise WeightingError("bad_number", "give one respondent count per cell")
    # A margin over several variables is a table of cells, so its errors speak of cells.
    indexed = [
        _margin_index(m, cells, dims, initial, joint=len(m.dims) > 1 or method != "rake")
        for m in margins
    ]
    # Cells outside a margin (index -1) are empty (checked above) and keep their weight of 0.
    weights = initial.copy()
    iterations = 0
    error = np.inf
    while iterations < max_iterations:
        iterations += 1
        for index, targets in indexed:
            inside = index >= 0
            reached = np.bincount(index[inside], weights[inside], minlength=len(targets))
            with np.errstate(invalid="ignore", divide="ignore"):
                scale = np.where(reached > 0, targets / reached, 0.0)
            weights[inside] *= scale[index[inside]]
        error = _margin_error(weights, indexed)
        if error <= tolerance:
            break
    if error > tolerance:
        over = tuple(dict.fromkeys(d for m in margins for d in m.dims))
        raise WeightingError(
            "did_not_converge",
            f"the margins over {over} were not met after {iterations} sweeps (largest relative"
            f" gap {error:.3g}); they may be impossible together for these respondents",
            iterations=iterations,
            gap=error,
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        factors = np.where(initial > 0, weights / initial, np.nan)
    return Weighting(method, dims, cells, initial, factors, counts, iterations, float(error))


def _margin_error(
    weights: FloatArray, indexed: Sequence[tuple[npt.NDArray[np.intp], FloatArray]]
) -> float:
    worst = 0.0
    for index, targets in indexed:
        reached = np.bincount(index[index >= 0], weights[index >= 0], minlength=len(targets))
        positive = targets > 0
        if positive.any():
            worst = max(worst, float(np.max(np.abs(reached[positive] / targets[positive] - 1))))
    return worst


def post_stratify(
    sample: Mapping[Cell, float] | Iterable[tuple[Cell, float]],
    dims: Sequence[str],
    population: Mapping[Cell, float],
    *,
    strata: Sequence[str] | None = None,
    respondents: npt.ArrayLike | None = None,
) -> Weighting:
    """Weight each stratum to its population count. ``strata``: the dims the population table is
    over (by default all ``dims``); sample cells finer than the strata share their stratum's
    factor."""
    margin = Margin.joint(tuple(strata) if strata is not None else tuple(dims), population)
    # One sweep meets a single margin exactly; the tolerance only absorbs rounding.
    return _fit("poststratify", sample, dims, [margin], respondents, 1e-9, 1)


def unit_weights(
    units: Sequence[Mapping[str, Any]],
    dims: Sequence[str],
    margins: Sequence[Margin] | None = None,
    *,
    population: Mapping[Cell, float] | None = None,
    initial_weights: npt.ArrayLike | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> FloatArray:
    """Final weight per respondent (row): rake to ``margins`` or post-stratify to ``population``.

    Respondents are grouped into cells over ``dims`` and every respondent of a cell gets the
    cell's factor times its initial weight (1 by default), which is exactly what raking each
    respondent would give: every step multiplies all respondents of a level alike.
    """
    dims = tuple(dims)
    keys = [tuple(str(unit[d]) for d in dims) for unit in units]
    w0 = np.ones(len(units)) if initial_weights is None else np.asarray(initial_weights, float)
    cell_of: dict[Cell, int] = {}
    for key in keys:
        cell_of.setdefault(key, len(cell_of))
    index = np.array([cell_of[k] for k in keys], dtype=np.intp)
    totals = np.bincount(index, w0, minlength=len(cell_of))
    heads = np.bincount(index, minlength=len(cell_of)).astype(float)
    sample = list(zip(cell_of, totals, strict=True))
    if population is not None:
        result = post_stratify(sample, dims, population, respondents=heads)
    elif margins is not None:
        result = rake(
            sample,
            dims,
            margins,
            respondents=heads,
            tolerance=tolerance,
            max_iterations=max_iterations,
        )
    else:
        raise WeightingError("no_margins", "give margins to rake or a population to stratify")
    return np.asarray(w0 * result.factors[index], dtype=float)
