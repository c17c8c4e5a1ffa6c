"""Outcome rules for participatory budgeting: greedy, and the Method of Equal Shares (MES).

Pure Python + NumPy, no Django. Plain data in (projects with costs, a budget, ballots), plain
data out (:class:`Outcome`: the funded ids and, for every project, an :class:`Explanation` with a
code and numbers that the results page turns into words).

Conventions - the same as pabutools, the reference implementation, so outcomes are identical:

- *Utilities.* ``"cost"``: a voter gets the project's cost from each project on her ballot;
  ``"cardinality"``: 1 per project on the ballot; ``"points"``: the points she gave it
  (cumulative ballots). On ordinal and cumulative ballots every listed project counts as approved
  for the cost/cardinality utilities.
- *Greedy.* Projects in decreasing order of total utility divided by cost, each funded if it still
  fits. With cost utilities this is "most votes first" (what most cities use); with cardinality
  utilities "most votes per unit of cost"; with points utilities "most points per unit of cost".
  A project nobody voted for comes last (density 0) but is still funded if it fits.
- *Tie-break.* Equal densities (greedy) or equal prices per unit of utility (MES) are broken by
  the project id compared as a *string*: "645" before "711", and "10" before "9".
- *Exactness.* Outcomes are computed with floats for speed, but every comparison that decides the
  outcome and is closer than a relative 1e-9 is redone with :class:`fractions.Fraction`.
- *MES.* Each of the ``n`` voters (an empty ballot counts) gets ``budget / n``; in each round the
  project whose supporters can pay for it with the lowest price per unit of utility ``rho`` is
  funded, each supporter paying ``min(her money, rho * utility)``; it stops when no project can be
  paid for by its supporters. Projects costing 0 with any support are funded outright.
- *Add1U completion.* Give every voter one more currency unit (``budget / n + k``, ``k = 1, 2, ...``)
  and rerun MES until its outcome is exhaustive (no other supported project fits the real budget)
  or overspends the real budget (then the outcome of the step before is kept), then fill greedily.
  :func:`equal_shares` finds that step without trying every ``k``: see ``_add1u``.

Limits (:class:`Limits`): a cap per project (costlier projects are not eligible) and caps per
group of projects (a sub-budget per area or theme); a project that would break a group cap is
passed over by every rule.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, cast

import numpy as np

Number = int | Fraction | str

# Explanation codes (stable: the results page and translations key on them).
FUNDED = "funded"  # greedy: funded at position ``round`` of the ranking
FUNDED_EQUAL_SHARES = "funded_equal_shares"  # MES: funded in round ``round``, supporters shared it
FUNDED_COMPLETION = "funded_completion"  # funded when the leftover budget was filled greedily
FUNDED_FREE = "funded_free"  # costs nothing and someone wanted it
DID_NOT_FIT = "did_not_fit"  # greedy: its turn came but the remaining budget was too small
SHARES_RAN_OUT = "shares_ran_out"  # MES: its supporters' remaining money could not pay for it
NO_SUPPORT = "no_support"  # no ballot named it (and it was not funded)
OVER_PROJECT_CAP = "over_project_cap"  # costs more than the cap per project
OVER_GROUP_CAP = "over_group_cap"  # would have broken the cap of one of its groups

_ONE = Fraction(1)  # an approval: one point
_REL = 1e-9  # float comparisons closer than this are decided exactly
_HUGE = 1e300  # a price no project reaches
_BATCH = 16  # Add1U: shares walked one by one before the certificate is tried (see _add1u)
_BATCH_MAX = 64


# ---------------------------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Project:
    """A project on the ballot. ``groups`` are the sub-budget groups it belongs to (e.g.
    ``("area:north", "theme:culture")``), matched against :attr:`Limits.per_group`."""

    id: str
    cost: Fraction
    groups: tuple[str, ...] = ()
    cost_float: float = field(default=0.0, compare=False, repr=False)
    cost_whole: int | None = field(default=None, compare=False, repr=False)

    def __init__(self, id: str, cost: Number, groups: Iterable[str] = ()) -> None:
        object.__setattr__(self, "id", str(id))
        object.__setattr__(self, "cost", Fraction(cost))
        object.__setattr__(self, "groups", tuple(groups))
        if self.cost < 0:
            raise ValueError(f"project {self.id}: negative cost")
        # The cost as a float and, when whole, as an int: what the rules compute with.
        object.__setattr__(self, "cost_float", self.cost.numerator / self.cost.denominator)
        whole = self.cost.numerator if self.cost.denominator == 1 else None
        object.__setattr__(self, "cost_whole", whole)


@dataclass(frozen=True)
class Limits:
    """``per_project``: projects costing more are not eligible. ``per_group``: the most that may
    be spent on the projects of each group (a sub-budget)."""

    per_project: Fraction | None = None
    per_group: Mapping[str, Fraction] = field(default_factory=dict)


class Profile:
    """Ballots with identical ones counted once with their multiplicity.

    ``Profile.from_approvals([{"a", "b"}, {"b"}])`` or ``Profile.from_points([{"a": 3, "b": 1}])``.
    Points must be positive; a project with 0 points is left off the ballot.
    """

    def __init__(self, ballots: Mapping[tuple[tuple[str, Fraction], ...], int]) -> None:
        self.ballots = dict(ballots)
        self.voters = sum(self.ballots.values())
        self.arrays = _ProfileArrays(self.ballots)

    @classmethod
    def from_approvals(cls, ballots: Iterable[Iterable[str]]) -> Profile:
        # Counted by their ids first: hashing a Fraction per entry made merging a city's ballots
        # take seconds.
        counts: dict[tuple[str, ...], int] = {}
        for ballot in ballots:
            key = tuple(sorted(set(map(str, ballot))))
            counts[key] = counts.get(key, 0) + 1
        return cls({tuple((p, _ONE) for p in key): n for key, n in counts.items()})

    @classmethod
    def from_points(cls, ballots: Iterable[Mapping[str, Number]]) -> Profile:
        counts: dict[tuple[tuple[str, int, int], ...], int] = {}
        for ballot in ballots:
            items = {str(p): Fraction(v) for p, v in ballot.items()}
            if any(v < 0 for v in items.values()):
                raise ValueError("negative points on a ballot")
            key = tuple(sorted((p, v.numerator, v.denominator) for p, v in items.items() if v > 0))
            counts[key] = counts.get(key, 0) + 1
        return cls({tuple((p, Fraction(a, b)) for p, a, b in key): n for key, n in counts.items()})

    def votes(self) -> dict[str, int]:
        """Number of ballots naming each project."""
        result: dict[str, int] = {}
        for ballot, weight in self.ballots.items():
            for project, _ in ballot:
                result[project] = result.get(project, 0) + weight
        return result

    def points(self) -> dict[str, Fraction]:
        result: dict[str, Fraction] = {}
        for ballot, weight in self.ballots.items():
            for project, value in ballot:
                result[project] = result.get(project, Fraction(0)) + weight * value
        return result


class _ProfileArrays:
    """The ballots as arrays, built once per profile, as every rule reads them.

    Entries are (project, distinct ballot) pairs grouped by project (ballots ascending within a
    project): the supporters of the profile's ``p``-th project are ``ballot[start[p]:stop[p]]``
    with ``points[...]`` each (1 on approval ballots). Rules index projects their own way and
    only look up where each project's entries start and stop."""

    def __init__(self, ballots: Mapping[tuple[tuple[str, Fraction], ...], int]) -> None:
        self.items = list(ballots.items())
        self.weight_int = [w for _, w in self.items]
        self.weight = np.array(self.weight_int, dtype=np.float64)
        self.iweight = np.array(self.weight_int, dtype=np.int64)
        self.ids = sorted({pid for ballot, _ in self.items for pid, _ in ballot})
        self.index = {pid: p for p, pid in enumerate(self.ids)}
        index = self.index
        self.ballot_projects = [[index[pid] for pid, _ in ballot] for ballot, _ in self.items]
        lengths = [len(b) for b in self.ballot_projects]
        flat = np.fromiter(
            itertools.chain.from_iterable(self.ballot_projects), np.int64, count=sum(lengths)
        )
        order = np.argsort(flat, kind="stable")  # stable: ballots stay sorted within a project
        counts = np.bincount(flat, minlength=len(self.ids))
        self.stop = np.cumsum(counts).astype(np.int64)
        self.start = self.stop - counts
        self.ballot = np.repeat(np.arange(len(self.items), dtype=np.int64), lengths)[order]
        values = [v for ballot, _ in self.items for _, v in ballot]
        self.values = [values[i] for i in order.tolist()]  # exact points, by entry
        if all(v is _ONE for v in self.values):  # approvals: every point is 1
            self.whole = True
            self.points = np.ones(len(self.values), dtype=np.float64)
            self.ipoints: np.ndarray | None = np.ones(len(self.values), dtype=np.int64)
        else:
            self.points = np.array([float(v) for v in self.values], dtype=np.float64)
            self.whole = all(v.denominator == 1 for v in self.values)
            self.ipoints = (
                np.array([v.numerator for v in self.values], dtype=np.int64) if self.whole else None
            )
        self.ones = np.ones(len(self.values), dtype=np.float64)
        self.iones = np.ones(len(self.values), dtype=np.int64)
        self.start_list: list[int] = self.start.tolist()
        self.stop_list: list[int] = self.stop.tolist()
        # Every profile project has at least one entry, so no segment below is empty.
        self.votes = np.zeros(0, dtype=np.int64)
        self.point_totals: list[int | Fraction] = []
        if self.values:
            weight_by_entry = self.iweight[self.ballot]
            self.votes = np.add.reduceat(weight_by_entry, self.start)
            if self.ipoints is not None:
                self.point_totals = np.add.reduceat(
                    self.ipoints * weight_by_entry, self.start
                ).tolist()
            else:
                self.point_totals = [
                    sum(
                        (
                            self.values[e] * self.weight_int[g]
                            for e, g in zip(range(a, b), self.ballot[a:b].tolist(), strict=True)
                        ),
                        Fraction(0),
                    )
                    for a, b in zip(self.start.tolist(), self.stop.tolist(), strict=True)
                ]
        self.votes_list: list[int] = self.votes.tolist()


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------
@dataclass
class Explanation:
    """Why a project was or was not funded.

    ``code`` is one of the module's code constants; ``round`` is the position (greedy) or MES
    round in which it was funded or turned down; ``numbers`` holds what the sentence needs, each
    an int or float: always ``cost`` and ``votes``; greedy: ``remaining_budget`` when it did not
    fit; MES: ``price_per_supporter`` (the most one supporter paid) and ``supporters`` when funded,
    ``supporters_money`` (what its supporters had left at the end) when their shares ran out,
    ``per_voter_budget`` (the share each voter started with); caps: ``cap`` and ``group``.
    """

    project: str
    funded: bool
    code: str
    round: int | None = None
    numbers: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "funded": self.funded,
            "code": self.code,
            "round": self.round,
            "numbers": dict(self.numbers),
        }


