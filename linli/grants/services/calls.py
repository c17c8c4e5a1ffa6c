"""Organisers setting up and opening a call."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import audit as snapshots
from linli.core.kit import audit, command
from linli.core.models import Community, Member, User
from linli.core.money import grouped
from linli.core.services import ServiceError

from ..models import (
    DEFAULT_CRITERIA,
    Call,
    Criterion,
)
from .awards import _decline
from .common import S
from .panel import community_awarded

# --- Calls ------------------------------------------------------------------------------------


@command("grants.manage", on="call")
def save_call(
    actor: User, call: Call, areas: Iterable[Any] = (), panel: Iterable[Member] = ()
) -> Call:
    if call.closes_on < call.opens_on or call.review_by < call.closes_on:
        raise ServiceError(
            _("The dates must follow each other: open, close, review, award."), "closes_on"
        )
    if call.award_by < call.review_by:
        raise ServiceError(_("Awards cannot be announced before the review ends."), "award_by")
    if not call.themes:
        raise ServiceError(_("Offer at least one theme."), "themes")
    if call.community_cap < call.project_cap:
        raise ServiceError(
            _("The community's total cannot be smaller than the most for one project."),
            "community_cap",
        )
    new = call.pk is None
    with transaction.atomic():
        # The same lock as award(): a cap lowered while someone awards is checked against the
        # total after that award, so the community's yearly total never ends above its cap.
        Community.objects.select_for_update().get(pk=call.community_id)
        awarded = community_awarded(call.community, call.year)
        if call.community_cap < awarded:
            raise ServiceError(
                _(
                    "%(awarded)s yuan is already awarded in %(year)s; the community's total "
                    "cannot be set below that."
                )
                % {"awarded": grouped(awarded), "year": call.year},
                "community_cap",
            )
        largest = 0 if new else call.applications.aggregate(m=Max("award_amount"))["m"] or 0
        if call.project_cap < largest:
            raise ServiceError(
                _(
                    "A project of this call was already awarded %(n)s yuan; the most for one "
                    "project cannot be set below that."
                )
                % {"n": grouped(largest)},
                "project_cap",
            )
        call.save()
        call.areas.set(list(areas))
        call.panel.set([m for m in panel if m.community_id == call.community_id])
        if new:
            Criterion.objects.bulk_create(
                Criterion(call=call, name=str(name), weight=weight, order=i)
                for i, (name, weight) in enumerate(DEFAULT_CRITERIA)
            )
        audit("grants.call_saved", call, community=call.community, after=snapshots.snapshot(call))
    return call


@command("grants.edit_criteria", on="call")
def add_criterion(actor: User, call: Call, name: str, weight: int) -> Criterion:
    order = call.criteria.count()
    criterion = Criterion.objects.create(call=call, name=name, weight=weight, order=order)
    audit("grants.criterion_added", criterion, community=call.community)
    return criterion


@command("grants.edit_criteria", on="criterion")
def remove_criterion(actor: User, criterion: Criterion) -> None:
    call = criterion.call
    if call.criteria.count() <= 1:
        raise ServiceError(_("A call needs at least one criterion."))
    audit("grants.criterion_removed", criterion, community=call.community)
    criterion.delete()


@command("grants.manage", on="call")
def step(actor: User, call: Call, action: str) -> Call:
    """open: draft -> open; review: open -> review (submitted applications go to the panel);
    decide: review -> decided (applications not awarded are declined)."""
    before = call.status
    with transaction.atomic():
        if action == "open" and call.status == Call.Status.DRAFT:
            if not call.criteria.exists():
                raise ServiceError(_("Add at least one criterion first."))
            call.status = Call.Status.OPEN
        elif action == "review" and call.status == Call.Status.OPEN:
            if not call.panel.exists():
                raise ServiceError(_("Name the panel members before the review starts."))
            call.status = Call.Status.REVIEW
            call.applications.filter(status=S.SUBMITTED).update(status=S.REVIEW)
        elif action == "decide" and call.status == Call.Status.REVIEW:
            call.status = Call.Status.DECIDED
            for application in call.applications.filter(status=S.REVIEW):
                _decline(application, _("The panel's ranking and the caps left no room."))
        else:
            raise ServiceError(_("This step is not possible now."))
        call.save(update_fields=["status"])
        audit(
            f"grants.call_{action}",
            call,
            community=call.community,
            before={"status": before},
            after={"status": call.status},
        )
    return call


def accepting(call: Call, today: Any = None) -> bool:
    today = today or timezone.localdate()
    return call.status == Call.Status.OPEN and call.opens_on <= today <= call.closes_on
