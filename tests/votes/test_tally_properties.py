"""Properties every fair count keeps, checked on many random elections (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linli.votes import tally

OPTIONS = [1, 2, 3, 4, 5]
# A voter ranks some of the options, in any order.
one_ranking = st.tuples(st.permutations(OPTIONS), st.integers(1, len(OPTIONS))).map(
    lambda t: tuple(t[0][: t[1]])
)
rankings = st.lists(one_ranking, min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(rankings)
def test_a_condorcet_winner_always_wins_schulze(ballots):
    counted = tally.aggregate(ballots)
    result = tally.schulze(OPTIONS, counted)
    if result.condorcet is not None:
        assert result.winners == (result.condorcet,)


@settings(max_examples=150, deadline=None)
@given(rankings)
def test_removing_a_losing_option_never_changes_the_plurality_winners_count(ballots):
    counted = tally.aggregate(ballots)
    before = tally.plurality(OPTIONS, counted)
    if before.winner is None:
        return
    for loser in (o for o in OPTIONS if o != before.winner):
        reduced = tally.aggregate(tuple(o for o in r if o != loser) for r in ballots)
        after = tally.plurality([o for o in OPTIONS if o != loser], reduced)
        assert after.counts[before.winner] >= before.counts[before.winner]


@settings(max_examples=100, deadline=None)
@given(rankings, st.randoms())
def test_the_order_of_ballots_never_matters(ballots, rnd):
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    a, b = tally.aggregate(ballots), tally.aggregate(shuffled)
    assert tally.instant_runoff(OPTIONS, a).winner == tally.instant_runoff(OPTIONS, b).winner
    assert tally.schulze(OPTIONS, a).ranking == tally.schulze(OPTIONS, b).ranking


@settings(max_examples=150, deadline=None)
@given(rankings)
def test_the_runoff_winner_has_a_majority_of_active_ballots_in_the_last_round(ballots):
    result = tally.instant_runoff(OPTIONS, tally.aggregate(ballots))
    last = result.rounds[-1]
    assert last.elected == result.winner
    assert last.counts[result.winner] * 2 > last.active or len(last.counts) == 1


def test_wikipedia_schulze_example():
    # The 45-voter, 5-candidate example (A..E = 1..5); the winner is E.
    groups = [
        (5, "ACBED"),
        (5, "ADECB"),
        (8, "BEDAC"),
        (3, "CABED"),
        (7, "CAEBD"),
        (2, "CBADE"),
        (7, "DCEBA"),
        (8, "EBADC"),
    ]
    ballots = tally.aggregate(
        tuple("ABCDE".index(c) + 1 for c in order) for n, order in groups for _ in range(n)
    )
    result = tally.schulze(OPTIONS, ballots)
    assert result.winner == 5
    assert list(result.ranking) == [5, 1, 3, 2, 4]  # E > A > C > B > D
    assert (
        result.strongest_paths[4, 0] == 25 and result.strongest_paths[0, 4] == 24
    )  # E->A beats A->E


def test_tennessee_capital():
    # Memphis 42%, Nashville 26%, Chattanooga 15%, Knoxville 17%: Nashville wins Schulze, Knoxville IRV.
    m, n, c, k = 1, 2, 3, 4
    ballots = {(m, n, c, k): 42, (n, c, k, m): 26, (c, k, n, m): 15, (k, c, n, m): 17}
    assert tally.schulze([m, n, c, k], ballots).winner == n
    assert tally.instant_runoff([m, n, c, k], ballots).winner == k
    assert tally.plurality([m, n, c, k], ballots).winner == m