@dataclass
class Outcome:
    """``selected``: funded ids in the order they were funded. ``explanations``: one per project,
    in the order of the input, built when first read (a tally that only needs the funded set,
    like ``linli pb tally``, never pays for them). ``per_voter_budget``: for MES, the share each
    voter had in the run that was kept (after Add1U: ``budget / n + k``)."""

    rule: str
    selected: list[str]
    budget: Fraction
    spent: Fraction
    per_voter_budget: Fraction | None = None
    explain: Callable[[], dict[str, Explanation]] | None = field(
        default=None, repr=False, compare=False
    )

    @functools.cached_property
    def explanations(self) -> dict[str, Explanation]:
        return self.explain() if self.explain is not None else {}

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "selected": list(self.selected),
            "budget": _plain(self.budget),
            "spent": _plain(self.spent),
            "per_voter_budget": None
            if self.per_voter_budget is None
            else _plain(self.per_voter_budget),
            "explanations": [e.as_dict() for e in self.explanations.values()],
        }


def _plain(value: Fraction | float | int) -> int | float:
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    if isinstance(value, int):
        return value
    return float(value)


# ---------------------------------------------------------------------------------------------
# Shared preparation
# ---------------------------------------------------------------------------------------------
UTILITIES = ("cost", "cardinality", "points")


