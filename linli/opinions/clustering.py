"""Opinion groups from agree / disagree / pass votes: the method Pol.is made known.

Written from the published description (Small et al. 2021, "Polis: Scaling deliberation by
mapping high dimensional opinion spaces", and the Pol.is math notes), not from Pol.is's code:

1. **Vote matrix.** Participants x statements; agree 1, disagree -1, pass 0, not seen NaN.
   Moderated-out statements are left out of the map; participants with fewer than 7 votes (or
   fewer than every statement, when there are fewer than 7) are left out of the groups.
2. **Map.** Each statement's missing votes are filled with its mean vote, the matrix is centred
   and its first two principal components taken. A participant's position is the projection of
   her own votes, stretched by ``sqrt(statements / statements she voted on)``: a participant who
   voted on few statements would otherwise sit near the centre only because her blanks were
   filled with the average ("sparsity-aware scaling").
3. **Groups.** k-means makes about 100 small *base clusters* of the map; the base clusters'
   centres, weighted by their sizes, are grouped again by k-means into 2 to 5 groups, and the
   number of groups with the best silhouette wins. A participant belongs to her base cluster's
   group. This runs nine times from different seeds and each participant goes to the group most
   runs put her in, so the boundary does not hang on one random start.
4. **What each group stands for.** For a group and a statement, the smoothed agree rate
   ``(agrees + 1) / (seen + 2)`` is compared with 1/2 (is the group for it?) and with the rest
   of the participants' (is it *this* group's view?) by z-tests; statements passing both at 90 %
   (one-sided) are ranked by rate x ratio to the rest x both z values. Disagreement likewise.
5. **What bridges the groups.** Group-informed consensus: the product over groups of each
   group's smoothed agree rate; a statement scores high only if every group agrees.
6. **Stable labels.** ``stable_labels`` renames the groups of a recomputation after the
   previous groups they overlap most, so "group A" stays group A as votes arrive.

Everything is deterministic: k-means starts from seeded k-means++ (fixed seeds) and keeps the
best of several starts; ties break by index. NumPy only; no Django import.
docs/modules/opinions.md describes the parameters and the agreement with Pol.is's own groups.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

import numpy as np

Person = TypeVar("Person", bound=Hashable)

MIN_VOTES = 7
BASE_CLUSTERS = 100
GROUP_COUNTS = (2, 3, 4, 5)
SEED = 20
RUNS = 9
Z_90 = 1.2815515655446004  # one-sided 90 % point of the standard normal
REPRESENTATIVE_PER_GROUP = 5
CONSENSUS_COUNT = 5


# --- 1. the vote matrix -------------------------------------------------------------------------


def vote_counts(votes: np.ndarray) -> np.ndarray:
    """Number of statements each participant voted on (a pass is a vote)."""
    return np.count_nonzero(~np.isnan(votes), axis=1)


def clusterable(votes: np.ndarray, min_votes: int = MIN_VOTES) -> np.ndarray:
    """Mask of participants with enough votes to be placed in a group."""
    needed = min(min_votes, votes.shape[1])
    return vote_counts(votes) >= max(needed, 1)


# --- 2. the map ---------------------------------------------------------------------------------


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


# --- 3. the groups ------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Grouping:
    labels: np.ndarray  # one group per participant given, 0 = the largest group
    agreement: np.ndarray  # per participant, the share of runs that put her in her group
    silhouettes: dict[int, float]  # number of groups tried -> mean silhouette over the runs


def _one_run(
    points: np.ndarray, base_clusters: int, group_counts: Sequence[int], seed: int
) -> dict[int, tuple[np.ndarray, float]]:
    """One run: base clusters, then each number of groups -> (participants' groups, silhouette)."""
    base = kmeans(points, base_clusters, seed=seed, starts=1)
    sizes = np.bincount(base.labels, minlength=len(base.centers)).astype(float)
    found = {}
    for count in group_counts:
        if count > len(base.centers):
            break
        grouped = kmeans(base.centers, count, sizes, seed=seed)
        if len(grouped.centers) < count:
            continue
        found[count] = (
            grouped.labels[base.labels],
            silhouette(base.centers, grouped.labels, sizes),
        )
    return found


def find_groups(
    points: np.ndarray,
    *,
    base_clusters: int = BASE_CLUSTERS,
    group_counts: Sequence[int] = GROUP_COUNTS,
    runs: int = RUNS,
    seed: int = SEED,
) -> Grouping:
    """Base clusters, then 2-5 groups of them; the count with the best silhouette wins.

    A split whose mean silhouette is not above 0 (each participant as close to another group as
    to her own) is no split: everyone is then in group 0.

    One run's answer depends on where k-means happened to start (on the real conversations the
    same run with another seed moved a tenth of the participants across the boundary), so the
    method runs ``runs`` times with seeds ``seed, seed + 1, ...``: the number of groups is the one
    with the best mean silhouette, and each participant goes to the group most runs put her in
    (runs' labels matched to the first run's by overlap; a tie goes to the lower label).
    Groups are numbered by size, largest first.
    """
    points = np.asarray(points, dtype=float)
    if len(points) == 0:
        return Grouping(np.zeros(0, dtype=int), np.zeros(0), {})
    results = [_one_run(points, base_clusters, group_counts, seed + r) for r in range(runs)]
    counts = sorted({count for result in results for count in result})
    silhouettes = {
        count: float(np.mean([r[count][1] for r in results if count in r])) for count in counts
    }
    best = max(counts, key=lambda count: (silhouettes[count], -count), default=None)
    if best is None or silhouettes[best] <= 0:
        # Too few distinct positions to split, or no split that fits better than none.
        return Grouping(np.zeros(len(points), dtype=int), np.ones(len(points)), silhouettes)
    labellings = [r[best][0] for r in results if best in r]
    reference = dict(enumerate(labellings[0].tolist()))
    tally = np.zeros((len(points), best))
    for labels in labellings:
        rename = stable_labels(reference, dict(enumerate(labels.tolist())))
        aligned = np.array([rename[label] for label in labels.tolist()], dtype=int)
        tally[np.arange(len(points)), aligned] += 1
    labels = np.argmax(tally, axis=1)
    agreement = tally[np.arange(len(points)), labels] / len(labellings)
    return Grouping(_by_size(labels), agreement, silhouettes)


def _by_size(labels: np.ndarray) -> np.ndarray:
    """Renumber labels 0, 1, ... from the largest group down (ties: first seen first)."""
    values, first, counts = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(len(values)), key=lambda i: (-counts[i], first[i]))
    rename = np.empty(values.max() + 1 if len(values) else 0, dtype=int)
    for new, i in enumerate(order):
        rename[values[i]] = new
    return rename[labels]


