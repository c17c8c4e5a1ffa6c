"""Residents' ideas, their feasibility review and appeals."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.kit import audit, command, ledger
from linli.core.models import Member, User
from linli.core.notify import notify
from linli.core.permissions import member_of
from linli.core.photos import shrink
from linli.core.services import ServiceError
from linli.participation.models import Channel, Depth, Method
from linli.proposals.models import Proposal

from .. import explain
from ..models import Idea, Process
from .access import require_reviewer

# --- ideas ----------------------------------------------------------------------------------


def _photo(upload: UploadedFile | None) -> Any:
    return shrink(upload) if upload else None


@command("budgeting.propose", on="process")
def submit_idea(
    actor: User, process: Process, idea: Idea, photo: UploadedFile | None = None
) -> Idea:
    community = process.community
    if process.phase != "ideas":
        raise ServiceError(_("Ideas are collected only during the idea phase."))
    member = member_of(actor, community)
    if idea.area is not None and idea.area.community_id != community.pk:
        raise ServiceError(_("Choose areas of this community."), "area")
    with transaction.atomic():
        idea.process = process
        idea.author = member
        if photo:
            idea.photo = _photo(photo)
        idea.save()
        audit("budgeting.idea", idea, community=community)
        if member is not None:
            ledger(
                member,
                method=Method.BUDGET_IDEA,
                channel=Channel.ONLINE,
                depth=Depth.INVOLVED,
                source=idea,
                project=process.project,
            )
    return idea


@command("budgeting.manage", on="process")
def import_proposal(actor: User, process: Process, proposal: Proposal) -> Idea:
    """Bring an existing proposal in as an idea, keeping the link (its author stays the author)."""
    if proposal.community_id != process.community_id:
        raise ServiceError(_("Choose proposals of this community."), "proposal")
    if process.phase not in ("upcoming", "ideas", "review", "draft"):
        raise ServiceError(_("Ideas can no longer be added: the vote has started."))
    if process.ideas.filter(proposal=proposal).exists():
        raise ServiceError(_("This proposal is already an idea of this process."), "proposal")
    author = getattr(proposal, "author", None)
    idea = Idea.objects.create(
        process=process,
        proposal=proposal,
        author=author if isinstance(author, Member) else None,
        title=proposal.title[:120],
        body=getattr(proposal, "body", "")
        or getattr(proposal, "description", "")
        or proposal.title,
    )
    audit("budgeting.idea_from_proposal", idea, community=process.community)
    return idea


@command("budgeting.view", on="duplicate")
def merge_idea(actor: User, duplicate: Idea, into: Idea) -> Idea:
    require_reviewer(actor, duplicate.process)
    if duplicate.process_id != into.process_id or duplicate.pk == into.pk:
        raise ServiceError(_("Choose another idea of the same process."), "into")
    if duplicate.option_id:
        raise ServiceError(_("Ideas cannot be merged once they are on the ballot."))
    duplicate.status, duplicate.merged_into = Idea.Status.MERGED, into
    duplicate.review_note = _("Merged into “%(title)s”.") % {"title": into.title}
    duplicate.save(update_fields=["status", "merged_into", "review_note"])
    audit("budgeting.merged", duplicate, community=duplicate.process.community)
    return duplicate


@command("budgeting.view", on="idea")
def review_idea(
    actor: User,
    idea: Idea,
    *,
    feasible: bool,
    note: str,
    cost: int | None,
    cost_reason: str = "",
) -> Idea:
    process = idea.process
    require_reviewer(actor, process)
    if process.phase not in ("ideas", "review"):
        raise ServiceError(_("Ideas are reviewed before the vote opens."))
    if process.vote_id:
        raise ServiceError(_("The ballot is made: reviews can no longer change."))
    note = note.strip()
    if not feasible and not note:
        raise ServiceError(_("Give residents the reason why the idea is not feasible."), "note")
    if feasible and not cost:
        raise ServiceError(_("A feasible idea needs a costed estimate."), "cost")
    if feasible and process.project_cap and cost and cost > process.project_cap:
        raise ServiceError(
            _("The cost is above the cap of %(cap)s per project.")
            % {"cap": explain.yuan(process.project_cap)},
            "cost",
        )
    if cost and idea.estimated_cost and cost != idea.estimated_cost and not cost_reason.strip():
        raise ServiceError(
            _("The cost differs from the resident's estimate: say why (it is shown publicly)."),
            "cost_reason",
        )
    with transaction.atomic():
        idea.status = Idea.Status.FEASIBLE if feasible else Idea.Status.REJECTED
        idea.review_note, idea.cost, idea.cost_reason = note, cost, cost_reason.strip()
        idea.reviewed_by, idea.reviewed_at = actor, timezone.now()
        idea.save(
            update_fields=[
                "status",
                "review_note",
                "cost",
                "cost_reason",
                "reviewed_by",
                "reviewed_at",
            ]
        )
        audit("budgeting.reviewed", idea, community=process.community)
        _serving(actor, process, idea)
    if idea.author is not None:
        notify(
            idea.author,
            "budget_ideas",
            (gettext_lazy("Your idea “%(title)s” was reviewed"), {"title": idea.title}),
            gettext_lazy("Open the idea to read the review."),
            url=idea.get_absolute_url(),
            community=process.community,
        )
    return idea


def _serving(actor: User, process: Process, source: Any) -> None:
    member = member_of(actor, process.community)
    if member is not None:
        ledger(
            member,
            method=Method.BUDGET_IDEA,
            channel=Channel.IN_PERSON,
            depth=Depth.COLLABORATING,
            source=source,
            project=process.project,
            recorded_by=actor,
        )


@command("budgeting.manage", on="idea")
def set_cost(actor: User, idea: Idea, cost: int, reason: str) -> Idea:
    """Staff correct a project's cost before the ballot is made; the reason is public."""
    if idea.process.vote_id:
        raise ServiceError(_("The ballot is made: costs can no longer change."))
    if not reason.strip():
        raise ServiceError(_("Say why the cost changed (it is shown publicly)."), "cost_reason")
    idea.cost, idea.cost_reason = cost, reason.strip()
    idea.save(update_fields=["cost", "cost_reason"])
    audit("budgeting.cost", idea, community=idea.process.community)
    return idea


