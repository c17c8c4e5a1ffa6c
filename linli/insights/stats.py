"""Confidence intervals for proportions from surveys, before and after (no Django, no SciPy).

- **One proportion**: Wilson's score interval (Wilson 1927), which stays inside [0, 1] and keeps
  its coverage for small samples and proportions near 0 or 1, where the textbook p +- z*SE fails
  (Newcombe 1998a, method 3; Brown, Cai & DasGupta 2001).
- **A change between two independent surveys** (before and after; repeated cross-sections):
  Newcombe's hybrid score interval for p_after - p_before (Newcombe 1998b, method 10), built from
  the two Wilson intervals: with l_i, u_i the Wilson limits of p_i and d = p_2 - p_1,
  low = d - sqrt((p_2 - l_2)^2 + (u_1 - p_1)^2), high = d + sqrt((u_2 - p_2)^2 + (p_1 - l_1)^2).
- **Weighted surveys**: a weighted proportion p_w = sum(w_i y_i) / sum(w_i) is as precise as a
  simple random sample of the effective size n_eff = n / deff (Kish's design effect of the
  weights), so its Wilson interval uses n_eff and p_w * n_eff successes (Kish 1965; Korn &
  Graubard 1998 plug an effective sample size into a binomial interval the same way). The difference then combines these two
  intervals as above. This accounts for unequal weights, not for clustering: a survey drawn by
  courtyards would need the cluster design effect as well (pass it as ``design_effect``).

The normal quantile comes from ``statistics.NormalDist`` in the standard library.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from .weighting import kish_design_effect


class StatsError(ValueError):
    pass


def z_for(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise StatsError("confidence must be between 0 and 1, e.g. 0.95")
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float
    confidence: float

    def as_dict(self, digits: int = 4) -> dict[str, float]:
        return {
            "estimate": round(self.estimate, digits),
            "low": round(self.low, digits),
            "high": round(self.high, digits),
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Proportion:
    """``successes`` of ``n`` answers; ``design_effect`` > 1 when the answers are weighted."""

    successes: float
    n: float
    design_effect: float = 1.0

    def __post_init__(self) -> None:
        if not self.n > 0:
            raise StatsError("a proportion needs at least one answer")
        if not 0 <= self.successes <= self.n:
            raise StatsError("successes must be between 0 and the number of answers")
        if not self.design_effect > 0:
            raise StatsError("the design effect must be positive")

    @classmethod
    def weighted(cls, answers: Sequence[bool], weights: Sequence[float]) -> Proportion:
        """The weighted share of ``True`` answers, with the weights' Kish design effect."""
        if len(answers) != len(weights) or not answers:
            raise StatsError("give one weight per answer, and at least one answer")
        total = math.fsum(weights)
        if not total > 0 or min(weights) < 0:
            raise StatsError("weights must be non-negative with a positive total")
        share = math.fsum(w for a, w in zip(answers, weights, strict=True) if a) / total
        return cls(share * len(answers), float(len(answers)), kish_design_effect(weights))

    @property
    def estimate(self) -> float:
        return self.successes / self.n

    @property
    def effective_n(self) -> float:
        return self.n / self.design_effect

    def interval(self, confidence: float = 0.95) -> Interval:
        low, high = wilson_limits(self.estimate, self.effective_n, z_for(confidence))
        return Interval(self.estimate, low, high, confidence)


def wilson_limits(p: float, n: float, z: float) -> tuple[float, float]:
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    # The limits always hold p (exactly 0 and 1 at p = 0 and 1); rounding can leave them 1e-17
    # on the wrong side, so they are clamped.
    return min(max(0.0, centre - half), p), max(min(1.0, centre + half), p)


def wilson(successes: float, n: float, confidence: float = 0.95) -> Interval:
    """Wilson's score interval for ``successes`` out of ``n``."""
    return Proportion(successes, n).interval(confidence)


def difference(after: Proportion, before: Proportion, confidence: float = 0.95) -> Interval:
    """Newcombe's hybrid score interval for after - before (independent samples)."""
    z = z_for(confidence)
    p2, p1 = after.estimate, before.estimate
    l2, u2 = wilson_limits(p2, after.effective_n, z)
    l1, u1 = wilson_limits(p1, before.effective_n, z)
    d = p2 - p1
    low = d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return Interval(d, max(-1.0, low), min(1.0, high), confidence)
