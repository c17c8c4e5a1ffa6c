"""The adjusted Rand index used to compare our groups with Pol.is's."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.opinions.clustering import adjusted_rand_index


def test_it_agrees_with_a_hand_computed_value():
    # Contingency [[2, 0, 0], [0, 1, 1]]: index 1, expected 2*1/6, max (2+1)/2 -> 4/7.
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7)


@given(st.lists(st.integers(0, 3), min_size=2, max_size=40), st.permutations(range(4)))
def test_renaming_the_groups_changes_nothing(labels, permutation):
    assert adjusted_rand_index(labels, [permutation[x] for x in labels]) == pytest.approx(1.0)


@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=2, max_size=40),
)
def test_it_is_symmetric_and_at_most_one(pairs):
    first, second = [p[0] for p in pairs], [p[1] for p in pairs]
    value = adjusted_rand_index(first, second)
    assert value == pytest.approx(adjusted_rand_index(second, first))
    assert value <= 1 + 1e-12


def test_unrelated_partitions_score_about_zero():
    rng = np.random.default_rng(0)
    assert abs(adjusted_rand_index(rng.integers(0, 2, 5000), rng.integers(0, 2, 5000))) < 0.01