@command("budgeting.view", on="idea")
def appeal(actor: User, idea: Idea, text: str) -> Idea:
    member = member_of(actor, idea.process.community)
    if member is None or idea.author_id != member.pk:
        raise ServiceError(_("Only the author of the idea may appeal."))
    if idea.status != Idea.Status.REJECTED:
        raise ServiceError(_("Only a rejected idea can be appealed."))
    if idea.appealed_at is not None:
        raise ServiceError(_("An idea can be appealed once, and this one already was."))
    if idea.process.vote_id or idea.process.phase not in ("ideas", "review"):
        raise ServiceError(_("Appeals are possible until the vote opens."))
    if not text.strip():
        raise ServiceError(_("Write why the idea should be reconsidered."), "text")
    idea.appeal_text, idea.appealed_at = text.strip(), timezone.now()
    idea.save(update_fields=["appeal_text", "appealed_at"])
    audit("budgeting.appeal", idea, community=idea.process.community)
    return idea


@command("budgeting.decide_appeal", on="idea")
def decide_appeal(
    actor: User, idea: Idea, *, upheld: bool, answer: str, cost: int | None = None
) -> Idea:
    process = idea.process
    if not answer.strip():
        raise ServiceError(_("Write the public answer to the appeal."), "answer")
    if upheld and not (cost or idea.cost or idea.estimated_cost):
        raise ServiceError(_("A feasible idea needs a costed estimate."), "cost")
    with transaction.atomic():
        idea.appeal_upheld, idea.appeal_answer = upheld, answer.strip()
        idea.appeal_decided_by, idea.appeal_decided_at = actor, timezone.now()
        if upheld:
            idea.status = Idea.Status.FEASIBLE
            idea.cost = cost or idea.cost or idea.estimated_cost
        idea.save(
            update_fields=[
                "appeal_upheld",
                "appeal_answer",
                "appeal_decided_by",
                "appeal_decided_at",
                "status",
                "cost",
            ]
        )
        audit("budgeting.appeal_decided", idea, community=process.community)
    if idea.author is not None:
        notify(
            idea.author,
            "budget_ideas",
            (gettext_lazy("Your appeal on “%(title)s” was answered"), {"title": idea.title}),
            gettext_lazy("Open the idea to read the answer."),
            url=idea.get_absolute_url(),
            community=process.community,
        )
    return idea


def projects(process: Process) -> list[Idea]:
    """The feasible ideas: the projects on (or for) the ballot."""
    return list(
        process.ideas.filter(status=Idea.Status.FEASIBLE).select_related("area").order_by("pk")
    )
