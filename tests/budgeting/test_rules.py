"""Outcome rules on small hand-made elections whose answers are worked out in the comments."""

from __future__ import annotations

from fractions import Fraction

import pytest

from linli.budgeting import rules
from linli.budgeting.rules import Limits, Profile, Project


def ids(outcome):
    return sorted(outcome.selected)


# Three projects, budget 100, 10 voters.
#   a costs 60, approved by voters 1-6; b costs 40, by 7-10; c costs 50, by 1-10.
PROJECTS = [Project("a", 60), Project("b", 40), Project("c", 50)]
BALLOTS = [{"a", "c"}] * 6 + [{"b", "c"}] * 4


def test_greedy_by_votes_takes_the_most_approved_first():
    # votes: c 10, a 6, b 4 -> c (50), then a (60) does not fit the 50 left, then b (40).
    out = rules.greedy(PROJECTS, 100, Profile.from_approvals(BALLOTS), utility="cost")
    assert out.selected == ["c", "b"]
    assert out.explanations["a"].code == rules.DID_NOT_FIT
    assert out.explanations["a"].numbers["remaining_budget"] == 50
    assert out.explanations["c"].round == 1 and out.explanations["b"].round == 2
    assert out.spent == 90


def test_greedy_by_votes_per_cost():
    # votes/cost: c 10/50 = .2, a 6/60 = .1, b 4/40 = .1 (tie a/b: "a" < "b") -> c, then a does
    # not fit (60 > 50), then b.
    out = rules.greedy(PROJECTS, 100, Profile.from_approvals(BALLOTS), utility="cardinality")
    assert out.selected == ["c", "b"]


def test_equal_shares_cost_utilities_by_hand():
    # Each voter has 10. Round 1, price per unit of utility (rho) with everyone paying equally:
    #   c: 50 / (10 * 50) = 0.1 (each pays 5); a: 60 / (6 * 60) = 1/6 (each pays 10: exactly all);
    #   b: 40 / (4 * 40) = 1/4 (each pays 10). c wins; everyone has 5 left.
    # Round 2: a's supporters have 30 < 60, b's 20 < 40: their shares ran out. Outcome {c}.
    out = rules.equal_shares(PROJECTS, 100, Profile.from_approvals(BALLOTS), utility="cost")
    assert out.selected == ["c"]
    assert out.explanations["c"].code == rules.FUNDED_EQUAL_SHARES
    assert out.explanations["c"].numbers["price_per_supporter"] == 5
    assert out.explanations["a"].code == rules.SHARES_RAN_OUT
    assert out.explanations["a"].numbers["supporters_money"] == 30
    assert out.per_voter_budget == 10


def test_equal_shares_add1u_completes_exhaustively():
    # Add1U: at share 10 + k, c costs 5 each and a's six supporters have 6 * (5 + k) >= 60 from
    # k = 5, b's four have 4 * (5 + k) >= 40 from k = 5 too. At k = 5 (share 15): round 1 c
    # (rho .1), round 2 a: 60 / 6 = 10 each <= 10 left, rho 1/6; b: 40 / 4 = 10 each, rho 1/4
    # -> a; round 3 b: its supporters have 10 each, pay 40 -> {a, b, c} costs 150 > 100:
    # overspends, so the outcome of k = 4 ({c}) is kept, then the greedy fill (by votes, as the
    # cost utility) adds a (c + a = 110 > 100 does not fit) ... b (90) fits.
    out = rules.equal_shares(
        PROJECTS, 100, Profile.from_approvals(BALLOTS), utility="cost", completion="add1u"
    )
    assert out.selected == ["c", "b"]
    assert out.per_voter_budget == 14
    assert out.explanations["b"].code == rules.FUNDED_COMPLETION


def test_add1u_stops_when_exhaustive():
    # Budget 100, 4 voters (25 each). x costs 40 (voters 1-2), y costs 40 (voters 3-4),
    # z costs 30 (voter 1 only). At share 25: x (each pays 20), y (20 each); z: voter 1 has 5.
    # Spent 80; z (30) does not fit the 20 left -> already exhaustive at k = 0: {x, y}.
    projects = [Project("x", 40), Project("y", 40), Project("z", 30)]
    ballots = [{"x", "z"}, {"x"}, {"y"}, {"y"}]
    out = rules.equal_shares(
        projects, 100, Profile.from_approvals(ballots), utility="cardinality", completion="add1u"
    )
    assert ids(out) == ["x", "y"]
    assert out.per_voter_budget == 25


def test_tie_is_broken_by_the_id_as_a_string():
    # Two projects with the same votes and cost; only one fits. "10" < "9" as strings.
    projects = [Project("9", 60), Project("10", 60)]
    ballots = [{"9", "10"}] * 3
    for utility in ("cost", "cardinality"):
        assert rules.greedy(
            projects, 100, Profile.from_approvals(ballots), utility=utility
        ).selected == ["10"]
        assert rules.equal_shares(
            projects, 100, Profile.from_approvals(ballots), utility=utility
        ).selected == ["10"]


