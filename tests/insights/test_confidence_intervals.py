"""Wilson and Newcombe intervals reproduce Newcombe's published tables (Statistics in Medicine
17 (1998): 857-872, Table I, method 3; 873-890, Table II, method 10)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from linli.insights.stats import Proportion, StatsError, difference, wilson

WILSON_PUBLISHED = [
    ((81, 263), (0.2553, 0.3662)),
    ((15, 148), (0.0624, 0.1605)),
    ((0, 20), (0.0, 0.1611)),
    ((1, 29), (0.0061, 0.1718)),
]

NEWCOMBE_PUBLISHED = [
    ((56, 70, 48, 80), (0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((6, 7, 2, 7), (0.0582, 0.8062)),
    ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ((0, 10, 0, 20), (-0.1611, 0.2775)),
    ((0, 10, 0, 10), (-0.2775, 0.2775)),
    ((10, 10, 0, 20), (0.6791, 1.0)),
    ((10, 10, 0, 10), (0.6075, 1.0)),
]


@pytest.mark.parametrize(("counts", "published"), WILSON_PUBLISHED)
def test_it_gives_wilsons_interval(counts, published):
    interval = wilson(*counts)
    assert (round(interval.low, 4), round(interval.high, 4)) == published
    assert interval.estimate == counts[0] / counts[1]


@pytest.mark.parametrize(("counts", "published"), NEWCOMBE_PUBLISHED)
def test_it_gives_newcombes_interval_for_a_change(counts, published):
    x1, n1, x2, n2 = counts
    interval = difference(after=Proportion(x1, n1), before=Proportion(x2, n2))
    assert (round(interval.low, 4), round(interval.high, 4)) == published


def test_weighting_widens_the_interval_by_the_design_effect():
    equal = Proportion.weighted([True, False] * 50, [1.0] * 100)
    assert equal.design_effect == pytest.approx(1.0)
    assert equal.interval().high == pytest.approx(wilson(50, 100).high)
    unequal = Proportion.weighted([True, False] * 50, [1.0, 3.0] * 50)
    assert unequal.estimate == pytest.approx(0.25)
    assert unequal.design_effect == pytest.approx(1.25)
    assert unequal.effective_n == pytest.approx(80)
    same_size = wilson(0.25 * 80, 80)
    assert unequal.interval().low == pytest.approx(same_size.low)
    assert unequal.interval().high == pytest.approx(same_size.high)


def test_a_weighted_change_is_wider_than_an_unweighted_one():
    before = Proportion(30, 100)
    after = Proportion(45, 100)
    plain = difference(after, before)
    weighted = difference(Proportion(45, 100, design_effect=1.6), Proportion(30, 100, 1.6))
    assert weighted.estimate == plain.estimate
    assert weighted.low < plain.low and weighted.high > plain.high


def test_it_refuses_impossible_counts():
    with pytest.raises(StatsError, match=r"^a proportion needs at least one answer$"):
        wilson(3, 0)
    for bad in [lambda: wilson(5, 4), lambda: wilson(-1, 4)]:
        with pytest.raises(
            StatsError, match=r"^successes must be between 0 and the number of answers$"
        ):
            bad()
    with pytest.raises(StatsError, match=r"^confidence must be between 0 and 1, e\.g\. 0\.95$"):
        wilson(1, 4, confidence=1.0)
    with pytest.raises(StatsError, match=r"^give one weight per answer, and at least one answer$"):
        Proportion.weighted([True], [1.0, 2.0])


@given(st.integers(0, 500), st.integers(1, 500), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
@example(0, 5, 0.95)  # rounding once put the lower limit 3e-17 above an estimate of 0
@example(0, 29, 0.8)
def test_the_interval_holds_the_estimate_inside_zero_and_one(x, extra, confidence):
    n = x + extra
    interval = wilson(x, n, confidence)
    assert 0 <= interval.low <= interval.estimate <= interval.high <= 1


@given(st.integers(0, 60), st.integers(1, 60), st.integers(0, 60), st.integers(1, 60))
def test_a_change_interval_holds_the_change(x1, e1, x2, e2):
    interval = difference(Proportion(x1, x1 + e1), Proportion(x2, x2 + e2))
    assert -1 <= interval.low <= interval.estimate <= interval.high <= 1
