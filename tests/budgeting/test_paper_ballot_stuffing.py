"""Participatory budgeting counts its ballots through votes: a box with more paper ballots than
paper voters on the roll is neither counted nor published (issue 15, paper-ballot stuffing)."""

from __future__ import annotations

import pytest

from linli.budgeting import services
from linli.core.services import ServiceError
from linli.votes import services as vote_services
from linli.votes.models import Ballot, Channel
from tests.budgeting.conftest import add_project, cast, make_process, make_voters, shift


def test_it_refuses_to_count_or_publish_a_stuffed_box(community, organiser):
    process = make_process(community, organiser)
    gym = add_project(process, "健身角", 60_000)
    roof = add_project(process, "雨棚", 30_000)
    shift(process, "review")
    vote = services.open_vote(organiser, process)
    shift(process, "vote")
    for voter in make_voters(community, 2):
        cast(process, voter, [gym])
    question = vote.questions.get()
    roof.refresh_from_db()
    Ballot.objects.bulk_create(
        Ballot(vote=vote, channel=Channel.PAPER, choices={str(question.pk): [roof.option_id]})
        for _ in range(20)
    )
    shift(process, "results")
    with pytest.raises(ServiceError, match="20 paper ballots but only 0 paper voters"):
        services.compute_outcome(organiser, process)
    vote.refresh_from_db()
    with pytest.raises(ServiceError, match="20 paper ballots"):
        vote_services.publish_results(organiser, vote)
