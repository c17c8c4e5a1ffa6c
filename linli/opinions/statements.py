"""What each group stands for, and what bridges the groups.

Per group and statement, the smoothed rate ``(agrees + 1) / (seen + 2)`` is tested against 1/2
and against the rest of the participants (representative statements); the product over groups of
each group's smoothed rate is the group-informed consensus. NumPy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Z_90 = 1.2815515655446004  # one-sided 90 % point of the standard normal
REPRESENTATIVE_PER_GROUP = 5
CONSENSUS_COUNT = 5


def smoothed_rate(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """(successes + 1) / (trials + 2): never 0 or 1, and 1/2 with no votes at all."""
    return (np.asarray(successes, dtype=float) + 1.0) / (np.asarray(trials, dtype=float) + 2.0)


def z_against_half(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """z of the smoothed rate against 1/2, over trials + 2 (the two pseudo-votes included)."""
    n = np.asarray(trials, dtype=float) + 2.0
    return (smoothed_rate(successes, trials) - 0.5) / np.sqrt(0.25 / n)


def z_two_rates(
    successes: np.ndarray, trials: np.ndarray, other_successes: np.ndarray, other_trials: np.ndarray
) -> np.ndarray:
    """Two-proportion z of the smoothed rates (pooled standard error)."""
    n1 = np.asarray(trials, dtype=float) + 2.0
    n2 = np.asarray(other_trials, dtype=float) + 2.0
    s1 = np.asarray(successes, dtype=float) + 1.0
    s2 = np.asarray(other_successes, dtype=float) + 1.0
    pooled = (s1 + s2) / (n1 + n2)
    error = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
    return (s1 / n1 - s2 / n2) / error


@dataclass(frozen=True)
class Tallies:
    agree: np.ndarray  # groups x statements
    disagree: np.ndarray
    seen: np.ndarray  # agree + disagree + pass


def tally(votes: np.ndarray, labels: np.ndarray, n_groups: int) -> Tallies:
    one_hot = (labels[:, None] == np.arange(n_groups)[None, :]).astype(float).T  # groups x ptpts
    return Tallies(
        agree=one_hot @ (votes == 1).astype(float),
        disagree=one_hot @ (votes == -1).astype(float),
        seen=one_hot @ (~np.isnan(votes)).astype(float),
    )


@dataclass(frozen=True)
class Representative:
    statement: int  # column index
    direction: str  # "agree" or "disagree"
    rate: float  # the group's smoothed rate in that direction
    rest_rate: float
    z: float  # against 1/2
    z_rest: float  # against the rest
    significant: bool

    @property
    def score(self) -> float:
        return self.rate * (self.rate / self.rest_rate) * self.z * self.z_rest


def representative(
    tallies: Tallies, *, per_group: int = REPRESENTATIVE_PER_GROUP, threshold: float = Z_90
) -> list[list[Representative]]:
    """Per group, the statements that set it apart, best first (at most ``per_group``).

    A statement counts in the direction (agree or disagree) where it scores better. When no
    statement passes both tests, the best one is still given, marked not significant, so every
    group has something to show.
    """
    n_groups = tallies.seen.shape[0]
    total = [tallies.agree.sum(0), tallies.disagree.sum(0)]
    seen_total = tallies.seen.sum(0)
    found = []
    for g in range(n_groups):
        seen, seen_rest = tallies.seen[g], seen_total - tallies.seen[g]
        candidates = []
        for direction, count, count_total in (
            ("agree", tallies.agree[g], total[0]),
            ("disagree", tallies.disagree[g], total[1]),
        ):
            rest = count_total - count
            rate, rest_rate = smoothed_rate(count, seen), smoothed_rate(rest, seen_rest)
            z, z_rest = z_against_half(count, seen), z_two_rates(count, seen, rest, seen_rest)
            candidates.append((direction, rate, rest_rate, z, z_rest))
        best: dict[int, Representative] = {}
        for direction, rate, rest_rate, z, z_rest in candidates:
            for j in range(len(seen)):
                if seen[j] == 0:
                    continue
                item = Representative(
                    statement=j,
                    direction=direction,
                    rate=float(rate[j]),
                    rest_rate=float(rest_rate[j]),
                    z=float(z[j]),
                    z_rest=float(z_rest[j]),
                    significant=bool(z[j] > threshold and z_rest[j] > threshold),
                )
                if item.z <= 0 or item.z_rest <= 0:
                    continue
                if j not in best or _rank(item) > _rank(best[j]):
                    best[j] = item
        ranked = sorted(best.values(), key=lambda r: (_rank(r), -r.statement), reverse=True)
        significant = [r for r in ranked if r.significant][:per_group]
        found.append(significant or ranked[:1])
    return found


def _rank(item: Representative) -> tuple[bool, float]:
    return (item.significant, item.score)


def group_informed_consensus(tallies: Tallies, direction: str = "agree") -> np.ndarray:
    """Per statement, the product over groups of the group's smoothed agree (or disagree) rate."""
    counts = tallies.agree if direction == "agree" else tallies.disagree
    return np.prod(smoothed_rate(counts, tallies.seen), axis=0)


@dataclass(frozen=True)
class Consensus:
    statement: int
    direction: str
    score: float  # group-informed consensus
    rates: tuple[float, ...]  # each group's smoothed rate


def consensus(tallies: Tallies, *, count: int = CONSENSUS_COUNT) -> list[Consensus]:
    """Statements a majority of every group agrees (or disagrees) with, best consensus first."""
    found: list[Consensus] = []
    if tallies.seen.shape[0] == 0:
        return found  # nobody in a group: nothing is shared
    for direction in ("agree", "disagree"):
        counts = tallies.agree if direction == "agree" else tallies.disagree
        rates = smoothed_rate(counts, tallies.seen)
        scores = group_informed_consensus(tallies, direction)
        for j in np.flatnonzero((rates > 0.5).all(axis=0) & (tallies.seen > 0).all(axis=0)):
            found.append(
                Consensus(int(j), direction, float(scores[j]), tuple(float(r) for r in rates[:, j]))
            )
    found.sort(key=lambda c: (-c.score, c.statement))
    return found[:count]
