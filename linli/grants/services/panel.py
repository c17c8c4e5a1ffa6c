"""The panel's review: scores, recusal and the ranking."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.utils.translation import gettext as _

from linli.core.kit import command, ledger
from linli.core.models import Community, Member, User
from linli.core.permissions import can, member_of
from linli.core.services import ServiceError
from linli.participation.models import Channel, Depth, Method
from linli.reviews import scoring
from linli.tracking.models import TeamMember

from .. import funding
from ..models import (
    Application,
    Call,
    Review,
    Score,
)
from .access import on_panel, on_team
from .common import S

# --- Panel review -----------------------------------------------------------------------------


def auto_conflict(member: Member, application: Application) -> bool:
    """A panel member who leads or is on the team of an application never reviews it."""
    return on_team(member, application)


def recused_pairs(call: Call) -> set[tuple[int, int]]:
    pairs = set(
        Review.objects.filter(application__call=call, recused=True).values_list(
            "panelist_id", "application_id"
        )
    )
    # auto_conflict for every panel member and application, in two queries instead of one per pair.
    panel = set(call.panel.values_list("pk", flat=True))
    pairs.update(
        (lead, application)
        for application, lead in call.applications.values_list("pk", "lead_id")
        if lead in panel
    )
    pairs.update(
        TeamMember.objects.filter(
            project__source_type=ContentType.objects.get_for_model(Application),
            project__source_id__in=call.applications.values("pk"),
            member__in=panel,
        ).values_list("member_id", "project__source_id")
    )
    return pairs


def _panelist(actor: User, call: Call) -> Member:
    """The actor's membership, when they sit on the call's panel."""
    member = member_of(actor, call.community)
    if member is None or not on_panel(member, call):
        raise ServiceError(_("Only panel members review applications."))
    return member


@command("grants.apply", on="application")
def declare_conflict(actor: User, application: Application, reason: str) -> Review:
    """A panel member steps back from an application; their scores for it are dropped."""
    member = _panelist(actor, application.call)
    if not reason.strip():
        raise ServiceError(_("Say what the conflict of interest is."), "conflict")
    review, _created = Review.objects.get_or_create(application=application, panelist=member)
    review.recused = True
    review.conflict = reason
    review.save()
    review.scores.all().delete()
    return review


@command("grants.apply", on="application")
def score(actor: User, application: Application, values: Mapping[int, int], comment: str) -> Review:
    """A panel member's scores on every criterion, while the panel reviews."""
    call = application.call
    member = _panelist(actor, call)
    if call.status != Call.Status.REVIEW or application.status != S.REVIEW:
        raise ServiceError(_("Scores can only be given while the panel reviews."))
    existing = Review.objects.filter(application=application, panelist=member).first()
    if auto_conflict(member, application) or (existing and existing.recused):
        raise ServiceError(_("You are recused from this application."))
    criteria = list(call.criteria.all())
    for criterion in criteria:
        value = values.get(criterion.pk)
        if value is None:
            raise ServiceError(
                _("Score every criterion: “%(name)s” is missing.") % {"name": criterion.name},
                f"c{criterion.pk}",
            )
        if not 0 <= value <= call.scale_high:
            raise ServiceError(
                _("Scores go from 0 to %(high)s.") % {"high": call.scale_high}, f"c{criterion.pk}"
            )
    review, _created = Review.objects.get_or_create(application=application, panelist=member)
    review.comment = comment
    review.save()
    for criterion in criteria:
        Score.objects.update_or_create(
            review=review, criterion=criterion, defaults={"value": values[criterion.pk]}
        )
    ledger(
        member,
        method=Method.GRANT,
        channel=Channel.ONLINE,
        depth=Depth.COLLABORATING,
        source=call,
        project=call.project,
    )
    return review


def _scores(call: Call) -> dict[tuple[Hashable, Hashable, Hashable], float]:
    return {
        (s.review.panelist_id, s.review.application_id, s.criterion_id): float(s.value)
        for s in Score.objects.filter(review__application__call=call).select_related("review")
    }


def reviewed(call: Call) -> list[Application]:
    # Budget lines come along: the ranking and the suggestion read every application's request.
    return list(
        call.applications.filter(status__in=[S.REVIEW, S.AWARDED, S.DECLINED]).prefetch_related(
            "budget_lines"
        )
    )


def all_in(call: Call) -> bool:
    applications = reviewed(call)
    return scoring.all_in(
        [m.pk for m in call.panel.all()],
        [a.pk for a in applications],
        [c.pk for c in call.criteria.all()],
        _scores(call).keys(),
        recused_pairs(call),
    )


def scores_visible(user: Any, member: Member | None, call: Call) -> bool:
    """Blind review: every panel member, an organiser on the panel too, sees only their own
    scores until every score is in (or the call is decided). Organisers who do not sit on the
    panel may follow the scores to chase the missing ones."""
    if call.status == Call.Status.DECIDED:
        return True
    if on_panel(member, call):
        return all_in(call)
    return can(user, "grants.manage", call.community)


def outcome(call: Call) -> scoring.Outcome:
    criteria = [
        scoring.Criterion(key=c.pk, weight=c.weight, low=0, high=call.scale_high)
        for c in call.criteria.all()
    ]
    applications = [a.pk for a in reviewed(call)]
    panel_size = call.panel.count()
    return scoring.combine(
        criteria,
        applications,
        _scores(call),
        recused_pairs(call),
        min_reviewers=max(1, min(3, panel_size)),
    )


def community_awarded(community: Community, year: int) -> int:
    return int(
        Application.objects.filter(
            call__community=community, call__year=year, status=S.AWARDED
        ).aggregate(s=Sum("award_amount"))["s"]
        or 0
    )


def cap_left(call: Call) -> int:
    return max(0, call.community_cap - community_awarded(call.community, call.year))


def suggestion(call: Call) -> tuple[scoring.Outcome, list[funding.Suggestion]]:
    result = outcome(call)
    by_pk: dict[Hashable, Application] = {a.pk: a for a in reviewed(call)}
    already = community_awarded(call.community, call.year) - sum(
        a.award_amount or 0 for a in by_pk.values() if a.status == S.AWARDED
    )
    left = max(0, call.community_cap - already)
    asks = [
        funding.Ask(r.application, by_pk[r.application].requested(), r.mean_z is not None)
        for r in result.results
        if by_pk[r.application].status != S.WITHDRAWN
    ]
    return result, funding.fund_down(asks, call.project_cap, left)
