"""What the home page and an engagement project's page list of votes. Read-only."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.models import Community
from linli.core.open_now import OpenItem
from linli.core.permissions import member_of
from linli.engagement.links import LinkedItem

from ..models import Vote
from .ballots import roll_entry_for

# --- Open now -----------------------------------------------------------------------------


def open_items(community: Community, user: Any) -> list[OpenItem]:
    member = member_of(user, community)
    items = []
    for vote in Vote.objects.filter(
        community=community,
        status=Vote.Status.PUBLISHED,
        opens_at__lte=timezone.now(),
        closes_at__gt=timezone.now(),
    ):
        summary = ""
        if member is not None and roll_entry_for(vote, member):
            summary = _("You have voted.")
        items.append(
            OpenItem(
                kind=_("Vote"),
                title=vote.title,
                url=vote.get_absolute_url(),
                closes_at=vote.closes_at,
                summary=summary,
            )
        )
    return items


def project_items(project: Any) -> list[LinkedItem]:
    """Published votes of an engagement project, for its page (engagement.links)."""
    return [
        LinkedItem(
            title=vote.title,
            url=vote.get_absolute_url(),
            status=str(vote.phase_label),
            is_open=vote.is_open,
            kind=_("Vote"),
        )
        for vote in project.votes.filter(status=Vote.Status.PUBLISHED)
    ]
