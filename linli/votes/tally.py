"""Counting votes: plurality, approval, score, instant-runoff and Schulze. Pure Python and NumPy.

Ballots come in aggregated, as ``{ballot: count}``, because real elections repeat the same ballot
many times (Pierce County 2008: 298,788 ballots, far fewer distinct ones); every count below works
on distinct ballots with weights, so its cost grows with the variety of ballots, not their number.

A ranked ballot is a tuple of option ids, most preferred first; options not on it are unranked.

Tie rules (written here so anyone can check a published result):

- **Plurality, approval, score**: every option with the top total is a winner; ``winner`` is set
  only when there is exactly one. Breaking a tie for first place is a decision for people (a
  run-off or a lot drawn in public), not for the count.
- **Instant-runoff**: each round removes the one option with the fewest votes, options with 0
  votes included. When several share the fewest, the one that had fewer votes in the latest
  earlier round where they differed goes; if they never differed, the option listed *later* goes
  (the convention of the PrefLib reference results). The count stops when an option has more than
  half of the ballots still active (a ballot is exhausted when none of its options continues).
- **Schulze**: winning-votes strength of a link, widest paths; options that no other option beats
  on paths are the winners; the full order sorts by the number of options each beats on paths,
  then by option order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

Ranking = tuple[int, ...]


class BallotError(ValueError):
    """A ballot that breaks the rules of the vote. ``code`` is stable for programs and tests."""

    def __init__(self, code: str, message: str, **details: int) -> None:
        super().__init__(message)
        self.code = code
        # Numbers the voter needs to put it right (a total and a limit), for translated messages.
        self.details = details


# --- Validation ----------------------------------------------------------------------------


def check_ranking(options: Sequence[int], ranking: Sequence[int]) -> Ranking:
    known = set(options)
    if not ranking:
        raise BallotError("empty", "A ballot must rank at least one option.")
    for option in ranking:
        if option not in known:
            raise BallotError("unknown_option", f"Option {option} is not in this vote.")
    if len(set(ranking)) != len(ranking):
        raise BallotError("repeated_option", "An option may appear only once in a ranking.")
    return tuple(ranking)


def check_approval(
    options: Sequence[int], chosen: Iterable[int], max_choices: int | None
) -> frozenset[int]:
    chosen = list(chosen)
    known = set(options)
    for option in chosen:
        if option not in known:
            raise BallotError("unknown_option", f"Option {option} is not in this vote.")
    if len(set(chosen)) != len(chosen):
        raise BallotError("repeated_option", "An option may be approved only once.")
    if max_choices is not None and len(chosen) > max_choices:
        raise BallotError("too_many", f"At most {max_choices} options may be approved.")
    return frozenset(chosen)


def check_scores(
    options: Sequence[int], scores: Mapping[int, int], max_score: int
) -> dict[int, int]:
    known = set(options)
    for option, value in scores.items():
        if option not in known:
            raise BallotError("unknown_option", f"Option {option} is not in this vote.")
        if not 0 <= value <= max_score:
            raise BallotError("score_out_of_range", f"Scores go from 0 to {max_score}.")
    return dict(scores)


def check_knapsack(
    options: Sequence[int],
    chosen: Iterable[int],
    costs: Mapping[int, int | None],
    budget: int,
    max_choices: int | None = None,
) -> frozenset[int]:
    """An approval ballot whose chosen options' costs must add up to at most the budget."""
    approved = check_approval(options, chosen, max_choices)
    if any(costs.get(option) is None for option in approved):
        raise BallotError("no_cost", "An option chosen has no cost.")
    total = sum(int(costs[option] or 0) for option in approved)
    if total > budget:
        raise BallotError(
            "over_budget",
            f"The choices cost {total}; the budget is {budget}.",
            total=total,
            limit=budget,
        )
    return approved


def check_points(
    options: Sequence[int],
    points: Mapping[int, int],
    total: int,
    most_per_option: int | None = None,
) -> dict[int, int]:
    """A cumulative ballot: whole points of 0 or more, at most ``total`` in all and at most
    ``most_per_option`` on one option. Options given 0 are left out."""
    known = set(options)
    for option, value in points.items():
        if option not in known:
            raise BallotError("unknown_option", f"Option {option} is not in this vote.")
        if value < 0:
            raise BallotError("points_not_whole", "Points are whole numbers of 0 or more.")
        if most_per_option is not None and value > most_per_option:
            raise BallotError(
                "over_per_option",
                f"At most {most_per_option} points may go to one option.",
                limit=most_per_option,
            )
    given = sum(points.values())
    if given > total:
        raise BallotError(
            "over_points",
            f"{given} points were given; there are {total} to share.",
            total=given,
            limit=total,
        )
    return {option: value for option, value in points.items() if value}


# --- Simple counts -------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    counts: dict[int, float]
    ballots: int
    winners: tuple[int, ...]

    @property
    def winner(self) -> int | None:
        return self.winners[0] if len(self.winners) == 1 else None

    def share(self, option: int) -> float:
        return self.counts[option] / self.ballots if self.ballots else 0.0


def _top(options: Sequence[int], counts: Mapping[int, float]) -> tuple[int, ...]:
    if not options:
        return ()
    best = max(counts[o] for o in options)
    return tuple(o for o in options if counts[o] == best) if best > 0 else ()


def plurality(options: Sequence[int], ballots: Mapping[Ranking, int]) -> Count:
    """First choices of ranked ballots (a single-choice ballot is a ranking of one)."""
    counts: dict[int, float] = dict.fromkeys(options, 0)
    for ranking, n in ballots.items():
        if ranking and ranking[0] in counts:
            counts[ranking[0]] += n
    return Count(counts, sum(ballots.values()), _top(options, counts))