class _Election:
    """One election under one utility, its projects indexed in the rule's order.

    Cheap to build (a rule on a small file is mostly this): each project is only mapped to its
    entries in the profile's arrays. What the NumPy engine and the exact fallback read (lists of
    supporters, utilities as Fractions, ballots by project) is built when first asked for."""

    def __init__(
        self,
        projects: Sequence[Project],
        budget: Number,
        profile: Profile,
        utility: str,
        limits: Limits | None,
    ) -> None:
        if utility not in UTILITIES:
            raise ValueError(f"unknown utility {utility!r}")
        self.projects = list(projects)
        self.index = {p.id: i for i, p in enumerate(self.projects)}
        if len(self.index) != len(self.projects):
            raise ValueError("duplicate project id")
        self.budget = Fraction(budget)
        self.limits = limits or Limits()
        self.utility = utility
        self.n = profile.voters
        arrays = self.arrays = profile.arrays
        for pid in arrays.ids:
            if pid not in self.index:
                raise ValueError(f"a ballot names unknown project {pid!r}")
        self.weight = arrays.weight
        self.weight_int = arrays.weight_int
        # Each project's place in the profile (-1: nobody named it) and its entries there.
        # Plain lists: on a small election NumPy's per-call cost would dominate.
        get = arrays.index.get
        at = [get(p.id, -1) for p in self.projects]
        if -1 in at:
            starts = [arrays.start_list[q] if q >= 0 else 0 for q in at]
            stops = [arrays.stop_list[q] if q >= 0 else 0 for q in at]
            self.votes: list[int] = [arrays.votes_list[q] if q >= 0 else 0 for q in at]
        else:
            starts = [arrays.start_list[q] for q in at]
            stops = [arrays.stop_list[q] for q in at]
            self.votes = [arrays.votes_list[q] for q in at]
        self.at = at
        self.start = np.array(starts, dtype=np.int64)
        self.stop = np.array(stops, dtype=np.int64)
        self.cost = [p.cost for p in self.projects]
        self.cost_f = np.array([p.cost_float for p in self.projects])
        # Whole costs and budget (the usual case) are compared as ints, much faster than
        # Fractions; the rest of the module keeps Fractions.
        whole_costs = [p.cost_whole for p in self.projects]
        whole = self.budget.denominator == 1 and None not in whole_costs
        self.cost_fast: list[int] | list[Fraction] = (
            cast(list[int], whole_costs) if whole else self.cost
        )
        self.budget_fast: int | Fraction = self.budget.numerator if whole else self.budget
        if utility == "points":
            totals = arrays.point_totals
            self.total_fast: list[int | Fraction] = [totals[q] if q >= 0 else 0 for q in self.at]
        elif utility == "cost":
            costs: list[Any] = self.cost_fast  # ints or Fractions: both multiply by an int
            self.total_fast = [c * v for c, v in zip(costs, self.votes, strict=True)]
        else:
            self.total_fast = list(self.votes)
        self.total_util_f = [float(t) for t in self.total_fast]
        self._sup_sets: list[set[int] | None] = [None] * len(self.projects)

    @property
    def ballots(self) -> list[tuple[tuple[tuple[str, Fraction], ...], int]]:
        return self.arrays.items

    @functools.cached_property
    def total_util(self) -> list[Fraction]:
        """Each project's total utility (weight times utility, summed over its supporters)."""
        return [Fraction(t) for t in self.total_fast]

    @functools.cached_property
    def sup(self) -> list[np.ndarray]:
        """Each project's supporters (distinct-ballot indices, ascending)."""
        ballot = self.arrays.ballot
        return [ballot[a:b] for a, b in zip(self.start.tolist(), self.stop.tolist(), strict=True)]

    @functools.cached_property
    def sup_weight(self) -> list[np.ndarray]:
        return [self.weight[s] for s in self.sup]

    @functools.cached_property
    def util(self) -> list[np.ndarray]:
        """Each supporter's utility, as floats, in the order of :attr:`sup`."""
        if self.utility == "points":
            points = self.arrays.points
            return [
                points[a:b] for a, b in zip(self.start.tolist(), self.stop.tolist(), strict=True)
            ]
        unit = self.cost_f if self.utility == "cost" else np.ones(len(self.projects))
        return [np.full(len(s), u) for s, u in zip(self.sup, unit.tolist(), strict=True)]

    @functools.cached_property
    def ballot_projects(self) -> list[list[int]]:
        """The projects on each distinct ballot, by this election's index."""
        mine = [self.index[pid] for pid in self.arrays.ids]
        return [[mine[q] for q in ballot] for ballot in self.arrays.ballot_projects]

    @functools.cached_property
    def util_exact(self) -> list[list[Fraction]]:
        """Each project's supporters' utilities as Fractions."""
        if self.utility == "points":
            values = self.arrays.values
            return [
                values[a:b] for a, b in zip(self.start.tolist(), self.stop.tolist(), strict=True)
            ]
        return [
            [c if self.utility == "cost" else Fraction(1)] * len(s)
            for c, s in zip(self.cost, self.sup, strict=True)
        ]

    def supports(self, j: int, g: int) -> bool:
        members = self._sup_sets[j]
        if members is None:
            members = self._sup_sets[j] = set(self.sup[j].tolist())
        return g in members

    def eligible(self, explanations: dict[str, Explanation] | None = None) -> list[int]:
        """Indices of the projects within the cap per project (others get their explanation
        in ``explanations``, when given)."""
        cap = self.limits.per_project
        if cap is None:
            return list(range(len(self.projects)))
        result = []
        for j, p in enumerate(self.projects):
            if p.cost <= cap:
                result.append(j)
            elif explanations is not None:
                explanations[p.id] = self._explain(j, False, OVER_PROJECT_CAP, cap=cap)
        return result

    def fits_groups(self, j: int, spent_by_group: Mapping[str, Fraction]) -> str | None:
        """The first group whose cap project ``j`` would break, or None."""
        for group in self.projects[j].groups:
            cap = self.limits.per_group.get(group)
            if cap is not None and spent_by_group.get(group, 0) + self.cost[j] > cap:
                return group
        return None

    def _explain(
        self, j: int, funded: bool, code: str, round: int | None = None, **numbers: Any
    ) -> Explanation:
        base: dict[str, Any] = {"cost": _plain(self.cost[j]), "votes": self.votes[j]}
        base.update({k: _plain(v) if isinstance(v, Fraction) else v for k, v in numbers.items()})
        return Explanation(self.projects[j].id, funded, code, round, base)


def _order_key(election: _Election, j: int) -> tuple[Fraction, str]:
    """Greedy order: higher total utility per cost first, then the id as a string."""
    cost, total = election.cost[j], election.total_util[j]
    if total > 0:
        if cost == 0:  # free and wanted: "infinite" density, first
            return (Fraction(-(10**30)), election.projects[j].id)
        return (-total / cost, election.projects[j].id)
    return (Fraction(0), election.projects[j].id)


def _greedy_order(election: _Election, candidates: Iterable[int]) -> list[int]:
    """``candidates`` in greedy order (:func:`_order_key`). Sorted by float densities, which is
    exact unless two neighbours are closer than ``_REL`` (equal votes are common): then by the
    exact key."""
    ids = [p.id for p in election.projects]
    total, cost = election.total_util_f, election.cost_f
    density = {
        j: (math.inf if cost[j] == 0 else total[j] / cost[j]) if total[j] > 0 else 0.0
        for j in candidates
    }
    order = sorted(density, key=lambda j: (-density[j], ids[j]))
    total_x, cost_x = election.total_fast, election.cost_fast
    for a, b in itertools.pairwise(order):
        if density[a] == density[b]:
            # Equal floats: an exact tie (then the id decides, as sorted) unless the exact
            # densities differ after all.
            if total_x[a] * cost_x[b] != total_x[b] * cost_x[a] and density[a] != math.inf:
                return sorted(order, key=lambda j: _order_key(election, j))
        elif density[a] - density[b] <= _REL * density[a]:
            return sorted(order, key=lambda j: _order_key(election, j))
    return order


def _greedy_chosen(election: _Election, chosen: list[int], candidates: Iterable[int]) -> None:
    """:func:`_greedy_fill` without the explanations (the same decisions, in place)."""
    if election.limits.per_group:
        _greedy_fill(election, chosen, {}, candidates, FUNDED)
        return
    cost = election.cost_fast
    left = election.budget_fast - sum(cost[j] for j in chosen)
    taken = set(chosen)
    for j in _greedy_order(election, (j for j in candidates if j not in taken)):
        if cost[j] <= left:
            chosen.append(j)
            left -= cost[j]


def _greedy_fill(
    election: _Election,
    chosen: list[int],
    explanations: dict[str, Explanation],
    candidates: Iterable[int],
    code: str,
) -> None:
    """Fund ``candidates`` in greedy order while they fit, after ``chosen`` (in place)."""
    spent = sum((election.cost[j] for j in chosen), Fraction(0))
    by_group: dict[str, Fraction] = {}
    for j in chosen:
        for group in election.projects[j].groups:
            by_group[group] = by_group.get(group, Fraction(0)) + election.cost[j]
    taken = set(chosen)
    order = _greedy_order(election, (j for j in candidates if j not in taken))
    position = len(chosen)
    for j in order:
        remaining = election.budget - spent
        if election.cost[j] > remaining:
            if election.projects[j].id not in explanations or code == FUNDED:
                explanations[election.projects[j].id] = election._explain(
                    j,
                    False,
                    NO_SUPPORT if election.votes[j] == 0 else DID_NOT_FIT,
                    remaining_budget=remaining,
                )
            continue
        broken = election.fits_groups(j, by_group)
        if broken is not None:
            explanations[election.projects[j].id] = election._explain(
                j, False, OVER_GROUP_CAP, group=broken, cap=election.limits.per_group[broken]
            )
            continue
        position += 1
        chosen.append(j)
        spent += election.cost[j]
        for g in election.projects[j].groups:
            by_group[g] = by_group.get(g, Fraction(0)) + election.cost[j]
        explanations[election.projects[j].id] = election._explain(
            j, True, code, round=position, remaining_budget=election.budget - spent
        )


