"""Issue 22, item 12: a button that cannot work yet is replaced by when it will (apply before
the window, start scoring before applications close, ideas before the idea phase, voting and
surveys before they open)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from linli.reviews import services as review_services
from linli.reviews.models import Contest
from linli.votes.models import Vote
from tests.budgeting.conftest import add_project, make_process, shift
from tests.conftest import client_for
from tests.grants.helpers import make_call
from tests.reviews.helpers import adopt, make_board, make_contest


def en(user):  # type: ignore[no-untyped-def]
    client = client_for(user)
    client.cookies["linli_language"] = "en"
    return client


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.mark.django_db
def test_a_grant_call_says_when_applications_open(community, organiser, resident):
    opens = timezone.localdate() + timedelta(days=3)
    call = make_call(community, organiser, [], today=opens)
    page = en(resident).get(call.get_absolute_url()).content.decode()
    assert f"Applications open on {opens:%Y-%m-%d}" in page
    assert "Apply for a grant" not in page


@pytest.mark.django_db
def test_scoring_says_when_it_can_start(community, organiser):
    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    adopt(review_services.propose_rubric(users[0], contest), users)
    contest.refresh_from_db()
    assert contest.stage == "open"
    page = en(organiser).get(contest.get_absolute_url()).content.decode()
    assert "Scoring can start when applications close" in page
    assert "Start scoring" not in page
    Contest.objects.filter(pk=contest.pk).update(
        opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=4)
    )
    page = en(users[1]).get(contest.get_absolute_url()).content.decode()
    assert "Applications open on" in page


@pytest.mark.django_db
def test_budgeting_and_its_vote_say_when_they_open(community, organiser, resident):
    process = make_process(community, organiser, phase="upcoming")
    page = en(resident).get(process.get_absolute_url()).content.decode()
    assert "Ideas can be proposed from" in page and "Propose an idea" not in page
    process = make_process(community, organiser, phase="ideas", title="第二个")
    page = en(organiser).get(process.get_absolute_url()).content.decode()
    assert "The vote can be made once the idea phase ends" in page
    add_project(process, "雨棚", 3000)
    add_project(process, "椅子", 1200)
    shift(process, "review")
    from linli.budgeting import services

    vote = services.open_vote(organiser, process)
    Vote.objects.filter(pk=vote.pk).update(opens_at=timezone.now() + timedelta(days=2))
    page = en(resident).get(process.get_absolute_url()).content.decode()
    assert "Voting opens on" in page and "Vote now" not in page
    page = en(resident).get(vote.get_absolute_url()).content.decode()
    assert "Voting opens on" in page
