"""Weighted k-means (seeded k-means++ starts, Lloyd's iterations) and the silhouette width.

Written for the opinion map's two dimensions and a few thousand points; deterministic for a seed.
A weight stands for that many participants at the point (a base cluster stands for its members).
NumPy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEED = 20


@dataclass(frozen=True)
class KMeans:
    labels: np.ndarray
    centers: np.ndarray
    inertia: float


def _squared_distances(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    # Coordinate by coordinate, in place (the map has two): exact, and no BLAS call for a tiny
    # product. This is the inner loop of every k-means step.
    total = np.subtract.outer(points[:, 0], centers[:, 0])
    total *= total
    for axis in range(1, points.shape[1]):
        step = np.subtract.outer(points[:, axis], centers[:, axis])
        step *= step
        total += step
    return total


def _plus_plus(
    points: np.ndarray, weights: np.ndarray, k: int, rng: np.random.Generator
) -> np.ndarray:
    """k-means++ starting centres, each new one drawn in proportion to weight x distance²."""
    chosen = [_draw(weights, rng)]
    nearest = ((points - points[chosen[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        pick = _draw(weights * nearest, rng)
        if pick < 0:
            break  # fewer distinct points than k
        chosen.append(pick)
        nearest = np.minimum(nearest, ((points - points[pick]) ** 2).sum(axis=1))
    return points[chosen].copy()


def _draw(mass: np.ndarray, rng: np.random.Generator) -> int:
    """An index drawn in proportion to ``mass``; -1 when all of it is zero."""
    cumulative = np.cumsum(mass)
    if cumulative[-1] <= 0:
        return -1
    return int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right"))


def _lloyd(points: np.ndarray, weights: np.ndarray, centers: np.ndarray, max_iter: int) -> KMeans:
    labels = np.full(len(points), -1)
    for _ in range(max_iter):
        distances = _squared_distances(points, centers)
        new_labels = np.argmin(distances, axis=1)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
        mass = np.bincount(labels, weights=weights, minlength=len(centers))
        for axis in range(points.shape[1]):
            sums = np.bincount(labels, weights=weights * points[:, axis], minlength=len(centers))
            centers[:, axis] = np.where(
                mass > 0, sums / np.where(mass > 0, mass, 1), centers[:, axis]
            )
    # Drop centres nobody chose and renumber the rest 0..k-1, keeping their order.
    distances = _squared_distances(points, centers)
    labels = np.argmin(distances, axis=1)
    used, labels = np.unique(labels, return_inverse=True)
    centers = centers[used]
    inertia = float((weights * distances[np.arange(len(points)), used[labels]]).sum())
    return KMeans(labels, centers, inertia)


def kmeans(
    points: np.ndarray,
    k: int,
    weights: np.ndarray | None = None,
    *,
    seed: int = SEED,
    starts: int = 8,
    max_iter: int = 100,
) -> KMeans:
    """Weighted k-means (Lloyd), best of ``starts`` seeded k-means++ starts. Deterministic.

    May return fewer than ``k`` clusters when the points have fewer distinct positions.
    """
    points = np.asarray(points, dtype=float)
    weights = np.ones(len(points)) if weights is None else np.asarray(weights, dtype=float)
    k = max(1, min(k, len(points)))
    rng = np.random.default_rng(seed)
    best: KMeans | None = None
    for _ in range(starts):
        result = _lloyd(points, weights, _plus_plus(points, weights, k, rng), max_iter)
        if best is None or result.inertia < best.inertia - 1e-12:
            best = result
    assert best is not None
    return best


def silhouette(points: np.ndarray, labels: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Mean silhouette width; a point of weight w stands for w participants at that place.

    For point i in cluster A: a = mean distance to the other participants of A, b = the least
    mean distance to the participants of another cluster, s = (b - a) / max(a, b); s = 0 for a
    participant alone in her cluster. With one cluster the silhouette is 0.
    """
    points = np.asarray(points, dtype=float)
    weights = np.ones(len(points)) if weights is None else np.asarray(weights, dtype=float)
    clusters = np.unique(labels)
    if len(clusters) < 2:
        return 0.0
    distances = np.sqrt(_squared_distances(points, points))
    np.fill_diagonal(distances, 0.0)
    member = labels[:, None] == clusters[None, :]  # points x clusters
    mass = (weights[:, None] * member).sum(axis=0)
    summed = distances @ (weights[:, None] * member)  # weighted distance sum to each cluster
    own = np.argmax(member, axis=1)
    own_mass = mass[own] - 1.0  # the other participants of her own cluster
    a = np.divide(
        summed[np.arange(len(points)), own],
        own_mass,
        out=np.zeros(len(points)),
        where=own_mass > 0,
    )
    mean_to = summed / mass[None, :]
    mean_to[np.arange(len(points)), own] = np.inf
    b = mean_to.min(axis=1)
    width = np.maximum(a, b)
    s = np.divide(b - a, width, out=np.zeros(len(points)), where=width > 0)
    s[own_mass <= 0] = 0.0
    return float((weights * s).sum() / weights.sum())
