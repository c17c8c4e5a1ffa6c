"""Funded projects being carried out: owners and team, milestones, spending with receipts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import documents
from linli.core.kit import audit, command, ledger
from linli.core.models import Member, User
from linli.core.photos import shrink
from linli.core.services import ServiceError
from linli.participation.models import Channel, Depth, Method

from ..models import Idea, Milestone, Spending, Update
from .access import may_track
from .voting import funded

# --- implementation -------------------------------------------------------------------------


def _require_funded(idea: Idea) -> None:
    if idea not in funded(idea.process):
        raise ServiceError(_("Only funded projects are tracked."))


@command("budgeting.manage", on="idea")
def set_owner(
    actor: User,
    idea: Idea,
    *,
    owner: Member | None,
    partner: Any = None,
    team: Iterable[Member] = (),
) -> Idea:
    community = idea.process.community
    _require_funded(idea)
    members = list(team)
    if owner is None and partner is None:
        raise ServiceError(_("Choose a member or a partner as owner."), "owner")
    if any(m.community_id != community.pk for m in [*members, *([owner] if owner else [])]):
        raise ServiceError(_("Choose members of this community."), "team")
    if partner is not None and partner.community_id != community.pk:
        raise ServiceError(_("Choose a partner of this community."), "owner_partner")
    with transaction.atomic():
        idea.owner, idea.owner_partner = owner, partner
        if idea.work == Idea.Work.NOT_STARTED:
            idea.work = Idea.Work.IN_PROGRESS
        # Only these fields: the caller's instance may predate the ballot (option) being made.
        idea.save(update_fields=["owner", "owner_partner", "work"])
        idea.team.set(members)
        for member in {*members, *([owner] if owner else [])}:
            ledger(
                member,
                method=Method.BUDGET_IDEA,
                channel=Channel.IN_PERSON,
                depth=Depth.COLLABORATING,
                source=("budgeting.team", idea.pk),
                project=idea.process.project,
                recorded_by=actor,
            )
        audit("budgeting.owner", idea, community=community)
    return idea


def _tracking(actor: User, idea: Idea) -> None:
    if not may_track(actor, idea):
        raise ServiceError(_("Only the organisers, the owner and the team record progress."))
    _require_funded(idea)
    if idea.work == Idea.Work.DONE:
        raise ServiceError(_("This project is marked done."))


@command("budgeting.view", on="idea")
def add_milestone(actor: User, idea: Idea, title: str, due: date) -> Milestone:
    _tracking(actor, idea)
    if not title.strip():
        raise ServiceError(_("Give the milestone a title."), "title")
    milestone = Milestone.objects.create(idea=idea, title=title.strip(), due=due)
    audit("budgeting.milestone", idea, community=idea.process.community)
    return milestone


@command("budgeting.view", on="milestone")
def milestone_done(actor: User, milestone: Milestone, done_on: date | None = None) -> Milestone:
    _tracking(actor, milestone.idea)
    milestone.done_on = done_on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    Update.objects.create(idea=milestone.idea, kind=Update.Kind.MILESTONE, detail=milestone.title)
    return milestone


def spent(idea: Idea) -> Decimal:
    return idea.spending.aggregate(total=Sum("amount"))["total"] or Decimal(0)


@command("budgeting.view", on="idea")
def add_spending(
    actor: User,
    idea: Idea,
    *,
    amount: Decimal,
    what: str,
    spent_on: date,
    receipt: UploadedFile | None,
) -> tuple[Spending, bool]:
    """Record money spent, with a photo or PDF of the receipt; returns (entry, now over budget)."""
    _tracking(actor, idea)
    if amount <= 0:
        raise ServiceError(_("Give an amount above 0."), "amount")
    if not what.strip():
        raise ServiceError(_("Say what the money was spent on."), "what")
    if not receipt:
        raise ServiceError(_("A photo of the receipt is required."), "receipt")
    entry = Spending.objects.create(
        idea=idea,
        amount=amount,
        what=what.strip(),
        spent_on=spent_on,
        receipt=documents.receipt(receipt),
        recorded_by=actor,
    )
    Update.objects.create(idea=idea, kind=Update.Kind.SPENDING, detail=entry.what, amount=amount)
    audit("budgeting.spending", idea, community=idea.process.community)
    return entry, spent(idea) > (idea.cost or 0)


@command("budgeting.view", on="idea")
def mark_done(actor: User, idea: Idea, note: str, photo: UploadedFile | None) -> Idea:
    _tracking(actor, idea)
    if not note.strip():
        raise ServiceError(_("Say what was done."), "final_note")
    if not photo:
        raise ServiceError(_("Add a photo of the result."), "final_photo")
    idea.final_note, idea.final_photo = note.strip(), shrink(photo)
    idea.work, idea.done_at = Idea.Work.DONE, timezone.now()
    idea.save(update_fields=["final_note", "final_photo", "work", "done_at"])
    Update.objects.create(idea=idea, kind=Update.Kind.DONE)
    audit("budgeting.done", idea, community=idea.process.community)
    return idea


def progress(idea: Idea) -> dict[str, Any]:
    milestones = list(idea.milestones.all())
    annotated = getattr(idea, "spent_total", False)  # from funded(); None when nothing is spent
    money = spent(idea) if annotated is False else Decimal(annotated or 0)
    budget = Decimal(idea.cost or 0)
    return {
        "spent": money,
        "budget": budget,
        "left": budget - money,
        "over_by": max(money - budget, Decimal(0)),
        "over": money > budget,
        "share": int(money * 100 / budget) if budget else 0,
        "milestones_done": sum(1 for m in milestones if m.done_on),
        "milestones": len(milestones),
    }
