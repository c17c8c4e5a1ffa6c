"""What waits for the organiser in micro-grants: reports to review, and milestones past their
date with no report."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core import permissions
from linli.core.kit.modules import WorkItem
from linli.core.models import Community
from linli.tracking.models import Milestone

from .models import Application, Report


def work(community: Community, user: Any) -> list[WorkItem]:
    if not permissions.can(user, "grants.manage", community):
        return []
    url = reverse("grants:index", args=[community.slug])
    to_review = Report.objects.filter(
        application__call__community=community, status=Report.Status.SUBMITTED
    ).count()
    late = (
        Milestone.objects.filter(
            project__source_type=ContentType.objects.get_for_model(Application),
            project__source_id__in=Application.objects.filter(
                call__community=community, status=Application.Status.AWARDED
            ).values("pk"),
            due__lt=timezone.localdate(),
            reports__isnull=True,
        )
        .distinct()
        .count()
    )
    return [
        WorkItem(_("Grant reports to review"), to_review, url),
        WorkItem(_("Grant reports overdue"), late, url, urgent=True),
    ]
