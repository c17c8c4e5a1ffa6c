"""The edges of every limit in budgeting/rules.py, each pinned at equality and one unit past it.

A limit is "at most": a project costing exactly the cap per project is eligible, a group may be
filled exactly to its cap, and a project costing exactly the money left is funded. Each test
fails if one comparison is turned (``<=`` into ``<``, ``>`` into ``>=``), which a mutation audit
found no test noticed (issue 24).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from linli.budgeting import rules
from linli.budgeting.rules import Limits, Profile, Project

# Three voters: a is approved by all three, b by two, c by one, so every rule below takes them
# in the order a, b, c (most votes first; under equal shares, the lowest price per vote first).


def approvals(projects: list[Project]) -> Profile:
    names = [p.id for p in projects]
    return Profile.from_approvals([set(names), set(names[:2]), set(names[:1])])


RULES = {
    "greedy": lambda projects, budget, limits: rules.greedy(
        projects, budget, approvals(projects), limits=limits
    ),
    "mes": lambda projects, budget, limits: rules.equal_shares(
        projects, budget, approvals(projects), limits=limits
    ),
    "mes_add1u": lambda projects, budget, limits: rules.equal_shares(
        projects, budget, approvals(projects), completion="add1u", limits=limits
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_a_project_costing_exactly_the_cap_per_project_is_eligible(rule):
    projects = [Project("a", 50), Project("b", 51)]
    out = RULES[rule](projects, 200, Limits(per_project=Fraction(50)))
    assert out.selected == ["a"]
    assert out.explanations["a"].funded
    assert out.explanations["b"].code == rules.OVER_PROJECT_CAP
    assert out.explanations["b"].funded is False
    assert out.explanations["b"].numbers["cap"] == 50


@pytest.mark.parametrize("rule", RULES)
def test_a_group_may_be_filled_exactly_to_its_cap(rule):
    # a then b fill group g to exactly 70; c would take it to 71.
    projects = [Project("a", 40, ["g"]), Project("b", 30, ["g"]), Project("c", 1, ["g"])]
    out = RULES[rule](projects, 200, Limits(per_group={"g": Fraction(70)}))
    assert sorted(out.selected) == ["a", "b"]
    assert out.explanations["c"].code == rules.OVER_GROUP_CAP
    assert out.explanations["c"].numbers == {
        "cost": 1,
        "votes": 1,
        "group": "g",
        "cap": 70,
    }


@pytest.mark.parametrize("rule", RULES)
def test_one_unit_over_a_group_cap_is_refused(rule):
    projects = [Project("a", 40, ["g"]), Project("b", 31, ["g"])]
    out = RULES[rule](projects, 200, Limits(per_group={"g": Fraction(70)}))
    assert out.selected == ["a"]
    assert out.explanations["b"].code == rules.OVER_GROUP_CAP


@pytest.mark.parametrize("rule", ["greedy"])  # Add1U takes {a, c} here: its own story
@pytest.mark.parametrize("grouped", [False, True], ids=["no_groups", "with_groups"])
def test_a_project_costing_exactly_the_money_left_is_funded(rule, grouped):
    # Budget 100: a (60) then b (40) spend it to the last unit; c (1) no longer fits.
    groups = ["g"] if grouped else []
    limits = Limits(per_group={"g": Fraction(1000)}) if grouped else None
    projects = [Project("a", 60, groups), Project("b", 40, groups), Project("c", 1, groups)]
    out = RULES[rule](projects, 100, limits)
    assert sorted(out.selected) == ["a", "b"]
    assert out.spent == 100
    assert not out.explanations["c"].funded


@pytest.mark.parametrize("grouped", [False, True], ids=["no_groups", "with_groups"])
def test_greedy_explains_a_project_one_unit_over_the_money_left(grouped):
    groups = ["g"] if grouped else []
    limits = Limits(per_group={"g": Fraction(1000)}) if grouped else None
    projects = [Project("a", 60, groups), Project("b", 41, groups)]
    out = rules.greedy(projects, 100, approvals(projects), limits=limits)
    assert out.selected == ["a"]
    assert out.explanations["b"].code == rules.DID_NOT_FIT
    assert out.explanations["b"].numbers["remaining_budget"] == 40


def test_the_cap_per_project_applies_to_the_project_not_to_the_budget():
    # No cap: the whole budget may go to one project costing exactly the budget.
    out = rules.greedy([Project("a", 100)], 100, approvals([Project("a", 100)]))
    assert out.selected == ["a"] and out.spent == 100
    out = rules.greedy([Project("a", 101)], 100, approvals([Project("a", 101)]))
    assert out.selected == [] and out.explanations["a"].code == rules.DID_NOT_FIT


# --- survivors of bench/mutation.py in the greedy fill and the group check ---------------------


def test_a_single_project_may_use_its_whole_group_cap():
    projects = [Project("a", 70, ["g"])]
    for out in (
        rules.greedy(projects, 200, approvals(projects), limits=Limits(per_group={"g": 70})),
        rules.equal_shares(projects, 200, approvals(projects), limits=Limits(per_group={"g": 70})),
    ):
        assert out.selected == ["a"]


def test_completion_counts_what_equal_shares_already_spent_in_a_group_exactly():
    # Budget 100, four voters (25 each): three share a (40, group g); the fourth alone cannot pay
    # for b (30, g) under equal shares, and the greedy completion funds it with g at exactly 70.
    projects = [Project("a", 40, ["g"]), Project("b", 30, ["g"])]
    profile = Profile.from_approvals([{"a"}] * 3 + [{"b"}])
    out = rules.equal_shares(
        projects, 100, profile, completion="greedy", limits=Limits(per_group={"g": Fraction(70)})
    )
    assert out.selected == ["a", "b"]
    assert out.explanations["b"].code == rules.FUNDED_COMPLETION


def test_completion_keeps_the_equal_shares_reason_for_a_project_that_still_does_not_fit():
    # c (90) is approved by one voter: equal shares cannot pay it, and after a (40) the greedy
    # completion has 60 left: c still does not fit, and keeps the reason equal shares gave.
    projects = [Project("a", 40), Project("c", 90)]
    profile = Profile.from_approvals([{"a"}] * 3 + [{"c"}])
    out = rules.equal_shares(projects, 100, profile, completion="greedy")
    assert out.selected == ["a"]
    assert out.explanations["c"].code == rules.SHARES_RAN_OUT
    assert out.explanations["c"].funded is False


@pytest.mark.parametrize("grouped", [False, True], ids=["no_groups", "with_groups"])
def test_greedy_explains_each_project_with_exact_numbers(grouped):
    # a (60, three votes) is funded first; b (50, one vote) no longer fits; z (45) has no vote.
    groups = ["g"] if grouped else []
    limits = Limits(per_group={"g": Fraction(1000)}) if grouped else None
    projects = [Project("a", 60, groups), Project("b", 50, groups), Project("z", 45, groups)]
    profile = Profile.from_approvals([{"a", "b"}, {"a"}, {"a"}])
    out = rules.greedy(projects, 100, profile, limits=limits)
    assert out.selected == ["a"]
    a, b, z = (out.explanations[name] for name in "abz")
    assert (a.funded, a.code, a.round, a.numbers["remaining_budget"]) == (True, rules.FUNDED, 1, 40)
    assert (b.funded, b.code, b.numbers["remaining_budget"]) == (False, rules.DID_NOT_FIT, 40)
    assert (z.funded, z.code) == (False, rules.NO_SUPPORT)


def test_a_project_refused_by_its_group_cap_is_not_funded():
    projects = [Project("a", 40, ["g"]), Project("b", 31, ["g"])]
    out = rules.greedy(projects, 200, approvals(projects), limits=Limits(per_group={"g": 70}))
    assert out.explanations["b"].funded is False
    assert out.explanations["b"].code == rules.OVER_GROUP_CAP
