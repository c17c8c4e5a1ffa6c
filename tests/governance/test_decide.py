"""Quorum and majority: the plain arithmetic both ways of deciding share."""

from __future__ import annotations

import pytest

from linli.governance.decide import Count, outcome, passes, problems, quorum_met


def count(entitled: int, present: int, yes: int, no: int, abstain: int = 0) -> Count:
    return Count(entitled, present, yes, no, abstain)


def test_quorum_counts_members_present_against_those_entitled():
    assert quorum_met(count(10, 5, 3, 2), 50)
    assert not quorum_met(count(10, 4, 4, 0), 50)
    assert not quorum_met(count(0, 0, 0, 0), 50)


@pytest.mark.parametrize(
    ("majority", "result", "expected"),
    [
        ("simple", count(10, 6, 3, 2, 1), True),
        ("simple", count(10, 6, 3, 3), False),
        ("absolute", count(10, 6, 5, 1), False),
        ("absolute", count(10, 8, 6, 2), True),
        ("two_thirds", count(10, 9, 6, 3), True),
        ("two_thirds", count(10, 9, 5, 4), False),
    ],
)
def test_the_charter_s_majority(majority, result, expected):
    assert passes(result, majority) is expected


def test_no_quorum_comes_before_the_votes():
    assert outcome(count(10, 3, 3, 0), 50, "simple") == "no_quorum"
    assert outcome(count(10, 5, 3, 2), 50, "simple") == "passed"
    assert outcome(count(10, 5, 2, 3), 50, "simple") == "failed"


def test_a_count_that_does_not_add_up():
    assert problems(count(5, 4, 3, 1, 1))
    assert problems(count(5, 6, 1, 0))
    assert not problems(count(5, 4, 2, 1, 1))
