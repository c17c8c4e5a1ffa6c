"""A resident's meeting registrations, for "my activity" on their own page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Activity
from linli.core.models import Member

from .models import Registration


def activity(member: Member) -> list[Activity]:
    rows = Registration.objects.filter(member=member).select_related("meeting__community")
    return [
        Activity(
            _("Meetings I registered for"),
            row.meeting.title,
            row.meeting.get_absolute_url(),
            row.meeting.starts_at,
            row.get_status_display(),
        )
        for row in rows.order_by("-meeting__starts_at")[:50]
    ]
