"""The .ics of a meeting and a resident's feed, read back with the icalendar library."""

from __future__ import annotations

from icalendar import Calendar

from linli.meetings import services
from linli.meetings.models import Meeting
from tests.conftest import client_for

from .conftest import make_meeting, member


def events(body: bytes) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_the_ics_of_a_meeting_parses_back(community, organiser, meeting):
    response = client_for(None).get(f"/c/{community.slug}/meetings/{meeting.pk}/event.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    [event] = events(response.content)
    assert str(event["summary"]) == "梧桐院宣讲会"
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    assert event.decoded("dtend") == meeting.ends_at.replace(microsecond=0)
    assert str(event["location"]) == "梧桐院院坝"
    assert str(event["uid"]).startswith(f"meeting-{meeting.pk}@")


def test_the_online_link_is_only_for_people_with_a_place(community, organiser, resident, leader):
    meeting = make_meeting(
        community,
        organiser,
        format=Meeting.Format.HYBRID,
        online_url="https://meet.example.org/wutong",
    )
    url = f"/c/{community.slug}/meetings/{meeting.pk}/event.ics"
    assert "meet.example.org" not in client_for(leader).get(url).content.decode()
    assert (
        "meet.example.org"
        not in client_for(leader).get(meeting.get_absolute_url()).content.decode()
    )
    services.register(resident, meeting, member(resident))
    assert "meet.example.org" in client_for(resident).get(url).content.decode()
    assert (
        "meet.example.org" in client_for(resident).get(meeting.get_absolute_url()).content.decode()
    )


def test_a_residents_feed_lists_their_meetings_by_a_secret_address(community, organiser, resident):
    mine = make_meeting(community, organiser, title="我报名的会")
    make_meeting(community, organiser, title="别的会")
    services.register(resident, mine, member(resident))
    page = client_for(resident).get(f"/c/{community.slug}/meetings/mine/").content.decode()
    feed = services.feed_for(member(resident))
    assert feed.token in page
    body = client_for(None).get(f"/c/{community.slug}/meetings/feed/{feed.token}.ics")
    assert [str(e["summary"]) for e in events(body.content)] == ["我报名的会"]
    assert client_for(None).get(f"/c/{community.slug}/meetings/feed/wrong.ics").status_code == 404
    assert client_for(None).get(f"/c/other/meetings/feed/{feed.token}.ics").status_code == 404


def test_a_cancelled_meeting_shows_cancelled_in_the_feed(community, organiser, resident):
    meeting = make_meeting(community, organiser)
    services.register(resident, meeting, member(resident))
    services.cancel_meeting(organiser, meeting, "下雨")
    feed = services.feed_for(member(resident))
    body = client_for(None).get(f"/c/{community.slug}/meetings/feed/{feed.token}.ics").content
    assert [str(e["status"]) for e in events(body)] == ["CANCELLED"]