def test_exact_tie_after_payments_is_decided_exactly():
    # Budget 120, six voters with 20 each. p (30) is approved by voters 1-4: 7.5 each, funded
    # first. Then q (35; voters 1, 3, 5) and r (35; voters 2, 4, 6) are mirror images: their
    # supporters have 12.5, 12.5 and 20, so both cost 35 / 3 each - an exact tie, which floats
    # could break either way; the id decides: "q".
    projects = [Project("p", 30), Project("q", 35), Project("r", 35)]
    ballots = [{"p", "q"}, {"p", "r"}, {"p", "q"}, {"p", "r"}, {"q"}, {"r"}]
    out = rules.equal_shares(projects, 120, Profile.from_approvals(ballots), utility="cardinality")
    assert out.selected[:2] == ["p", "q"]
    assert out.explanations["p"].numbers["price_per_supporter"] == 7.5


def test_cumulative_points_as_utilities():
    # Two voters give all 10 points to a; three give 5 to b and 5 to c. Budget 100, share 20.
    # mes_points: rho a = 50 / 20 = 2.5 per point (each a-voter pays 25 > 20: not affordable
    # alone? 2 * 20 = 40 < 50 -> a cannot be paid). b = 30 / 15 = 2 per point (each pays 10),
    # then c the same 2 per point with 10 left each -> {b, c}.
    projects = [Project("a", 50), Project("b", 30), Project("c", 30)]
    ballots = [{"a": 10}] * 2 + [{"b": 5, "c": 5}] * 3
    out = rules.equal_shares(projects, 100, Profile.from_points(ballots), utility="points")
    assert ids(out) == ["b", "c"]
    assert out.explanations["a"].code == rules.SHARES_RAN_OUT
    greedy = rules.greedy(projects, 100, Profile.from_points(ballots), utility="points")
    # points per cost: a 20/50 = .4, b 15/30 = .5, c .5 -> b, c, then a (50 > 40) does not fit.
    assert greedy.selected == ["b", "c"]


def test_project_nobody_voted_for():
    projects = [Project("a", 50), Project("lonely", 10)]
    ballots = [{"a"}] * 5
    out = rules.equal_shares(projects, 100, Profile.from_approvals(ballots))
    assert out.selected == ["a"]
    assert out.explanations["lonely"].code == rules.NO_SUPPORT
    # pabutools' greedy funds a project without votes when money is left (density 0, last).
    assert rules.greedy(projects, 100, Profile.from_approvals(ballots)).selected == ["a", "lonely"]


def test_caps_per_project_and_per_group():
    projects = [
        Project("big", 80, groups=["area:north"]),
        Project("n1", 30, groups=["area:north"]),
        Project("n2", 30, groups=["area:north"]),
        Project("s1", 30, groups=["area:south"]),
    ]
    ballots = [{"big", "n1", "n2", "s1"}] * 4 + [{"n1", "n2"}] * 2
    limits = Limits(per_project=Fraction(50), per_group={"area:north": Fraction(40)})
    out = rules.greedy(projects, 100, Profile.from_approvals(ballots), limits=limits)
    # big is over the cap per project; n1 then n2 would make north 60 > 40.
    assert out.selected == ["n1", "s1"]
    assert out.explanations["big"].code == rules.OVER_PROJECT_CAP
    assert out.explanations["n2"].code == rules.OVER_GROUP_CAP
    assert out.explanations["n2"].numbers["group"] == "area:north"
    mes = rules.equal_shares(projects, 100, Profile.from_approvals(ballots), limits=limits)
    assert "big" not in mes.selected and not {"n1", "n2"} <= set(mes.selected)


def test_add1u_ends_when_only_capped_projects_are_left():
    # a (50) and b (40) share the group g capped at 60; c (30) is alone. Budget 200, three voters.
    # Once a is funded, b can never be added (50 + 40 > 60) however much the voters' shares grow,
    # so the outcome {a, c} is exhaustive: Add1U must stop there rather than raise shares forever.
    projects = [Project("a", 50, ["g"]), Project("b", 40, ["g"]), Project("c", 30)]
    profile = Profile.from_approvals([{"a", "b"}, {"a", "b"}, {"c"}])
    limits = Limits(per_group={"g": Fraction(60)})
    # With cost utilities a and b cost their supporters the same per unit of utility and the tie
    # goes to a; counting supporters only, the cheaper b comes first and keeps a out.
    for utility, funded, capped in (("cost", "a", "b"), ("cardinality", "b", "a")):
        out = rules.equal_shares(
            projects, 200, profile, utility=utility, completion="add1u", limits=limits
        )
        assert ids(out) == sorted([funded, "c"])
        assert out.explanations[capped].code == rules.OVER_GROUP_CAP


def test_outcome_as_plain_data():
    out = rules.equal_shares(PROJECTS, 100, Profile.from_approvals(BALLOTS)).as_dict()
    assert out["selected"] == ["c"]
    assert {e["project"]: e["code"] for e in out["explanations"]} == {
        "a": "shares_ran_out",
        "b": "shares_ran_out",
        "c": "funded_equal_shares",
    }


def test_unknown_project_on_a_ballot_is_refused():
    with pytest.raises(ValueError, match="unknown project"):
        rules.greedy([Project("a", 1)], 10, Profile.from_approvals([{"b"}]))
