"""Paper-ballot stuffing: the box may never hold more paper ballots than the booth marked paper
voters on the roll - not per bundle as created, not as counted, not when the results go out.

The attack (issue 15): one paper voter marked, a bundle of 20 created and entered by two
officers, close + publish - 20 ballots from 1 voter flipped the winner."""

from __future__ import annotations

import pytest

from linli.core.services import ServiceError
from linli.votes import services
from linli.votes.models import Ballot, Channel, Question
from tests.votes.helpers import close, make_vote, mark_paper_voters, option_ids, qkey


@pytest.fixture
def vote(community, organiser):
    return make_vote(community, organiser, ballot_type=Question.BallotType.SINGLE)


def test_it_refuses_a_bundle_larger_than_the_paper_voters_on_the_roll(vote, leader):
    mark_paper_voters(vote, leader, 1)
    with pytest.raises(ServiceError, match="at most 1") as refused:
        services.create_batch(leader, vote, "stuffed", 20)
    assert refused.value.field == "size"
    assert not vote.batches.exists()


def test_it_counts_bundles_already_announced_against_the_roll(vote, leader):
    mark_paper_voters(vote, leader, 3)
    services.create_batch(leader, vote, "first", 2)
    with pytest.raises(ServiceError, match="at most 1"):
        services.create_batch(leader, vote, "second", 2)
    services.create_batch(leader, vote, "second", 1)
    with pytest.raises(ServiceError, match="at most 0"):
        services.create_batch(leader, vote, "third", 1)


def test_it_refuses_a_bundle_when_nobody_voted_on_paper(vote, leader):
    with pytest.raises(ServiceError, match="at most 0"):
        services.create_batch(leader, vote, "ghost", 1)


def test_it_refuses_to_count_a_bundle_that_would_overfill_the_paper_roll(vote, leader, organiser):
    """A bundle created before the check (or with the size edited in the database) still cannot
    put more paper ballots in the box than the roll has paper voters."""
    mark_paper_voters(vote, leader, 1)
    batch = vote.batches.create(label="old bundle", size=3, created_by=leader)
    services.enter_batch(leader, batch, "1\n1\n1")
    with pytest.raises(ServiceError, match="only 1 paper voters"):
        services.enter_batch(organiser, batch, "1\n1\n1")
    assert not Ballot.objects.filter(vote=vote).exists()
    batch.refresh_from_db()
    assert batch.counted_at is None


def test_publishing_refuses_a_box_with_more_paper_ballots_than_paper_voters(
    vote, community, organiser, leader, resident
):
    a, b, _c = option_ids(vote)

    services.cast(resident, vote, {qkey(vote): [a]})
    mark_paper_voters(vote, leader, 1)
    # 20 stuffed paper ballots for b, as the attack put them in the box
    Ballot.objects.bulk_create(
        Ballot(vote=vote, channel=Channel.PAPER, choices={qkey(vote): [b]}) for _ in range(20)
    )
    close(vote)
    with pytest.raises(ServiceError, match="20 paper ballots but only 1 paper voters"):
        services.publish_results(organiser, vote)
    vote.refresh_from_db()
    assert vote.results_published_at is None


def test_publishing_refuses_more_online_ballots_than_online_voters(vote, organiser):
    Ballot.objects.create(vote=vote, channel=Channel.ONLINE, choices={qkey(vote): []})
    close(vote)
    with pytest.raises(ServiceError, match="1 online ballots but only 0 online voters"):
        services.publish_results(organiser, vote)


def test_a_bundle_that_fits_the_roll_is_counted_and_published(vote, leader, organiser):
    mark_paper_voters(vote, leader, 2)
    batch = services.create_batch(leader, vote, "bundle", 2)
    services.enter_batch(leader, batch, "1\n2")
    assert services.enter_batch(organiser, batch, "1\n2").status == "counted"
    close(vote)
    services.publish_results(organiser, vote)
    assert vote.results_published_at is not None
