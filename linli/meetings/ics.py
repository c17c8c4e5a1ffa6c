"""Calendar files (RFC 5545) for one meeting and for a resident's own feed."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//linli//meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _event(meeting: Meeting, with_link: bool) -> Event:
    event = Event()
    # Stable across downloads, so a calendar updates the event instead of adding a copy.
    event.add("uid", f"meeting-{meeting.pk}@{settings.SITE_URL.split('//')[-1]}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    description = meeting.description
    if with_link and meeting.online and meeting.online_url:
        description = f"{description}\n\n{meeting.online_url}".strip()
    event.add("description", description)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", settings.SITE_URL + meeting.get_absolute_url())
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    return event


def meeting_ics(meeting: Meeting, with_link: bool = False) -> bytes:
    cal = _calendar(meeting.title)
    cal.add_component(_event(meeting, with_link))
    return cal.to_ical()


def feed_ics(name: str, meetings: Iterable[Meeting]) -> bytes:
    """A resident's feed: registered people may see each online link."""
    cal = _calendar(name)
    for meeting in meetings:
        cal.add_component(_event(meeting, with_link=True))
    return cal.to_ical()
