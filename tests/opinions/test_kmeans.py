"""k-means: seeded k-means++ starts, best of several, deterministic, weighted."""

import numpy as np

from linli.opinions import clustering


def blobs(centres, per=30, spread=0.3, seed=1):
    rng = np.random.default_rng(seed)
    return np.vstack([rng.normal(c, spread, size=(per, 2)) for c in centres])


def test_it_finds_well_separated_blobs():
    points = blobs([(0, 0), (10, 0), (0, 10)])
    result = clustering.kmeans(points, 3)
    truth = np.repeat([0, 1, 2], 30)
    assert clustering.adjusted_rand_index(result.labels, truth) == 1.0
    assert sorted(np.round(result.centers).tolist()) == [[0, 0], [0, 10], [10, 0]]


def test_it_gives_the_same_answer_every_time_for_a_seed():
    points = blobs([(0, 0), (3, 0), (0, 3), (3, 3)], spread=1.0)
    first = clustering.kmeans(points, 4, seed=5)
    second = clustering.kmeans(points, 4, seed=5)
    assert np.array_equal(first.labels, second.labels)
    assert np.array_equal(first.centers, second.centers)


def test_a_heavy_point_pulls_its_centre():
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0]])
    result = clustering.kmeans(points, 2, weights=np.array([1.0, 9.0, 1.0]))
    left = result.centers[np.argmin(result.centers[:, 0])]
    assert np.isclose(left[0], 0.9)


def test_it_returns_fewer_clusters_when_points_are_fewer_or_alike():
    same = np.zeros((5, 2))
    assert len(clustering.kmeans(same, 3).centers) == 1
    assert len(clustering.kmeans(np.array([[0.0, 0.0], [1.0, 1.0]]), 5).centers) == 2
