"""Properties: raked weights reproduce every margin; post-stratifying on one variable is raking
on it."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.insights.weighting import Margin, post_stratify, rake

sizes = st.lists(st.integers(1, 4), min_size=1, max_size=3)


@st.composite
def raking_problems(draw):
    """A full sample table (every cell answered) and margins that some population meets."""
    shape = draw(sizes)
    dims = tuple(f"d{i}" for i in range(len(shape)))
    cells = list(itertools.product(*[[str(v) for v in range(n)] for n in shape]))
    sample = {cell: float(draw(st.integers(1, 60))) for cell in cells}
    population = {cell: float(draw(st.integers(1, 900))) for cell in cells}
    margins = []
    for position, dim in enumerate(dims):
        totals: dict[str, float] = {}
        for cell, count in population.items():
            totals[cell[position]] = totals.get(cell[position], 0.0) + count
        margins.append(Margin.of(dim, totals))
    return dims, sample, population, margins


@given(raking_problems())
def test_raked_weights_reproduce_the_margins(problem):
    dims, sample, _, margins = problem
    result = rake(sample, dims, margins, tolerance=1e-9)
    for margin in margins:
        reached = result.margin(margin.dims)
        for level, target in margin.totals.items():
            assert reached[level] == pytest.approx(target, rel=1e-8)
    assert np.all(result.factors > 0)
    assert result.design_effect >= 1 - 1e-12


@given(raking_problems())
def test_post_stratifying_one_variable_equals_raking_it(problem):
    dims, sample, _, margins = problem
    first = margins[0]
    stratified = post_stratify(sample, dims, first.totals, strata=first.dims)
    raked = rake(sample, dims, [first])
    assert stratified.factors == pytest.approx(raked.factors, rel=1e-12)


@given(raking_problems())
def test_post_stratification_reproduces_the_joint_table(problem):
    dims, sample, population, _ = problem
    result = post_stratify(sample, dims, population)
    for cell, total in population.items():
        assert result.factor(cell) * sample[cell] == pytest.approx(total, rel=1e-12)
