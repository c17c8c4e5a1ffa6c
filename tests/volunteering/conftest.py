"""Messages are checked in English; a team with a resident leader (team leaders are not a
community role), a team member, and helpers to make activities."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from linli.core.models import Member, Role
from linli.volunteering import services
from linli.volunteering.models import Activity, Team, TeamMember
from tests.conftest import client_for, make_person


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def member(user) -> Member:  # type: ignore[no-untyped-def]
    return Member.objects.get(user=user)


def english_client(user):  # type: ignore[no-untyped-def]
    client = client_for(user)
    client.cookies["linli_language"] = "en"
    return client


def make_team(community, organiser, leader_user, joining=Team.Joining.OPEN, name="护绿队") -> Team:  # type: ignore[no-untyped-def]
    team = Team(community=community, name=name, purpose="照看院落的花木", joining=joining)
    services.save_team(organiser, team)
    tm = TeamMember.objects.create(
        team=team, member=member(leader_user), role=TeamMember.Role.LEADER, status="invited"
    )
    services._activate(tm)
    return team


def make_activity(team, actor, starts_in=timedelta(days=5), hours=2, **fields) -> Activity:  # type: ignore[no-untyped-def]
    starts = timezone.now() + starts_in
    activity = Activity(
        team=team,
        title=fields.pop("title", "周六护绿"),
        place=fields.pop("place", "启明花园"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        **fields,
    )
    services.save_activity(actor, activity)
    return activity


@pytest.fixture
def team_leader(community, household):  # type: ignore[no-untyped-def]
    """A resident who leads the team."""
    return make_person(community, "teamleader@test.org", Role.RESIDENT, household, language="en")


@pytest.fixture
def team_member(community, household):  # type: ignore[no-untyped-def]
    return make_person(community, "teammember@test.org", Role.RESIDENT, household, language="en")


@pytest.fixture
def team(community, organiser, team_leader, team_member) -> Team:  # type: ignore[no-untyped-def]
    team = make_team(community, organiser, team_leader)
    services.add_members(team_leader, team, [member(team_member)], invite=False)
    return team


def join_all(team, users) -> None:  # type: ignore[no-untyped-def]
    for user in users:
        tm, _ = TeamMember.objects.get_or_create(
            team=team, member=member(user), defaults={"status": "invited"}
        )
        services._activate(tm)
