"""Combining a board's scores into a ranking. Pure: no Django, plain data in and out.

The rules, as the board and the public read them on the results page:

1. **Weighted total.** Each criterion has a weight and a range (e.g. 0-10). A reviewer's score on
   a criterion is placed on its range (0 at the bottom, 1 at the top), multiplied by the weight,
   summed and divided by the sum of the weights: the total is on a 0-100 scale whatever the ranges.
   A reviewer's total for an application exists only when he scored every criterion of it.
2. **Recusal and missing reviewers.** A reviewer recused from an application (conflict of
   interest) never counts for it, even if scores were entered. An application's result is the
   **mean over the reviewers who scored it**: a missing reviewer neither adds nor subtracts.
   Fewer than ``min_reviewers`` totals marks the result as resting on too few reviewers.
3. **Normalisation.** Each reviewer's totals become z-scores over the applications he scored
   (his own mean and standard deviation), so a harsh or lenient reviewer does not decide alone.
   A reviewer who gave every application the same total, or scored only one application, shows no
   preference: his z-scores are 0 (neutral) - they count as a reviewer, but move nothing.
   The ranking follows the mean z-score; for reading, it is also shown back on the 0-100 scale
   (mean of all totals + mean z x their standard deviation).
4. **Spread.** When the reviewers' z-scores for an application have a standard deviation above
   ``spread_limit`` (default 1.0, i.e. they disagree by more than one of their own typical
   differences), the application is flagged for discussion before the board adopts the ranking.
5. **Ties** (equal mean z-score to 9 decimals) are broken, in order, by: the higher raw mean; the
   higher raw mean on the criterion with the largest weight (the first such, in rubric order);
   more reviewers; and lastly the earlier application (input order). Each rank says which rule
   decided it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Key = Hashable


class ScoringError(ValueError):
    """Scores that break the rubric (out of range, unknown criterion)."""


@dataclass(frozen=True)
class Criterion:
    key: Key
    weight: float
    low: float
    high: float

    def __post_init__(self) -> None:
        if self.weight <= 0:
            raise ScoringError(f"criterion {self.key!r}: weight must be positive")
        if self.high <= self.low:
            raise ScoringError(
                f"criterion {self.key!r}: the top of the range must be above the bottom"
            )


@dataclass
class Result:
    application: Key
    reviewers: list[Key]  # who counted, in input order of reviewers
    totals: dict[Key, float]  # reviewer -> weighted total on 0-100
    raw_mean: float | None
    criterion_means: dict[Key, float]  # criterion -> mean raw score of the reviewers who counted
    z_scores: dict[Key, float]
    mean_z: float | None
    normalised: float | None  # mean z shown on the 0-100 scale
    spread: float  # standard deviation of the reviewers' z-scores
    spread_flag: bool
    too_few: bool
    rank: int = 0
    decided_by: str = ""  # "score" or the tie-break rule that separated it from the one above


@dataclass
class Outcome:
    results: list[Result]  # in rank order
    grand_mean: float
    grand_sd: float
    neutral_reviewers: list[Key] = field(default_factory=list)  # same total everywhere / one app


TIE_RULES = ("raw_mean", "top_criterion", "reviewers", "order")


def weighted_total(criteria: Sequence[Criterion], scores: Mapping[Key, float]) -> float | None:
    """One reviewer's total for one application on 0-100, or None if a criterion is missing."""
    if any(c.key not in scores for c in criteria):
        return None
    weight = sum(c.weight for c in criteria)
    return (
        100 * sum(c.weight * (scores[c.key] - c.low) / (c.high - c.low) for c in criteria) / weight
    )


def check(criteria: Sequence[Criterion], value: float, criterion: Key) -> None:
    found = next((c for c in criteria if c.key == criterion), None)
    if found is None:
        raise ScoringError(f"unknown criterion {criterion!r}")
    if not (found.low <= value <= found.high) or math.isnan(value):
        raise ScoringError(f"score {value} outside {found.low}-{found.high} for {criterion!r}")


def z_scores(totals: Mapping[Key, float]) -> dict[Key, float]:
    """A reviewer's totals as z-scores; all 0 when he shows no preference (one value, or all equal)."""
    values = list(totals.values())
    if len(values) < 2:
        return dict.fromkeys(totals, 0.0)
    mean = statistics.fmean(values)
    sd = statistics.pstdev(values)
    if sd < 1e-12:
        return dict.fromkeys(totals, 0.0)
    return {key: (value - mean) / sd for key, value in totals.items()}


