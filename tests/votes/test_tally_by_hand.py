"""The counts and ballot checks of linli/votes/tally.py at their edges, worked by hand.

No database: these are the tests bench/mutation.py runs against each mutant of the tally (issue
24), so every limit is asked exactly at and just past its edge, and every refusal with its code,
its words and the numbers it carries."""

from __future__ import annotations

import numpy as np
import pytest

from linli.votes import tally
from linli.votes.tally import BallotError


def refused(call, code, message, **details):
    with pytest.raises(BallotError, match=message) as error:
        call()
    assert error.value.code == code
    assert error.value.details == details


# --- checks --------------------------------------------------------------------------------


def test_a_ranking_comes_back_as_a_tuple_in_the_voters_order():
    assert tally.check_ranking([1, 2, 3], [3, 1]) == (3, 1)
    refused(lambda: tally.check_ranking([1, 2], []), "empty", r"^A ballot must rank at least")


def test_approval_limits_and_refusals():
    assert tally.check_approval([1, 2, 3], [1, 2], 2) == frozenset({1, 2})  # exactly the limit
    assert tally.check_approval([1, 2, 3], [1, 2, 3], None) == frozenset({1, 2, 3})
    refused(
        lambda: tally.check_approval([1, 2, 3], [1, 2, 3], 2),
        "too_many",
        r"^At most 2 options may be approved\.$",
    )
    refused(
        lambda: tally.check_approval([1, 2], [1, 7], None),
        "unknown_option",
        r"^Option 7 is not in this vote\.$",
    )
    refused(
        lambda: tally.check_approval([1, 2], [2, 2], None),
        "repeated_option",
        r"^An option may be approved only once\.$",
    )


def test_scores_from_zero_to_the_top_and_not_past_either_end():
    assert tally.check_scores([1, 2], {1: 0, 2: 5}, 5) == {1: 0, 2: 5}
    for value in (-1, 6):
        refused(
            lambda v=value: tally.check_scores([1, 2], {1: v}, 5),
            "score_out_of_range",
            r"^Scores go from 0 to 5\.$",
        )
    refused(
        lambda: tally.check_scores([1, 2], {3: 1}, 5),
        "unknown_option",
        r"^Option 3 is not in this vote\.$",
    )


COSTS = {1: 6000, 2: 4000, 3: 0, 4: None}


def test_a_knapsack_ballot_may_spend_exactly_the_budget_and_not_one_yuan_more():
    # the free option counts as 0, not as 1
    assert tally.check_knapsack([1, 2, 3, 4], [1, 2, 3], COSTS, 10000) == frozenset({1, 2, 3})
    refused(
        lambda: tally.check_knapsack([1, 2, 3, 4], [1, 2], COSTS, 9999),
        "over_budget",
        r"^The choices cost 10000; the budget is 9999\.$",
        total=10000,
        limit=9999,
    )
    refused(
        lambda: tally.check_knapsack([1, 2, 3, 4], [3, 4], COSTS, 10000),
        "no_cost",
        r"^An option chosen has no cost\.$",
    )
    refused(
        lambda: tally.check_knapsack([1, 2, 3, 4], [1, 2], COSTS, 10000, 1),
        "too_many",
        r"^At most 1 options may be approved\.$",
    )


def test_cumulative_points_at_and_past_each_limit():
    assert tally.check_points([1, 2, 3], {1: 6, 2: 4, 3: 0}, 10, 6) == {1: 6, 2: 4}
    assert tally.check_points([1, 2], {1: 10}, 10) == {1: 10}  # no cap per option
    refused(
        lambda: tally.check_points([1, 2], {1: 7}, 10, 6),
        "over_per_option",
        r"^At most 6 points may go to one option\.$",
        limit=6,
    )
    refused(
        lambda: tally.check_points([1, 2], {1: 6, 2: 5}, 10, 6),
        "over_points",
        r"^11 points were given; there are 10 to share\.$",
        total=11,
        limit=10,
    )
    refused(
        lambda: tally.check_points([1, 2], {1: -1}, 10),
        "points_not_whole",
        r"^Points are whole numbers of 0 or more\.$",
    )
    refused(
        lambda: tally.check_points([1, 2], {5: 1}, 10),
        "unknown_option",
        r"^Option 5 is not in this vote\.$",
    )


