"""Anyone can recount a downloaded ballot file and get the published result."""

from __future__ import annotations

import json

from linli.cli import main
from linli.votes import tally
from linli.votes.ballot_files import BallotFile, read_linli, write_linli
from linli.votes.recount import recount
from tests.shared_data import shared_data


def test_round_trip_of_linli_export(tmp_path):
    options = {1: "梧桐院彩绘", 2: "槐树院花园", 3: "安居苑凉亭"}
    rows = ["3>1>2", "2", "1>3", "3>2", "3"]
    path = tmp_path / "ballots.csv"
    path.write_text(write_linli(BallotFile("irv", options), rows), encoding="utf-8")
    again = read_linli(path.read_text(encoding="utf-8"))
    assert again.options == options and sum(again.rankings.values()) == 5
    published = tally.instant_runoff(
        [1, 2, 3], tally.aggregate(tuple(int(c) for c in r.split(">")) for r in rows)
    )
    assert recount(path, "irv")["winner"] == published.winner == 3


def test_cli_prints_json_for_a_preflib_election(capsys):
    folder = shared_data("preflib")
    assert (
        main(["votes", "recount", str(folder / "00023-00000001.toi"), "--method", "schulze"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["winner"] == 3 and out["pairwise"]["3"]["1"] == 145 and len(out["sha256"]) == 64


def test_approval_and_score_files(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        write_linli(BallotFile("approval", {1: "a", 2: "b"}, params={"k": "2"}), ["1;2", "2", "2"])
    )
    assert recount(path, "approval")["counts"] == {"1": 1, "2": 3}
    path.write_text(
        write_linli(
            BallotFile("score", {1: "a", 2: "b"}, params={"max": "5"}), ["1=5;2=1", "1=2;2=4"]
        )
    )
    assert recount(path, "score")["winner"] == 1
