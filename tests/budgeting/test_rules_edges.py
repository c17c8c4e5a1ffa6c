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
