"""The map: PCA of the mean-filled vote matrix and the sparsity-aware projection."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from linli.opinions import clustering

nan = np.nan
unit_values = st.floats(-1, 1, allow_nan=False).filter(lambda x: abs(x) > 0.05)


@given(
    arrays(float, st.integers(3, 12), elements=unit_values),
    arrays(float, st.integers(2, 9), elements=unit_values),
)
def test_the_first_axis_of_a_rank_one_matrix_is_its_statement_pattern(people, pattern):
    votes = np.outer(people, pattern)
    components = clustering.principal_components(votes)
    centred = votes - votes.mean(axis=0)
    if np.linalg.norm(centred) < 1e-6:
        return  # every row alike: no direction to find
    direction = pattern / np.linalg.norm(pattern)
    assert abs(abs(components.axes[0] @ direction) - 1) < 1e-6
    # and nothing is left for the second axis
    assert components.variance[1] < 1e-9 * max(components.variance[0], 1)


def test_axes_are_orthonormal_and_their_signs_are_fixed():
    rng = np.random.default_rng(3)
    votes = rng.choice([-1.0, 0.0, 1.0, nan], size=(40, 12))
    components = clustering.principal_components(votes)
    assert np.allclose(components.axes @ components.axes.T, np.eye(2))
    for axis in components.axes:
        assert axis[np.argmax(np.abs(axis))] > 0
    again = clustering.principal_components(votes[::-1])  # same people, other order
    assert np.allclose(again.axes, components.axes)


def test_a_blank_is_filled_with_the_statements_mean_vote():
    votes = np.array([[1.0, 1.0], [-1.0, nan], [1.0, -1.0]])
    components = clustering.principal_components(votes)
    assert np.allclose(components.center, [1 / 3, 0.0])
    # The blank sits at the mean, so it adds nothing to the projection.
    positions = clustering.project(votes, components, n_statements=2, n_votes=np.ones(3) * 2)
    expected = (votes[1, 0] - components.center[0]) * components.axes[:, 0]
    assert np.allclose(positions[1], expected)


def test_a_participant_with_few_votes_is_stretched_by_the_root_of_the_missing_share():
    votes = np.array([[1.0, -1.0, 1.0, -1.0], [1.0, nan, nan, nan], [-1.0, 1.0, -1.0, 1.0]])
    components = clustering.principal_components(votes)
    raw = np.where(np.isnan(votes), 0.0, votes - components.center) @ components.axes.T
    positions = clustering.project(votes, components)
    assert np.allclose(positions[1], raw[1] * np.sqrt(4 / 1))
    assert np.allclose(positions[0], raw[0])


def test_votes_on_statements_left_out_still_count_in_the_stretch():
    votes = np.array([[1.0, -1.0], [1.0, nan], [-1.0, 1.0]])
    components = clustering.principal_components(votes)
    plain = clustering.project(votes, components)
    counted = clustering.project(votes, components, n_statements=4, n_votes=np.array([4, 2, 2]))
    assert np.allclose(counted[1], plain[1] * np.sqrt(4 / 2) / np.sqrt(2 / 1))


@given(st.integers(0, 10_000), st.integers(17, 60), st.integers(5, 80))
def test_the_iterative_eigenvectors_match_a_full_decomposition(seed, statements, people):
    rng = np.random.default_rng(seed)
    # Votes with a real structure: two opinion directions plus noise.
    taste = rng.normal(size=(people, 2)) @ rng.normal(size=(2, statements))
    votes = np.sign(taste + rng.normal(scale=0.5, size=taste.shape))
    votes[rng.random(votes.shape) < 0.3] = nan
    components = clustering.principal_components(votes)
    seen = ~np.isnan(votes)
    centred = np.where(seen, votes - components.center, 0.0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    if len(singular) > 2 and singular[1] - singular[2] < 1e-3 * singular[0]:
        return  # the second axis is not well defined
    assert np.allclose(np.abs((components.axes * vt[:2]).sum(axis=1)), 1, atol=1e-6)
    assert np.allclose(components.variance, singular[:2] ** 2 / (people - 1), rtol=1e-6)
