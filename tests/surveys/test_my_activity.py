"""A resident finds the surveys they answered under "my activity" - that they answered, never
what; an anonymous survey too, since the ledger points at the survey, not the response (seed 002
walked on a phone: the answer has to be findable afterwards)."""

from __future__ import annotations

import pytest
from django.utils import translation

from linli.core.activity import my_activity
from linli.core.models import Member
from linli.surveys import services
from linli.surveys.models import Survey
from linli.surveys.my_activity import activity

from .conftest import full_survey, good_answers

pytestmark = pytest.mark.django_db


def test_an_answered_survey_is_my_activity_without_the_answers(survey, community, resident):
    me = Member.objects.get(user=resident, community=community)
    assert activity(me) == []
    services.submit(resident, survey, good_answers(community))
    with translation.override("en"):
        rows = activity(me)
        assert [(str(r.kind), r.title, r.url, str(r.status)) for r in rows] == [
            ("Surveys I answered", "Courtyard survey", survey.get_absolute_url(), "online")
        ]
        groups = my_activity(me)
    assert [str(g["kind"]) for g in groups] == ["Surveys I answered"]
    assert "晒太阳" not in repr(rows)


def test_an_anonymous_survey_is_listed_too(community, organiser, resident, household):
    anonymous = full_survey(community, organiser, mode=Survey.Mode.ANONYMOUS)
    me = Member.objects.get(user=resident, community=community)
    services.submit(resident, anonymous, good_answers(community))
    assert [r.url for r in activity(me)] == [anonymous.get_absolute_url()]
