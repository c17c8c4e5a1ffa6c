"""Stable group labels: a recomputation's groups keep the names of the groups they overlap most."""

from hypothesis import given
from hypothesis import strategies as st

from linli.opinions import clustering

people = st.lists(st.integers(0, 4), min_size=1, max_size=60)


@given(people, people)
def test_the_renaming_is_one_to_one(before, after):
    previous = dict(enumerate(before))
    current = dict(enumerate(after))
    mapping = clustering.stable_labels(previous, current)
    assert set(mapping) == set(after)
    assert len(set(mapping.values())) == len(mapping)


@given(people, st.permutations(range(5)))
def test_renamed_groups_get_their_old_names_back(labels, permutation):
    previous = dict(enumerate(labels))
    current = {person: permutation[label] for person, label in previous.items()}
    mapping = clustering.stable_labels(previous, current)
    assert {person: mapping[label] for person, label in current.items()} == previous


def test_a_group_takes_the_name_of_the_group_it_shares_most_with():
    previous = {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 1}
    current = {1: 1, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0}  # the new group 1 is mostly the old 0
    assert clustering.stable_labels(previous, current) == {0: 1, 1: 0}


def test_a_new_group_gets_the_smallest_free_name():
    previous = {1: 0, 2: 0, 3: 1, 4: 1}
    current = {1: 0, 2: 0, 3: 1, 4: 1, 5: 2, 6: 2}
    assert clustering.stable_labels(previous, current) == {0: 0, 1: 1, 2: 2}
    only_new = {7: 0, 8: 1}
    assert clustering.stable_labels(previous, only_new) == {0: 0, 1: 1}


def test_the_analysis_keeps_labels_across_recomputations():
    import numpy as np

    rng = np.random.default_rng(4)
    camp = np.repeat([1.0, -1.0], [40, 25])
    votes = np.outer(camp, rng.choice([-1.0, 1.0], size=12))
    votes[rng.random(votes.shape) < 0.1] = 0.0
    ids = list(range(100, 165))
    first = clustering.analyse(votes, ids)
    flipped = {person: 1 - group for person, group in first.groups.items()}
    again = clustering.analyse(votes, ids, previous=flipped)
    assert again.groups == flipped
