"""Which projects share a supporter: the blocked NumPy product (it replaced a SciPy sparse one)
against the plain definition, for every block size."""

from __future__ import annotations

import numpy as np
import pytest

from linli.budgeting.rules import shared_supporters


def by_definition(ballots: list[set[int]], n_projects: int) -> np.ndarray:
    shared = np.zeros((n_projects, n_projects), dtype=bool)
    for ballot in ballots:
        for p in ballot:
            for q in ballot:
                shared[p, q] = True
    return shared


@pytest.mark.parametrize("cells", [1, 7, 40, 1_000_000])
def test_it_finds_exactly_the_projects_with_a_supporter_in_common(cells):
    rng = np.random.default_rng(7)
    n_voters, n_projects = 60, 9
    ballots = [
        set(rng.choice(n_projects, size=rng.integers(0, 4), replace=False).tolist())
        for _voter in range(n_voters)
    ]
    voters = np.array([v for v, b in enumerate(ballots) for _p in b], dtype=np.int64)
    projects = np.array([p for b in ballots for p in b], dtype=np.int64)
    shuffle = rng.permutation(len(voters))  # supports arrive in any order
    got = shared_supporters(voters[shuffle], projects[shuffle], n_voters, n_projects, cells)
    assert (got == by_definition(ballots, n_projects)).all()


def test_no_supports_share_nothing():
    empty = np.zeros(0, dtype=np.int64)
    assert not shared_supporters(empty, empty, 5, 3).any()
