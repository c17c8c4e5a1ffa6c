"""What waits for the organiser in proposals: proposals that reached the support threshold and
still wait for a decision."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from linli.core import permissions
from linli.core.kit.modules import WorkItem
from linli.core.models import Community

from .models import Proposal


def work(community: Community, user: Any) -> list[WorkItem]:
    if not permissions.can(user, "proposals.answer", community):
        return []
    waiting = Proposal.objects.filter(
        community=community,
        threshold_reached_at__isnull=False,
        status__in=[Proposal.Status.RECEIVED, Proposal.Status.UNDER_REVIEW],
    ).count()
    url = reverse("proposals:list", args=[community.slug])
    return [WorkItem(_("Proposals at the support threshold, waiting for a decision"), waiting, url)]
