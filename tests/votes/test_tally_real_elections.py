"""The count matches the published reference results of real ranked-choice elections (PrefLib)."""

from __future__ import annotations

import json

import pytest

from linli.votes import tally
from linli.votes.ballot_files import read_preflib
from tests.shared_data import shared_data

FILES = [
    "00001-00000002.soi",
    "00005-00000001.toi",
    "00016-00000002.toi",
    "00020-00000003.toi",
    "00021-00000011.toi",
    "00023-00000001.toi",
]


def load(name: str):
    folder = shared_data("preflib")
    expected = json.loads((folder / "expected.json").read_text())[name]
    ballots = read_preflib((folder / name).read_text(encoding="utf-8"))
    options = sorted(int(k) for k in expected["candidates"])
    return expected, options, ballots.rankings


@pytest.mark.parametrize("name", FILES)
def test_plurality(name):
    expected, options, rankings = load(name)
    count = tally.plurality(options, rankings)
    assert count.winner == expected["plurality"]
    assert {str(k): v for k, v in count.counts.items()} == expected["plurality_counts"]
    assert count.ballots == expected["voters"]


@pytest.mark.parametrize("name", FILES)
def test_instant_runoff_round_by_round(name):
    expected, options, rankings = load(name)
    result = tally.instant_runoff(options, rankings)
    assert result.winner == expected["irv"]["winner"]
    for ours, theirs in zip(result.rounds, expected["irv"]["rounds"], strict=True):
        assert {str(k): v for k, v in ours.counts.items()} == theirs["counts"], (
            f"round {ours.number}"
        )
        assert ours.active == theirs["active"] and ours.exhausted == theirs["exhausted"]
        assert ours.eliminated == theirs.get("eliminated") and ours.elected == theirs.get("elected")


@pytest.mark.parametrize("name", FILES)
def test_pairwise_condorcet_and_schulze(name):
    expected, options, rankings = load(name)
    result = tally.schulze(options, rankings)
    for i, a in enumerate(options):
        for j, b in enumerate(options):
            if a != b:
                assert result.pairwise[i, j] == expected["pairwise"][str(a)][str(b)]
    assert result.condorcet == expected["condorcet"]
    assert result.winner == expected["schulze"]
    assert list(result.ranking) == expected["schulze_ranking"]


def test_published_official_winners(db=None):
    folder = shared_data("preflib")
    expected = json.loads((folder / "expected.json").read_text())
    for name in FILES:
        official = expected[name].get("official") or {}
        if official.get("irv_winner_matches") is not None:
            assert official["irv_winner_matches"], name
