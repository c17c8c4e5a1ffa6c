"""Reads: a source object's funded project and its rows. Never creates anything: a source with
nothing tracked yet has no project, and every list is simply empty."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet, Sum

from .models import FundedProject, Milestone, Photo, Spending, TeamMember

M = TypeVar("M", bound=Model)


def _of(model: type[M], source: Model) -> QuerySet[M]:
    kind = ContentType.objects.get_for_model(source)
    return model._default_manager.filter(  # type: ignore[return-value]
        project__source_type=kind, project__source_id=source.pk
    )


def project_of(source: Model) -> FundedProject | None:
    kind = ContentType.objects.get_for_model(source)
    return FundedProject.objects.filter(source_type=kind, source_id=source.pk).first()


def team(source: Model) -> QuerySet[TeamMember]:
    return _of(TeamMember, source).select_related("member")


def team_named(source: Model) -> list[TeamMember]:
    """Those who agreed to be named: what public pages show."""
    return list(team(source).filter(consented_at__isnull=False))


def on_team(source: Model, member: Any) -> bool:
    return member is not None and team(source).filter(member=member).exists()


def residents(source: Model) -> list[Any]:
    """The team's residents (the members behind its rows; people named without an account are
    left out)."""
    return [t.member for t in team(source) if t.member is not None]


def milestones(source: Model) -> QuerySet[Milestone]:
    return _of(Milestone, source)


def spending(source: Model) -> QuerySet[Spending]:
    return _of(Spending, source)


def photos(source: Model) -> QuerySet[Photo]:
    return _of(Photo, source)


def fen_total(rows: QuerySet[Spending]) -> int:
    return int(rows.aggregate(total=Sum("amount_fen"))["total"] or 0)


def yuan(fen: int | None) -> Decimal:
    """Integer fen as yuan to the fen, for the money formatter."""
    return Decimal(fen or 0) / 100


def progress(
    source: Model,
    budget_yuan: int | None,
    spent_fen: int | None = None,
    milestone_counts: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """Money spent against the planned budget and milestones done, for the source's pages.
    A list of sources passes ``spent_fen`` and ``milestone_counts`` (done, all) read with the
    list, so showing it costs no query per row."""
    if milestone_counts is None:
        done_on = list(milestones(source).values_list("done_on", flat=True))
        milestone_counts = (sum(1 for d in done_on if d), len(done_on))
    money = yuan(fen_total(spending(source)) if spent_fen is None else spent_fen)
    budget = Decimal(budget_yuan or 0)
    return {
        "spent": money,
        "budget": budget,
        "left": budget - money,
        "over_by": max(money - budget, Decimal(0)),
        "over": money > budget,
        "share": int(money * 100 / budget) if budget else 0,
        "milestones_done": milestone_counts[0],
        "milestones": milestone_counts[1],
    }
