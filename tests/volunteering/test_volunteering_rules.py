"""Each named rule of volunteering (linli/volunteering/rules.py) for each person, and the
sign-up rule in each phase of a shift: published before its start, after its start (clock moved
by time-machine), cancelled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from linli.core.permissions import can
from linli.volunteering import services
from linli.volunteering.models import Team

from .conftest import make_activity, member

PHASES = ["before the start", "after the start", "cancelled"]


@pytest.mark.parametrize("phase", PHASES)
def test_signing_up_is_taken_before_the_start_of_a_published_shift(
    phase, team, team_leader, team_member, organiser, time_machine
):
    activity = make_activity(team, team_leader, starts_in=timedelta(days=2))
    if phase == "cancelled":
        services.cancel_activity(team_leader, activity, "下雨")
    if phase == "after the start":
        time_machine.move_to(activity.starts_at + timedelta(minutes=30), tick=False)
    activity.refresh_from_db()
    for user in (team_member, team_leader, organiser):
        assert can(user, "volunteering.sign_up_for", activity) == (phase == "before the start")
    assert not can(AnonymousUser(), "volunteering.sign_up_for", activity)


@pytest.mark.parametrize("phase", PHASES)
def test_leaders_and_organisers_lead_a_team_in_every_phase(
    phase, team, team_leader, team_member, organiser, resident, time_machine
):
    activity = make_activity(team, team_leader, starts_in=timedelta(days=2))
    signup = services.sign_up(team_member, activity, member(team_member))
    if phase == "cancelled":
        services.cancel_activity(team_leader, activity, "下雨")
    if phase == "after the start":
        time_machine.move_to(activity.starts_at + timedelta(minutes=30), tick=False)
    for thing in (team, activity, signup):
        assert can(team_leader, "volunteering.lead_team", thing)
        assert can(organiser, "volunteering.lead_team", thing)
        assert not can(team_member, "volunteering.lead_team", thing)
        assert not can(resident, "volunteering.lead_team", thing)
    # A sign-up is withdrawn by its volunteer or the team's leaders, nobody else.
    assert can(team_member, "volunteering.withdraw", signup)
    assert can(team_leader, "volunteering.withdraw", signup)
    assert not can(resident, "volunteering.withdraw", signup)
    assert not can(AnonymousUser(), "volunteering.withdraw", signup)


def test_teams_are_started_by_organisers_and_edited_by_their_leaders(
    community, team, team_leader, team_member, organiser
):
    new = Team(community=community, name="墙绘队")
    assert can(organiser, "volunteering.edit_team", new)
    assert not can(team_leader, "volunteering.edit_team", new)
    assert can(team_leader, "volunteering.edit_team", team)
    assert not can(team_member, "volunteering.edit_team", team)


def test_a_certificate_is_issued_for_oneself_or_by_an_organiser(
    team_member, team_leader, organiser
):
    person = member(team_member)
    assert can(team_member, "volunteering.issue_certificate", person)
    assert can(organiser, "volunteering.issue_certificate", person)
    assert not can(team_leader, "volunteering.issue_certificate", person)
    assert not can(AnonymousUser(), "volunteering.issue_certificate", person)