def approval(options: Sequence[int], ballots: Mapping[frozenset[int], int]) -> Count:
    counts: dict[int, float] = dict.fromkeys(options, 0)
    for chosen, n in ballots.items():
        for option in chosen:
            counts[option] += n
    return Count(counts, sum(ballots.values()), _top(options, counts))


def score(options: Sequence[int], ballots: Iterable[tuple[Mapping[int, int], int]]) -> Count:
    """Total score per option; an option a voter left blank scores 0 on that ballot."""
    counts: dict[int, float] = dict.fromkeys(options, 0)
    total = 0
    for scores, n in ballots:
        total += n
        for option, value in scores.items():
            counts[option] += value * n
    return Count(counts, total, _top(options, counts))


# --- Instant-runoff ------------------------------------------------------------------------


@dataclass(frozen=True)
class Round:
    number: int
    counts: dict[int, int]
    active: int
    exhausted: int
    eliminated: int | None = None
    elected: int | None = None


@dataclass(frozen=True)
class RunoffResult:
    rounds: list[Round]
    winner: int | None
    ballots: int


def _lowest(
    continuing: list[int],
    counts: dict[int, int],
    history: list[dict[int, int]],
    order: dict[int, int],
) -> int:
    fewest = min(counts[o] for o in continuing)
    tied = [o for o in continuing if counts[o] == fewest]
    for earlier in reversed(history):
        if len(tied) == 1:
            break
        low = min(earlier.get(o, 0) for o in tied)
        tied = [o for o in tied if earlier.get(o, 0) == low]
    return max(tied, key=lambda o: order[o])  # still tied: the option listed later goes


def instant_runoff(options: Sequence[int], ballots: Mapping[Ranking, int]) -> RunoffResult:
    order = {option: i for i, option in enumerate(options)}
    continuing = list(options)
    total = sum(ballots.values())
    rounds: list[Round] = []
    history: list[dict[int, int]] = []
    items = [(ranking, n) for ranking, n in ballots.items()]
    while continuing:
        alive = set(continuing)
        counts = dict.fromkeys(continuing, 0)
        for ranking, n in items:
            for option in ranking:
                if option in alive:
                    counts[option] += n
                    break
        active = sum(counts.values())
        number = len(rounds) + 1
        leader = max(continuing, key=lambda o: (counts[o], -order[o]))
        if counts[leader] * 2 > active or len(continuing) == 1:
            rounds.append(Round(number, counts, active, total - active, elected=leader))
            return RunoffResult(rounds, leader, total)
        loser = _lowest(continuing, counts, history, order)
        rounds.append(Round(number, counts, active, total - active, eliminated=loser))
        history.append(counts)
        continuing.remove(loser)
    return RunoffResult(rounds, None, total)


# --- Pairwise, Condorcet, Schulze ----------------------------------------------------------


def pairwise(options: Sequence[int], ballots: Mapping[Ranking, int]) -> np.ndarray:
    """``matrix[i][j]`` = ballots ranking option i above option j (ranked beats unranked)."""
    index = {option: i for i, option in enumerate(options)}
    size = len(options)
    # One row per distinct ballot: the rank of each option, ``size`` where it is unranked, so a
    # ranked option always beats an unranked one and two unranked options beat neither.
    positions = np.full((len(ballots), size), size, dtype=np.int16)
    weights = np.zeros(len(ballots), dtype=np.int64)
    for row, (ranking, n) in enumerate(ballots.items()):
        weights[row] = n
        for rank, option in enumerate(ranking):
            if option in index:
                positions[row, index[option]] = rank
    matrix = np.zeros((size, size), dtype=np.int64)
    for i in range(size):
        above = positions[:, i][:, None] < positions
        matrix[i] = weights @ above
    return matrix


def condorcet_winner(options: Sequence[int], matrix: np.ndarray) -> int | None:
    wins = (matrix > matrix.T).sum(axis=1)
    for i, option in enumerate(options):
        if wins[i] == len(options) - 1:
            return option
    return None


@dataclass(frozen=True)
class SchulzeResult:
    pairwise: np.ndarray
    strongest_paths: np.ndarray
    winners: tuple[int, ...]
    ranking: tuple[int, ...]
    condorcet: int | None = field(default=None)

    @property
    def winner(self) -> int | None:
        return self.winners[0] if len(self.winners) == 1 else None


def schulze(options: Sequence[int], ballots: Mapping[Ranking, int]) -> SchulzeResult:
    matrix = pairwise(options, ballots)
    size = len(options)
    # Winning votes: a link a->b is as strong as the votes for a over b, if a wins that pair.
    paths = np.where(matrix > matrix.T, matrix, 0).astype(np.int64)
    for k in range(size):  # Floyd-Warshall for widest paths, one intermediate at a time
        through_k = np.minimum(paths[:, k][:, None], paths[k, :][None, :])
        paths = np.maximum(paths, through_k)
        np.fill_diagonal(paths, 0)
    beats = paths > paths.T
    winners = tuple(o for i, o in enumerate(options) if not beats[:, i].any())
    strength = beats.sum(axis=1)
    order = sorted(range(size), key=lambda i: (-strength[i], i))
    return SchulzeResult(
        matrix, paths, winners, tuple(options[i] for i in order), condorcet_winner(options, matrix)
    )


def aggregate(rankings: Iterable[Sequence[int]]) -> Counter[Ranking]:
    """Count identical ballots once each."""
    return Counter(tuple(r) for r in rankings)
