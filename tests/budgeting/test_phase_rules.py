"""Each named rule of participatory budgeting (``linli/budgeting/phase_rules.py``) for each role,
in each status of the process or the idea's appeal and in each phase of the calendar
(time-machine): the status decides, the calendar does not."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from linli.budgeting.models import Idea, Process
from linli.core.kit import Forbidden, Refused
from linli.core.permissions import PREDICATES, can, require

from .conftest import PHASE_STARTS, make_process

MANAGERS = {"organiser", "community_admin"}
APPEALS = {
    # name -> (appealed, decided, ballot made), and whether it may be decided now
    "no appeal": ((False, None, False), False),
    "open appeal": ((True, None, False), True),
    "appeal decided": ((True, True, False), False),
    "open appeal, ballot made": ((True, None, True), False),
}


def _moments(process, time_machine):
    """Move the clock into each phase of the process's calendar in turn."""
    for phase, days in PHASE_STARTS.items():
        time_machine.move_to(process.ideas_open_at - timedelta(days=days), tick=False)
        assert process.phase in (phase, "draft")
        yield phase


@pytest.mark.parametrize("published", [False, True])
def test_a_process_is_published_once(published, community, organiser, people, time_machine):
    process = make_process(community, organiser)
    if not published:
        Process.objects.filter(pk=process.pk).update(status=Process.Status.DRAFT)
        process.refresh_from_db()
    for phase in _moments(process, time_machine):
        for role, user in people.items():
            allowed = role in MANAGERS and not published
            assert can(user or AnonymousUser(), "budgeting.publish", process) == allowed, phase


@pytest.mark.parametrize("state", APPEALS)
def test_an_appeal_is_decided_once_and_before_the_ballot(
    state, community, organiser, resident, people, time_machine
):
    (appealed, upheld, ballot_made), may = APPEALS[state]
    process = make_process(community, organiser)
    if ballot_made:
        process.vote_id = 10**6  # only the id is read
    idea = Idea(
        process=process,
        appealed_at=timezone.now() if appealed else None,
        appeal_upheld=upheld,
    )
    for phase in _moments(process, time_machine):
        for role, user in people.items():
            allowed = role in MANAGERS and may
            assert can(user or AnonymousUser(), "budgeting.decide_appeal", idea) == allowed, phase
        with pytest.raises(Forbidden, match=r"^budgeting\.decide_appeal$"):
            require(resident, "budgeting.decide_appeal", idea)
        if not may:
            told = "|".join(
                re.escape(str(words)) for _, words in PREDICATES["budgeting.decide_appeal"].when
            )
            with pytest.raises(Refused, match=f"^({told})$"):
                require(organiser, "budgeting.decide_appeal", idea)
