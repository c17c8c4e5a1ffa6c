"""Raking and post-stratification reproduce R survey's published cases (Kalton &
Flores-Cervantes 2003; the api cluster sample of ``tests/rakecheck.R``)."""

from __future__ import annotations

import numpy as np
import pytest

from linli.insights.weighting import Margin, post_stratify, rake, unit_weights

API_STYPE = {"E": 4421, "H": 755, "M": 1018}
API_SCH_WIDE = {"No": 1072, "Yes": 5122}


def kalton_margins(rows):
    a: dict[str, float] = {}
    b: dict[str, float] = {}
    for row in rows:
        a[row["a"]] = a.get(row["a"], 0.0) + float(row["population_N"])
        b[row["b"]] = b.get(row["b"], 0.0) + float(row["population_N"])
    return a, b


def kalton_sample(rows):
    return {(row["a"], row["b"]): float(row["sample_n"]) for row in rows}


def test_it_rakes_kalton_to_the_published_factors(kalton_rows):
    a, b = kalton_margins(kalton_rows)
    assert a == {"1": 175, "2": 550, "3": 430, "4": 345}
    assert b == {"1": 365, "2": 415, "3": 720}
    result = rake(kalton_sample(kalton_rows), ("a", "b"), [Margin.of("a", a), Margin.of("b", b)])
    for row in kalton_rows:
        assert round(result.factor((row["a"], row["b"])), 2) == float(row["factor_rake"])
    # Both population margins are reproduced exactly.
    assert result.margin(["a"]) == pytest.approx({(k,): v for k, v in a.items()}, rel=1e-9)
    assert result.margin(["b"]) == pytest.approx({(k,): v for k, v in b.items()}, rel=1e-9)


def test_it_post_stratifies_kalton_to_the_published_factors(kalton_rows):
    population = {(row["a"], row["b"]): float(row["population_N"]) for row in kalton_rows}
    result = post_stratify(kalton_sample(kalton_rows), ("a", "b"), population)
    for row in kalton_rows:
        assert round(result.factor((row["a"], row["b"])), 2) == float(row["factor_poststratify"])
    assert result.iterations == 1


def test_it_rakes_the_api_cluster_sample_like_r(apiclus1):
    pw = np.array([float(row["pw"]) for row in apiclus1])
    api00 = np.array([float(row["api00"]) for row in apiclus1])
    enroll = np.array([float(row["enroll"]) for row in apiclus1])
    weights = unit_weights(
        apiclus1,
        ("stype", "sch.wide"),
        [Margin.of("stype", API_STYPE), Margin.of("sch.wide", API_SCH_WIDE)],
        initial_weights=pw,
    )
    assert round(float((weights * api00).sum() / weights.sum()), 2) == 641.23
    total_enroll = float((weights * enroll).sum())
    # calibrate(calfun="raking") prints 3647280; rake(maxit=10, epsilon=1) 3647300 (5 digits).
    assert round(total_enroll, -1) == 3647280
    assert round(total_enroll, -2) == 3647300
    assert weights.sum() == pytest.approx(6194)


def test_it_rakes_to_a_joint_table_and_a_margin(apiclus1):
    pw = np.array([float(row["pw"]) for row in apiclus1])
    api00 = np.array([float(row["api00"]) for row in apiclus1])
    joint = {
        ("E", "No"): 472,
        ("E", "Yes"): 3949,
        ("H", "No"): 334,
        ("H", "Yes"): 421,
        ("M", "No"): 266,
        ("M", "Yes"): 752,
    }
    weights = unit_weights(
        apiclus1,
        ("stype", "sch.wide", "comp.imp"),
        [
            Margin.joint(("stype", "sch.wide"), joint),
            Margin.of("comp.imp", {"No": 1712, "Yes": 4482}),
        ],
        initial_weights=pw,
    )
    # Fully converged, as calibrate(calfun="raking") prints (rake() stops early at 642.62).
    assert round(float((weights * api00).sum() / weights.sum()), 2) == 642.61


def test_it_post_stratifies_the_api_sample_on_school_type(apiclus1):
    pw = np.array([float(row["pw"]) for row in apiclus1])
    weights = unit_weights(
        apiclus1,
        ("stype",),
        population={(k,): v for k, v in API_STYPE.items()},
        initial_weights=pw,
    )
    by_type = {row["stype"]: w for row, w in zip(apiclus1, weights, strict=True)}
    assert by_type["E"] == pytest.approx(4421 / 144)
    assert by_type["H"] == pytest.approx(755 / 14)
    assert by_type["M"] == pytest.approx(1018 / 25)
