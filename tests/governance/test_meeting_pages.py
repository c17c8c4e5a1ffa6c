"""The pages of a body's meetings: the secretary builds the agenda, records attendance, minutes
and a resolution through POST forms; members read the record before it is published, the public
only after; bad input is said on the form and nothing typed is lost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from linli.core.models import User
from linli.governance import meeting_services as services
from linli.governance.models import AgendaItem, Resolution
from tests.conftest import client_for

from .test_meetings import schedule


@pytest.fixture(autouse=True)
def pages_in_english(board, resident):
    """The pages are read in each person's language; these tests read English."""
    User.objects.update(language="en")
    for user in (board.secretary, board.chair, board.vice, resident):
        user.refresh_from_db()


def test_the_secretary_builds_and_records_the_meeting_on_its_page(board):
    sitting = schedule(board)
    client = client_for(board.secretary)
    url = sitting.get_absolute_url()
    assert client.get(url).status_code == 200
    response = client.post(url, {"add_item": "1", "title": "Stairwell rubbish"})
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    chair, wang = board.seats["chair"].member, board.seats["wang"].member
    client.post(url, {"attendance": "1", "present": [chair.pk, wang.pk]})
    assert sitting.meeting.registrations.filter(checked_in_at__isnull=False).count() == 2
    client.post(url, {"minutes": str(item.pk), f"item{item.pk}-text": "Piled for a month."})
    item.refresh_from_db()
    assert item.minutes == "Piled for a month."
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    client.post(
        url,
        {
            "resolve": "1",
            "resolution-item": item.pk,
            "resolution-text": "Clear it",
            "resolution-owner": wang.pk,
            "resolution-due_on": due,
        },
    )
    assert Resolution.objects.get().owner == wang
    page = client.get(url).content.decode()
    assert "The meeting is not quorate." in page  # 2 of 5, the charter asks for 50%
    assert "Clear it" in page


def test_a_due_date_in_the_past_is_said_on_the_form_and_what_was_typed_stays(board):
    sitting = schedule(board)
    item = services.add_agenda_item(board.secretary, sitting, title="Lights")
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client_for(board.secretary).post(
        sitting.get_absolute_url(),
        {
            "resolve": "1",
            "resolution-item": item.pk,
            "resolution-text": "Fix the three lamps",
            "resolution-owner": board.seats["li"].member.pk,
            "resolution-due_on": yesterday,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The due date cannot be in the past." in page
    assert "Fix the three lamps" in page
    assert not Resolution.objects.exists()


def test_an_owner_off_the_body_cannot_be_chosen(board, resident):
    sitting = schedule(board)
    item = services.add_agenda_item(board.secretary, sitting, title="Lights")
    response = client_for(board.secretary).post(
        sitting.get_absolute_url(),
        {
            "resolve": "1",
            "resolution-item": item.pk,
            "resolution-text": "Fix",
            "resolution-owner": resident.memberships.get().pk,
            "resolution-due_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not Resolution.objects.exists()


def test_members_read_before_publication_the_public_after_and_only_officers_write(board, resident):
    sitting = schedule(board)
    item = services.add_agenda_item(board.secretary, sitting, title="Lights")
    url = sitting.get_absolute_url()
    assert client_for(None).get(url).status_code == 403
    assert client_for(resident).get(url).status_code == 403
    assert client_for(board.vice).get(url).status_code == 200
    assert client_for(board.chair).get(url).status_code == 200
    body_page = client_for(None).get(board.body.get_absolute_url()).content.decode()
    assert "Third meeting of the council" not in body_page
    services.write_item_minutes(board.secretary, item, "Three lamps are broken.")
    services.publish_minutes(board.secretary, sitting)
    page = client_for(None).get(url).content.decode()
    assert "Three lamps are broken." in page and 'name="attendance"' not in page
    assert client_for(resident).post(url, {"add_item": "1", "title": "x"}).status_code == 403
    body_page = client_for(None).get(board.body.get_absolute_url()).content.decode()
    assert "Third meeting of the council" in body_page
    assert 'aria-labelledby="meetings-title"' in body_page


def test_the_owner_reports_back_on_the_resolution_page(board, resident):
    sitting = schedule(board)
    item = services.add_agenda_item(board.secretary, sitting, title="Lights")
    resolution = services.resolve(
        board.secretary,
        item,
        text="Fix the lights",
        owner=board.seats["vice"].member,
        due_on=timezone.localdate() + timedelta(days=3),
    )
    url = resolution.get_absolute_url()
    owner = client_for(board.vice)
    response = owner.post(url, {"status": "done", "report_back": ""})
    assert "Report back: what was done, or why it was dropped." in response.content.decode()
    owner.post(url, {"status": "done", "report_back": "Three new lamps."})
    resolution.refresh_from_db()
    assert (resolution.status, resolution.report_back) == ("done", "Three new lamps.")
    assert client_for(board.chair).get(url).status_code == 200
    assert client_for(resident).post(url, {"status": "dropped"}).status_code == 403