# --- 4. and 5. representative and consensus statements --------------------------------------------


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


# --- 6. stable labels ---------------------------------------------------------------------------


def stable_labels(previous: Mapping[Person, int], current: Mapping[Person, int]) -> dict[int, int]:
    """Rename each current group after the previous group it shares most participants with.

    Returns {current label: stable label}, one-to-one. The matching maximises the total overlap
    (exhaustively for up to 8 groups, greedily beyond); a group with no partner takes the
    smallest label no other group has. Ties go to the smaller labels.
    """
    new_labels = sorted(set(current.values()))
    old_labels = sorted(set(previous.values()))
    overlap = np.zeros((len(new_labels), len(old_labels)), dtype=int)
    new_index = {label: i for i, label in enumerate(new_labels)}
    old_index = {label: i for i, label in enumerate(old_labels)}
    for person, label in current.items():
        if person in previous:
            overlap[new_index[label], old_index[previous[person]]] += 1
    size = max(len(new_labels), len(old_labels))
    padded = np.zeros((size, size), dtype=int)
    padded[: overlap.shape[0], : overlap.shape[1]] = overlap
    if size <= 8:
        best, best_total = tuple(range(size)), -1
        for permutation in itertools.permutations(range(size)):
            total = int(padded[np.arange(size), permutation].sum())
            if total > best_total:
                best, best_total = permutation, total
        pairs = {i: best[i] for i in range(len(new_labels))}
    else:
        pairs, taken = {}, set()
        for flat in np.argsort(-padded, axis=None, kind="stable"):
            i, j = divmod(int(flat), size)
            if i < len(new_labels) and i not in pairs and j not in taken:
                pairs[i] = j
                taken.add(j)
    mapping: dict[int, int] = {}
    unmatched = []
    for i, label in enumerate(new_labels):
        j = pairs[i]
        if j < len(old_labels) and padded[i, j] > 0:
            mapping[label] = old_labels[j]
        else:
            unmatched.append(label)
    free = (n for n in itertools.count() if n not in set(mapping.values()))
    for label in unmatched:
        mapping[label] = next(free)
    return mapping


