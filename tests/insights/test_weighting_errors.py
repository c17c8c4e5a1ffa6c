"""Weighting refuses what it cannot do, with a code that explains why."""

from __future__ import annotations

import re

import pytest

from linli.insights.weighting import Margin, WeightingError, post_stratify, rake

DIMS = ("tenure", "language")
SAMPLE = {
    ("owner", "zh"): 40.0,
    ("owner", "bo"): 5.0,
    ("tenant", "zh"): 30.0,
    ("tenant", "bo"): 0.0,
}


def code_of(call, message: str) -> str:
    """The code of the refusal, once its message is exactly the one expected."""
    with pytest.raises(WeightingError, match=f"^{re.escape(message)}$") as error:
        call()
    return error.value.code


def test_it_refuses_margins_of_different_populations():
    margins = [Margin.of("tenure", {"owner": 60, "tenant": 40}), Margin.of("language", {"zh": 90})]
    assert (
        code_of(
            lambda: rake(SAMPLE, DIMS, margins),
            "margin ('language',) totals 90 but ('tenure',) totals 100",
        )
        == "margin_totals_differ"
    )


def test_it_refuses_a_level_where_nobody_answered():
    sample = {("owner", "zh"): 40.0, ("tenant", "zh"): 30.0}
    margins = [
        Margin.of("tenure", {"owner": 60, "tenant": 40}),
        Margin.of("language", {"zh": 90, "bo": 10}),
    ]
    assert (
        code_of(
            lambda: rake(sample, DIMS, margins),
            "no respondents in {'language': 'bo'}, where the population counts 10",
        )
        == "empty_level"
    )


MISSING_BO = "respondents in {'language': 'bo'} but the population there is empty or not given"


def test_it_refuses_respondents_the_population_does_not_have():
    margins = [
        Margin.of("tenure", {"owner": 60, "tenant": 40}),
        Margin.of("language", {"zh": 100, "bo": 0}),
    ]
    assert code_of(lambda: rake(SAMPLE, DIMS, margins), MISSING_BO) == "missing_level"
    margins[1] = Margin.of("language", {"zh": 100})
    assert code_of(lambda: rake(SAMPLE, DIMS, margins), MISSING_BO) == "missing_level"


def test_it_refuses_an_empty_cell_in_post_stratification():
    population = {("owner", "zh"): 50, ("owner", "bo"): 10, ("tenant", "zh"): 30}
    population[("tenant", "bo")] = 10
    assert (
        code_of(
            lambda: post_stratify(SAMPLE, DIMS, population),
            "no respondents in {'tenure': 'tenant', 'language': 'bo'}, where the population counts 10",
        )
        == "empty_cell"
    )
    del population[("owner", "bo")]
    population[("tenant", "bo")] = 0
    assert (
        code_of(
            lambda: post_stratify(SAMPLE, DIMS, population),
            "respondents in {'tenure': 'owner', 'language': 'bo'}"
            " but the population there is empty or not given",
        )
        == "missing_cell"
    )


def test_it_refuses_margins_the_respondents_cannot_reach():
    # Owners only speak zh and tenants only bo among respondents, so the tenure margin decides
    # the language margin: 60 owners can never be 90 zh speakers.
    sample = {("owner", "zh"): 10.0, ("tenant", "bo"): 10.0}
    margins = [
        Margin.of("tenure", {"owner": 60, "tenant": 40}),
        Margin.of("language", {"zh": 90, "bo": 10}),
    ]
    with pytest.raises(
        WeightingError,
        match=r"^the margins over \('tenure',\ 'language'\)\ were\ not\ met\ after\ 50\ sweeps\ \(largest\ relative\ gap\ 0\.75\);\ they\ may\ be\ impossible\ together\ for\ these\ respondents$",
    ) as error:
        rake(sample, DIMS, margins, max_iterations=50)
    assert error.value.code == "did_not_converge"
    assert error.value.details["iterations"] == 50


def test_it_stops_at_the_tolerance():
    margins = [
        Margin.of("tenure", {"owner": 60, "tenant": 40}),
        Margin.of("language", {"zh": 90, "bo": 10}),
    ]
    loose = rake(SAMPLE, DIMS, margins, tolerance=1e-2)
    tight = rake(SAMPLE, DIMS, margins, tolerance=1e-12)
    assert loose.iterations < tight.iterations
    assert loose.margin_error <= 1e-2
    assert tight.margin_error <= 1e-12


def test_it_refuses_bad_input():
    margins = [Margin.of("tenure", {"owner": 60, "tenant": 40})]
    assert (
        code_of(lambda: rake(SAMPLE, DIMS, []), "raking needs at least one margin") == "no_margins"
    )
    assert code_of(
        lambda: rake(SAMPLE, DIMS, [Margin.of("age", {"old": 1})]),
        "margin over ('age',) is not in ('tenure', 'language')",
    ) == ("unknown_dimension")
    assert (
        code_of(
            lambda: rake({("owner", "zh"): -1.0}, DIMS, margins),
            "sample totals must be finite and not negative",
        )
        == "bad_number"
    )
    bad = [Margin.of("tenure", {"owner": float("nan"), "tenant": 40})]
    assert (
        code_of(
            lambda: rake(SAMPLE, DIMS, bad), "margin ('tenure',) has a negative or missing total"
        )
        == "bad_number"
    )
    assert (
        code_of(
            lambda: rake([(("owner",), 1.0)], DIMS, margins),
            "cell ('owner',) has 1 values for 2 dims",
        )
        == "unknown_dimension"
    )
    twice = [(("owner", "zh"), 1.0), (("owner", "zh"), 2.0)]
    assert (
        code_of(lambda: rake(twice, DIMS, margins), "cell ('owner', 'zh') is listed twice")
        == "duplicate_cell"
    )
    one_cell = {("owner", "zh"): 3.0}
    owners = [Margin.of("tenure", {"owner": 60})]
    assert (
        code_of(
            lambda: rake(one_cell, DIMS, owners, respondents=[1, 2]),
            "give one respondent count per cell",
        )
        == "bad_number"
    )


def test_an_empty_sample_cell_has_no_factor():
    margins = [
        Margin.of("tenure", {"owner": 60, "tenant": 40}),
        Margin.of("language", {"zh": 90, "bo": 10}),
    ]
    result = rake(SAMPLE, DIMS, margins)
    rows = result.as_rows(digits=3)
    assert rows[3] == {"cell": {"tenure": "tenant", "language": "bo"}, "factor": None}
