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
best of several starts; ties break by index. NumPy only; no Django import. This module is the
pipeline and the vote matrix; the steps live in ``pca``, ``kmeans``, ``statements`` and
``labels``, and are re-exported here.
docs/modules/opinions.md describes the parameters and the agreement with Pol.is's own groups.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .kmeans import SEED, KMeans, kmeans, silhouette
from .labels import adjusted_rand_index, stable_labels
from .pca import Components, principal_components, project
from .statements import (
    Consensus,
    Representative,
    Tallies,
    consensus,
    group_informed_consensus,
    representative,
    smoothed_rate,
    tally,
    z_against_half,
    z_two_rates,
)

MIN_VOTES = 7
BASE_CLUSTERS = 100
GROUP_COUNTS = (2, 3, 4, 5)
RUNS = 9


# --- 1. the vote matrix -------------------------------------------------------------------------


def vote_counts(votes: np.ndarray) -> np.ndarray:
    """Number of statements each participant voted on (a pass is a vote)."""
    return np.count_nonzero(~np.isnan(votes), axis=1)


def clusterable(votes: np.ndarray, min_votes: int = MIN_VOTES) -> np.ndarray:
    """Mask of participants with enough votes to be placed in a group."""
    needed = min(min_votes, votes.shape[1])
    return vote_counts(votes) >= max(needed, 1)


# --- 3. the groups (k-means and silhouette in kmeans.py) ----------------------------------------


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
    runs_for = np.zeros((len(points), best))  # how many runs put each participant in each group
    for labels in labellings:
        rename = stable_labels(reference, dict(enumerate(labels.tolist())))
        aligned = np.array([rename[label] for label in labels.tolist()], dtype=int)
        runs_for[np.arange(len(points)), aligned] += 1
    labels = np.argmax(runs_for, axis=1)
    agreement = runs_for[np.arange(len(points)), labels] / len(labellings)
    return Grouping(_by_size(labels), agreement, silhouettes)


def _by_size(labels: np.ndarray) -> np.ndarray:
    """Renumber labels 0, 1, ... from the largest group down (ties: first seen first)."""
    values, first, counts = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(len(values)), key=lambda i: (-counts[i], first[i]))
    rename = np.empty(values.max() + 1 if len(values) else 0, dtype=int)
    for new, i in enumerate(order):
        rename[values[i]] = new
    return rename[labels]


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
