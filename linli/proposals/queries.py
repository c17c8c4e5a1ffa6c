"""What people read of proposals: one visibility rule for the pages and the API.

A proposal is public once published; while a draft only its author and co-authors see it
(organisers do not read drafts). The API lists the public ones: it answers for nobody's drafts."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from linli.core.models import Community, Member

from .models import Proposal

PUBLIC = Q(published_at__isnull=False)


def published(community: Community) -> QuerySet[Proposal]:
    """The proposals anybody may read."""
    return Proposal.objects.filter(community=community).filter(PUBLIC)


def visible_to(user: Any, community: Community, member: Member | None) -> QuerySet[Proposal]:
    """Published proposals, plus drafts the person writes."""
    shown = PUBLIC
    if member is not None:
        shown |= Q(author=member) | Q(coauthors=member)
    return Proposal.objects.filter(community=community).filter(shown).distinct()


def agenda_matters(community: Community) -> list[Any]:
    """Open published proposals (received, under review, accepted), offered to the agenda of a
    body's meeting (the ``agenda_sources`` hook); those past their support threshold first."""
    from django.utils.translation import gettext_lazy as _

    from linli.core.kit.modules import AgendaMatter

    open_now = (
        published(community)
        .filter(
            status__in=[
                Proposal.Status.RECEIVED,
                Proposal.Status.UNDER_REVIEW,
                Proposal.Status.ACCEPTED,
            ]
        )
        .select_related("community")
        .order_by("threshold_reached_at", "published_at", "pk")
    )
    return [
        AgendaMatter("proposals.proposal", p.pk, _("Proposal"), p.title, p.get_absolute_url())
        for p in open_now
    ]
