"""A budget process in any phase, ideas, and a knapsack vote with ballots cast through votes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from linli.budgeting import services
from linli.budgeting.models import Idea, Process
from linli.core.models import Member
from linli.votes import services as vote_services

# Offsets (days) of each phase start relative to "now" that put the process in a phase.
PHASE_STARTS = {
    "upcoming": 1,
    "ideas": -1,
    "review": -11,
    "vote": -21,
    "results": -31,
    "implementation": -41,
}


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def make_process(community, organiser, phase: str = "ideas", **fields) -> Process:  # type: ignore[no-untyped-def]
    start = timezone.now() + timedelta(days=PHASE_STARTS[phase])
    process = Process(
        community=community,
        title=fields.pop("title", "2026 院落微更新"),
        budget=fields.pop("budget", 100_000),
        ideas_open_at=start,
        review_starts_at=start + timedelta(days=10),
        vote_opens_at=start + timedelta(days=20),
        vote_closes_at=start + timedelta(days=30),
        implementation_starts_at=start + timedelta(days=40),
        ballot_type=fields.pop("ballot_type", "knapsack"),
        rule=fields.pop("rule", "mes_cost"),
        **fields,
    )
    services.save_process(organiser, process)
    services.publish(organiser, process)
    return process


def member(user) -> Member:  # type: ignore[no-untyped-def]
    return Member.objects.get(user=user)


def english_client(user):  # type: ignore[no-untyped-def]
    from tests.conftest import client_for

    client = client_for(user)
    client.cookies["linli_language"] = "en"
    return client


def add_project(process: Process, title: str, cost: int, **fields) -> Idea:  # type: ignore[no-untyped-def]
    """A feasible idea written straight to the table (the review is tested on its own)."""
    return Idea.objects.create(
        process=process, title=title, body=title, status=Idea.Status.FEASIBLE, cost=cost, **fields
    )


def shift(process: Process, phase: str) -> Process:
    """Move the process's dates so that it is now in ``phase`` (keeps the vote in step)."""
    start = timezone.now() + timedelta(days=PHASE_STARTS[phase])
    Process.objects.filter(pk=process.pk).update(
        ideas_open_at=start,
        review_starts_at=start + timedelta(days=10),
        vote_opens_at=start + timedelta(days=20),
        vote_closes_at=start + timedelta(days=30),
        implementation_starts_at=start + timedelta(days=40),
    )
    process.refresh_from_db()
    if process.vote is not None:
        type(process.vote).objects.filter(pk=process.vote_id).update(
            opens_at=process.vote_opens_at, closes_at=process.vote_closes_at
        )
        process.vote.refresh_from_db()
    return process


def cast(process: Process, voter_member: Member, ideas: list[Idea]) -> None:
    vote = process.vote
    assert vote is not None
    question = vote.questions.get()
    vote_services.cast(
        voter_member.user,
        vote,
        {str(question.pk): [type(i).objects.get(pk=i.pk).option_id for i in ideas]},
    )


@pytest.fixture
def process(community, organiser) -> Process:  # type: ignore[no-untyped-def]
    return make_process(community, organiser)


def closed_process(community, organiser, voters: list[Member], **fields):  # type: ignore[no-untyped-def]
    """A knapsack process whose vote is over and whose outcome is published: 健身角 and 雨棚
    funded (three ballots), 花园 not (one ballot)."""
    process = make_process(community, organiser, phase="ideas", **fields)
    ideas = [  # fixed ids: MES breaks ties by project id as text (see test_flow)
        add_project(process, "健身角", 60_000, pabulib_id="1"),
        add_project(process, "雨棚", 30_000, pabulib_id="2"),
        add_project(process, "花园", 50_000, pabulib_id="3"),
    ]
    shift(process, "review")
    services.open_vote(organiser, process)
    shift(process, "vote")
    for n, voter in enumerate(voters):
        cast(process, voter, ideas[:2] if n % 4 != 3 else ideas[2:])
    shift(process, "results")
    services.compute_outcome(organiser, process)
    services.publish_outcome(organiser, process)
    return process, ideas


def make_voters(community, n: int) -> list[Member]:  # type: ignore[no-untyped-def]
    from linli.core.models import Role
    from tests.conftest import make_household, make_person

    household = make_household(community, ["梧桐院", "2栋", "1单元", "201"])
    return [
        member(make_person(community, f"v{i}@test.org", Role.RESIDENT, household)) for i in range(n)
    ]
