"""What ``linli.insights.stats`` refuses, at each edge, with its exact words (mutation survivors
of bench/mutation.py --only insights_stats: the checks were reached but never at their edge)."""

from __future__ import annotations

import pytest

from linli.insights.stats import Interval, Proportion, StatsError, difference, wilson, z_for


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0, 0), r"^a proportion needs at least one answer$"),
        ((3, 2), r"^successes must be between 0 and the number of answers$"),
        ((-1, 2), r"^successes must be between 0 and the number of answers$"),
        ((1, 2, 0.0), r"^the design effect must be positive$"),
        ((1, 2, -1.0), r"^the design effect must be positive$"),
    ],
)
def test_a_proportion_refuses_what_cannot_be_one(args, message):
    with pytest.raises(StatsError, match=message):
        Proportion(*args)


def test_a_proportion_at_its_edges_is_accepted():
    assert Proportion(0, 1).estimate == 0.0
    assert Proportion(2, 2).estimate == 1.0
    assert Proportion(1, 4, 2.0).effective_n == 2.0


@pytest.mark.parametrize(
    ("answers", "weights", "message"),
    [
        ([True], [1.0, 2.0], r"^give one weight per answer, and at least one answer$"),
        ([], [], r"^give one weight per answer, and at least one answer$"),
        ([True, False], [0.0, 0.0], r"^weights must be non-negative with a positive total$"),
        ([True, False], [3.0, -1.0], r"^weights must be non-negative with a positive total$"),
        ([True, False], [-1.0, -1.0], r"^weights must be non-negative with a positive total$"),
    ],
)
def test_weighted_answers_refuse_bad_weights(answers, weights, message):
    with pytest.raises(StatsError, match=message):
        Proportion.weighted(answers, weights)


def test_a_weighted_share_with_a_zero_weight():
    result = Proportion.weighted([True, False, True], [0.0, 1.0, 1.0])
    assert result.estimate == pytest.approx(0.5)
    assert result.n == 3.0


@pytest.mark.parametrize("confidence", [0, 1, -0.5, 1.5])
def test_confidence_is_strictly_between_0_and_1(confidence):
    with pytest.raises(StatsError, match=r"^confidence must be between 0 and 1, e\.g\. 0\.95$"):
        z_for(confidence)
    with pytest.raises(StatsError, match=r"^confidence must be between 0 and 1, e\.g\. 0\.95$"):
        wilson(1, 2, confidence)


def test_a_small_positive_total_of_weights_is_enough():
    assert Proportion.weighted([True, False], [0.25, 0.25]).estimate == pytest.approx(0.5)


def test_intervals_keep_the_confidence_they_were_asked_for():
    assert wilson(3, 10, 0.9).confidence == 0.9
    assert difference(Proportion(6, 10), Proportion(3, 10), 0.8).confidence == 0.8


def test_an_interval_as_a_row_is_rounded_to_the_digits_asked():
    interval = Interval(0.123456, 0.0987654, 0.2345678, 0.95)
    assert interval.as_dict() == {
        "estimate": 0.1235,
        "low": 0.0988,
        "high": 0.2346,
        "confidence": 0.95,
    }
    assert interval.as_dict(2) == {"estimate": 0.12, "low": 0.1, "high": 0.23, "confidence": 0.95}
