"""What the home page and an engagement project's page list of budget processes. Read-only."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from linli.core.models import Community
from linli.core.open_now import OpenItem
from linli.engagement.links import LinkedItem

from ..models import Process

# --- open now, project links -------------------------------------------------------------


def open_items(community: Community, user: Any) -> list[OpenItem]:
    items = []
    for process in Process.objects.filter(community=community, status=Process.Status.PUBLISHED):
        phase = process.phase
        if phase == "ideas":
            items.append(
                OpenItem(
                    kind=_("Participatory budgeting"),
                    title=process.title,
                    url=process.get_absolute_url(),
                    closes_at=process.review_starts_at,
                    summary=_("Ideas are welcome."),
                )
            )
        elif phase == "vote" and process.vote_id:
            items.append(
                OpenItem(
                    kind=_("Participatory budgeting"),
                    title=process.title,
                    url=process.get_absolute_url(),
                    closes_at=process.vote_closes_at,
                    summary=_("The vote on the projects is open."),
                )
            )
    return items


def project_items(project: Any) -> list[LinkedItem]:
    return [
        LinkedItem(
            title=p.title,
            url=p.get_absolute_url(),
            status=p.phase_label,
            is_open=p.phase in ("ideas", "vote"),
            kind=_("Participatory budgeting"),
        )
        for p in project.budget_processes.filter(status=Process.Status.PUBLISHED)
    ]
