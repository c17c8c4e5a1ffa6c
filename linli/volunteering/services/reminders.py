"""Reminders two days before a shift, and the sweep that sends them and passes lapsed offers on
(run by ``tasks.sweep_task``; running it twice changes nothing)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from linli.core.notify import notify

from .. import recognition
from ..models import (
    Activity,
    SignUp,
)
from ..queries import local_time
from .signups import _lock, _release_expired_offers


def send_reminders(now: datetime | None = None) -> int:
    """Send every 48-hour reminder that is due. Each is claimed by a conditional update before it
    is sent, so two sweeps at once still send it once."""
    now = now or timezone.now()
    sent = 0
    soon = SignUp.objects.filter(
        status=SignUp.Status.CONFIRMED,
        reminded_48h_at__isnull=True,
        activity__status=Activity.Status.PUBLISHED,
        activity__starts_at__gt=now,
        activity__starts_at__lte=now + recognition.REMINDER_BEFORE,
    ).select_related("activity__team__community", "member__user")
    for signup in soon:
        with transaction.atomic():
            claimed = SignUp.objects.filter(pk=signup.pk, reminded_48h_at__isnull=True).update(
                reminded_48h_at=now
            )
            if claimed:
                activity = signup.activity
                notify(
                    signup.member,
                    "volunteer_reminders",
                    (gettext_lazy("In two days: %(title)s"), {"title": activity.title}),
                    (
                        gettext_lazy(
                            "%(title)s starts on %(when)s, %(where)s. Your check-in code is "
                            "%(code)s. If you cannot come, please cancel on the page so someone "
                            "else can have your place."
                        ),
                        {
                            "title": activity.title,
                            "when": local_time(activity),
                            "where": activity.place,
                            "code": signup.code,
                        },
                    ),
                    url=activity.get_absolute_url(),
                    community=activity.team.community,
                )
                sent += 1
    return sent


def sweep(now: datetime | None = None) -> dict[str, int]:
    """The periodic job: hand expired offers on, then send due reminders."""
    released = 0
    for activity in Activity.objects.filter(
        status=Activity.Status.PUBLISHED,
        signups__status=SignUp.Status.OFFERED,
        signups__offer_expires_at__lte=now or timezone.now(),
    ).distinct():
        with transaction.atomic():
            released += _release_expired_offers(_lock(activity))
    return {"offers_released": released, "reminders_sent": send_reminders(now)}
