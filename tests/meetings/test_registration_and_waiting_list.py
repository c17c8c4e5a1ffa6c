"""Capacity, the waiting list, a freed place offered by a link with an expiry, staff sign-ups."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, close_old_connections, connection

from linli.core.models import Notification, Role
from linli.core.services import ServiceError
from linli.meetings import services
from linli.meetings.models import Meeting, Registration
from tests.conftest import make_person

from .conftest import english_client, make_meeting, member


def attempt(person, meeting_pk: int) -> str:
    """One sign-up as a phone would send it: the in-memory test database answers "locked" at
    once instead of waiting, so a refused try is sent again, as the resident would press again."""
    for _try in range(200):
        try:
            return services.register(person.user, Meeting.objects.get(pk=meeting_pk), person).status
        except OperationalError:
            time.sleep(0.01)
    return "busy"


def test_places_then_waiting_list(community, organiser, resident, leader):
    meeting = make_meeting(community, organiser, capacity=1)
    first = services.register(resident, meeting, member(resident))
    second = services.register(leader, meeting, member(leader))
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITING
    assert services.places_left(meeting) == 0
    with pytest.raises(ServiceError, match="already registered"):
        services.register(resident, meeting, member(resident))


def test_a_freed_place_is_offered_and_confirmed_by_the_link(community, organiser, resident, leader):
    meeting = make_meeting(community, organiser, capacity=1)
    first = services.register(resident, meeting, member(resident))
    services.register(leader, meeting, member(leader))
    services.cancel_registration(resident, first)
    offered = Registration.objects.get(member=member(leader))
    assert offered.status == Registration.Status.OFFERED and offered.offer_token
    note = Notification.objects.filter(user=leader, url__contains=offered.offer_token).get()
    # the link works without signing in (a resident may open it on another phone)
    page = english_client(None).get(note.url)
    assert page.status_code == 200 and "Yes, I will come" in page.content.decode()
    english_client(None).post(note.url, {"accept": "1"})
    offered.refresh_from_db()
    assert offered.status == Registration.Status.CONFIRMED and not offered.offer_token
    assert english_client(None).post(note.url, {"accept": "1"}).status_code == 400  # used once


def test_an_expired_offer_goes_to_the_next_person(
    community, organiser, resident, leader, time_machine
):
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    third = make_person(community, "third@test.org")
    meeting = make_meeting(community, organiser, capacity=1)
    first = services.register(resident, meeting, member(resident))
    services.register(leader, meeting, member(leader))
    services.register(third, meeting, member(third))
    services.cancel_registration(resident, first)
    offered = Registration.objects.get(member=member(leader))
    time_machine.shift(timedelta(hours=25))
    assert services.sweep()["offers_released"] == 1
    offered.refresh_from_db()
    assert offered.status == Registration.Status.EXPIRED
    assert Registration.objects.get(member=member(third)).status == Registration.Status.OFFERED
    with pytest.raises(ServiceError, match="no longer valid"):
        services.answer_offer(AnonymousUser(), meeting, offered.offer_token or "gone", accept=True)


def test_declining_an_offer_passes_it_on(community, organiser, resident, leader):
    third = make_person(community, "third@test.org")
    meeting = make_meeting(community, organiser, capacity=1)
    first = services.register(resident, meeting, member(resident))
    services.register(leader, meeting, member(leader))
    services.register(third, meeting, member(third))
    services.cancel_registration(resident, first)
    token = Registration.objects.get(member=member(leader)).offer_token
    services.answer_offer(AnonymousUser(), meeting, token, accept=False)
    assert Registration.objects.get(member=member(third)).status == Registration.Status.OFFERED


def test_more_places_offer_them_to_people_waiting(community, organiser, resident, leader):
    meeting = make_meeting(community, organiser, capacity=1)
    services.register(resident, meeting, member(resident))
    services.register(leader, meeting, member(leader))
    from linli.core import audit

    before = audit.snapshot(meeting)
    meeting.capacity = 2
    services.save_meeting(organiser, meeting, before=before)
    assert Registration.objects.get(member=member(leader)).status == Registration.Status.OFFERED


def test_capacity_cannot_drop_below_people_holding_a_place(community, organiser, resident, leader):
    meeting = make_meeting(community, organiser, capacity=5)
    services.register(resident, meeting, member(resident))
    services.register(leader, meeting, member(leader))
    meeting.capacity = 1
    with pytest.raises(ServiceError, match="already hold a place"):
        services.save_meeting(organiser, meeting, before={})


def test_invitation_only(community, organiser, resident, leader):
    meeting = make_meeting(
        community, organiser, publish=False, registration=Meeting.Registration.INVITATION
    )
    services.invite(organiser, meeting, [member(leader)])
    services.publish(organiser, meeting)
    assert Notification.objects.filter(user=leader, kind="meeting_registration").exists()
    with pytest.raises(ServiceError, match="invitation only"):
        services.register(resident, meeting, member(resident))
    assert services.register(leader, meeting, member(leader)).status == "confirmed"


def test_staff_register_a_resident_without_an_account(community, organiser):
    from linli.core.models import Member

    granny = Member.objects.create(community=community, name="张婆婆", status="verified")
    meeting = make_meeting(community, organiser)
    response = english_client(organiser).post(
        f"/c/{community.slug}/meetings/{meeting.pk}/register-for/",
        {"member": granny.pk, "channel": "phone", "wheelchair": "on"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(member=granny)
    assert registration.channel == "phone" and registration.registered_by == organiser
    assert [a.kind for a in registration.accommodations.all()] == ["wheelchair"]


def test_a_resident_cannot_register_someone_else(community, organiser, resident, leader):
    meeting = make_meeting(community, organiser)
    with pytest.raises(Exception, match="register_others"):
        services.register(resident, meeting, member(leader))


def test_no_registration_for_drafts_past_or_cancelled(community, organiser, resident):
    from django.utils import timezone

    draft = make_meeting(community, organiser, publish=False)
    past = make_meeting(
        community,
        organiser,
        starts_at=timezone.now() - timedelta(days=2),
    )
    for meeting in (draft, past):
        with pytest.raises(ServiceError, match="does not take registrations"):
            services.register(resident, meeting, member(resident))


@pytest.mark.django_db(transaction=True)
def test_two_residents_for_the_last_place_exactly_one_gets_it(community, organiser):
    people = [member(make_person(community, f"p{i}@test.org")) for i in range(2)]
    # repeat with a fresh meeting each round, to make a lucky interleaving unlikely
    for round_ in range(5):
        meeting = make_meeting(community, organiser, capacity=1, title=f"round {round_}")
        start = threading.Barrier(2)
        outcomes: list[str] = []

        def sign_up(person, meeting=meeting, start=start, outcomes=outcomes):
            try:
                start.wait()
                outcomes.append(attempt(person, meeting.pk))
            finally:
                close_old_connections()
                connection.close()

        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(sign_up, people))
        assert sorted(outcomes) == ["confirmed", "waiting"], outcomes
        assert meeting.registrations.filter(status="confirmed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_sign_ups_for_five_places(community, organiser):
    meeting = make_meeting(community, organiser, capacity=5)
    people = [member(make_person(community, f"q{i}@test.org", Role.RESIDENT)) for i in range(20)]
    start = threading.Barrier(20)
    outcomes: list[str] = []

    def sign_up(person):
        try:
            start.wait()
            outcomes.append(attempt(person, meeting.pk))
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(sign_up, people))
    assert outcomes.count("confirmed") == 5 and outcomes.count("waiting") == 15
    assert meeting.registrations.filter(status="confirmed").count() == 5
