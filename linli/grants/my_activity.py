"""The micro-grant applications a resident leads or is on the team of, for "my activity"."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Activity
from linli.core.models import Member

from .models import Application


def activity(member: Member) -> list[Activity]:
    rows = (
        Application.objects.filter(Q(lead=member) | Q(tracked__team__member=member))
        .distinct()
        .select_related("call__community")
    )
    return [
        Activity(
            _("Micro-grant applications"),
            row.title,
            row.get_absolute_url(),
            row.submitted_at,
            row.get_status_display(),
        )
        for row in rows.order_by("-pk")[:50]
    ]
