"""Check-in by code: used, foreign and unknown codes refused with a clear message; walk-ins;
attendance by courtyard; the ledger row of each attendance."""

from __future__ import annotations

import pytest

from linli.core.services import ServiceError
from linli.meetings import services
from linli.meetings.models import Meeting
from linli.participation.models import Act
from tests.conftest import make_household, make_person

from .conftest import english_client, make_meeting, member


def test_a_code_checks_in_once_and_writes_the_ledger(community, organiser, leader, resident):
    # A courtyard meeting involves those who come (a briefing only informs them: below).
    meeting = make_meeting(community, organiser, kind=Meeting.Kind.COURTYARD)
    registration = services.register(resident, meeting, member(resident))
    done = services.check_in(leader, meeting, registration.code.lower())  # typed in lower case
    assert done.checked_in_at and done.checked_in_by == leader
    act = Act.objects.get(member=member(resident))
    assert (act.method, act.channel, act.depth) == ("meeting", "in_person", 3)
    with pytest.raises(ServiceError, match="already used"):
        services.check_in(leader, meeting, registration.code)
    assert Act.objects.count() == 1


def test_the_scanned_address_works_like_the_code(organiser, meeting, resident):
    registration = services.register(resident, meeting, member(resident))
    assert services.check_in(organiser, meeting, services.checkin_url(registration)).attended


def test_a_code_of_another_meeting_or_an_unknown_code_is_refused(
    community, organiser, meeting, resident
):
    other = make_meeting(community, organiser, title="另一个会")
    registration = services.register(resident, other, member(resident))
    with pytest.raises(ServiceError, match="another meeting"):
        services.check_in(organiser, meeting, registration.code)
    with pytest.raises(ServiceError, match="not known"):
        services.check_in(organiser, meeting, "ABCDEFGHJK")
    with pytest.raises(ServiceError, match="Type or scan"):
        services.check_in(organiser, meeting, "  ")
    assert not Act.objects.exists()


def test_someone_waiting_cannot_check_in_with_their_code(community, organiser, resident, leader):
    meeting = make_meeting(community, organiser, capacity=1)
    services.register(resident, meeting, member(resident))
    waiting = services.register(leader, meeting, member(leader))
    with pytest.raises(ServiceError, match="has no place"):
        services.check_in(organiser, meeting, waiting.code)


def test_the_check_in_page_shows_the_refusal_and_keeps_the_code(community, organiser, meeting):
    url = f"/c/{community.slug}/meetings/{meeting.pk}/check-in/"
    response = english_client(organiser).post(url, {"action": "code", "code": "ZZZZZZZZZZ"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This code is not known" in page and 'value="ZZZZZZZZZZ"' in page


def test_walk_ins_and_attendance_by_courtyard(community, organiser, meeting, resident):
    huaishu = make_household(community, ["槐树院", "2栋", "1单元", "301"])
    neighbour = make_person(community, "n@test.org", household=huaishu)
    services.register(resident, meeting, member(resident))
    services.check_in(organiser, meeting, member(resident).meeting_registrations.get().code)
    services.walk_in(organiser, meeting, member(neighbour))
    services.walk_in(organiser, meeting, member(organiser))
    with pytest.raises(ServiceError, match="already checked in"):
        services.walk_in(organiser, meeting, member(neighbour))
    counts = {row.name: row.count for row in services.attendance_by_area(meeting)}
    assert counts == {"梧桐院": 1, "槐树院": 1, "no address recorded": 1}
    assert Act.objects.filter(method="meeting").count() == 3


def test_the_audience_of_a_briefing_is_informed_and_its_speakers_collaborate(
    community, organiser, meeting, resident, leader
):
    assert meeting.kind == Meeting.Kind.BRIEFING
    services.register(resident, meeting, member(resident))
    services.check_in(organiser, meeting, services.registration_of(meeting, member(resident)).code)
    assert Act.objects.get(member=member(resident)).depth == 1
    speaker = services.walk_in(organiser, meeting, member(leader))
    services.set_role(organiser, speaker, "speaker")
    assert Act.objects.get(member=member(leader)).depth == 4
    workshop = make_meeting(community, organiser, kind=Meeting.Kind.WORKSHOP, title="工作坊")
    services.walk_in(organiser, workshop, member(resident))
    assert Act.objects.get(member=member(resident), source_id=str(workshop.pk)).depth == 3


def test_speakers_collaborate_and_facilitators_lead(organiser, meeting, resident, leader):
    services.register(resident, meeting, member(resident))
    registration = services.walk_in(organiser, meeting, member(leader))
    services.set_role(organiser, registration, "facilitator")
    assert Act.objects.get(member=member(leader)).depth == 5
    other = services.registration_of(meeting, member(resident))
    services.set_role(organiser, other, "speaker")
    services.check_in(organiser, meeting, other.code)
    assert Act.objects.get(member=member(resident)).depth == 4


def test_online_attendance_and_trainings_in_the_ledger(community, organiser, resident):
    meeting = make_meeting(
        community, organiser, format=Meeting.Format.ONLINE, online_url="https://m.example.org/1"
    )
    registration = services.register(resident, meeting, member(resident))
    services.mark_attended_online(organiser, registration)
    act = Act.objects.get()
    assert (act.method, act.channel) == ("meeting", "online")


def test_residents_cannot_check_people_in(community, meeting, resident):
    registration = services.register(resident, meeting, member(resident))
    response = english_client(resident).post(
        f"/c/{community.slug}/meetings/{meeting.pk}/check-in/",
        {"action": "code", "code": registration.code},
    )
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.checked_in_at is None
