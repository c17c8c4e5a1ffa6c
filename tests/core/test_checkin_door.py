"""One check-in at the door for meetings and volunteer shifts (issue 16): ``linli.core.checkin``
holds the rules and ``linli.core.checkin_views`` the code half of the page; each app keeps its
words. The same cases run through both users of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation

from linli.core.checkin import Door
from linli.core.kit import Refused
from linli.core.models import Community, Member, Role, User
from linli.meetings import services as meetings
from linli.meetings.services.attendance import DOOR as MEETING_DOOR
from linli.volunteering import services as volunteering
from linli.volunteering.services.checkin import DOOR as SHIFT_DOOR
from tests.conftest import client_for, make_person
from tests.meetings.conftest import make_meeting
from tests.volunteering.conftest import make_activity, make_team


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@dataclass
class Door_:
    """One app's door in the test: events, a place for a person, the check-in command."""

    door: Door
    event: Callable[[str], Any]  # title -> a new event
    place: Callable[[Any, User], Any]  # (event, person) -> their row with a place
    check_in: Callable[[User, Any, str], Any]  # (actor, event, raw code)
    page: str  # the check-in page of an event
    another: str  # words of the refusal of another event's code


def _member(user: User) -> Member:
    return Member.objects.get(user=user)


@pytest.fixture(params=["meetings", "volunteering"])
def door(request, community: Community, organiser: User, resident: User) -> Door_:  # type: ignore[no-untyped-def]
    if request.param == "meetings":
        return Door_(
            MEETING_DOOR,
            lambda title: make_meeting(community, organiser, title=title),
            lambda event, user: meetings.register(user, event, _member(user)),
            meetings.check_in,
            f"/c/{community.slug}/meetings/%d/check-in/",
            "another meeting",
        )
    team = make_team(community, organiser, organiser)
    return Door_(
        SHIFT_DOOR,
        lambda title: make_activity(team, organiser, title=title),
        lambda event, user: volunteering.sign_up(user, event, _member(user)),
        volunteering.check_in,
        f"/c/{community.slug}/volunteering/activities/%d/check-in/",
        "another activity",
    )


def test_a_code_or_the_scanned_address_checks_in_once(door: Door_, organiser, resident):
    event = door.event("周六")
    row = door.place(event, resident)
    done = door.check_in(organiser, event, f"https://x/?code={row.code.lower()}")
    assert (done.pk, done.checked_in_by) == (row.pk, organiser)
    assert done.checked_in_at is not None
    with pytest.raises(Refused, match=r"already (used|checked in)"):
        door.check_in(organiser, event, row.code)


def test_another_event_s_code_an_unknown_code_and_no_code_are_refused(
    door: Door_, organiser, resident
):
    event, other = door.event("周六"), door.event("周日")
    row = door.place(other, resident)
    with pytest.raises(Refused, match=f"{door.another} \\(周日\\)") as refused:
        door.check_in(organiser, event, row.code)
    assert refused.value.field == "code"
    with pytest.raises(Refused, match="This code is not known") as refused:
        door.check_in(organiser, event, "ABCDEFGHJK")
    assert refused.value.field == door.door.unknown_field
    with pytest.raises(Refused, match="Type or scan a check-in code"):
        door.check_in(organiser, event, " - ")


def test_someone_without_a_place_cannot_check_in(door: Door_, organiser, resident):
    event = door.event("周六")
    row = door.place(event, resident)
    row.status = "waiting"
    row.save(update_fields=["status"])
    with pytest.raises(Refused, match=r"has no place \(on the waiting list\)"):
        door.check_in(organiser, event, row.code)


def test_the_page_welcomes_by_code_and_keeps_a_refused_code(
    door: Door_, community, organiser, resident
):
    event = door.event("周六")
    row = door.place(event, resident)
    client = client_for(organiser)
    client.cookies["linli_language"] = "en"
    url = door.page % event.pk
    page = client.get(url, {"code": row.code})
    assert page.status_code == 200
    assert f'value="{row.code}"' in page.content.decode()
    refused = client.post(url, {"action": "code", "code": "ZZZZZZZZZZ"})
    assert refused.status_code == 400
    assert 'value="ZZZZZZZZZZ"' in refused.content.decode()
    assert "This code is not known" in refused.content.decode()
    done = client.post(url, {"action": "code", "code": row.code}, follow=True)
    assert done.redirect_chain == [(url, 302)]
    assert f"Welcome, {_member(resident).name}!" in done.content.decode()


def test_a_person_checked_in_elsewhere_is_refused_by_a_leader_too(community, organiser):
    """The tick (volunteering's list) goes through the same door as the code."""
    team = make_team(community, organiser, organiser)
    shift = make_activity(team, organiser)
    person = make_person(community, "vol@test.org", Role.RESIDENT)
    signup = volunteering.sign_up(person, shift, _member(person))
    volunteering.tick(organiser, signup)
    with pytest.raises(Refused, match="is already checked in"):
        volunteering.tick(organiser, signup)
