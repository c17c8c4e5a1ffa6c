"""Each named rule of surveys (linli/surveys/rules.py) for the organiser, a resident and the
public, in each phase of a survey: a draft, published before it opens, open, after it closes
(clock moved by time-machine), cancelled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from linli.core.permissions import can
from linli.surveys import services

from .conftest import full_survey

PHASES = ["draft", "before it opens", "open", "after it closes", "cancelled"]
ORGANISER_MAY = {
    "surveys.change_survey": {"draft", "before it opens", "open", "after it closes"},
    "surveys.publish_survey": {"draft"},
    "surveys.close_survey": {"open"},
}


@pytest.mark.parametrize("phase", PHASES)
def test_each_rule_in_each_phase(phase, community, organiser, resident, household, time_machine):
    now = timezone.now()
    survey = full_survey(
        community,
        organiser,
        publish=phase != "draft",
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=10),
    )
    if phase == "cancelled":
        services.cancel(organiser, survey)
    moment = {"open": 2, "after it closes": 11}.get(phase, 0)
    time_machine.move_to(now + timedelta(days=moment), tick=False)
    survey.refresh_from_db()
    for rule, phases in ORGANISER_MAY.items():
        assert can(organiser, rule, survey) == (phase in phases), (rule, phase)
        assert not can(resident, rule, survey)
        assert not can(AnonymousUser(), rule, survey)