def _finish(
    election: _Election,
    rule: str,
    chosen: list[int],
    explain: Callable[[], dict[str, Explanation]],
    per_voter: Fraction | None = None,
) -> Outcome:
    def explanations() -> dict[str, Explanation]:
        found = explain()
        return {p.id: found[p.id] for p in election.projects}

    return Outcome(
        rule=rule,
        selected=[election.projects[j].id for j in chosen],
        budget=election.budget,
        spent=Fraction(sum(election.cost_fast[j] for j in chosen)),
        per_voter_budget=per_voter,
        explain=explanations,
    )


# ---------------------------------------------------------------------------------------------
# Greedy
# ---------------------------------------------------------------------------------------------
def greedy(
    projects: Sequence[Project],
    budget: Number,
    profile: Profile,
    *,
    utility: str = "cost",
    limits: Limits | None = None,
) -> Outcome:
    """Greedy by total utility per cost (pabutools' ``greedy_utilitarian_welfare``).

    ``utility="cost"``: most votes first; ``"cardinality"``: most votes per cost;
    ``"points"``: most points per cost.
    """
    election = _Election(projects, budget, profile, utility, limits)
    chosen: list[int] = []
    _greedy_chosen(election, chosen, election.eligible())

    def explain() -> dict[str, Explanation]:
        explanations: dict[str, Explanation] = {}
        replay: list[int] = []
        _greedy_fill(election, replay, explanations, election.eligible(explanations), FUNDED)
        assert replay == chosen
        return explanations

    return _finish(election, f"greedy_{utility}", chosen, explain)


def greedy_by_votes(projects: Sequence[Project], budget: Number, profile: Profile) -> Outcome:
    return greedy(projects, budget, profile, utility="cost")


def greedy_by_votes_per_cost(
    projects: Sequence[Project], budget: Number, profile: Profile
) -> Outcome:
    return greedy(projects, budget, profile, utility="cardinality")


# ---------------------------------------------------------------------------------------------
# Method of Equal Shares
# ---------------------------------------------------------------------------------------------
class _Run:
    """One run of MES at a per-voter budget.

    ``chosen``: funded, in order; ``prices``: rho of each funded round; ``events``: (project,
    rho, passed over for a group cap) for every round; ``payers``: (top payment, supporters) of
    each funded project; ``leftover``/``round_out``: for projects that became unaffordable, their
    supporters' money at the end and the round it happened in. A compiled run fills
    ``chosen``/``prices`` and keeps the rest as arrays until asked (Add1U makes hundreds of runs
    and reads only the funded sets)."""

    def __init__(self, per_voter: Fraction, raw: tuple[Any, ...] | None = None) -> None:
        self.per_voter = per_voter
        self.chosen: list[int] = []
        self.prices: list[float] = []
        self.group_skipped: dict[int, str] = {}
        self._raw = raw  # (tops, leftover, round_out, votes) from the compiled kernel
        self._events: list[tuple[int, float, bool]] | None = None if raw is not None else []
        self._payers: list[tuple[float, int]] | None = None if raw is not None else []
        self._leftover: dict[int, float] | None = None if raw is not None else {}
        self._round_out: dict[int, int] | None = None if raw is not None else {}

    @property
    def events(self) -> list[tuple[int, float, bool]]:
        if self._events is None:
            self._events = [
                (j, rho, False) for j, rho in zip(self.chosen, self.prices, strict=True)
            ]
        return self._events

    @property
    def payers(self) -> list[tuple[float, int]]:
        if self._payers is None:
            tops, _, _, votes = self._raw  # type: ignore[misc]
            self._payers = [(t, votes[j]) for j, t in zip(self.chosen, tops.tolist(), strict=True)]
        return self._payers

    @property
    def leftover(self) -> dict[int, float]:
        return self._unaffordable()[0]

    @property
    def round_out(self) -> dict[int, int]:
        return self._unaffordable()[1]

    def _unaffordable(self) -> tuple[dict[int, float], dict[int, int]]:
        """``leftover`` and ``round_out``, built from the kernel's arrays when first asked."""
        if self._leftover is None or self._round_out is None:
            _, leftover, round_out, _ = self._raw  # type: ignore[misc]
            out = np.flatnonzero(round_out).tolist()
            self._leftover = {j: float(leftover[j]) for j in out}
            self._round_out = {j: int(round_out[j]) for j in out}
        return self._leftover, self._round_out


class _Exact:
    """Exact (Fraction) values of one run, computed only on demand, when two floats are too close
    to call. A voter's money before round ``t`` depends only on the prices of the rounds she paid
    in, and a round's price only on the money of the voters who paid all they had, so only those
    few histories are replayed exactly (memoised)."""

    def __init__(self, election: _Election, per_voter: Fraction) -> None:
        self.e = election
        self.per_voter = per_voter
        self.rounds: list[tuple[int, np.ndarray, bool]] = []  # (project, capped, unclear)
        self._rho: dict[int, Fraction] = {}
        self._money: dict[tuple[int, int], Fraction] = {}
        self._round_of: dict[int, int] = {}
        self._capped: list[set[int]] = []

    def utility(self, j: int, g: int) -> Fraction:
        e = self.e
        if e.utility == "cost":
            return e.cost[j]
        if e.utility == "cardinality":
            return Fraction(1)
        position = int(np.searchsorted(e.sup[j], g))
        return e.util_exact[j][position]

    def money(self, g: int, t: int) -> Fraction:
        """Exact money of group ``g`` before round ``t`` (0-based)."""
        key = (g, t)
        if key not in self._money:
            if len(self._round_of) != len(self.rounds):
                self._round_of = {j: r for r, (j, _, _) in enumerate(self.rounds)}
            paid_in = sorted(
                (self._round_of[j], j)
                for j in self.e.ballot_projects[g]
                if self._round_of.get(j, t) < t
            )
            value = self.per_voter
            if any(g in self.capped_in(r) for r, _ in paid_in):
                value = Fraction(0)  # surely paid all she had in some round: nothing left
            else:
                for r, j in paid_in:
                    value -= min(value, self.round_rho(r) * self.utility(j, g))
            self._money[key] = value
        return self._money[key]

    def capped_in(self, t: int) -> set[int]:
        """Groups that surely paid all their money in round ``t``."""
        while len(self._capped) <= t:
            self._capped.append(set(self.rounds[len(self._capped)][1].tolist()))
        return self._capped[t]

    def round_rho(self, t: int) -> Fraction:
        if t not in self._rho:
            j, capped, unclear = self.rounds[t]
            self._rho[t] = self.rho(j, t, capped, unclear)  # type: ignore[assignment]
        return self._rho[t]

    def rho(self, j: int, t: int, capped: np.ndarray, unclear: bool) -> Fraction | None:
        """Exact price of project ``j`` before round ``t`` (None: its supporters cannot pay)."""
        e = self.e
        if not unclear:
            paid = sum((e.weight_int[g] * self.money(g, t) for g in capped.tolist()), Fraction(0))
            util = e.total_util[j] - sum(
                (e.weight_int[g] * self.utility(j, g) for g in capped.tolist()), Fraction(0)
            )
            return (e.cost[j] - paid) / util
        rows = [
            (self.money(g, t), u, e.weight_int[g])
            for g, u in zip(e.sup[j].tolist(), e.util_exact[j], strict=True)
        ]
        if sum(m * w for m, _, w in rows) < e.cost[j]:
            return None
        rows.sort(key=lambda row: row[0] / row[1])
        paid = Fraction(0)
        util = e.total_util[j]
        for m, u, w in rows:
            rho = (e.cost[j] - paid) / util
            if rho * u <= m:
                return rho
            paid += m * w
            util -= u * w
        return None  # pragma: no cover - affordable projects always return above

    def affordable(self, j: int, t: int) -> bool:
        e = self.e
        money = sum((e.weight_int[g] * self.money(g, t) for g in e.sup[j].tolist()), Fraction(0))
        return money >= e.cost[j]