# --- the whole analysis ---------------------------------------------------------------------------


@dataclass
class Analysis:
    participants: list  # ids of every participant given
    in_groups: np.ndarray  # mask: participants placed in a group
    points: np.ndarray  # 2-D map position of every participant (0, 0 with no votes)
    groups: dict  # participant id -> group label, for those in a group
    agreement: dict  # participant id -> share of the runs that put her in her group
    n_groups: int
    silhouettes: dict[int, float]
    representative: dict[int, list[Representative]]  # group label -> statements, best first
    consensus: list[Consensus]
    components: Components
    statement_columns: np.ndarray  # indices (into the given statements) of those analysed


def analyse(
    votes: np.ndarray,
    participants: Sequence[Hashable],
    *,
    active: np.ndarray | Sequence[bool] | None = None,
    previous: Mapping[Hashable, int] | None = None,
    min_votes: int = MIN_VOTES,
    base_clusters: int = BASE_CLUSTERS,
    group_counts: Sequence[int] = GROUP_COUNTS,
    runs: int = RUNS,
    seed: int = SEED,
) -> Analysis:
    """Run the whole method on ``votes`` (participants x statements: 1 / -1 / 0 / NaN).

    ``active`` marks the statements to analyse (not moderated out); votes on the others still
    count towards a participant's number of votes. ``previous`` ({participant: group}) keeps
    labels stable across recomputations.
    """
    votes = np.asarray(votes, dtype=float)
    if votes.ndim != 2 or votes.shape[0] != len(participants):
        raise ValueError("votes must be participants x statements")
    columns = np.arange(votes.shape[1]) if active is None else np.flatnonzero(active)
    in_groups = clusterable(votes, min_votes)
    matrix = votes[:, columns]
    components = principal_components(matrix[in_groups])
    points = project(matrix, components, n_statements=votes.shape[1], n_votes=vote_counts(votes))
    grouping = find_groups(
        points[in_groups],
        base_clusters=base_clusters,
        group_counts=group_counts,
        runs=runs,
        seed=seed,
    )
    labels = grouping.labels
    member_ids = [p for p, keep in zip(participants, in_groups, strict=True) if keep]
    if previous:
        rename = stable_labels(previous, dict(zip(member_ids, labels.tolist(), strict=True)))
        labels = np.array([rename[label] for label in labels.tolist()], dtype=int)
    present = sorted(set(labels.tolist()))
    # Stable labels may leave a gap (group 1 gone, 0 and 2 kept): tally over the largest label.
    tallies = tally(matrix[in_groups], labels, present[-1] + 1 if present else 0)
    found = representative(tallies)
    common = consensus(tallies)
    return Analysis(
        participants=list(participants),
        in_groups=in_groups,
        points=points,
        groups=dict(zip(member_ids, labels.tolist(), strict=True)),
        agreement=dict(zip(member_ids, grouping.agreement.tolist(), strict=True)),
        n_groups=len(present),
        silhouettes=grouping.silhouettes,
        representative={
            group: [replace(r, statement=int(columns[r.statement])) for r in found[group]]
            for group in present
        },
        consensus=[replace(c, statement=int(columns[c.statement])) for c in common],
        components=components,
        statement_columns=columns,
    )


# --- comparing two partitions ---------------------------------------------------------------------


def adjusted_rand_index(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items.

    1 for the same partition (whatever the names), about 0 for unrelated ones.
    """
    if len(first) != len(second):
        raise ValueError("the two labellings must be of the same items")
    n = len(first)
    if n < 2:
        return 1.0
    _, a = np.unique(np.asarray(first, dtype=object).astype(str), return_inverse=True)
    _, b = np.unique(np.asarray(second, dtype=object).astype(str), return_inverse=True)
    table = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(table, (a, b), 1)

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index = pairs(table)
    rows, cols = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = rows * cols / (n * (n - 1) / 2)
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


__all__ = [
    "Analysis",
    "Components",
    "Consensus",
    "Grouping",
    "KMeans",
    "Representative",
    "Tallies",
    "adjusted_rand_index",
    "analyse",
    "clusterable",
    "consensus",
    "find_groups",
    "group_informed_consensus",
    "kmeans",
    "principal_components",
    "project",
    "representative",
    "silhouette",
    "smoothed_rate",
    "stable_labels",
    "tally",
    "vote_counts",
    "z_against_half",
    "z_two_rates",
]
