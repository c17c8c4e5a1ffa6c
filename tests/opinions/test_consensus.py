"""Group-informed consensus: the product over groups of each group's smoothed agree rate."""

import numpy as np

from linli.opinions import clustering


def test_it_is_the_product_of_the_groups_smoothed_rates():
    votes = np.array([[1, -1], [1, 1], [1, np.nan], [-1, 1]], dtype=float)
    labels = np.array([0, 0, 1, 1])
    tallies = clustering.tally(votes, labels, 2)
    score = clustering.group_informed_consensus(tallies)
    assert np.isclose(score[0], (3 / 4) * (2 / 4))
    assert np.isclose(score[1], (2 / 4) * (2 / 3))


def test_a_statement_every_group_agrees_with_comes_first_and_a_divisive_one_not_at_all():
    a = np.array([[1, 1, -1]] * 20, dtype=float)
    b = np.array([[1, -1, -1]] * 8, dtype=float)
    votes, labels = np.vstack([a, b]), np.array([0] * 20 + [1] * 8)
    found = clustering.consensus(clustering.tally(votes, labels, 2))
    assert [(c.statement, c.direction) for c in found] == [(0, "agree"), (2, "disagree")]
    assert found[0].rates == (21 / 22, 9 / 10)


def test_a_small_group_weighs_as_much_as_a_large_one():
    # 100 agree in group 0; the 5 of group 1 disagree: not a consensus, whatever the head count.
    votes = np.array([[1.0]] * 100 + [[-1.0]] * 5)
    labels = np.array([0] * 100 + [1] * 5)
    assert clustering.consensus(clustering.tally(votes, labels, 2)) == []
