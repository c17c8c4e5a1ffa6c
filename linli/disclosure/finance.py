"""The finance page: all money residents decided on - participatory budgeting, micro-grants and
contests - with the amount awarded, what was spent and how many receipts back it, per year. It
reads those modules' models and public services and writes nothing; receipts themselves stay on
each project's page, behind that module's rule for who may see them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from linli.core.models import Community
from linli.tracking import queries as tracking


@dataclass(frozen=True)
class MoneyRow:
    source: str  # translated: participatory budgeting, micro-grant, contest
    title: str
    url: str
    awarded: Decimal
    spent: Decimal | None  # None: this module does not record spending
    receipts: int


@dataclass
class Year:
    year: int
    rows: list[MoneyRow] = field(default_factory=list)

    @property
    def awarded(self) -> Decimal:
        return sum((r.awarded for r in self.rows), Decimal(0))

    @property
    def spent(self) -> Decimal:
        return sum((r.spent or Decimal(0) for r in self.rows), Decimal(0))


def _budgeting(community: Community) -> Iterable[tuple[int, MoneyRow]]:
    from linli.budgeting import services
    from linli.budgeting.models import Process

    for process in Process.objects.filter(
        community=community, outcome__published_at__isnull=False
    ).select_related("outcome"):
        year = process.outcome.published_at.year  # type: ignore[union-attr]
        for idea in services.funded(process):
            receipts = tracking.spending(idea).count()
            yield (
                year,
                MoneyRow(
                    _("participatory budgeting"),
                    idea.title,
                    idea.get_absolute_url(),
                    Decimal(idea.cost or 0),
                    tracking.yuan(getattr(idea, "spent_fen", None)),
                    receipts,
                ),
            )


def _grants(community: Community) -> Iterable[tuple[int, MoneyRow]]:
    from linli.grants.models import Application, Report

    accepted = Q(reports__status=Report.Status.ACCEPTED)
    for app in (
        Application.objects.filter(call__community=community, award_amount__isnull=False)
        .select_related("call")
        .annotate(
            receipts=Count(
                "reports__spending_lines",
                filter=accepted & ~Q(reports__spending_lines__receipt=""),
            )
        )
    ):
        yield (
            app.call.year,
            MoneyRow(
                _("micro-grant"),
                app.title,
                app.get_absolute_url(),
                Decimal(app.award_amount or 0),
                app.spent(),
                int(getattr(app, "receipts", 0)),
            ),
        )


def _contests(community: Community) -> Iterable[tuple[int, MoneyRow]]:
    from linli.reviews.models import Application

    for app in (
        Application.objects.filter(contest__community=community, award_amount__isnull=False)
        .select_related("contest")
        .annotate(
            # Funds released against its payment stages (tracking's milestones, whole yuan).
            released=Sum(
                "tracked__milestones__amount",
                filter=Q(tracked__milestones__done_on__isnull=False),
            )
        )
    ):
        yield (
            app.submitted_at.year,
            MoneyRow(
                _("contest"),
                app.title,
                app.get_absolute_url(),
                Decimal(app.award_amount or 0),
                None if getattr(app, "released", None) is None else Decimal(app.released),
                0,
            ),
        )


def years(community: Community) -> list[Year]:
    """Every year with money decided, newest first."""
    found: dict[int, Year] = {}
    for source in (_budgeting, _grants, _contests):
        for year, row in source(community):
            found.setdefault(year, Year(year)).rows.append(row)
    return [found[y] for y in sorted(found, reverse=True)]
