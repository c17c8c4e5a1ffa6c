"""What waits for the organiser in resident bodies: resolutions past their due date and not
reported back, which the organiser chases with the owner (many owners have no account)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from linli.core import permissions
from linli.core.kit.modules import WorkItem
from linli.core.models import Community

from . import sittings


def work(community: Community, user: Any) -> list[WorkItem]:
    if not permissions.can(user, "governance.manage", community):
        return []
    late = sittings.overdue(community)
    first = late.select_related("sitting__body").order_by("due_on", "pk").first()
    url = (
        first.get_absolute_url()
        if first is not None and late.count() == 1
        else reverse("governance:index", args=[community.slug])
    )
    return [
        WorkItem(_("Resolutions of resident bodies past their due date"), late.count(), url, True)
    ]
