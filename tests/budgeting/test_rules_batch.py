"""The engines behind Add1U against the plain one: many budgets side by side
(``_EqualShares.run_many``) must fund exactly what one run per budget funds, and the completion's
stopping share must be the one a walk of one unit at a time finds (on the files where pabutools
did not finish, this is how linli's outcome is checked besides the slow exact implementation in
test_rules_pabulib.py)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from linli.budgeting import rules
from tests.budgeting.test_rules_pabulib import load

FILES = [
    "France_Toulouse_2024.pb",
    "Poland_Warszawa_2025_Wola.pb",
    "Hungary_Budapest_2022_VIII_Jozsefvaros.pb",
    "Switzerland_Zurich_D10.pb",
    "Poland_Czestochowa_2020_Grabowka.pb",
]


def engine(name: str, utility: str) -> tuple[rules._EqualShares, Fraction]:
    pb, projects, approvals, _ = load(name)
    election = rules._Election(projects, pb.budget, approvals, utility, None)
    return rules._EqualShares(election, election.eligible({})), election.budget / election.n


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("utility", ["cost", "cardinality"])
def test_many_budgets_side_by_side_fund_what_single_runs_fund(name, utility):
    mes, start = engine(name, utility)
    shares = [start + k for k in range(0, 40, 3)] + [start * 2, start * 3 + Fraction(1, 3)]
    many = mes.run_many(shares)
    assert sum(run is None for run in many) <= len(shares) // 4  # ties rarely need the slow path
    for share, run in zip(shares, many, strict=True):
        if run is not None:
            assert run.chosen == mes.run(share).chosen, share


def walk_one_unit_at_a_time(mes: rules._EqualShares, start: Fraction, limit: int) -> int:
    """Add1U as pabutools walks it: plain runs at k = 0, 1, 2, ... until exhaustive or over."""
    e = mes.e
    for k in range(limit):
        run = mes.run(start + k)
        chosen = set(run.chosen) | set(mes.free)
        spent = sum((e.cost[j] for j in chosen), Fraction(0))
        if spent > e.budget:
            return max(k - 1, 0)
        if not any(j not in chosen and e.cost[j] <= e.budget - spent for j in mes.active):
            return k
    raise AssertionError("no stop within the limit")


@pytest.mark.parametrize(
    ("name", "utility"),
    [
        ("Poland_Warszawa_2025_Wola.pb", "cost"),  # pabutools: > 300 s
        ("Poland_Warszawa_2020_Mokotow.pb", "cost"),  # pabutools: > 300 s
        ("Poland_Warszawa_2020_Mokotow.pb", "cardinality"),  # pabutools: > 300 s
        ("France_Toulouse_2024.pb", "cardinality"),
    ],
)
def test_add1u_stops_where_a_unit_by_unit_walk_stops(name, utility):
    pb, projects, approvals, _ = load(name)
    mes, start = engine(name, utility)
    done = rules.equal_shares(projects, pb.budget, approvals, utility=utility, completion="add1u")
    assert done.per_voter_budget == start + walk_one_unit_at_a_time(mes, start, 2000)