def shared_supporters(
    voters: np.ndarray, projects: np.ndarray, n_voters: int, n_projects: int, cells: int = 1_000_000
) -> np.ndarray:
    """``shared[p, q]``: some voter supports both p and q, given each (voter, project) support as
    ``voters[i], projects[i]``. The product of the voter-by-project matrix with itself, taken a
    block of voters at a time so that no block has more than ``cells`` entries: a city file's
    hundred thousand ballots never become one dense matrix (this replaced a SciPy sparse product).
    """
    shared = np.zeros((n_projects, n_projects), dtype=bool)
    order = np.argsort(voters, kind="stable")
    voters, projects = voters[order], projects[order]
    block = max(1, cells // max(1, n_projects))
    for first in range(0, n_voters, block):
        lo, hi = np.searchsorted(voters, [first, first + block])
        if lo == hi:
            continue
        dense = np.zeros((min(block, n_voters - first), n_projects), dtype=np.float32)
        dense[voters[lo:hi] - first, projects[lo:hi]] = 1.0
        shared |= (dense.T @ dense) > 0
    return shared


@functools.cache
def _compiled() -> Any:
    """The compiled MES loops (:mod:`.mes_kernel`), imported on first use: importing Numba takes
    a third of a second, which a page that never runs MES should not pay. None where Numba is
    not available: the NumPy engine then does all the work, only slower."""
    try:
        from . import mes_kernel
    except ImportError:  # pragma: no cover - Numba is a pinned dependency
        return None
    return mes_kernel


def load_compiled() -> bool:
    """Load the compiled MES loops now rather than in the first count: importing Numba takes a
    third of a second, then each loop loads from its on-disk cache (or, the first time after an
    install, compiles, a few seconds). Whether they are available."""
    if _compiled() is None:  # pragma: no cover - Numba is a pinned dependency
        return False
    election = _Election(
        [Project("a", 2), Project("b", 2)],
        4,
        Profile.from_approvals([["a"], ["a", "b"]]),
        "cost",
        None,
    )
    engine = _EqualShares(election, [0, 1])
    run = engine.run(Fraction(2))
    engine.certify(run, Fraction(3))
    return True


class _EqualShares:
    """The MES engine for one election; :meth:`run` computes the outcome at a per-voter budget."""

    def __init__(self, election: _Election, candidates: list[int]) -> None:
        self.e = election
        # pabutools: projects of cost 0 with support are funded outright; without support never.
        cost, votes = election.cost_fast, election.votes
        self.free = [j for j in candidates if cost[j] == 0 and votes[j] > 0]
        self.active = [j for j in candidates if cost[j] > 0 and votes[j] > 0]
        self._shared: np.ndarray | None = None
        self._kernel: tuple[Any, ...] | None = None  # () once found unusable
        # Lower bound on rho that holds at every budget: c / (sum of utilities).
        total = election.total_util_f
        self.rho0 = {
            j: float(election.cost_f[j]) / total[j] if total[j] else math.inf for j in self.active
        }

    @functools.cached_property
    def rho0_exact(self) -> dict[int, Fraction]:
        e = self.e
        return {j: e.cost[j] / e.total_util[j] for j in self.active}

    @functools.cached_property
    def rho0_class(self) -> np.ndarray:
        """Projects whose plain prices are exactly equal share a class (the compiled
        certificate compares classes instead of Fractions)."""
        classes = np.full(len(self.e.projects), -1, dtype=np.int64)
        ranked = sorted(self.rho0_exact.items(), key=lambda item: item[1])
        for number, (_, group) in enumerate(itertools.groupby(ranked, lambda item: item[1])):
            for j, _ in group:
                classes[j] = number
        return classes

    # -- the float engine ----------------------------------------------------------------------
    def _rho(self, j: int, r: np.ndarray) -> tuple[float, float, float, np.ndarray, bool]:
        """For an affordable project: (rho, weight of the capped supporters, utility of the
        uncapped, the capped groups, whether some supporter is too close to call).

        rho is the price per unit of utility at which its supporters, each paying
        ``min(money, rho * utility)``, pay exactly its cost; "capped" supporters pay all they
        have. The capped weight is counted generously (it only feeds the jump bound)."""
        e = self.e
        s, u, w = e.sup[j], e.util[j], e.sup_weight[j]
        budgets = r[s]
        ratio = budgets / u
        total = e.total_util_f[j]
        rho = float(e.cost_f[j] / total)
        low = float(ratio.min())
        if low >= rho * (1 + _REL):  # nobody is short of money: the common case, no sort
            return rho, 0.0, total, s[:0], False
        # Newton's method on f(rho) = sum w * min(money, rho * u), concave and increasing: from
        # the left (no one short of money) each step keeps rho at or below the root and adds
        # the newly short supporters, so it ends, exactly at a kink, in a few steps.
        weighted_money = budgets * w
        weighted_util = u * w
        short = budgets < rho * u
        for _ in range(len(s) + 1):
            paid = float(weighted_money[short].sum())
            util = total - float(weighted_util[short].sum())
            if util <= 0:  # every supporter pays all she has (only at the affordability edge)
                rho = float(ratio.max())
                break
            rho = (e.cost_f[j] - paid) / util
            now = budgets < rho * u
            if (now == short).all():
                break
            short = now
        near = budgets < rho * u * (1 + _REL)
        sure = budgets < rho * u * (1 - _REL)
        capped = float(w[near].sum())
        uncapped_util = float(weighted_util[~near].sum())
        return rho, capped, uncapped_util, s[sure], bool((near & ~sure).any())

    def run_numpy(self, per_voter: Fraction) -> _Run:
        """MES with every voter starting with ``per_voter`` money (NumPy, exact where close)."""
        e = self.e
        r = np.full(len(e.ballots), float(per_voter))
        exact = _Exact(e, per_voter)
        lower = dict(self.rho0)  # lower bound on each project's rho, valid for later rounds too
        remaining = set(self.active)
        result = _Run(per_voter)
        by_group: dict[str, Fraction] = {}
        for j in self.free:
            for g in e.projects[j].groups:
                by_group[g] = by_group.get(g, Fraction(0)) + e.cost[j]
        # Projects by their lower bound; a bound only grows, so stale heap entries are skipped.
        heap = [(lower[j], j) for j in remaining]
        heapq.heapify(heap)
        while remaining:
            t = len(result.chosen)
            best = math.inf
            info: dict[int, tuple[float, float, float, np.ndarray, bool]] = {}
            while heap and heap[0][0] <= best * (1 + _REL):
                bound, j = heapq.heappop(heap)
                if j not in remaining or bound != lower[j]:
                    continue
                money = float(np.dot(r[e.sup[j]], e.sup_weight[j]))
                short = e.cost_f[j] - money
                if abs(short) <= _REL * e.cost_f[j]:  # too close to call: decide exactly
                    affordable = exact.affordable(j, t)
                else:
                    affordable = short <= 0
                if not affordable:
                    remaining.discard(j)
                    result.leftover[j] = money
                    result.round_out[j] = t + 1
                    continue
                info[j] = self._rho(j, r)
                lower[j] = info[j][0]
                best = min(best, lower[j])
            if not info:
                break
            tied = [j for j, v in info.items() if v[0] <= best * (1 + _REL)]
            if len(tied) > 1:
                prices_exact = {j: exact.rho(j, t, info[j][3], info[j][4]) for j in tied}
                low = min(v for v in prices_exact.values() if v is not None)
                winner = min(
                    (j for j, v in prices_exact.items() if v == low),
                    key=lambda j: e.projects[j].id,
                )
            else:
                winner = tied[0]
            rho, _, _, capped_groups, unclear = info[winner]
            remaining.discard(winner)
            for j in info:
                if j != winner:
                    heapq.heappush(heap, (lower[j], j))
            group = e.fits_groups(winner, by_group)
            result.events.append((winner, rho, group is not None))
            if group is not None:
                result.group_skipped[winner] = group
                continue
            # Pay: everyone pays rho * utility, or all she has left.
            s, u = e.sup[winner], e.util[winner]
            pay = np.minimum(r[s], rho * u)
            r[s] = r[s] - pay
            r[s[r[s] <= 1e-12 * float(per_voter)]] = 0.0
            exact.rounds.append((winner, capped_groups, unclear))
            result.chosen.append(winner)
            result.prices.append(rho)
            result.payers.append((float(pay.max()), e.votes[winner]))
            for g in e.projects[winner].groups:
                by_group[g] = by_group.get(g, Fraction(0)) + e.cost[winner]
        return result

    # -- the compiled engine -------------------------------------------------------------------
    def _kernel_arrays(self) -> tuple[Any, ...] | None:
        """The arrays :func:`mes_kernel.run` reads, or None when it cannot serve this election:
        group caps (checked against Fractions as projects are funded), costs or points that are
        not whole numbers, or numbers so large that the exact tie comparison could overflow."""
        if self._kernel is not None:
            return self._kernel or None
        if _compiled() is None:
            self._kernel = ()
            return None
        e = self.e
        a = e.arrays
        self._kernel = ()
        limit = 2**31
        if e.limits.per_group or e.cost_fast is e.cost or max(e.cost_fast, default=0) >= limit:
            return None
        if e.utility == "points":
            if a.ipoints is None or max(e.total_fast, default=0) >= limit:
                return None
            pts, ipts = a.points, a.ipoints
            scale = np.ones(len(e.projects))
        else:
            if e.n >= limit:
                return None
            pts, ipts = a.ones, a.iones
            scale = e.cost_f if e.utility == "cost" else np.ones(len(e.projects))
        unit_num = np.array([1 if e.utility == "cost" else c for c in e.cost_fast], dtype=np.int64)
        ids = [p.id for p in e.projects]
        id_rank = np.empty(len(ids), dtype=np.int64)
        id_rank[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(ids))
        active = np.zeros(len(e.projects), dtype=np.bool_)
        active[self.active] = True
        total = np.array(e.total_util_f)
        self._kernel = (
            e.start, e.stop, a.ballot, pts, ipts, scale, a.weight, a.iweight, e.cost_f, total,
            unit_num, id_rank, active, _REL,
        )  # fmt: skip
        return self._kernel

    def run_compiled(self, per_voter: Fraction) -> _Run | None:
        """:meth:`run_numpy` by the compiled kernel, or None when the kernel cannot decide (a
        comparison too close to call, or an election it does not serve)."""
        arrays = self._kernel_arrays()
        if arrays is None:
            return None
        status, chosen, prices, tops, leftover, round_out = _compiled().run(
            float(per_voter), arrays
        )
        if status != _compiled().OK:
            return None
        result = _Run(per_voter, (tops, leftover, round_out, self.e.votes))
        result.chosen = chosen.tolist()
        result.prices = prices.tolist()
        return result

    def _judging(self, pool: list[int]) -> tuple[Any, ...] | None:
        """What the compiled Add1U verdict reads (see :func:`mes_kernel.walk`): the budget, the
        cost of the free projects, the pool that must be exhausted and the free projects as
        masks, the whole costs; None where the kernel does not serve the election or the
        budget is too large for its integers."""
        e = self.e
        if (
            self._kernel_arrays() is None
            or not isinstance(e.budget_fast, int)
            or e.budget_fast >= 2**62
        ):
            return None
        projects = len(e.projects)
        pool_mask = np.zeros(projects, dtype=np.bool_)
        pool_mask[pool] = True
        free_mask = np.zeros(projects, dtype=np.bool_)
        free_mask[self.free] = True
        free_cost = int(sum(e.cost_fast[j] for j in self.free))
        icost = np.array(e.cost_fast, dtype=np.int64)
        return (e.budget_fast, free_cost, pool_mask, free_mask, icost)

    def search(self, base: int, unit: int, over: int, pool: list[int]) -> int | None:
        """Add1U's stopping ``k`` for shares ``(base + k * unit) / over``, searched entirely in
        compiled code (:func:`mes_kernel.search`), or None when the kernel does not serve this
        election, a run needs the exact engine, or the numbers are too large for exact floats."""
        exact = 2**53
        judging = self._judging(pool)
        if judging is None or max(base, unit, over) >= exact or unit <= 0:
            return None
        last_k = (exact - 1 - base) // unit  # past it, base + k * unit is no exact float
        k, found = _compiled().search(
            base, unit, over, last_k, _BATCH, _BATCH_MAX, judging, self.shared,
            self.rho0_class, self._kernel_arrays(),
        )  # fmt: skip
        return int(k) if found else None

    def walk(
        self, shares: np.ndarray, previous: _Run, pool: list[int]
    ) -> tuple[int, str, int, list[int], list[float]] | None:
        """Add1U's runs at ``shares`` (floats, in order) with their verdicts in one compiled
        call (see :func:`mes_kernel.walk`): ``(index, verdict, changes, chosen, prices)``, the
        verdict one of "overspent", "exhaustive", "gave up" (that share needs the NumPy engine;
        ``chosen``/``prices`` are the run before it) or "continue". None when the kernel does
        not serve this election."""
        judging = self._judging(pool)
        if judging is None:
            return None
        kernel = _compiled()
        at, code, changes, chosen, prices = kernel.walk(
            shares, np.array(previous.chosen, dtype=np.int64), judging, self._kernel_arrays()
        )
        verdict = {
            kernel.GO_ON: "continue",
            kernel.OVERSPENT: "overspent",
            kernel.EXHAUSTIVE: "exhaustive",
            kernel.GAVE_UP: "gave up",
        }[code]
        return int(at), verdict, int(changes), chosen.tolist(), prices.tolist()

    def run(self, per_voter: Fraction) -> _Run:
        """MES with every voter starting with ``per_voter`` money: compiled where it can
        decide, else the NumPy engine with its exact fallback."""
        return self.run_compiled(per_voter) or self.run_numpy(per_voter)

    @property
    def shared(self) -> np.ndarray:
        """``shared[p, q]``: projects p and q have a supporter in common (their order matters)."""
        if self._shared is None:
            e = self.e
            counts = (e.stop - e.start).tolist()
            rows = np.concatenate(e.sup) if e.sup else np.zeros(0, dtype=np.int64)
            cols = np.repeat(np.arange(len(e.projects)), counts)
            self._shared = shared_supporters(rows, cols, len(e.ballots), len(e.projects))
        return self._shared

    def same_trace(self, a: _Run, b: _Run) -> bool:
        """Same funded set, and every two funded projects with a supporter in common funded in
        the same order: the runs differ only by swapping independent projects, which leaves
        every voter's money, hence everything else, the same."""
        first, second = [x[0] for x in a.events], [x[0] for x in b.events]
        if sorted(first) != sorted(second) or self.e.limits.per_group:
            return first == second
        order = np.array(first, dtype=np.int64)
        where = {j: t for t, j in enumerate(second)}
        later = np.array([where[j] for j in first], dtype=np.int64)
        shared = self.shared[np.ix_(order, order)]
        swapped = (later[:, None] > later[None, :]) & np.triu(np.ones_like(shared), 1)
        return not bool((shared & swapped).any())

    def certify(self, run: _Run, higher: Fraction) -> _Run | None:
        """The run at ``higher`` when MES makes the same decisions as ``run`` at every per-voter
        budget between ``run.per_voter`` and ``higher`` (None: not proven): compiled where the
        kernel serves the election (see :meth:`certify_numpy` for the argument)."""
        arrays = self._kernel_arrays()
        if arrays is None:
            return self.certify_numpy(run, higher)
        proven, prices = _compiled().certify(
            float(higher),
            np.array(run.chosen, dtype=np.int64),
            np.array(run.prices),
            self.shared,
            self.rho0_class,
            arrays,
        )
        if not proven:
            return None
        result = _Run(higher, ())
        result.chosen = run.chosen
        result.prices = prices.tolist()
        return result

    def certify_numpy(self, run: _Run, higher: Fraction) -> _Run | None:
        """The run at ``higher`` when MES makes the same decisions as ``run`` at every per-voter
        budget between ``run.per_voter`` and ``higher`` (None: not proven). Only its events are
        filled in.

        Along a fixed sequence of rounds, more starting money leaves every voter at least as
        much money in every round (she pays ``max(0, money - rho * utility)`` less... formally:
        her money after a round is ``max(0, money - rho * u)``, nondecreasing in her money and
        nonincreasing in rho), and a project's price falls when its supporters have more money.
        So on the whole interval a project's price in round t is at least its price at
        ``higher`` and the funded project's price is at most its price at ``run.per_voter``;
        the supporters' money is at most what they have at ``higher``. We replay the rounds of
        ``run`` at ``higher`` and check that no other project could have been cheaper (or, for
        a tie, earlier by id) and that the projects left over stay unaffordable."""
        e = self.e
        r = np.full(len(e.ballots), float(higher))
        lower = dict(self.rho0)
        remaining = set(self.active)
        result = _Run(higher)
        heap = [(lower[j], j) for j in remaining]
        heapq.heapify(heap)
        # A project funded later in ``run`` may come earlier at some budget without changing
        # anything when it shares no supporter with the projects funded in between: its
        # supporters' money and theirs are untouched by the swap (see ``same_trace``).
        position = {j: t for t, (j, _, _) in enumerate(run.events)}
        free_from: dict[int, int] = {}  # project -> first round from which it commutes
        if not e.limits.per_group:
            shared = self.shared
            for t, (j, _, _) in enumerate(run.events):
                back = t - 1
                while back >= 0 and not shared[j, run.events[back][0]]:
                    back -= 1
                free_from[j] = back + 1
        for t, (winner, rho_low, skipped) in enumerate(run.events):
            remaining.discard(winner)
            limit = rho_low * (1 + _REL)
            seen = []
            while heap and heap[0][0] <= limit:
                bound, j = heapq.heappop(heap)
                if j not in remaining or bound != lower[j]:
                    continue
                money = float(np.dot(r[e.sup[j]], e.sup_weight[j]))
                if money < e.cost_f[j] * (1 - _REL):
                    remaining.discard(j)  # cannot pay for it at ``higher``, hence anywhere below
                    continue
                rho_j, capped, *_ = self._rho(j, r)
                lower[j] = rho_j
                seen.append(j)
                if rho_j > limit:
                    continue
                if position.get(j, -1) > t and free_from.get(j, t + 1) <= t:
                    continue  # funded later in ``run`` anyway, and commutes with what is between
                # Too close: only a tie that is exact at both ends and broken the same way.
                if not (
                    capped == 0
                    and self._uncapped(winner, run)
                    and e.cost[j] / e.total_util[j] == e.cost[winner] / e.total_util[winner]
                    and e.projects[winner].id < e.projects[j].id
                ):
                    return None
            for j in seen:
                heapq.heappush(heap, (lower[j], j))
            rho, *_ = self._rho(winner, r)
            result.events.append((winner, rho, skipped))
            if not skipped:
                paying, u = e.sup[winner], e.util[winner]
                r[paying] = np.maximum(r[paying] - rho * u, 0.0)
        for j in remaining:
            if float(np.dot(r[e.sup[j]], e.sup_weight[j])) >= e.cost_f[j] * (1 - _REL):
                return None
        return result

    def _uncapped(self, winner: int, run: _Run) -> bool:
        """Whether the funded project's price in ``run`` was its plain cost / total utility."""
        for j, rho, _ in run.events:
            if j == winner:
                return abs(rho - self.rho0[j]) <= _REL * rho
        return False


def equal_shares(
    projects: Sequence[Project],
    budget: Number,
    profile: Profile,
    *,
    utility: str = "cost",
    completion: str | None = None,
    increment: Number = 1,
    exhaustive_over: str = "supported",
    limits: Limits | None = None,
) -> Outcome:
    """The Method of Equal Shares.

    ``completion=None``: plain MES (may leave money unspent). ``completion="add1u"``: raise each
    voter's share by ``increment`` (default one currency unit) until the outcome is exhaustive or
    would overspend, then fill the rest greedily with the same utility (pabutools'
    ``voter_budget_increment`` followed by ``greedy_utilitarian_welfare``).
    ``exhaustive_over="all"`` counts projects nobody supported when testing exhaustiveness (as
    pabutools' ``exhaustion_by_budget_increase`` does); the default, "supported", is Add1U's.
    ``completion="greedy"``: plain MES, then fill greedily.
    """
    election = _Election(projects, budget, profile, utility, limits)
    candidates = election.eligible()
    engine = _EqualShares(election, candidates)
    start = election.budget / election.n if election.n else Fraction(0)
    rule = f"mes_{utility}" + (f"_{completion}" if completion else "")
    if election.n == 0:
        chosen: list[int] = []
        _greedy_chosen(election, chosen, candidates)

        def explain_empty() -> dict[str, Explanation]:
            explanations: dict[str, Explanation] = {}
            election.eligible(explanations)
            _greedy_fill(election, [], explanations, candidates, FUNDED_COMPLETION)
            return explanations

        return _finish(election, rule, chosen, explain_empty)
    if completion == "add1u":
        k = _add1u(engine, start, Fraction(increment), exhaustive_over, candidates)
        result = engine.run(start + k * Fraction(increment))
    else:
        result = engine.run(start)
    chosen = list(engine.free) + list(result.chosen)
    if completion in {"add1u", "greedy"}:
        _greedy_chosen(election, chosen, candidates)

    def explain() -> dict[str, Explanation]:
        explanations: dict[str, Explanation] = {}
        election.eligible(explanations)
        _explain_equal_shares(election, engine, result, candidates, explanations)
        if completion in {"add1u", "greedy"}:
            replay = list(engine.free) + list(result.chosen)
            _greedy_fill(election, replay, explanations, candidates, FUNDED_COMPLETION)
            assert replay == chosen
        return explanations

    return _finish(election, rule, chosen, explain, result.per_voter)


def _explain_equal_shares(
    election: _Election,
    engine: _EqualShares,
    result: _Run,
    candidates: list[int],
    explanations: dict[str, Explanation],
) -> None:
    """Why each candidate was or was not funded by the MES run ``result`` (in place)."""
    for j in engine.free:
        explanations[election.projects[j].id] = election._explain(j, True, FUNDED_FREE)
    for number, (j, rho, (top, count)) in enumerate(
        zip(result.chosen, result.prices, result.payers, strict=True), start=1
    ):
        explanations[election.projects[j].id] = election._explain(
            j,
            True,
            FUNDED_EQUAL_SHARES,
            round=number,
            price_per_supporter=top,
            supporters=count,
            rho=rho,
            per_voter_budget=result.per_voter,
        )
    for j in candidates:
        pid = election.projects[j].id
        if pid in explanations:
            continue
        if j in result.group_skipped:
            group = result.group_skipped[j]
            explanations[pid] = election._explain(
                j, False, OVER_GROUP_CAP, group=group, cap=election.limits.per_group[group]
            )
        elif election.votes[j] == 0:
            explanations[pid] = election._explain(j, False, NO_SUPPORT)
        else:
            explanations[pid] = election._explain(
                j,
                False,
                SHARES_RAN_OUT,
                round=result.round_out.get(j),
                supporters_money=result.leftover.get(j, 0.0),
                per_voter_budget=result.per_voter,
            )


def _add1u(
    engine: _EqualShares,
    start: Fraction,
    increment: Fraction,
    exhaustive_over: str,
    candidates: list[int],
) -> int:
    """Add1U without walking every step: the first ``k`` at which MES with ``start + k *
    increment`` per voter is exhaustive (return it) or overspends (return the one before).

    The verdict depends only on the funded set, so only the ``k`` where the run may change need
    a verdict. From a run at ``k`` we gallop: :meth:`_EqualShares.certify` proves that nothing
    changes up to ``k + step`` (then ``step`` doubles), and when it cannot, the step halves down
    to a plain run at ``k + 1``.
    """
    e = engine.e
    pool = engine.active if exhaustive_over == "supported" else candidates
    free_cost = sum(e.cost_fast[j] for j in engine.free)

    verdicts: dict[frozenset[int], str] = {}  # by funded set: runs repeat it hundreds of times

    def verdict(run: _Run) -> str:
        key = frozenset(run.chosen)
        if key not in verdicts:
            verdicts[key] = judge(run)
        return verdicts[key]

    def judge(run: _Run) -> str:
        taken = set(run.chosen) | set(engine.free)
        cost = e.cost_fast
        spent = free_cost + sum(cost[j] for j in run.chosen)
        if spent > e.budget_fast:
            return "overspent"
        left = e.budget_fast - spent
        # A project kept out by a group cap (a courtyard's sub-budget) can never be added, however
        # much the voters' shares grow: it does not fit, exactly like one costing more than is left.
        # Without this the search would raise the shares forever.
        by_group: dict[str, Fraction] = {}
        if e.limits.per_group:
            for j in taken:
                for group in e.projects[j].groups:
                    by_group[group] = by_group.get(group, Fraction(0)) + e.cost[j]
        if not any(
            j not in taken and cost[j] <= left and e.fits_groups(j, by_group) is None for j in pool
        ):
            return "exhaustive"
        return "continue"

    k = 0
    # ``start + k * increment`` over one denominator: one Fraction per share instead of three.
    over = start.denominator * increment.denominator
    base = start.numerator * increment.denominator
    unit = increment.numerator * start.denominator

    def share(k: int) -> Fraction:
        return Fraction(base + k * unit, over)

    if not e.limits.per_group:  # the whole search in one compiled call, where it can be
        found = engine.search(base, unit, over, pool)
        if found is not None:
            return found
    run = engine.run(start)
    step = 1
    batch = _BATCH
    while True:
        # ``run`` is the run at ``k``, and its sequence is new: give the verdict.
        outcome = verdict(run)
        if outcome == "overspent":
            return max(k - 1, 0)
        if outcome == "exhaustive":
            return k
        while True:
            if step > 1:
                following = engine.certify(run, share(k + step))
                if following is not None:
                    k += step
                    run = following
                    step *= 2
                else:
                    step //= 2
                continue
            if e.limits.per_group:  # group caps: one plain run at a time
                k += 1
                following = engine.run(share(k))
                changed = not engine.same_trace(run, following)
                run = following
                if changed:
                    break
                step = 2
                continue
            # The next ``batch`` shares one by one, each with its verdict, in order: in one
            # compiled call where the kernel serves, else (or for a share it gives up on) here.
            changes = 0  # runs that funded something else: a cheap hint for the next move
            i = 1
            while i <= batch:
                walked = engine.walk(
                    np.array([(base + (k + x) * unit) / over for x in range(i, batch + 1)]),
                    run,
                    pool,
                )
                if walked is not None:
                    at, outcome, moved, chosen, prices = walked
                    changes += moved
                    if outcome == "overspent":
                        return k + i + at - 1
                    if outcome == "exhaustive":
                        return k + i + at
                    if at > 0 or outcome == "continue":  # the last run it made
                        last = at if outcome == "continue" else at - 1
                        run = _Run(share(k + i + last), ())
                        run.chosen, run.prices = chosen, prices
                    if outcome == "continue":
                        break
                    i += at
                following = engine.run(share(k + i))
                outcome = verdict(following)
                if outcome == "overspent":
                    return k + i - 1
                if outcome == "exhaustive":
                    return k + i
                changes += run.chosen != following.chosen
                run = following
                i += 1
            k += batch
            # Few changes: the certificate may jump further; many: keep batching, larger.
            if 4 * changes <= batch:
                step = 2
            batch = min(2 * batch, _BATCH_MAX)
