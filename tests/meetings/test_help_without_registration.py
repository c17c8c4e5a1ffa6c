"""Issue 22, item 8: a meeting that needs no registration still lets a resident ask for a
wheelchair or an interpreter, which the organisers see and arrange."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from linli.core.services import ServiceError
from linli.meetings import services
from linli.meetings.models import Meeting
from linli.meetings.services import Need

from .conftest import english_client, make_meeting, member


@pytest.fixture
def open_door(community, organiser) -> Meeting:
    return make_meeting(community, organiser, registration=Meeting.Registration.NONE)


def test_a_resident_asks_for_help_through_the_page(community, organiser, resident, open_door):
    client = english_client(resident)
    page = client.get(open_door.get_absolute_url()).content.decode()
    assert "No registration needed" in page and "Ask for help to take part" in page
    response = client.post(open_door.get_absolute_url(), {"wheelchair": "on", "interpreter": "on"})
    assert response.status_code == 400  # the interpreter's language is missing
    body = response.content.decode()
    assert "Say which language the interpreter should speak." in body
    # What was ticked stays ticked: both boxes, and nothing else on the form.
    ticked = re.findall(r'<input[^>]*\bname="(\w+)"[^>]*\schecked\b', body)
    assert sorted(ticked) == ["interpreter", "wheelchair"], ticked
    response = client.post(
        open_door.get_absolute_url(),
        {"wheelchair": "on", "interpreter": "on", "interpreter_language": "藏语"},
    )
    assert response.status_code == 302
    assert services.unarranged(open_door) == 2
    page = client.get(open_door.get_absolute_url()).content.decode()
    assert "What you asked for" in page and "being arranged" in page
    assert "Check-in code" not in page  # no ticket for a meeting without registration
    people = (
        english_client(organiser)
        .get(f"/c/{community.slug}/meetings/{open_door.pk}/people/")
        .content.decode()
    )
    assert "2 requests for help are not arranged yet" in people


def test_nothing_ticked_is_refused_and_a_past_meeting_takes_no_requests(
    community, organiser, resident, open_door
):
    with pytest.raises(ServiceError, match="just come"):
        services.ask_for_help(resident, open_door, member(resident), [])
    Meeting.objects.filter(pk=open_door.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    open_door.refresh_from_db()
    with pytest.raises(
        ServiceError,
        match=r"^Help can be asked for before the meeting, when it needs no registration\.$",
    ):
        services.ask_for_help(resident, open_door, member(resident), [Need("wheelchair")])


def test_visitors_are_told_to_phone(community, open_door):
    page = english_client(None).get(open_door.get_absolute_url()).content.decode()
    assert "phone the community office" in page
