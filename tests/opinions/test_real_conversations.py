"""The five Pol.is open-data conversations in ../shared/data/polis: our groups against Pol.is's.

The analysis never reads the export's ``group-id`` column; only this test does, to score the
partition by the adjusted Rand index over the participants both put in a group. Red-dwarf, a
Python re-implementation of Pol.is, reaches 0.46-1.00 (mean 0.73) on Pol.is conversations; the
values measured here are in docs/modules/opinions.md.
"""

import csv
from functools import cache

import numpy as np
import pytest

from linli.opinions import clustering, polis_export
from tests.shared_data import shared_data

CONVERSATIONS = [
    "15-per-hour-seattle",
    "canadian-electoral-reform",
    "scoop-hivemind.biodiversity",
    "vtaiwan.uberx",
    "american-assembly.bowling-green",
]
EACH_AT_LEAST = 0.74  # above red-dwarf's mean on every conversation
MEAN_AT_LEAST = 0.80


@cache
def analysed(name: str):
    folder = shared_data("polis") / name
    conversation = polis_export.read_folder(folder)
    active = [s.moderated >= 0 for s in conversation.statements]
    return folder, clustering.analyse(conversation.votes, conversation.participants, active=active)


def polis_groups(folder) -> dict[int, str]:
    with (folder / "participants-votes.csv").open(encoding="utf-8") as handle:
        return {
            int(row["participant"]): row["group-id"]
            for row in csv.DictReader(handle)
            if row["group-id"] != ""
        }


def polis_group_count(folder) -> int:
    with (folder / "summary.csv").open(encoding="utf-8") as handle:
        return int(dict(row[:2] for row in csv.reader(handle) if len(row) >= 2)["groups"])


def score(name: str) -> float:
    folder, result = analysed(name)
    theirs = polis_groups(folder)
    both = [p for p in result.groups if p in theirs]
    return clustering.adjusted_rand_index(
        [result.groups[p] for p in both], [theirs[p] for p in both]
    )


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_it_finds_polis_number_of_groups(name):
    folder, result = analysed(name)
    assert result.n_groups == polis_group_count(folder)


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_it_groups_the_participants_polis_grouped(name):
    folder, result = analysed(name)
    theirs, ours = set(polis_groups(folder)), set(result.groups)
    assert ours <= theirs  # Pol.is also keeps a few who later fell under 7 votes
    assert len(theirs - ours) <= 2


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_its_partition_is_close_to_polis(name):
    assert score(name) >= EACH_AT_LEAST


def test_it_beats_red_dwarf_on_average():
    assert np.mean([score(name) for name in CONVERSATIONS]) >= MEAN_AT_LEAST


def test_bowling_greens_groups_are_told_apart_by_the_fairness_ordinance():
    folder, result = analysed("american-assembly.bowling-green")
    texts = {s.id: s.text for s in polis_export.read_comments(folder / "comments.csv")}
    ids = [s.id for s in polis_export.read_folder(folder).statements]
    for items in result.representative.values():
        assert any("fairness" in texts[ids[r.statement]].lower() for r in items[:3])
    assert all(c.score > 0.5 for c in result.consensus)
