"""Who is placed in a group: at least 7 votes (a pass counts), or every statement when fewer."""

import numpy as np

from linli.opinions import clustering

nan = np.nan


def test_it_counts_passes_as_votes_and_blanks_as_not():
    votes = np.array([[1, 0, -1, nan], [nan, nan, nan, nan]])
    assert clustering.vote_counts(votes).tolist() == [3, 0]


def test_it_needs_seven_votes_when_there_are_enough_statements():
    votes = np.full((3, 10), nan)
    votes[0, :7] = 0
    votes[1, :6] = 1
    votes[2, :] = -1
    assert clustering.clusterable(votes).tolist() == [True, False, True]


def test_it_needs_every_statement_when_there_are_fewer_than_seven():
    votes = np.array([[1, 1, 1, 1], [1, 1, 1, nan]])
    assert clustering.clusterable(votes).tolist() == [True, False]


def test_the_threshold_can_be_changed():
    votes = np.array([[1, 1, nan, nan, nan, nan, nan, nan]])
    assert clustering.clusterable(votes, min_votes=2).tolist() == [True]
