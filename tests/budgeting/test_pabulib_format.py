"""The pabulib reader and writer: every shared file reads, and reads back the same after writing."""

from __future__ import annotations

from fractions import Fraction

import pytest

from linli.budgeting import pabulib
from tests.shared_data import shared_data

SMALL = """META
key;value
description;Test; with a semicolon
budget;1000,5
vote_type;cumulative
PROJECTS
project_id;cost;name;category
1;500;"Park; benches";culture,place
2;400.5;Library;None
VOTES
voter_id;vote;points;age
v1;1,2;3,2;34
v2;2;5;None
"""


def test_reads_sections_types_and_quoted_cells():
    pb = pabulib.read(SMALL)
    assert pb.budget == Fraction(20010, 20)
    assert pb.vote_type == "cumulative"
    assert pb.meta["description"] == "Test; with a semicolon"
    assert pb.costs() == {"1": 500, "2": Fraction(801, 2)}
    assert pb.projects[0]["name"] == "Park; benches"
    assert pb.categories("1") == {"culture", "place"}
    assert pb.categories("2") == set()
    assert pb.points() == [{"1": 3, "2": 2}, {"2": 5}]
    assert pb.approvals() == [frozenset({"1", "2"}), frozenset({"2"})]
    assert pb.votes[1]["age"] == ""
    pb.check()


def test_round_trip_small():
    pb = pabulib.read(SMALL)
    again = pabulib.read(pabulib.write(pb))
    assert again == pb
    assert pabulib.write(again) == pabulib.write(pb)


@pytest.mark.parametrize("kind", ["approval", "choose-1", "ordinal", "cumulative"])
def test_build_and_round_trip_each_vote_type(kind):
    votes = [{"voter_id": "1", "vote": "b,a"}, {"voter_id": "2", "vote": "a"}]
    if kind == "cumulative":
        votes = [
            {"voter_id": "1", "vote": "b,a", "points": "2,1"},
            {"voter_id": "2", "vote": "a", "points": "3"},
        ]
    if kind == "choose-1":
        votes = [{"voter_id": "1", "vote": "b"}, {"voter_id": "2", "vote": "a"}]
    pb = pabulib.build(
        meta={"budget": "100", "vote_type": kind},
        projects=[
            {"project_id": "a", "cost": "60", "name": "A"},
            {"project_id": "b", "cost": "40"},
        ],
        votes=votes,
    )
    again = pabulib.read(pabulib.write(pb))
    assert again == pb
    assert again.meta["num_votes"] == "2"
    if kind == "ordinal":
        assert again.rankings() == [["b", "a"], ["a"]]


def test_errors_are_clear():
    with pytest.raises(pabulib.PabulibError, match="PROJECTS"):
        pabulib.read("META\nkey;value\nbudget;1\n")
    bad = pabulib.read(
        "META\nkey;value\nbudget;1\nPROJECTS\nproject_id;cost\na;1\nVOTES\nvoter_id;vote\n1;zz\n"
    )
    with pytest.raises(pabulib.PabulibError, match="unknown project 'zz'"):
        bad.check()


def test_every_shared_file_round_trips():
    folder = shared_data("pabulib")
    for path in sorted(folder.glob("*.pb")):
        pb = pabulib.read_file(path)
        pb.check()
        assert pabulib.read(pabulib.write(pb)) == pb, path.name
        assert len(pb.votes) == int(pb.meta["num_votes"]), path.name
        assert len(pb.projects) == int(pb.meta["num_projects"]), path.name
