"""A resident's ideas for participatory budgeting, for "my activity" on their own page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Activity
from linli.core.models import Member

from .models import Idea


def activity(member: Member) -> list[Activity]:
    rows = Idea.objects.filter(author=member).select_related("process__community")
    return [
        Activity(
            _("My budget ideas"),
            row.title,
            row.get_absolute_url(),
            row.created_at,
            row.get_status_display(),
        )
        for row in rows.order_by("-created_at")[:50]
    ]
