"""pabulib in and out: a real file imported as a closed process, its outcome computed as
``linli pb tally`` computes it, and the export read back the same."""

from __future__ import annotations

import pytest

from linli.budgeting import interop, pabulib, services, tally_file
from linli.budgeting.models import Process
from linli.votes.models import Ballot
from tests.shared_data import shared_data

from .conftest import closed_process, make_voters

SMALL = "Poland_Czestochowa_2020_Grabowka.pb"  # cumulative ballots, 8 projects, 201 voters


@pytest.mark.django_db
def test_import_compute_export_round_trip(community) -> None:  # type: ignore[no-untyped-def]
    path = shared_data("pabulib") / SMALL
    process = interop.import_file(path, community, rule="mes_cost")
    assert process.imported_from == SMALL and process.phase == "results"
    vote = process.vote
    assert vote is not None and vote.is_closed
    assert not vote.roll.exists()  # imported ballots: nobody in linli cast them
    assert Ballot.objects.filter(vote=vote, replace_hash="").count() == 201
    outcome = services.compute_outcome(None, process)
    expected = tally_file.tally(path, "mes-completed", "cost")
    assert outcome.selected == expected.selected
    text = interop.export_text(process)
    again = pabulib.read(text)
    original = pabulib.read_file(path)
    assert again.costs() == original.costs()
    assert sorted(map(sorted, again.approvals())) == sorted(map(sorted, original.approvals()))
    assert again.budget == original.budget


@pytest.mark.django_db
def test_cli_import_and_export(community, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from linli.budgeting import cli

    path = shared_data("pabulib") / SMALL
    assert (
        cli.main(["import", str(path), "--community", community.slug, "--rule", "greedy_votes"])
        == 0
    )
    process = Process.objects.get()
    assert services.outcome_of(process) is not None  # computed on import
    out = tmp_path / "out.pb"
    assert cli.main(["export", str(process.pk), "-o", str(out)]) == 0
    assert pabulib.read_file(out).budget == pabulib.read_file(path).budget


@pytest.mark.django_db
def test_download_from_results_page(community, organiser, resident) -> None:  # type: ignore[no-untyped-def]
    from .conftest import english_client

    process, ideas = closed_process(community, organiser, make_voters(community, 4))
    response = english_client(resident).get(process.get_absolute_url() + "results.pb")
    pb = pabulib.read(response.content.decode())
    assert pb.vote_type == "approval" and len(pb.votes) == 4
    assert {row["project_id"] for row in pb.projects if row["selected"] == "1"} == {
        ideas[0].key,
        ideas[1].key,
    }
