"""Comparing and matching partitions: stable group labels and the adjusted Rand index."""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

import numpy as np

Person = TypeVar("Person", bound=Hashable)


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