# --- simple counts -------------------------------------------------------------------------


def test_plurality_counts_first_choices_and_skips_empty_and_unknown_ones():
    # two different ballots with the same first choice add up
    found = tally.plurality([1, 2, 3], {(2, 1): 3, (2, 3): 2, (1,): 2, (): 1, (9, 1): 2})
    assert found.counts == {1: 2, 2: 5, 3: 0}
    assert found.ballots == 10 and found.winners == (2,) and found.winner == 2
    assert found.share(2) == 0.5
    assert tally.Count({1: 0}, 0, ()).share(1) == 0.0


def test_nobody_wins_when_nothing_was_counted():
    assert tally.plurality([1, 2], {}).winners == ()
    assert tally.plurality([], {(1,): 2}).winners == ()
    assert tally.approval([1, 2], {frozenset(): 3}).winners == ()
    assert tally.plurality([1, 2], {(2,): 1}).winners == (2,)  # one vote is enough


def test_approval_and_score_totals():
    found = tally.approval([1, 2, 3], {frozenset({1, 2}): 2, frozenset({2}): 1})
    assert found.counts == {1: 2, 2: 3, 3: 0} and found.ballots == 3 and found.winners == (2,)
    scored = tally.score([1, 2], [({1: 5, 2: 2}, 2), ({2: 4}, 3)])
    assert scored.counts == {1: 10, 2: 16} and scored.ballots == 5 and scored.winners == (2,)
    tied = tally.score([1, 2], [({1: 3, 2: 3}, 1)])
    assert tied.winners == (1, 2) and tied.winner is None


# --- instant-runoff ------------------------------------------------------------------------


def rounds(result):
    return [(r.number, r.counts, r.active, r.exhausted, r.eliminated, r.elected) for r in result]


def test_half_of_the_active_ballots_is_not_a_majority():
    found = tally.instant_runoff([1, 2], {(1,): 2, (2,): 2})
    # a tie that never differed: the option listed later goes, then the last one is elected
    assert rounds(found.rounds) == [
        (1, {1: 2, 2: 2}, 4, 0, 2, None),
        (2, {1: 2}, 2, 2, None, 1),
    ]
    assert found.winner == 1 and found.ballots == 4


def test_more_than_half_wins_in_the_first_round():
    found = tally.instant_runoff([1, 2, 3], {(1,): 3, (2,): 2, (3, 2): 2})
    # 3 of 7 is not more than half; 3 goes, its ballots pass to 2, which then has 4 of 7
    assert rounds(found.rounds) == [
        (1, {1: 3, 2: 2, 3: 2}, 7, 0, 3, None),
        (2, {1: 3, 2: 4}, 7, 0, None, 2),
    ]
    found = tally.instant_runoff([1, 2, 3], {(1,): 4, (2,): 2, (3,): 1})
    assert rounds(found.rounds) == [(1, {1: 4, 2: 2, 3: 1}, 7, 0, None, 1)]


def test_exhausted_ballots_leave_the_count():
    found = tally.instant_runoff([1, 2, 3], {(1,): 2, (2,): 2, (3,): 1, (3, 2): 1})
    assert rounds(found.rounds) == [
        (1, {1: 2, 2: 2, 3: 2}, 6, 0, 3, None),
        (2, {1: 2, 2: 3}, 5, 1, None, 2),
    ]


def test_no_options_no_winner():
    assert tally.instant_runoff([], {(1,): 1}) == tally.RunoffResult([], None, 1)


