"""Silhouette width, checked against its textbook definition; weights stand for repeated points."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from linli.opinions import clustering


def textbook(points, labels):
    n = len(points)
    widths = []
    for i in range(n):
        distance = np.linalg.norm(points - points[i], axis=1)
        own = (labels == labels[i]) & (np.arange(n) != i)
        if not own.any():
            widths.append(0.0)
            continue
        a = distance[own].mean()
        b = min(distance[labels == other].mean() for other in set(labels) - {labels[i]})
        widths.append((b - a) / max(a, b) if max(a, b) > 0 else 0.0)
    return float(np.mean(widths))


@given(st.integers(0, 10_000), st.integers(4, 25), st.integers(2, 4))
def test_it_matches_the_textbook_definition(seed, n, k):
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(n, 2))
    labels = np.arange(n) % k
    assert np.isclose(clustering.silhouette(points, labels), textbook(points, labels))


@given(st.integers(0, 10_000))
def test_a_weight_counts_like_that_many_participants_at_the_point(seed):
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(8, 2))
    labels = np.array([0, 0, 0, 1, 1, 1, 2, 2])
    weights = rng.integers(1, 4, size=8)
    expanded = np.repeat(points, weights, axis=0)
    expanded_labels = np.repeat(labels, weights)
    assert np.isclose(
        clustering.silhouette(points, labels, weights.astype(float)),
        textbook(expanded, expanded_labels),
    )


def test_one_cluster_has_silhouette_zero():
    assert clustering.silhouette(np.eye(3)[:, :2], np.zeros(3, dtype=int)) == 0.0
