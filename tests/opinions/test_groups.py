"""Groups: base clusters, then 2-5 groups of them, the count chosen by silhouette."""

import numpy as np

from linli.opinions import clustering


def blobs(centres, sizes, spread=0.5, seed=2):
    rng = np.random.default_rng(seed)
    points = np.vstack([rng.normal(c, spread, size=(n, 2)) for c, n in zip(centres, sizes)])
    return points, np.repeat(np.arange(len(centres)), sizes)


def test_it_finds_three_groups_when_there_are_three():
    points, truth = blobs([(0, 0), (8, 0), (4, 7)], [150, 100, 60])
    grouping = clustering.find_groups(points)
    assert max(grouping.silhouettes, key=grouping.silhouettes.get) == 3
    assert clustering.adjusted_rand_index(grouping.labels, truth) == 1.0


def test_it_finds_two_groups_when_there_are_two():
    points, truth = blobs([(0, 0), (9, 1)], [200, 80])
    grouping = clustering.find_groups(points)
    assert len(set(grouping.labels.tolist())) == 2
    assert clustering.adjusted_rand_index(grouping.labels, truth) == 1.0


def test_groups_are_numbered_from_the_largest():
    points, _ = blobs([(9, 1), (0, 0)], [40, 200])
    labels = clustering.find_groups(points).labels
    assert np.bincount(labels).tolist() == [200, 40]


def test_agreement_says_how_many_runs_agree():
    points, _ = blobs([(0, 0), (9, 1)], [100, 100])
    grouping = clustering.find_groups(points)
    assert grouping.agreement.min() > 0.5 and grouping.agreement.max() == 1.0


def test_it_is_deterministic():
    points, _ = blobs([(0, 0), (2, 0), (1, 2)], [100, 100, 100], spread=1.0)
    first = clustering.find_groups(points)
    assert np.array_equal(first.labels, clustering.find_groups(points).labels)


def test_too_few_participants_make_one_group():
    grouping = clustering.find_groups(np.array([[0.0, 0.0], [1.0, 1.0]]))
    assert grouping.labels.tolist() == [0, 0]
    assert clustering.find_groups(np.zeros((0, 2))).labels.tolist() == []