def test_the_latest_earlier_round_where_the_tied_differed_decides():
    # 1 and 2 tie now; the round before, 1 had fewer (the one before that, 2 had)
    history = [{1: 4, 2: 3, 3: 9}, {1: 2, 2: 3, 3: 9}]
    assert tally._lowest([1, 2, 3], {1: 3, 2: 3, 3: 5}, history, {1: 0, 2: 1, 3: 2}) == 1
    # never differed: the later option goes (3 ties with 1 and 2 here and is listed last)
    assert tally._lowest([1, 2, 3], {1: 3, 2: 3, 3: 3}, [], {1: 0, 2: 1, 3: 2}) == 3
    # three tied now; the earlier round leaves two tied, which the option order then separates
    history = [{1: 2, 2: 2, 3: 5}]
    assert tally._lowest([1, 2, 3], {1: 3, 2: 3, 3: 3}, history, {1: 0, 2: 1, 3: 2}) == 2
    # "later" is the place on the ballot, not the option's id
    assert tally._lowest([1, 2, 3], {1: 3, 2: 3, 3: 3}, [], {1: 2, 2: 1, 3: 0}) == 1


def test_a_tie_for_last_place_is_broken_by_the_round_before():
    found = tally.instant_runoff([1, 2, 3, 4], {(1,): 5, (2,): 2, (3,): 3, (4, 2): 1})
    assert rounds(found.rounds) == [
        (1, {1: 5, 2: 2, 3: 3, 4: 1}, 11, 0, 4, None),
        (2, {1: 5, 2: 3, 3: 3}, 11, 0, 2, None),
        (3, {1: 5, 3: 3}, 8, 3, None, 1),
    ]


# --- pairwise and Schulze ------------------------------------------------------------------


def test_pairwise_ranked_beats_unranked_and_two_unranked_beat_neither():
    matrix = tally.pairwise([1, 2, 3], {(1,): 2, (2, 9, 1): 1})
    assert matrix.tolist() == [[0, 2, 3], [1, 0, 1], [0, 0, 0]]
    assert matrix.dtype == np.int64


def test_condorcet_winner_needs_to_beat_every_other_option():
    assert tally.condorcet_winner([1, 2, 3], np.array([[0, 2, 2], [1, 0, 1], [0, 0, 0]])) == 1
    # 1 beats 2 only, 2 beats 3, 3 ties 1: nobody beats both others
    assert tally.condorcet_winner([1, 2, 3], np.array([[0, 2, 1], [1, 0, 2], [1, 1, 0]])) is None


def test_schulze_by_hand_with_a_tied_pair():
    # 1 > 2 by 2 to 1; 2 > 3 by 2 to 1; 1 and 3 tie 1 to 1 (a tie is no link)
    ballots = {(1, 2, 3): 1, (3, 1, 2): 1, (2,): 1}
    found = tally.schulze([1, 2, 3], ballots)
    assert found.pairwise.tolist() == [[0, 2, 1], [1, 0, 2], [1, 1, 0]]
    assert found.strongest_paths.tolist() == [[0, 2, 2], [0, 0, 2], [0, 0, 0]]
    # whole ballots, as the recount file prints them ("2", not "2.0")
    assert found.strongest_paths.dtype == np.int64
    assert found.winners == (1,) and found.winner == 1
    assert found.ranking == (1, 2, 3) and found.condorcet is None


def test_schulze_ranking_sorts_by_options_beaten_then_by_option_order():
    found = tally.schulze([5, 6, 7], {(7, 6): 2, (6,): 1})
    assert found.pairwise.tolist() == [[0, 0, 0], [3, 0, 1], [2, 2, 0]]
    assert found.ranking == (7, 6, 5) and found.winners == (7,) and found.condorcet == 7
    tie = tally.schulze([5, 6], {(5,): 1, (6,): 1})
    assert tie.winners == (5, 6) and tie.winner is None and tie.ranking == (5, 6)


def test_aggregate_counts_identical_ballots_once():
    assert tally.aggregate([[1, 2], (1, 2), [2]]) == {(1, 2): 2, (2,): 1}
