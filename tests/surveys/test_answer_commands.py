"""Answering and saving a draft are commands checked against ``surveys.answer``: residents (and,
in an open-link survey, anyone) may; each phase of the survey says its own refusal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from linli.core.kit import Forbidden, Refused
from linli.core.models import Member
from linli.core.permissions import can
from linli.participation.models import Act
from linli.surveys import services
from linli.surveys.models import Draft, Response, Survey
from tests.conftest import make_person

from .conftest import full_survey, good_answers


@pytest.mark.parametrize("mode", [Survey.Mode.IDENTIFIED, Survey.Mode.ANONYMOUS])
def test_outsiders_pending_members_and_visitors_may_not_answer(
    mode, community, organiser, outsider
):
    survey = full_survey(community, organiser, mode)
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    for who in (outsider, pending, AnonymousUser()):
        assert not can(who, "surveys.answer", survey)
        with pytest.raises(Forbidden, match=r"^surveys\.answer$"):
            services.submit(who, survey, good_answers(community))
        with pytest.raises(Forbidden, match=r"^surveys\.answer$"):
            services.save_draft(who, survey, "session", {"q1": "o1"}, "s1")
    assert not Response.objects.exists() and not Draft.objects.exists()


def test_each_standing_from_resident_up_answers_once_with_a_ledger_row(
    survey, community, resident, leader, organiser
):
    for who in (resident, leader, organiser):
        assert services.submit(who, survey, good_answers(community)).replaced is False
    assert Response.objects.filter(survey=survey).count() == 3
    assert Act.objects.filter(method="survey", member__community=community).count() == 3


def test_anyone_with_the_link_answers_an_open_survey_and_keeps_a_draft_by_session(
    community, organiser, outsider
):
    survey = full_survey(community, organiser, Survey.Mode.OPEN)
    services.submit(AnonymousUser(), survey, {"q1": "o2"})
    services.submit(outsider, survey, {"q1": "o2"})
    draft = services.save_draft(AnonymousUser(), survey, "abc", {"q1": "o1"}, "s2")
    assert (draft.session_key, draft.member, draft.section) == ("abc", None, "s2")
    assert Response.objects.filter(survey=survey, member=None).count() == 2
    assert not Act.objects.exists()
    with pytest.raises(Refused, match=r"^Sign in to save your answers for later\.$"):
        services.save_draft(AnonymousUser(), survey, "", {"q1": "o1"}, "s1")


def test_a_draft_is_kept_only_while_the_survey_is_open(
    community, organiser, resident, time_machine
):
    now = timezone.now()
    survey = full_survey(
        community,
        organiser,
        opens_at=now + timedelta(days=1),
        closes_at=now + timedelta(days=10),
    )
    with pytest.raises(Refused, match=r"^The survey is not open for answers\.$"):
        services.save_draft(resident, survey, "", {"q1": "o1"}, "s1")
    time_machine.move_to(now + timedelta(days=2), tick=False)
    draft = services.save_draft(resident, survey, "", {"q1": "o1"}, "s2")
    assert draft.member == Member.objects.get(user=resident) and draft.answers == {"q1": "o1"}
    services.submit(resident, survey, good_answers(community))
    assert not Draft.objects.exists()  # the answers sent, the draft is forgotten
    time_machine.move_to(now + timedelta(days=11), tick=False)
    with pytest.raises(Refused, match=r"^The survey is not open for answers\.$"):
        services.save_draft(resident, survey, "", {"q1": "o1"}, "s1")
    with pytest.raises(Refused, match=r"^The survey has closed; answers can no longer change\.$"):
        services.submit(resident, survey, good_answers(community))
