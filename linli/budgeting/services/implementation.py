"""Funded projects being carried out: owners and team, milestones, spending with receipts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.kit import audit, command, ledger
from linli.core.models import Member, User
from linli.core.photos import shrink
from linli.core.services import ServiceError
from linli.participation.models import Channel, Depth, Method
from linli.tracking import queries as tracking
from linli.tracking import services as track
from linli.tracking.models import Milestone, Spending

from ..models import Idea, Update
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
        # The organisers record the team with its members' agreement, as before: named at once.
        track.set_team(actor, track.project_for(idea), members, consented=True)
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
    milestone = track.add_milestone(actor, track.project_for(idea), title, due)
    audit("budgeting.milestone", idea, community=idea.process.community)
    return milestone


@command("budgeting.view", on="milestone")
def milestone_done(actor: User, milestone: Milestone, done_on: date | None = None) -> Milestone:
    idea = milestone.project.source
    if not isinstance(idea, Idea):
        raise ServiceError(_("Only funded projects are tracked."))
    _tracking(actor, idea)
    track.milestone_done(actor, milestone, done_on)
    Update.objects.create(idea=idea, kind=Update.Kind.MILESTONE, detail=milestone.title)
    return milestone


def spent(idea: Idea) -> Decimal:
    """Yuan, to the fen."""
    return tracking.yuan(tracking.fen_total(tracking.spending(idea)))


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
    entry = track.add_spending(
        actor, track.project_for(idea), amount=amount, what=what, spent_on=spent_on, receipt=receipt
    )
    Update.objects.create(
        idea=idea, kind=Update.Kind.SPENDING, detail=entry.what, amount_fen=entry.amount_fen
    )
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
    annotated = getattr(idea, "spent_fen", False)  # from funded(); None when nothing is spent
    if annotated is False:
        return tracking.progress(idea, idea.cost)
    counts = (int(idea.milestones_done or 0), int(idea.milestones_all or 0))  # type: ignore[attr-defined]
    return tracking.progress(idea, idea.cost, int(annotated or 0), counts)
