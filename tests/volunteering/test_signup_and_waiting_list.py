"""Sign-up, cancel until the start, a waiting list that offers freed places by a secret link,
group sign-up all-or-nothing, and no more places taken than there are, even at once."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, close_old_connections, connection

from linli.core.models import Role
from linli.core.services import ServiceError
from linli.volunteering import services
from linli.volunteering.models import Activity, SignUp, Team, TeamMember
from tests.conftest import make_person

from .conftest import english_client, join_all, make_activity, make_team, member


def test_places_then_waiting_list_then_offer_by_link(team, team_leader, team_member, resident):
    activity = make_activity(team, team_leader, capacity=1)
    first = services.sign_up(team_member, activity, member(team_member))
    second = services.sign_up(resident, activity, member(resident))  # open team: anyone
    assert first.status == "confirmed" and second.status == "waiting"
    assert TeamMember.objects.get(team=team, member=member(resident)).status == "active"
    services.cancel_signup(team_member, first)
    second.refresh_from_db()
    assert second.status == "offered" and second.offer_token and second.offer_expires_at
    # the link works without signing in
    url = f"/c/{team.community.slug}/volunteering/activities/{activity.pk}/offer/{second.offer_token}/"
    client = english_client(None)
    assert "a place has become free for you" in client.get(url).content.decode()
    assert client.post(url, {"accept": "1"}).status_code == 302
    second.refresh_from_db()
    assert second.status == "confirmed" and not second.offer_token
    assert client.post(url, {"accept": "1"}).status_code == 400  # used once


def test_an_expired_offer_goes_to_the_next_person(
    team, team_leader, team_member, resident, leader, time_machine
):
    activity = make_activity(team, team_leader, capacity=1)
    a = services.sign_up(team_member, activity, member(team_member))
    b = services.sign_up(resident, activity, member(resident))
    c = services.sign_up(leader, activity, member(leader))
    services.cancel_signup(team_member, a)
    b.refresh_from_db()
    time_machine.move_to(b.offer_expires_at + timedelta(minutes=1))
    assert services.sweep()["offers_released"] == 1
    b.refresh_from_db()
    c.refresh_from_db()
    assert b.status == "expired" and c.status == "offered"
    with pytest.raises(ServiceError, match=r"^This offer is no longer valid\.$"):
        services.answer_offer(AnonymousUser(), activity, "wrong-token", True)


def test_cancel_only_until_the_start(team, team_leader, team_member, time_machine):
    activity = make_activity(team, team_leader)
    signup = services.sign_up(team_member, activity, member(team_member))
    time_machine.move_to(activity.starts_at + timedelta(minutes=1))
    with pytest.raises(ServiceError, match="started"):
        services.cancel_signup(team_member, signup)
    with pytest.raises(ServiceError, match="already started"):
        services.sign_up(team_member, activity, member(team_member))


def test_a_team_by_approval_keeps_shifts_for_its_members(
    community, organiser, team_leader, resident
):
    team = make_team(community, organiser, team_leader, Team.Joining.APPROVAL, name="墙绘队")
    activity = make_activity(team, team_leader)
    with pytest.raises(ServiceError, match="Join the team first"):
        services.sign_up(resident, activity, member(resident))
    tm = services.join(resident, team, member(resident))
    assert tm.status == "pending"
    services.decide_join(team_leader, tm, True)
    assert services.sign_up(resident, activity, member(resident)).status == "confirmed"


def test_nobody_signs_up_someone_else(team, team_leader, team_member, resident):
    activity = make_activity(team, team_leader)
    with pytest.raises(PermissionDenied, match=r"^volunteering\.take_part$"):
        services.sign_up(resident, activity, member(team_member))
    signup = services.sign_up(team_member, activity, member(team_member))
    with pytest.raises(PermissionDenied, match=r"^volunteering\.withdraw$"):
        services.cancel_signup(resident, signup)
    with pytest.raises(ServiceError, match="already signed up"):
        services.sign_up(team_member, activity, member(team_member))


def test_group_sign_up_is_all_or_nothing(community, team, team_leader, team_member):
    extra = [make_person(community, f"g{i}@test.org") for i in range(3)]
    join_all(team, extra)
    activity = make_activity(team, team_leader, capacity=3)
    group = [member(u) for u in [team_member, *extra]]
    with pytest.raises(ServiceError, match="Only 3 places are free for 4 people"):
        services.sign_up_group(team_leader, activity, group)
    assert not SignUp.objects.filter(activity=activity).exists()
    done = services.sign_up_group(team_leader, activity, group[:3])
    assert len(done) == 3 and services.places_left(activity) == 0
    with pytest.raises(PermissionDenied, match=r"^volunteering\.lead_team$"):
        services.sign_up_group(team_member, activity, group[3:])


def test_group_page_shows_the_clear_message(community, team, team_leader, team_member):
    activity = make_activity(team, team_leader, capacity=1)
    other = make_person(community, "g@test.org")
    join_all(team, [other])
    url = f"/c/{community.slug}/volunteering/activities/{activity.pk}/group/"
    response = english_client(team_leader).post(
        url, {"members": [member(team_member).pk, member(other).pk]}
    )
    assert response.status_code == 400
    assert (
        "Only 1 places are free for 2 people, so nobody was signed up" in response.content.decode()
    )
    page = response.content.decode()
    for person in (team_member, other):  # both choices are kept
        (box,) = re.findall(
            rf'<input[^>]*name="members"[^>]*value="{member(person).pk}"[^>]*>', page
        )
        assert re.search(r"\schecked(\s|>|=)", box), box


def attempt(person, activity_pk: int) -> str:
    """One sign-up as a phone sends it: the in-memory SQLite answers "locked" at once rather than
    waiting, so a refused try is sent again, as the resident would press again."""
    for _try in range(300):
        try:
            return services.sign_up(
                person.user, Activity.objects.get(pk=activity_pk), person
            ).status
        except OperationalError:
            time.sleep(0.01)
    return "busy"


@pytest.mark.django_db(transaction=True)
def test_twenty_sign_ups_for_five_places(community, organiser, team_leader):
    team = make_team(community, organiser, team_leader)
    activity = make_activity(team, team_leader, capacity=5)
    people = [member(make_person(community, f"q{i}@test.org", Role.RESIDENT)) for i in range(20)]
    join_all(team, [p.user for p in people])
    start = threading.Barrier(20)
    outcomes: list[str] = []

    def sign_up(person):  # type: ignore[no-untyped-def]
        try:
            start.wait()
            outcomes.append(attempt(person, activity.pk))
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(sign_up, people))
    assert outcomes.count("confirmed") == 5 and outcomes.count("waiting") == 15, outcomes
    assert activity.signups.filter(status="confirmed").count() == 5


def test_capacity_cannot_go_below_the_places_taken(team, team_leader, team_member, resident):
    activity = make_activity(team, team_leader, capacity=3)
    services.sign_up(team_member, activity, member(team_member))
    services.sign_up(resident, activity, member(resident))
    activity.capacity = 1
    with pytest.raises(ServiceError, match="2 people already have a place"):
        services.save_activity(team_leader, activity)
