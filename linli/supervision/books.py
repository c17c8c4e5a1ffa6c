"""The books the supervision committee reads: every spending line (participatory budgeting and
micro-grants) with its receipt, every award (micro-grants and contests) and the decisions of the
resident bodies. Read-only; each line has a key ("kind:id") a query can name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.models import Community

# Each kind of spending line by what the money was spent on (the shared tracking app holds the
# lines of both); the kind stays in the line's key, so a query names where the money went.
SPENDING_KINDS = {"budgeting_spending": "budgeting.Idea", "grants_spending": "grants.Application"}
SPENDING_SOURCES = {
    "budgeting_spending": gettext_lazy("participatory budgeting"),
    "grants_spending": gettext_lazy("micro-grant"),
}


@dataclass(frozen=True)
class Line:
    key: str  # "kind:id"
    source: str  # translated
    title: str
    amount: Decimal | None
    on: date | None
    url: str  # the page it belongs to
    receipt_url: str = ""  # the receipt, opened through supervision's own check


def _receipt_url(community: Community, kind: str, pk: int) -> str:
    return reverse("supervision:receipt", args=[community.slug, kind, pk])


def _spending_rows(community: Community, kind: str) -> Any:
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from linli.tracking.models import Spending

    source = ContentType.objects.get_for_model(apps.get_model(SPENDING_KINDS[kind]))
    return Spending.objects.filter(project__community=community, project__source_type=source)


def spending(community: Community) -> list[Line]:
    from django.apps import apps

    lines = []
    for kind, label in SPENDING_KINDS.items():
        rows = list(_spending_rows(community, kind).select_related("project"))
        sources = apps.get_model(label).objects.in_bulk({r.project.source_id for r in rows})
        for row in rows:
            source = sources.get(row.project.source_id)
            if source is None:
                continue
            lines.append(
                Line(
                    f"{kind}:{row.pk}",
                    str(SPENDING_SOURCES[kind]),
                    f"{source.title}: {row.what}",
                    Decimal(row.amount_fen) / 100,
                    row.spent_on,
                    source.get_absolute_url(),
                    _receipt_url(community, kind, row.pk) if row.receipt else "",
                )
            )
    return sorted(lines, key=lambda line: line.on or date.min, reverse=True)


def awards(community: Community) -> list[Line]:
    from linli.grants.models import Application as Grant
    from linli.reviews.models import Application as Entry

    lines = [
        Line(
            f"grants_application:{a.pk}",
            _("micro-grant"),
            a.title,
            Decimal(a.award_amount or 0),
            None,
            a.get_absolute_url(),
        )
        for a in Grant.objects.filter(call__community=community, award_amount__isnull=False)
    ]
    lines += [
        Line(
            f"reviews_application:{a.pk}",
            _("contest"),
            a.title,
            Decimal(a.award_amount or 0),
            a.submitted_at.date() if a.submitted_at else None,
            a.get_absolute_url(),
        )
        for a in Entry.objects.filter(contest__community=community, award_amount__isnull=False)
    ]
    return lines


def decisions(community: Community) -> list[Line]:
    from linli.governance.models import Motion

    decided = Motion.objects.filter(
        body__community=community, status__in=(Motion.Status.PASSED, Motion.Status.FAILED)
    ).select_related("body")
    return [
        Line(
            f"governance_motion:{m.pk}",
            m.body.name,
            f"{m.title} ({m.get_status_display()})",
            None,
            m.closed_at.date() if m.closed_at else None,
            m.get_absolute_url(),
        )
        for m in decided[:200]
    ]


MODELS = SPENDING_KINDS | {
    "grants_application": "grants.Application",
    "reviews_application": "reviews.Application",
    "governance_motion": "governance.Motion",
}


def find(community: Community, key: str) -> Line | None:
    """The line named by ``key``, if it is one of this community's."""
    kind, _sep, raw = key.partition(":")
    if kind not in MODELS or not raw.isdigit():
        return None
    for line in lines_of(community, kind):
        if line.key == key:
            return line
    return None


def lines_of(community: Community, kind: str) -> list[Line]:
    if kind in SPENDING_KINDS:
        return spending(community)
    if kind == "governance_motion":
        return decisions(community)
    return awards(community)


def spending_row(community: Community, kind: str, pk: int) -> Model | None:
    """The spending row (for its receipt) if it is one of this community's."""
    if kind not in SPENDING_KINDS:
        return None
    return _spending_rows(community, kind).filter(pk=pk).first()
