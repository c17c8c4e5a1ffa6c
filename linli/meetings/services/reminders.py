"""Reminders two days and two hours before a meeting, and the sweep that sends them and passes
lapsed offers on (run by ``tasks.sweep_task``; running it twice changes nothing)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from linli.core.notify import notify

from .. import schedule
from ..models import (
    Meeting,
    Registration,
)
from ..queries import local_time
from .registration import _lock, _release_expired_offers

REMINDER_FIELD = {"48h": "reminded_48h_at", "2h": "reminded_2h_at"}


def send_reminders(now: datetime | None = None) -> int:
    """Send every reminder that is due. Safe to run as often as wanted, even twice at once: each
    reminder is claimed by a conditional update before it is sent, so it goes out once."""
    now = now or timezone.now()
    sent = 0
    soon = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        meeting__status=Meeting.Status.PUBLISHED,
        meeting__starts_at__gt=now,
        meeting__starts_at__lte=now + schedule.REMINDERS["48h"],
    ).select_related("meeting__community", "member__user")
    for registration in soon:
        done = {key for key, name in REMINDER_FIELD.items() if getattr(registration, name)}
        for key in schedule.due_reminders(registration.meeting.starts_at, now, done):
            with transaction.atomic():
                claimed = Registration.objects.filter(
                    pk=registration.pk, **{f"{REMINDER_FIELD[key]}__isnull": True}
                ).update(**{REMINDER_FIELD[key]: now})
                if claimed:
                    _remind(registration, key)
                    sent += 1
    return sent


def _remind(registration: Registration, key: str) -> None:
    meeting = registration.meeting
    if key == "48h":
        title = (gettext_lazy("In two days: %(title)s"), {"title": meeting.title})
    else:
        title = (gettext_lazy("In two hours: %(title)s"), {"title": meeting.title})
    body = (
        gettext_lazy(
            "%(title)s starts on %(when)s, %(where)s. Your check-in code is %(code)s. "
            "If you cannot come, please cancel on the page so someone else can have your place."
        ),
        {
            "title": meeting.title,
            "when": local_time(meeting),
            "where": meeting.place or gettext_lazy("online"),
            "code": registration.code,
        },
    )
    notify(
        registration.member,
        "meeting_reminders",
        title,
        body,
        url=meeting.get_absolute_url(),
        community=meeting.community,
    )


def sweep(now: datetime | None = None) -> dict[str, int]:
    """The periodic job: hand expired offers on, then send due reminders."""
    released = 0
    for meeting in Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED,
        registrations__status=Registration.Status.OFFERED,
        registrations__offer_expires_at__lte=now or timezone.now(),
    ).distinct():
        with transaction.atomic():
            released += _release_expired_offers(_lock(meeting))
    return {"offers_released": released, "reminders_sent": send_reminders(now)}
