"""Who sees which calls and applications. Read-only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from linli.core.models import Community, Member
from linli.core.permissions import can, member_of
from linli.tracking import queries as tracking
from linli.tracking.models import Photo, Spending, TeamMember

from ..models import (
    Application,
    Call,
)
from .common import S

# --- Who sees what ----------------------------------------------------------------------------


def visible_calls(user: Any, community: Community) -> QuerySet[Call]:
    calls = Call.objects.filter(community=community).select_related("community")
    if can(user, "grants.manage", community):
        return calls
    return calls.exclude(status=Call.Status.DRAFT)


def on_panel(member: Member | None, call: Call) -> bool:
    return member is not None and call.panel.filter(pk=member.pk).exists()


def on_team(member: Member | None, application: Application) -> bool:
    if member is None:
        return False
    return application.lead_id == member.pk or tracking.on_team(application, member)


def may_read(user: Any, member: Member | None, application: Application) -> bool:
    """The whole application: its team, the panel (once submitted) and organisers."""
    call = application.call
    if can(user, "grants.manage", call.community) or on_team(member, application):
        return True
    return application.status != S.DRAFT and on_panel(member, call)


def is_public(application: Application) -> bool:
    return application.status == S.AWARDED


def may_see_photos(user: Any, application: Application) -> bool:
    """As the application page: its readers, and everybody once the grant is awarded."""
    community = application.call.community
    if not can(user, "grants.view", community):
        return False
    return may_read(user, member_of(user, community), application) or is_public(application)


def may_see_photo(user: Any, photo: Photo) -> bool:
    source: Any = photo.project.source
    return may_see_photos(user, source)


def may_see_receipts(user: Any, application: Application) -> bool:
    """Only the application's readers (team, panel, organisers); others read "on file"."""
    community = application.call.community
    return can(user, "grants.view", community) and may_read(
        user, member_of(user, community), application
    )


def may_see_receipt(user: Any, spending: Spending) -> bool:
    source: Any = spending.project.source
    return may_see_receipts(user, source)


def awarded(community: Community) -> QuerySet[Application]:
    return (
        Application.objects.filter(call__community=community, status=S.AWARDED)
        .select_related("call__community", "area")
        .order_by("-call__year", "title")
    )


def team_named(application: Application) -> list[TeamMember]:
    return tracking.team_named(application)


def may_track(user: Any, verb: str, application: Application) -> bool:
    """The shared tracking rule for a grant (linli.tracking): organisers plan milestones; the
    lead and the team add team members, photos and spending (each of the grant's own commands
    checks its finer rule - the lead during the draft, reports after the agreement - first)."""
    community = application.call.community
    if can(user, "grants.manage", community):
        return True
    if verb == "plan":
        return False
    return on_team(member_of(user, community), application)
