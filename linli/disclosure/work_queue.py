"""What waits for the organiser in disclosure: objections with no public answer yet."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from linli.core import permissions
from linli.core.kit.modules import WorkItem
from linli.core.models import Community

from .models import Objection


def work(community: Community, user: Any) -> list[WorkItem]:
    if not permissions.can(user, "disclosure.manage", community):
        return []
    waiting = Objection.objects.filter(
        publicity__community=community, answered_at__isnull=True
    ).count()
    url = reverse("disclosure:manage", args=[community.slug])
    return [WorkItem(_("Objections not yet answered"), waiting, url, urgent=True)]