def combine(
    criteria: Sequence[Criterion],
    applications: Sequence[Key],
    scores: Mapping[tuple[Key, Key, Key], float],
    recused: Iterable[tuple[Key, Key]] = (),
    *,
    min_reviewers: int = 3,
    spread_limit: float = 1.0,
) -> Outcome:
    """Rank ``applications`` from ``scores[(reviewer, application, criterion)]``.

    ``recused`` holds (reviewer, application) pairs that must never count."""
    excluded = set(recused)
    for (_reviewer, _application, criterion), value in scores.items():
        check(criteria, value, criterion)
    # reviewer -> application -> criterion -> value, dropping recused pairs first
    by_reviewer: dict[Key, dict[Key, dict[Key, float]]] = {}
    for (reviewer, application, criterion), value in scores.items():
        if (reviewer, application) in excluded or application not in applications:
            continue
        by_reviewer.setdefault(reviewer, {}).setdefault(application, {})[criterion] = value
    totals: dict[Key, dict[Key, float]] = {}
    for reviewer, per_app in by_reviewer.items():
        for application, given in per_app.items():
            total = weighted_total(criteria, given)
            if total is not None:
                totals.setdefault(reviewer, {})[application] = total
    z = {reviewer: z_scores(own) for reviewer, own in totals.items()}
    neutral = [r for r, own in z.items() if all(v == 0.0 for v in own.values())]
    every_total = [t for own in totals.values() for t in own.values()]
    grand_mean = statistics.fmean(every_total) if every_total else 0.0
    grand_sd = statistics.pstdev(every_total) if len(every_total) > 1 else 0.0
    top = max(criteria, key=lambda c: c.weight).key if criteria else None

    results: list[Result] = []
    for application in applications:
        counted = [r for r in totals if application in totals[r]]
        app_totals = {r: totals[r][application] for r in counted}
        app_z = {r: z[r][application] for r in counted}
        raw = statistics.fmean(app_totals.values()) if counted else None
        mean_z = statistics.fmean(app_z.values()) if counted else None
        spread = statistics.pstdev(app_z.values()) if len(counted) > 1 else 0.0
        results.append(
            Result(
                application=application,
                reviewers=counted,
                totals=app_totals,
                raw_mean=raw,
                criterion_means={
                    c.key: statistics.fmean(by_reviewer[r][application][c.key] for r in counted)
                    for c in criteria
                    if counted
                },
                z_scores=app_z,
                mean_z=mean_z,
                normalised=None if mean_z is None else grand_mean + mean_z * grand_sd,
                spread=spread,
                spread_flag=spread > spread_limit,
                too_few=len(counted) < min_reviewers,
            )
        )
    order = {a: i for i, a in enumerate(applications)}

    def sort_key(r: Result) -> tuple[float, ...]:
        # None sorts last: an application nobody could score cannot be ranked above one scored.
        return (
            0 if r.mean_z is not None else 1,
            -round(r.mean_z or 0.0, 9),
            -round(r.raw_mean or 0.0, 9),
            -round(r.criterion_means.get(top, 0.0), 9),
            -len(r.reviewers),
            order[r.application],
        )

    results.sort(key=sort_key)
    for position, result in enumerate(results, start=1):
        result.rank = position
        if position == 1:
            result.decided_by = "score"
            continue
        above = sort_key(results[position - 2])
        mine = sort_key(result)
        # the first component (after scored-or-not and mean z) where the two differ
        if mine[:2] != above[:2]:
            result.decided_by = "score"
        else:
            differs = next(i for i in range(2, len(mine)) if mine[i] != above[i])
            result.decided_by = TIE_RULES[differs - 2]
    return Outcome(
        results=results, grand_mean=grand_mean, grand_sd=grand_sd, neutral_reviewers=neutral
    )


def all_in(
    reviewers: Iterable[Key],
    applications: Iterable[Key],
    criteria: Iterable[Key],
    scored: Iterable[tuple[Key, Key, Key]],
    recused: Iterable[tuple[Key, Key]] = (),
) -> bool:
    """True when every reviewer scored every criterion of every application he is not recused from."""
    have = set(scored)
    skip = set(recused)
    apps, crits = list(applications), list(criteria)
    return all(
        (r, a, c) in have for r in reviewers for a in apps if (r, a) not in skip for c in crits
    )
