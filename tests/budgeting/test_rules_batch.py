"""The engines behind MES against each other: the compiled kernel (``_EqualShares.run_compiled``)
must fund exactly what the NumPy engine with its exact fallback funds, in the same order and at
the same prices, and Add1U's stopping share must be the one a walk of one unit at a time finds (on the files where pabutools
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
def test_the_compiled_kernel_funds_what_the_numpy_engine_funds(name, utility):
    mes, start = engine(name, utility)
    shares = [start + k for k in range(0, 40, 3)] + [start * 2, start * 3 + Fraction(1, 3)]
    compiled = [mes.run_compiled(share) for share in shares]
    assert sum(run is None for run in compiled) <= len(shares) // 4  # it rarely gives up
    for share, run in zip(shares, compiled, strict=True):
        if run is None:
            continue
        reference = mes.run_numpy(share)
        assert run.chosen == reference.chosen, share
        assert run.prices == pytest.approx(reference.prices, rel=1e-9)
        assert [top for top, _ in run.payers] == pytest.approx(
            [top for top, _ in reference.payers], rel=1e-9
        )
        assert run.round_out == reference.round_out
        assert run.leftover == pytest.approx(reference.leftover, rel=1e-9, abs=1e-6)


def test_the_compiled_kernel_settles_exact_ties_by_id():
    """Two projects with the same votes and cost tie exactly (cost utilities: both prices are
    1 / votes); the kernel decides it as the exact engine does, by id as a string."""
    projects = [rules.Project("10", 100), rules.Project("9", 100), rules.Project("x", 100)]
    profile = rules.Profile.from_approvals([{"10", "x"}, {"9"}, {"10"}, {"9", "x"}])
    for utility in ("cost", "cardinality"):
        election = rules._Election(projects, 200, profile, utility, None)
        mes = rules._EqualShares(election, election.eligible({}))
        run = mes.run_compiled(Fraction(60))
        assert run is not None
        assert run.chosen == mes.run_numpy(Fraction(60)).chosen
        assert [projects[j].id for j in run.chosen][:2] == ["10", "9"]


def test_the_compiled_kernel_stays_out_of_group_caps_and_fractions():
    projects = [rules.Project("a", Fraction(201, 2)), rules.Project("b", 100)]
    profile = rules.Profile.from_approvals([{"a"}, {"b"}])
    election = rules._Election(projects, 300, profile, "cost", None)
    assert rules._EqualShares(election, [0, 1]).run_compiled(Fraction(150)) is None
    capped = rules.Limits(per_group={"north": Fraction(100)})
    grouped = [rules.Project("a", 100, ["north"]), rules.Project("b", 100, ["north"])]
    election = rules._Election(grouped, 300, profile, "cost", capped)
    assert rules._EqualShares(election, [0, 1]).run_compiled(Fraction(150)) is None


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


@pytest.mark.parametrize("utility", ["cost", "cardinality", "points"])
def test_without_the_compiled_loops_every_outcome_and_explanation_is_the_same(monkeypatch, utility):
    """Numba is a dependency, but the NumPy engine alone must give the same results: the
    compiled loops are a speed-up, never a different answer."""
    pb, projects, approvals, points = load("Switzerland_Zurich_D10.pb")
    profile = points if utility == "points" else approvals
    completions = [None] if utility == "points" else [None, "add1u"]

    def outcomes() -> list[dict]:
        return [
            rules.equal_shares(
                projects, pb.budget, profile, utility=utility, completion=completion
            ).as_dict()
            for completion in completions
        ]

    compiled = outcomes()
    monkeypatch.setattr(rules, "_compiled", lambda: None)
    for mine, numpy_only in zip(compiled, outcomes(), strict=True):
        # Identical decisions; amounts equal up to float rounding (sums in another order).
        assert mine["selected"] == numpy_only["selected"]
        assert mine["per_voter_budget"] == numpy_only["per_voter_budget"]
        for a, b in zip(mine["explanations"], numpy_only["explanations"], strict=True):
            assert (a["project"], a["code"], a["round"]) == (b["project"], b["code"], b["round"])
            assert a["numbers"] == pytest.approx(b["numbers"], rel=1e-9)


@pytest.mark.parametrize(
    "name",
    [
        "Poland_Zabrze_2020_Biskupice.pb",
        "Poland_Krakow_2018_Swoszowice.pb",
        "Switzerland_Zurich_D10.pb",
        "Hungary_Budapest_2022_VIII_Jozsefvaros.pb",
        "France_Toulouse_2024.pb",
    ],
)
@pytest.mark.parametrize("utility", ["cost", "cardinality"])
@pytest.mark.parametrize("step", ["unit", "one_percent"])
def test_the_compiled_add1u_search_stops_where_the_python_search_stops(
    monkeypatch, name, utility, step
):
    """The whole Add1U search in one compiled call (``_EqualShares.search``) against the same
    search driven from Python (certificates and single runs one call at a time)."""
    pb, projects, approvals, _ = load(name)
    increment = 1 if step == "unit" else pb.budget / approvals.voters / 100
    exhaustive_over = "supported" if step == "unit" else "all"
    mes, start = engine(name, utility)
    increment = Fraction(increment)
    over = start.denominator * increment.denominator
    found = mes.search(
        start.numerator * increment.denominator,
        increment.numerator * start.denominator,
        over,
        mes.active if exhaustive_over == "supported" else list(range(len(projects))),
    )
    assert found is not None  # the kernel serves these files

    def outcome():
        return rules.equal_shares(
            projects,
            pb.budget,
            approvals,
            utility=utility,
            completion="add1u",
            increment=increment,
            exhaustive_over=exhaustive_over,
        )

    compiled = outcome()
    assert compiled.per_voter_budget == start + found * increment
    monkeypatch.setattr(rules._EqualShares, "search", lambda *args: None)
    python = outcome()
    assert python.per_voter_budget == compiled.per_voter_budget
    assert python.selected == compiled.selected
