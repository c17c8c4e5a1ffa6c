"""Reading supervision: the committee of a community, its members, its queries (open, overdue,
answered) and whether someone sits on it. Read-only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.models import Community, Member
from linli.core.permissions import member_of

from .models import Query


def committees(community: Community) -> QuerySet[Any]:
    from linli.governance.models import Body

    return Body.objects.filter(community=community, kind=Body.Kind.SUPERVISION)


def seat_on_committee(user: Any, community: Community) -> Any:
    """The user's serving seat on a supervision committee of the community, or None."""
    from linli.governance.models import Seat

    member = member_of(user, community)
    if member is None:
        return None
    return (
        Seat.objects.filter(
            body__in=committees(community), member=member, status=Seat.Status.SERVING
        )
        .select_related("body")
        .first()
    )


def serving(community: Community) -> QuerySet[Any]:
    from linli.governance.models import Seat

    return Seat.objects.filter(
        body__in=committees(community), status=Seat.Status.SERVING
    ).select_related("member", "body")


def queries_of(community: Community) -> QuerySet[Query]:
    return Query.objects.filter(community=community).select_related("asked_by", "body")


def query_in(community: Community, pk: int) -> Query:
    return get_object_or_404(queries_of(community), pk=pk)


def overdue(community: Community) -> QuerySet[Query]:
    return queries_of(community).filter(status=Query.Status.OPEN, due_on__lt=timezone.localdate())


def figures(community: Community) -> dict[str, int]:
    found = queries_of(community)
    return {
        "asked": found.count(),
        "open": found.filter(status=Query.Status.OPEN).count(),
        "overdue": overdue(community).count(),
        "answered": found.filter(status=Query.Status.ANSWERED).count(),
    }


def audit_entries(community: Community) -> QuerySet[Any]:
    from linli.core.models import AuditEntry

    return AuditEntry.objects.filter(community=community).select_related("actor")


def asker(query: Query) -> Member:
    return query.asked_by


def open_items(community: Community, user: Any) -> list[Any]:
    """Queries still waiting for a public answer (overdue ones say so)."""
    from linli.core.open_now import OpenItem

    found = []
    for query in queries_of(community).filter(status=Query.Status.OPEN)[:20]:
        kind = (
            _("Overdue query of the supervision committee")
            if query.is_overdue
            else _("Query of the supervision committee")
        )
        found.append(OpenItem(kind, query.subject_title, query.get_absolute_url()))
    return found
