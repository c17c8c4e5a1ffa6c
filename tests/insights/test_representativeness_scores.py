"""Participation rates, the representativeness score per dimension and overall, and flags."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.insights.representativeness import Joint, assess, tabulate

BASELINE = {
    "tenure": {"owner": 300, "tenant": 200},
    "language": {"zh": 470, "bo": 30},
}
TOOK_PART = {
    "tenure": {"owner": 90, "tenant": 22},
    "language": {"zh": 109, "bo": 3},
}


def test_it_scores_each_dimension_by_its_lowest_over_its_highest_rate():
    result = assess(BASELINE, TOOK_PART)
    tenure = result.dimension("tenure")
    assert [g.rate for g in tenure.groups] == [pytest.approx(0.3), pytest.approx(0.11)]
    assert tenure.score == pytest.approx(0.11 / 0.3)
    language = result.dimension("language")
    assert language.score == pytest.approx((3 / 30) / (109 / 470))


def test_the_overall_score_is_the_worst_dimension():
    result = assess(BASELINE, TOOK_PART)
    assert result.overall == pytest.approx(min(d.score for d in result.dimensions))


def test_it_flags_groups_below_the_chosen_ratio():
    result = assess(BASELINE, TOOK_PART)
    assert [(g.dimension, g.group) for g in result.flagged] == [
        ("tenure", "tenant"),
        ("language", "bo"),
    ]
    lenient = assess(BASELINE, TOOK_PART, flag_below=0.4)
    assert [(g.dimension, g.group) for g in lenient.flagged] == [("tenure", "tenant")]


def test_groups_too_small_to_judge_are_listed_but_not_scored():
    result = assess({"language": {"zh": 100, "en": 3}}, {"language": {"zh": 50, "en": 0}})
    en = result.dimension("language").groups[1]
    assert en.rate == 0 and not en.counted and not en.flagged
    assert result.dimension("language").score is None  # one group left to compare
    assert result.overall is None


def test_it_has_no_score_when_nobody_took_part():
    result = assess({"tenure": {"owner": 30, "tenant": 20}}, {})
    assert result.dimension("tenure").score is None
    assert all(g.rate == 0 for g in result.dimension("tenure").groups)


def test_participants_outside_the_baseline_have_no_rate():
    result = assess({"tenure": {"owner": 30}}, {"tenure": {"owner": 3, "lodger": 2}})
    lodger = result.dimension("tenure").groups[1]
    assert lodger.baseline == 0 and lodger.rate is None and not lodger.counted


def test_it_counts_a_roster_and_the_joint_table():
    tenure = np.array(["owner", "tenant", "tenant", "owner", "tenant"])
    language = np.array(["zh", "bo", "zh", "zh", "bo"])
    took = np.array([True, False, True, True, False])
    base, took_part, joint = tabulate(
        {"tenure": tenure, "language": language}, took, joint=("tenure", "language")
    )
    assert base == {"tenure": {"owner": 2, "tenant": 3}, "language": {"bo": 2, "zh": 3}}
    assert took_part == {"tenure": {"owner": 2, "tenant": 1}, "language": {"bo": 0, "zh": 3}}
    assert joint == Joint(
        ("tenure", "language"),
        {("owner", "zh"): 2, ("tenant", "bo"): 2, ("tenant", "zh"): 1},
        {("owner", "zh"): 2, ("tenant", "bo"): 0, ("tenant", "zh"): 1},
    )
    result = assess(base, took_part, joint=joint, min_group=1)
    assert result.joint is not None
    assert [g.group for g in result.joint.groups] == [
        "tenure=owner · language=zh",
        "tenure=tenant · language=bo",
        "tenure=tenant · language=zh",
    ]
    assert result.joint.score == 0.0


counts = st.dictionaries(
    st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 400), min_size=1, max_size=4
)


@given(counts, st.data())
def test_scores_and_ratios_lie_between_zero_and_one(baseline, data):
    took = {g: data.draw(st.integers(0, n)) for g, n in baseline.items()}
    result = assess({"d": baseline}, {"d": took})
    dimension = result.dimension("d")
    if dimension.score is not None:
        assert 0 <= dimension.score <= 1
        assert dimension.score == result.overall
    for group in dimension.groups:
        if group.counted and group.ratio is not None:
            assert 0 <= group.ratio <= 1
