"""From ballots to an outcome: which rules fit which ballot, and how ballots become a profile.

Pure (no Django): the services hand in project ids, costs, groups and the ballots as the votes app
stores them, already translated from option ids to project ids.

Which rule goes with which ballot (only sensible pairs are offered):

- approval and knapsack ballots are approval ballots: greedy by votes, greedy by votes per yuan,
  the Method of Equal Shares with cost or cardinality utilities (Add1U completion);
- cumulative ballots: greedy by points ("most points first"), greedy by points per yuan, and MES
  where every project that got points counts as approved (the rules' convention);
- ranked ballots: greedy by Borda points (a project ranked r-th on a ballot naming m projects gets
  m - r + 1) or by first preferences (only the top choice counts). Equal shares is not offered for
  ranked ballots: its utilities need approvals or points, and turning ranks into either would be
  a choice residents did not make.

"Most points first" uses rules.greedy's points-per-cost order with every point weighted by the
project's cost, so dividing by the cost gives back plain points.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from . import rules

RULES_FOR_BALLOT: dict[str, tuple[str, ...]] = {
    "approval": ("mes_cost", "mes_cardinality", "greedy_votes", "greedy_per_cost"),
    "knapsack": ("mes_cost", "mes_cardinality", "greedy_votes", "greedy_per_cost"),
    "cumulative": ("mes_cost", "mes_cardinality", "greedy_votes", "greedy_per_cost"),
    "ranked": ("greedy_borda", "greedy_first"),
}


def borda(rankings: Iterable[Sequence[str]]) -> list[dict[str, int]]:
    return [{p: len(r) - i for i, p in enumerate(r)} for r in rankings]


def compute(
    projects: Sequence[rules.Project],
    budget: int | Fraction,
    ballot_type: str,
    rule: str,
    ballots: Sequence[Sequence[str] | Mapping[str, int]],
    limits: rules.Limits | None = None,
) -> rules.Outcome:
    """The outcome of ``rule`` on ``ballots`` (lists of project ids, or {id: points})."""
    if rule not in RULES_FOR_BALLOT[ballot_type]:
        raise ValueError(f"rule {rule} does not go with {ballot_type} ballots")
    costs = {p.id: p.cost for p in projects}
    if ballot_type == "ranked":
        lists = [list(b) for b in ballots]
        scored = borda(lists) if rule == "greedy_borda" else [{r[0]: 1} for r in lists if r]
        weighted = [{p: v * costs[p] for p, v in b.items()} for b in scored]
        profile = rules.Profile.from_points(weighted)
        return rules.greedy(projects, budget, profile, utility="points", limits=limits)
    if ballot_type == "cumulative" and rule.startswith("greedy"):
        points: list[dict[str, Any]] = [dict(b) for b in ballots if isinstance(b, Mapping)]
        if rule == "greedy_votes":
            points = [{p: v * costs[p] for p, v in b.items()} for b in points]
        profile = rules.Profile.from_points(points)
        return rules.greedy(projects, budget, profile, utility="points", limits=limits)
    approvals = [list(b) for b in ballots]
    profile = rules.Profile.from_approvals(approvals)
    if rule == "greedy_votes":
        return rules.greedy(projects, budget, profile, utility="cost", limits=limits)
    if rule == "greedy_per_cost":
        return rules.greedy(projects, budget, profile, utility="cardinality", limits=limits)
    utility = "cost" if rule == "mes_cost" else "cardinality"
    return rules.equal_shares(
        projects, budget, profile, utility=utility, completion="add1u", limits=limits
    )
