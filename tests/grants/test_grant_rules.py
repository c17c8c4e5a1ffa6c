"""Each named rule of micro-grants (``linli/grants/rules.py``) for each role, in each status of
the call or application and at moments across the call's dates (time-machine): the status
decides, the calendar does not."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from linli.core.kit import Forbidden, Refused
from linli.core.permissions import can, require
from linli.grants.models import Application, Call

MOMENTS = {"before it opens": -5, "while open": 3, "after the awards": 60}  # days from today
MANAGERS = {"organiser", "community_admin"}


def _at(time_machine, days: int) -> None:
    time_machine.move_to(datetime.now(tz=timezone.get_current_timezone()) + timedelta(days))


@pytest.mark.parametrize("status", Call.Status.values)
def test_criteria_change_only_while_the_call_is_a_draft(status, call, people, time_machine):
    Call.objects.filter(pk=call.pk).update(status=status)
    call.refresh_from_db()
    criterion = call.criteria.first()
    for days in MOMENTS.values():
        _at(time_machine, days)
        for role, user in people.items():
            allowed = role in MANAGERS and status == Call.Status.DRAFT
            for target in (call, criterion):
                assert can(user or AnonymousUser(), "grants.edit_criteria", target) == allowed


@pytest.mark.parametrize("status", Application.Status.values)
def test_only_an_application_under_review_is_declined(
    status, call, organiser, resident, people, time_machine
):
    application = Application(call=call, status=status)
    for days in MOMENTS.values():
        _at(time_machine, days)
        for role, user in people.items():
            allowed = role in MANAGERS and status == Application.Status.REVIEW
            assert can(user or AnonymousUser(), "grants.decline", application) == allowed
        with pytest.raises(Forbidden, match=r"^grants\.decline$"):
            require(resident, "grants.decline", application)
        if status != Application.Status.REVIEW:
            with pytest.raises(
                Refused, match=r"^Only applications under review can be declined\.$"
            ):
                require(organiser, "grants.decline", application)
