"""The whole analysis on small made-up conversations, including degenerate ones."""

import numpy as np

from linli.opinions import clustering

nan = np.nan


def lift_conversation(seed=7):
    """梧桐院's lift: 40 want it on the east side, 25 on the west; all want it before winter."""
    rng = np.random.default_rng(seed)
    east = np.array([1, -1, 1, -1, 1, 1], dtype=float)  # statement 5 bridges: "before winter"
    west = np.array([-1, 1, -1, 1, 1, 1], dtype=float)
    votes = np.vstack([np.tile(east, (40, 1)), np.tile(west, (25, 1))])
    noise = rng.random(votes.shape)
    votes[noise < 0.08] = 0.0  # some pass
    votes[(noise >= 0.08) & (noise < 0.15)] = nan  # some did not see it
    votes[:, 5][rng.random(65) < 0.1] = -1.0  # a few disagree even with the bridge
    return votes


def test_it_finds_the_two_camps_and_what_bridges_them():
    votes = lift_conversation()
    ids = [f"resident-{i}" for i in range(65)]
    result = clustering.analyse(votes, ids)
    assert result.n_groups == 2
    # Who left a statement unseen has fewer votes than statements (6 < 7): not grouped.
    grouped = [i for i, p in enumerate(ids) if p in result.groups]
    assert grouped == np.flatnonzero(~np.isnan(votes).any(axis=1)).tolist()
    truth = [0 if i < 40 else 1 for i in grouped]
    assert clustering.adjusted_rand_index([result.groups[ids[i]] for i in grouped], truth) == 1.0
    assert result.groups["resident-0"] == 0  # the larger camp is group 0
    assert {r.statement for r in result.representative[0]} == {0, 1, 2, 3}
    assert {r.statement for r in result.representative[1]} == {0, 1, 2, 3}
    # Both bridging statements, and nothing divisive, are the consensus.
    assert [(c.statement, c.direction) for c in result.consensus] == [(4, "agree"), (5, "agree")]
    assert result.points.shape == (65, 2)


def test_statements_left_out_are_neither_mapped_nor_reported_and_keep_their_numbers():
    votes = lift_conversation()
    active = np.array([True, True, False, True, True, True])
    result = clustering.analyse(votes, list(range(65)), active=active)
    assert result.statement_columns.tolist() == [0, 1, 3, 4, 5]
    reported = {r.statement for items in result.representative.values() for r in items}
    reported |= {c.statement for c in result.consensus}
    assert 2 not in reported
    assert reported <= {0, 1, 3, 4, 5}


def test_nobody_or_no_votes_gives_no_groups_and_no_statements():
    for votes in (np.zeros((0, 4)), np.full((5, 3), nan)):
        result = clustering.analyse(votes, list(range(len(votes))))
        assert result.groups == {} and result.n_groups == 0
        assert result.representative == {} and result.consensus == []


def test_two_pairs_of_identical_voters_make_two_groups():
    votes = np.array([[1, -1], [1, -1], [-1, 1], [-1, 1]], dtype=float)
    result = clustering.analyse(votes, ["a", "b", "c", "d"])
    assert result.groups == {"a": 0, "b": 0, "c": 1, "d": 1} or result.groups == {
        "a": 1,
        "b": 1,
        "c": 0,
        "d": 0,
    }


def test_everyone_alike_is_one_group():
    result = clustering.analyse(np.ones((10, 8)), list(range(10)))
    assert set(result.groups.values()) == {0}
    assert result.n_groups == 1
