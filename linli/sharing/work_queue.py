"""What waits for the organiser in item sharing: loans past their return date."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from linli.core import permissions
from linli.core.kit.modules import WorkItem
from linli.core.models import Community

from .models import Loan
from .queries import today


def work(community: Community, user: Any) -> list[WorkItem]:
    if not permissions.can(user, "sharing.mediate", community):
        return []
    overdue = Loan.objects.filter(
        community=community, status=Loan.Status.HANDED_OVER, due_on__lt=today()
    ).count()
    url = reverse("sharing:problems", args=[community.slug])
    return [WorkItem(_("Loans overdue"), overdue, url, urgent=True)]
