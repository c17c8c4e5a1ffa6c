"""Representative statements: smoothed rates, z-tests, the group against the rest."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from linli.opinions import clustering


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_the_smoothed_rate_stays_strictly_between_zero_and_one(successes, extra):
    rate = clustering.smoothed_rate(successes, successes + extra)
    assert 0 < rate < 1
    assert rate == (successes + 1) / (successes + extra + 2)


def test_with_no_votes_the_rate_is_a_half_and_the_test_is_silent():
    assert clustering.smoothed_rate(0, 0) == 0.5
    assert clustering.z_against_half(0, 0) == 0


@given(st.integers(0, 200), st.integers(0, 200))
def test_the_z_values_point_the_way_the_rates_do(agree, other):
    z = clustering.z_against_half(agree, agree + other)
    assert np.sign(z) == np.sign(agree - other)
    z2 = clustering.z_two_rates(agree, agree + other, other, agree + other)
    assert np.sign(z2) == np.sign(agree - other)


def votes_of_two_camps():
    # Statement 0: camp A agrees, camp B disagrees. Statement 1: everyone agrees.
    # Statement 2: camp B agrees, camp A passes.
    a = np.array([[1, 1, 0]] * 20, dtype=float)
    b = np.array([[-1, 1, 1]] * 10, dtype=float)
    return np.vstack([a, b]), np.array([0] * 20 + [1] * 10)


def test_a_statement_only_one_group_agrees_with_represents_it():
    votes, labels = votes_of_two_camps()
    found = clustering.representative(clustering.tally(votes, labels, 2))
    first_a, first_b = found[0][0], found[1][0]
    assert (first_a.statement, first_a.direction, first_a.significant) == (0, "agree", True)
    assert first_b.direction in {"agree", "disagree"} and first_b.statement in {0, 2}
    assert all(r.statement != 1 for group in found for r in group if r.significant)


def test_a_group_without_distinctive_statements_still_shows_its_best_one():
    votes = np.array([[1, 1]] * 6, dtype=float)
    labels = np.array([0, 0, 0, 1, 1, 1])
    found = clustering.representative(clustering.tally(votes, labels, 2))
    assert all(len(group) <= 1 for group in found)
    assert not any(r.significant for group in found for r in group)


def test_at_most_five_per_group():
    rng = np.random.default_rng(1)
    a = rng.choice([1.0, 1.0, 1.0, -1.0], size=(60, 30))
    b = -rng.choice([1.0, 1.0, 1.0, -1.0], size=(60, 30))
    votes, labels = np.vstack([a, b]), np.repeat([0, 1], 60)
    found = clustering.representative(clustering.tally(votes, labels, 2))
    assert [len(group) for group in found] == [5, 5]
    scores = [r.score for r in found[0]]
    assert scores == sorted(scores, reverse=True)
