"""Answering a survey: each mode's guarantees, saving for later, closed surveys, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from linli.core.models import Member
from linli.core.services import ServiceError
from linli.participation.models import Act
from linli.surveys import services
from linli.surveys.models import Answer, Draft, Participation, Response, Survey
from tests.conftest import make_person

from .conftest import en_client, full_survey, good_answers


def member(user, community):
    return Member.objects.get(user=user, community=community)


def test_identified_one_response_per_resident_editable_until_close(survey, community, resident):
    me = member(resident, community)
    first = services.submit(me.user, survey, good_answers(community))
    assert not first.replaced
    changed = {**good_answers(community), "q4": 1}
    second = services.submit(me.user, survey, changed)
    assert second.replaced and second.response.pk == first.response.pk
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.get(response=first.response, question__key="q4").number == 1
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    survey.refresh_from_db()
    with pytest.raises(ServiceError, match="closed"):
        services.submit(me.user, survey, good_answers(community))


def test_anonymous_mode_stores_no_link_between_person_and_answers(
    community, organiser, resident, household
):
    survey = full_survey(community, organiser, Survey.Mode.ANONYMOUS)
    me = member(resident, community)
    outcome = services.submit(me.user, survey, good_answers(community))
    response = Response.objects.get(pk=outcome.response.pk)
    assert response.member is None and response.entered_by is None
    # Nothing in the row points at the person: random key, the day only, no member or user.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM surveys_response")
        columns = [c[0] for c in cursor.description]
        row = dict(zip(columns, cursor.fetchone(), strict=True))
    assert row["member_id"] is None and row["entered_by_id"] is None
    assert not any("time" in name or name.endswith("_at") for name in columns), (
        "a response must not carry a time that could be matched against the roll"
    )
    assert str(me.pk) not in {str(v) for v in row.values()}
    # The roll and the ledger know that the resident answered - pointing at the survey, not the response.
    assert Participation.objects.filter(survey=survey, member=me).exists()
    act = Act.objects.get(member=me, method="survey")
    assert (act.source_type, act.source_id) == ("surveys.survey", str(survey.pk))
    assert act.depth == 2 and act.channel == "online"
    # And only once.
    with pytest.raises(ServiceError, match="already answered"):
        services.submit(me.user, survey, good_answers(community))
    assert services.own_response(survey, me) is None


def test_only_verified_residents_answer_identified_and_anonymous_surveys(
    survey, community, outsider
):
    client = en_client(outsider)
    response = client.get(f"/c/{community.slug}/surveys/{survey.pk}/answer/", follow=True)
    assert "Only verified residents" in response.content.decode()
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    response = en_client(pending).get(
        f"/c/{community.slug}/surveys/{survey.pk}/answer/", follow=True
    )
    assert "Only verified residents" in response.content.decode()
    assert not Response.objects.exists()


def test_open_survey_anyone_with_the_link_once_per_browser(
    community, organiser, household, settings
):
    survey = full_survey(community, organiser, Survey.Mode.OPEN)
    client = en_client(None)
    assert client.get(survey.open_link).url == survey.get_absolute_url()
    url = f"/c/{community.slug}/surveys/{survey.pk}/answer/"
    page = client.post(url, {"section": "s1", "q1": "o2", "action": "next"})
    assert page.status_code == 302 and "section=s3" in page.url
    done = client.post(url, {"section": "s3", "q5": "30", "action": "next"})
    assert done.status_code == 302 and done.url.endswith("/thanks/")
    assert Response.objects.filter(survey=survey, member=None).count() == 1
    again = client.get(url, follow=True)
    assert "already answered" in again.content.decode()
    # A robot filling the hidden field gets nothing.
    bot = en_client(None)
    assert (
        bot.post(
            url, {"section": "s1", "q1": "o2", "website": "spam", "action": "next"}
        ).status_code
        == 404
    )


def test_open_survey_limits_answers_per_connection(community, organiser, household, settings):
    settings.SURVEY_OPEN_RESPONSES_PER_HOUR = 2
    survey = full_survey(community, organiser, Survey.Mode.OPEN)
    url = f"/c/{community.slug}/surveys/{survey.pk}/answer/"
    for _i in range(2):
        client = en_client(None)
        client.post(url, {"section": "s1", "q1": "o2", "action": "next"})
        client.post(url, {"section": "s3", "action": "next"})
    blocked = en_client(None)
    blocked.post(url, {"section": "s1", "q1": "o2", "action": "next"})
    response = blocked.post(url, {"section": "s3", "action": "next"}, follow=True)
    assert "Too many answers" in response.content.decode()
    assert Response.objects.filter(survey=survey).count() == 2


def test_save_and_continue_later_across_pages(survey, community, resident):
    client = en_client(resident)
    url = f"/c/{community.slug}/surveys/{survey.pk}/answer/"
    assert client.post(
        url, {"section": "s1", "q1": "o1", "q2": "下棋", "action": "next"}
    ).url.endswith("section=s2")
    saved = client.post(url, {"section": "s2", "q3": ["o3"], "action": "save"})
    assert saved.status_code == 302
    draft = Draft.objects.get(survey=survey)
    assert draft.answers == {"q1": "o1", "q2": "下棋", "q3": ["o3"]} and draft.section == "s2"
    # Later, on another device: the survey page offers to continue, and the answers are there.
    later = en_client(resident)
    assert "Continue answering" in later.get(survey.get_absolute_url()).content.decode()
    page = later.get(url).content.decode()
    assert 'value="o3" checked' in page
    # Going back keeps what was typed.
    back = later.post(url, {"section": "s2", "q3": ["o3"], "q4": "5", "action": "back"})
    assert back.url.endswith("section=s1")
    assert Draft.objects.get(survey=survey).answers["q4"] == 5
    later.post(url, {"section": "s1", "q1": "o1", "action": "next"})
    later.post(url, {"section": "s2", "q3": ["o3"], "q4": "5", "action": "next"})
    done = later.post(url, {"section": "s3", "q5": "70", "action": "next"})
    assert done.url.endswith("/thanks/")
    assert not Draft.objects.exists()
    response = Response.objects.get(survey=survey)
    assert services.stored_answers(response) == {"q1": "o1", "q3": ["o3"], "q4": 5, "q5": 70}


def test_changing_an_early_answer_drops_the_questions_it_no_longer_opens(
    survey, community, resident
):
    client = en_client(resident)
    url = f"/c/{community.slug}/surveys/{survey.pk}/answer/"
    client.post(url, {"section": "s1", "q1": "o1", "q2": "x", "action": "next"})
    client.post(url, {"section": "s2", "q3": ["o1"], "q4": "3", "action": "back"})
    client.post(url, {"section": "s1", "q1": "o2", "action": "next"})
    client.post(url, {"section": "s3", "action": "next"})
    stored = services.stored_answers(Response.objects.get(survey=survey))
    assert stored == {"q1": "o2"}


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        (
            {"section": "s1", "q1": "o2", "q2": "but I do", "action": "next"},
            "not asked after your earlier answers",
        ),
        ({"section": "s1", "q1": "o9", "action": "next"}, "Choose one of the options shown"),
        ({"section": "s1", "action": "next"}, "Please answer this question"),
        ({"section": "s1", "q1": "o2", "q77": "x", "action": "next"}, "no such question"),
    ],
)
def test_bad_answers_are_refused_with_a_clear_message(survey, community, resident, posted, message):
    response = en_client(resident).post(f"/c/{community.slug}/surveys/{survey.pk}/answer/", posted)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Draft.objects.exists() and not Response.objects.exists()


def test_out_of_range_keeps_what_was_typed(survey, community, resident):
    client = en_client(resident)
    url = f"/c/{community.slug}/surveys/{survey.pk}/answer/"
    client.post(url, {"section": "s1", "q1": "o2", "action": "next"})
    response = client.post(url, {"section": "s3", "q5": "150", "q10": "装灯", "action": "next"})
    page = response.content.decode()
    assert response.status_code == 400 and "from 0 to 120" in page
    assert 'value="150"' in page and 'value="装灯"' in page


def test_closed_upcoming_and_full_surveys_take_no_answers(
    community, organiser, resident, household
):
    me = member(resident, community)
    upcoming = full_survey(
        community,
        organiser,
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=2),
    )
    with pytest.raises(ServiceError, match="not open"):
        services.submit(me.user, upcoming, good_answers(community))
    full = full_survey(community, organiser, max_responses=1)
    other = member(make_person(community, "neighbour@test.org", household=household), community)
    services.submit(other.user, full, good_answers(community))
    assert full.phase() == "full"
    with pytest.raises(ServiceError, match="all the responses it needed"):
        services.submit(me.user, full, good_answers(community))
    response = en_client(resident).get(
        f"/c/{community.slug}/surveys/{full.pk}/answer/", follow=True
    )
    assert "not open for answers" in response.content.decode()


def test_answering_needs_sign_in_for_resident_surveys(survey, community):
    response = en_client(None).get(f"/c/{community.slug}/surveys/{survey.pk}/answer/")
    assert response.status_code == 302 and "/login/" in response.url


def test_thanks_page_shows_the_organisers_message(community, organiser, resident, household):
    survey = full_survey(
        community, organiser, thanks={"zh-hans": "谢谢您！", "en": "We will report back in May."}
    )
    services.submit(resident, survey, good_answers(community))
    page = (
        en_client(resident).get(f"/c/{community.slug}/surveys/{survey.pk}/thanks/").content.decode()
    )
    assert "We will report back in May." in page
