from __future__ import annotations

import pytest

from linli.votes import tally


@pytest.mark.parametrize(
    ("ranking", "code", "message"),
    [
        ((), "empty", r"^A ballot must rank at least one option\.$"),
        ((1, 9), "unknown_option", r"^Option 9 is not in this vote\.$"),
        ((1, 2, 1), "repeated_option", r"^An option may appear only once in a ranking\.$"),
    ],
)
def test_bad_rankings_are_refused_with_a_reason(ranking, code, message):
    with pytest.raises(tally.BallotError, match=message) as error:
        tally.check_ranking([1, 2, 3], ranking)
    assert error.value.code == code


def test_approval_over_k_and_score_out_of_range():
    with pytest.raises(tally.BallotError, match="At most 2"):
        tally.check_approval([1, 2, 3], [1, 2, 3], 2)
    with pytest.raises(tally.BallotError, match=r"^Scores go from 0 to 5\.$") as error:
        tally.check_scores([1, 2], {1: 6}, 5)
    assert error.value.code == "score_out_of_range"
    assert tally.check_approval([1, 2, 3], [3, 1], 2) == frozenset({1, 3})


def test_tie_for_first_place_has_no_single_winner():
    count = tally.plurality([1, 2], {(1,): 3, (2,): 3})
    assert count.winner is None and count.winners == (1, 2)
