"""The opinion map: PCA of the vote matrix and each participant's sparsity-aware position.

Each statement's blanks are filled with its mean vote and the matrix centred; the first two
principal components are its axes. A participant's position is her own votes projected on them,
stretched by ``sqrt(statements / her votes)`` so that someone who voted on few statements does
not sit near the centre only because her blanks were filled with the average. NumPy only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Components:
    center: np.ndarray  # each statement's mean vote
    axes: np.ndarray  # n_components x statements, orthonormal rows
    variance: np.ndarray  # variance along each axis


def principal_components(votes: np.ndarray, n_components: int = 2) -> Components:
    """PCA of the vote matrix with each blank filled by its statement's mean vote.

    Signs are fixed so that each axis's largest loading is positive (an eigenvector's sign is
    arbitrary).
    """
    seen = ~np.isnan(votes)
    counts = seen.sum(axis=0)
    sums = np.where(seen, votes, 0.0).sum(axis=0)
    center = np.divide(sums, counts, out=np.zeros(votes.shape[1]), where=counts > 0)
    centred = np.where(seen, votes - center, 0.0)
    rows, cols = centred.shape
    k = min(n_components, rows, cols)
    if k == 0:
        return Components(center, np.zeros((n_components, cols)), np.zeros(n_components))
    # The top eigenvectors of the smaller Gram matrix give the right singular vectors; much
    # cheaper than a full SVD.
    if cols <= rows:
        values, vectors = _top_eigenvectors(centred.T @ centred, k)
        axes = vectors.T
    else:
        values, vectors = _top_eigenvectors(centred @ centred.T, k)
        axes = (centred.T @ vectors).T
        norms = np.linalg.norm(axes, axis=1, keepdims=True)
        axes = np.divide(axes, norms, out=np.zeros_like(axes), where=norms > 0)
    variance = np.clip(values, 0.0, None) / max(rows - 1, 1)
    biggest = np.argmax(np.abs(axes), axis=1)
    signs = np.sign(axes[np.arange(k), biggest])
    signs[signs == 0] = 1.0
    axes = axes * signs[:, None]
    if k < n_components:
        axes = np.vstack([axes, np.zeros((n_components - k, cols))])
        variance = np.concatenate([variance, np.zeros(n_components - k)])
    return Components(center, axes, variance)


def _top_eigenvectors(gram: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k largest eigenvalues of a symmetric positive semi-definite matrix, and eigenvectors.

    Block power iteration with a Rayleigh-Ritz step (8 vectors, deterministic start) until the
    residuals are below 1e-9 of the largest eigenvalue; a full ``eigh`` for small matrices or if
    that has not converged in 500 steps. Why not always ``eigh``: the iteration is only
    matrix products, which stay fast when OpenBLAS's threads compete for a busy machine's cores,
    whereas the full decomposition of a 600 x 600 matrix took seconds there.
    """
    n = gram.shape[0]
    block = min(n, k + 6)
    if n <= 16:
        return _eigh_top(gram, k)
    basis = np.linalg.qr(np.random.default_rng(0).standard_normal((n, block)))[0]
    scale = max(float(np.abs(gram).max()), 1e-300)
    for _ in range(500):
        image = gram @ basis
        small = basis.T @ image
        values, rotation = np.linalg.eigh((small + small.T) / 2)
        order = np.argsort(values)[::-1]
        values, rotation = values[order], rotation[:, order]
        ritz = basis @ rotation[:, :k]
        residual = np.linalg.norm(image @ rotation[:, :k] - ritz * values[:k], axis=0)
        if residual.max() <= 1e-9 * max(values[0], scale * 1e-12):
            return values[:k], ritz
        basis = np.linalg.qr(image @ rotation)[0]
    return _eigh_top(gram, k)


def _eigh_top(gram: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    values, vectors = np.linalg.eigh(gram)
    order = np.argsort(values)[::-1][:k]
    return values[order], vectors[:, order]


def project(
    votes: np.ndarray,
    components: Components,
    *,
    n_statements: int | None = None,
    n_votes: np.ndarray | None = None,
) -> np.ndarray:
    """Each participant's position: her own votes projected, times sqrt(statements / her votes).

    ``n_statements`` and ``n_votes`` default to the matrix's own; ``analyse`` passes the counts
    with moderated-out statements included, as Pol.is does (it blanks their columns rather than
    dropping them).
    """
    seen = ~np.isnan(votes)
    deviations = np.where(seen, votes - components.center, 0.0)
    raw = deviations @ components.axes.T
    statements = votes.shape[1] if n_statements is None else n_statements
    voted = np.maximum(seen.sum(axis=1) if n_votes is None else np.asarray(n_votes), 1)
    return raw * np.sqrt(statements / voted)[:, None]
