"""Each named rule of meetings (linli/meetings/rules.py), for each role, in each phase of a
meeting: a draft, published before its start (clock moved by time-machine), after its start, and
cancelled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from linli.core.permissions import can
from linli.meetings import services

from .conftest import make_meeting, member

PHASES = ["draft", "before the start", "after the start", "cancelled"]

# rule -> role -> the phases in which they may
MAY = {
    "meetings.see_meeting": {
        "organiser": set(PHASES),
        "resident": {"before the start", "after the start", "cancelled"},
        "anonymous": {"before the start", "after the start", "cancelled"},
    },
    "meetings.take_registration": {
        "organiser": {"before the start"},
        "resident": {"before the start"},
        "anonymous": set(),
    },
}


def meeting_in(phase, community, organiser, time_machine):  # type: ignore[no-untyped-def]
    start = timezone.now() + timedelta(days=3)
    meeting = make_meeting(community, organiser, publish=phase != "draft", starts_at=start)
    if phase == "cancelled":
        services.cancel_meeting(organiser, meeting, "下雨")
    if phase == "after the start":
        time_machine.move_to(start + timedelta(hours=1), tick=False)
    return meeting


@pytest.mark.parametrize("phase", PHASES)
def test_each_rule_for_each_role_in_each_phase(phase, community, people, time_machine):
    meeting = meeting_in(phase, community, people["organiser"], time_machine)
    users = {
        "organiser": people["organiser"],
        "resident": people["resident"],
        "anonymous": AnonymousUser(),
    }
    for rule, roles in MAY.items():
        for role, phases in roles.items():
            assert can(users[role], rule, meeting) == (phase in phases), (rule, role, phase)


@pytest.mark.parametrize("phase", PHASES)
def test_an_action_item_is_updated_by_its_owner_and_organisers_only(
    phase, community, organiser, resident, leader, time_machine
):
    meeting = meeting_in(phase, community, organiser, time_machine)
    item = services.add_action_item(organiser, meeting, text="修好路灯", owner=member(resident))
    assert can(resident, "meetings.update_action", item)
    assert can(organiser, "meetings.update_action", item)
    assert not can(leader, "meetings.update_action", item)
    assert not can(AnonymousUser(), "meetings.update_action", item)
