"""``linli pb tally`` prints the funded ids as JSON."""

from __future__ import annotations

import json

from linli.cli import main
from tests.shared_data import shared_data


def test_tally_each_rule(capsys):
    path = shared_data("pabulib") / "Hungary_Budapest_2022_VIII_Jozsefvaros.pb"
    expected = next(
        e
        for e in json.loads((shared_data("pabulib") / "expected_pabutools.json").read_text())
        if e["file"] == path.name
    )["rules"]
    for rule, utility, key in [
        ("greedy", "cost", "greedy_cost"),
        ("greedy-cost", "cost", "greedy_card"),
        ("mes", "cost", "mes_cost"),
        ("mes", "cardinality", "mes_card"),
    ]:
        assert main(["pb", "tally", str(path), "--rule", rule, "--utility", utility]) == 0
        assert sorted(json.loads(capsys.readouterr().out)) == sorted(expected[key]["selected"])


def test_tally_completed_and_explained(capsys, tmp_path):
    path = tmp_path / "small.pb"
    path.write_text(
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n"
        "a;60\nb;40\nc;50\nVOTES\nvoter_id;vote\n"
        + "".join(f"{i};a,c\n" for i in range(6))
        + "".join(f"{i + 6};b,c\n" for i in range(4))
    )
    assert main(["pb", "tally", str(path), "--rule", "mes-completed"]) == 0
    assert json.loads(capsys.readouterr().out) == ["c", "b"]
    assert main(["pb", "tally", str(path), "--rule", "mes", "--explain"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["selected"] == ["c"]
    assert data["explanations"][0]["code"] == "shares_ran_out"


def test_tally_bad_file(capsys, tmp_path):
    path = tmp_path / "bad.pb"
    path.write_text("META\nkey;value\nbudget;1\n")
    assert main(["pb", "tally", str(path)]) == 2
    assert "PROJECTS" in capsys.readouterr().err
