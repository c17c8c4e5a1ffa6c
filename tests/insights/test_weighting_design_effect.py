"""Kish's design effect (1 + CV^2 of the weights) and the effective sample size."""

from __future__ import annotations

import pytest

from linli.insights.weighting import (
    Margin,
    WeightingError,
    effective_sample_size,
    kish_design_effect,
    rake,
)


def test_it_is_one_for_equal_weights():
    assert kish_design_effect([2.5] * 10) == pytest.approx(1.0)
    assert effective_sample_size([2.5] * 10) == pytest.approx(10.0)


def test_it_is_one_plus_the_squared_coefficient_of_variation():
    weights = [1.0, 1.0, 2.0, 4.0]
    mean = sum(weights) / 4
    variance = sum((w - mean) ** 2 for w in weights) / 4
    assert kish_design_effect(weights) == pytest.approx(1 + variance / mean**2)
    assert effective_sample_size(weights) == pytest.approx(sum(weights) ** 2 / 22.0)


def test_it_repeats_a_weight_by_its_count():
    assert kish_design_effect([1.0, 3.0], counts=[3, 1]) == pytest.approx(
        kish_design_effect([1.0, 1.0, 1.0, 3.0])
    )


def test_a_weighting_reports_its_design_effect():
    sample = {("owner",): 80.0, ("tenant",): 20.0}
    result = rake(sample, ("tenure",), [Margin.of("tenure", {"owner": 50, "tenant": 50})])
    # weights 0.625 (80 people) and 2.5 (20 people): deff = 100 * (80*0.39 + 20*6.25) / 100^2
    assert result.design_effect == pytest.approx(100 * (80 * 0.625**2 + 20 * 2.5**2) / 100**2)
    assert result.effective_sample_size == pytest.approx(100 / result.design_effect)


def test_it_refuses_no_weight():
    with pytest.raises(
        WeightingError, match=r"^the design effect needs at least one weight > 0$"
    ) as error:
        kish_design_effect([0.0, 0.0])
    assert error.value.code == "no_respondents"
