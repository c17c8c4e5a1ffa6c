"""What waits for the organiser in meetings: needs (wheelchair, interpreter...) not yet arranged
for meetings still to come."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core import permissions
from linli.core.kit.modules import WorkItem
from linli.core.models import Community

from .models import Accommodation


def work(community: Community, user: Any) -> list[WorkItem]:
    if not permissions.can(user, "meetings.manage", community):
        return []
    waiting = Accommodation.objects.filter(
        registration__meeting__community=community,
        registration__meeting__starts_at__gte=timezone.now(),
        arranged_at__isnull=True,
    ).count()
    url = reverse("meetings:list", args=[community.slug])
    return [WorkItem(_("Needs to arrange for coming meetings"), waiting, url, urgent=True)]
