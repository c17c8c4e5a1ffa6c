"""What the home page and an engagement project's page list of grant calls. Read-only."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.models import Community
from linli.core.open_now import OpenItem
from linli.engagement.links import LinkedItem

from ..models import (
    Call,
)
from .calls import accepting

# --- Providers for the home page and engagement projects --------------------------------------


def open_items(community: Community, user: Any) -> list[OpenItem]:
    today = timezone.localdate()
    items = []
    for call in Call.objects.filter(
        community=community, status=Call.Status.OPEN, opens_on__lte=today, closes_on__gte=today
    ):
        items.append(
            OpenItem(
                kind=_("Micro-grants"),
                title=call.title,
                url=call.get_absolute_url(),
                closes_at=timezone.make_aware(datetime.combine(call.closes_on, time(23, 59))),
                summary=_("Resident groups and social organisations may apply"),
            )
        )
    return items


def project_items(project: Any) -> list[LinkedItem]:
    items = []
    for call in (
        Call.objects.filter(project=project)
        .exclude(status=Call.Status.DRAFT)
        .select_related("community")
    ):
        open_ = accepting(call)
        items.append(
            LinkedItem(
                title=call.title,
                url=call.get_absolute_url(),
                status=(
                    _("applications open until %(d)s") % {"d": call.closes_on.isoformat()}
                    if open_
                    else str(call.get_status_display())
                ),
                is_open=open_,
                kind=_("Micro-grants"),
            )
        )
    return items
