"""The votes a resident took part in - that they voted, never how - for "my activity"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Activity
from linli.core.models import Member

from .models import RollEntry


def activity(member: Member) -> list[Activity]:
    rows = RollEntry.objects.filter(member=member).select_related("vote__community")
    return [
        Activity(
            _("Votes I took part in"),
            row.vote.title,
            row.vote.get_absolute_url(),
            row.voted_on,
            row.get_channel_display(),
        )
        for row in rows.order_by("-voted_on")[:50]
    ]
