"""Writing, publishing, supporting, discussing, answering and merging proposals."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit as snapshots
from linli.core import photos
from linli.core.kit import audit, command, ledger
from linli.core.models import Community, Member, User
from linli.core.notify import notify
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of
from linli.core.services import ServiceError
from linli.participation import services as participation
from linli.participation.models import Channel, Depth, Method

from . import similarity
from .models import (
    Comment,
    CommentReport,
    CommentRevision,
    Proposal,
    ProposalSettings,
    StatusChange,
    Support,
)
from .queries import visible_to

ANSWERS = {
    Proposal.Status.UNDER_REVIEW,
    Proposal.Status.ACCEPTED,
    Proposal.Status.TO_VOTE,
    Proposal.Status.REJECTED,
    Proposal.Status.IN_PROGRESS,
    Proposal.Status.DONE,
}


def settings_for(community: Community) -> ProposalSettings:
    """The community's proposal rules; the defaults (unsaved) until an administrator changes
    them, so reading them never writes."""
    found = ProposalSettings.objects.filter(community=community).first()
    return found or ProposalSettings(community=community)


RULE_FIELDS = [
    "support_threshold",
    "window_days",
    "new_account_hours",
    "new_account_comments_per_hour",
]


@command("community.edit", on="community")
def update_rules(actor: User, community: Community, **changes: int) -> ProposalSettings:
    """Change the community's proposal rules (its administrators), audited with what changed."""
    rules, _created = ProposalSettings.objects.get_or_create(community=community)
    before = snapshots.snapshot(rules, RULE_FIELDS)
    for name in RULE_FIELDS:
        if name in changes:
            setattr(rules, name, changes[name])
    rules.save()
    audit(
        "proposals.rules",
        rules,
        community=community,
        before=before,
        after=snapshots.snapshot(rules, RULE_FIELDS),
    )
    return rules


def _require_member(member: Member | None, community: Community) -> Member:
    if (
        member is None
        or member.community_id != community.pk
        or member.status != Member.Status.VERIFIED
    ):
        raise ServiceError(_("Only verified residents of this community can do this."))
    return member


def may_edit(member: Member | None, proposal: Proposal) -> bool:
    return (
        member is not None
        and proposal.status == Proposal.Status.DRAFT
        and member.pk in proposal.authors()
    )


# --- Writing and publishing ---------------------------------------------------------------


def check_area(proposal: Proposal) -> None:
    if proposal.area is not None and proposal.area.community_id != proposal.community_id:
        raise ServiceError(_("Choose a courtyard or estate of this community."), "area")
    if proposal.place is not None and proposal.place.community_id != proposal.community_id:
        raise ServiceError(_("Choose a courtyard or estate of this community."), "place")


@command("proposals.create", on="proposal")
def save_draft(actor: User, proposal: Proposal, photo: Any = None) -> Proposal:
    """The actor saves a draft of their own (or one they co-write); a new ``photo`` replaces the
    old one as a clean, small JPEG."""
    member = _require_member(member_of(actor, proposal.community), proposal.community)
    if proposal.pk and not may_edit(member, proposal):
        raise ServiceError(_("Only the authors can change a draft, and only before publishing."))
    check_area(proposal)
    replaced = ""
    if photo:
        try:
            clean = photos.shrink(photo)
        except ServiceError as error:
            raise ServiceError(error.message, "photo") from None
        replaced = proposal.photo.name if proposal.photo else ""
        proposal.photo = clean  # type: ignore[assignment]
    if proposal.pk is None:
        proposal.author = member
    proposal.save()
    if replaced:
        proposal.photo.storage.delete(replaced)
    return proposal


@command("proposals.create", on="proposal", lock=True)
def add_coauthor(actor: User, proposal: Proposal, contact: str) -> Member:
    """The first author invites a verified neighbour to write the draft with them."""
    member = _require_member(member_of(actor, proposal.community), proposal.community)
    if member.pk != proposal.author_id or proposal.status != Proposal.Status.DRAFT:
        raise ServiceError(_("Only the first author can invite co-authors, before publishing."))
    contact = contact.strip()
    found = (
        Member.objects.filter(community=proposal.community, status=Member.Status.VERIFIED)
        .filter(Q(phone=contact) | Q(email__iexact=contact) | Q(user__email__iexact=contact))
        .exclude(pk=member.pk)
        .first()
        if contact
        else None
    )
    if found is None:
        raise ServiceError(
            _("No verified resident of this community has that phone number or email."),
            "contact",
        )
    proposal.coauthors.add(found)
    notify(
        found,
        "proposal_coauthor",
        (
            gettext_lazy("%(name)s invites you to write “%(title)s”"),
            {"name": member.name, "title": proposal.title},
        ),
        gettext_lazy("You can edit the draft with them before it is published."),
        url=proposal.get_absolute_url(),
        community=proposal.community,
    )
    return found


@command("proposals.create", on="proposal", lock=True)
def publish(actor: User, proposal: Proposal) -> Proposal:
    """The first author publishes the draft; the authors are in the ledger. The row lock makes
    a double click publish once."""
    member = _require_member(member_of(actor, proposal.community), proposal.community)
    if member.pk != proposal.author_id:
        raise ServiceError(_("Only the first author can publish the proposal."))
    if proposal.status != Proposal.Status.DRAFT:
        raise ServiceError(_("This proposal is already published."))
    proposal.status = Proposal.Status.RECEIVED
    proposal.published_at = timezone.now()
    proposal.save(update_fields=["status", "published_at"])
    StatusChange.objects.create(proposal=proposal, status=proposal.status)
    ledger(
        member,
        method=Method.PROPOSAL,
        channel=Channel.ONLINE,
        depth=Depth.INVOLVED,
        source=proposal,
    )
    for coauthor in proposal.coauthors.all():
        ledger(
            coauthor,
            method=Method.PROPOSAL,
            channel=Channel.ONLINE,
            depth=Depth.COLLABORATING,
            source=proposal,
        )
    return proposal


def similar_to(
    community: Community, text: str, exclude: int | None = None
) -> list[tuple[Proposal, float]]:
    """Published proposals of the community that resemble ``text``, best first."""
    candidates = Proposal.objects.filter(community=community).exclude(
        status__in=[Proposal.Status.DRAFT, Proposal.Status.MERGED]
    )
    if exclude:
        candidates = candidates.exclude(pk=exclude)
    documents = [
        (p.pk, f"{p.title} {p.title} {p.body}") for p in candidates.only("pk", "title", "body")
    ]
    found = similarity.similar(text, documents, limit=5)
    by_id = {p.pk: p for p in candidates.filter(pk__in=[pk for pk, _s in found])}
    return [(by_id[pk], score) for pk, score in found if pk in by_id]  # type: ignore[index]


# --- Support ------------------------------------------------------------------------------


@command("proposals.support_proposal", on="proposal", lock=True)
def toggle_support(actor: User, proposal: Proposal) -> bool:
    """The actor supports the proposal, or withdraws their support. Returns True when
    supporting. The proposal's row lock makes a double click count once."""
    member = _require_member(member_of(actor, proposal.community), proposal.community)
    existing = Support.objects.filter(proposal=proposal, member=member).first()
    if existing is not None:
        existing.delete()
        participation.withdraw(member, method=Method.SUPPORT, source=proposal)
        return False
    try:
        with transaction.atomic():
            Support.objects.create(proposal=proposal, member=member)
    except IntegrityError:  # a double click: the first one counted
        return True
    ledger(
        member,
        method=Method.SUPPORT,
        channel=Channel.ONLINE,
        depth=Depth.CONSULTED,
        source=proposal,
    )
    _check_threshold(proposal)
    return True


def _check_threshold(proposal: Proposal) -> None:
    if proposal.threshold_reached_at or not proposal.published_at:
        return
    rules = settings_for(proposal.community)
    deadline = proposal.published_at + timedelta(days=rules.window_days)
    if timezone.now() <= deadline and proposal.supports.count() >= rules.support_threshold:
        proposal.threshold_reached_at = timezone.now()
        proposal.save(update_fields=["threshold_reached_at"])


def support_deadline(proposal: Proposal) -> Any:
    if not proposal.published_at:
        return None
    return proposal.published_at + timedelta(days=settings_for(proposal.community).window_days)


# --- Comments -----------------------------------------------------------------------------


@command("proposals.comment", on="proposal")
def comment(
    actor: User, proposal: Proposal, body: str, stance: str, parent: Comment | None = None
) -> Comment:
    """A resident's comment (or reply) on a published proposal; the authors are told."""
    member = _require_member(member_of(actor, proposal.community), proposal.community)
    if not proposal.is_published:
        raise ServiceError(_("Comments open when the proposal is published."))
    if not body.strip():
        raise ServiceError(_("Write something first."), "body")
    if parent is not None and parent.proposal_id != proposal.pk:
        raise ServiceError(_("You can only reply to a comment on this proposal."))
    _check_rate(actor, member, proposal.community)
    created = Comment.objects.create(
        proposal=proposal, member=member, parent=parent, body=body.strip(), stance=stance
    )
    ledger(
        member, method=Method.COMMENT, channel=Channel.ONLINE, depth=Depth.CONSULTED, source=created
    )
    recipients = {proposal.author, *proposal.coauthors.all()}
    if parent is not None:
        recipients.add(parent.member)
    for recipient in recipients - {member}:
        notify(
            recipient,
            "proposal_comment",
            (gettext_lazy("New comment on “%(title)s”"), {"title": proposal.title}),
            body.strip()[:200],
            url=proposal.get_absolute_url() + f"#comment-{created.pk}",
            community=proposal.community,
        )
    return created


def _check_rate(actor: User, member: Member, community: Community) -> None:
    """New accounts may post only a few comments an hour: most abuse comes from fresh accounts."""
    rules = settings_for(community)
    if timezone.now() - actor.date_joined > timedelta(hours=rules.new_account_hours):
        return
    recent = Comment.objects.filter(
        member=member, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= rules.new_account_comments_per_hour:
        raise ServiceError(
            _(
                "New accounts can post %(n)d comments an hour. Please wait a little before "
                "posting again."
            )
            % {"n": rules.new_account_comments_per_hour},
            "body",
        )


@command("proposals.comment", on="target", lock=True)
def edit_comment(actor: User, target: Comment, body: str, stance: str) -> Comment:
    """The writer edits their comment; the earlier text is kept as a revision."""
    member = member_of(actor, target.community)
    if member is None or member.pk != target.member_id:
        raise ServiceError(_("Only the writer can edit a comment."))
    if target.is_hidden:
        raise ServiceError(_("A hidden comment cannot be edited."))
    if not body.strip():
        raise ServiceError(_("Write something first."), "body")
    CommentRevision.objects.create(comment=target, body=target.body, stance=target.stance)
    target.body, target.stance, target.edited_at = body.strip(), stance, timezone.now()
    target.save(update_fields=["body", "stance", "edited_at"])
    return target


@command("proposals.report", on="target")
def report(actor: User, target: Comment, reason: str) -> CommentReport:
    """A resident reports a comment to the moderators (once each)."""
    member = _require_member(member_of(actor, target.community), target.community)
    if not reason.strip():
        raise ServiceError(_("Say what is wrong with the comment."), "reason")
    found, _created = CommentReport.objects.get_or_create(
        comment=target, member=member, defaults={"reason": reason.strip()}
    )
    return found


@command("proposals.moderate", on="target")
def hide(actor: User, target: Comment, reason: str) -> Comment:
    community = target.proposal.community
    if not reason.strip():
        raise ServiceError(
            _("Give the reason for hiding; it stays visible in its place."), "reason"
        )
    before = snapshots.snapshot(target, ["body", "hidden_reason"])
    target.hidden_reason, target.hidden_by = reason.strip(), actor
    target.save(update_fields=["hidden_reason", "hidden_by"])
    target.reports.update(resolved=True)
    audit(
        "proposals.comment_hidden",
        target,
        community=community,
        before=before,
        after={"hidden_reason": target.hidden_reason},
    )
    return target


# --- Answers, merging ---------------------------------------------------------------------


def change_status(proposal: Proposal, status: str, answer: str, actor: User) -> Proposal:
    """``answer_proposal`` under its older argument order (the votes app and tests call it)."""
    return answer_proposal(actor, proposal, status, answer)


@command("proposals.answer", on="proposal", lock=True)
def answer_proposal(actor: User, proposal: Proposal, status: str, answer: str) -> Proposal:
    """The organisers' answer. Everyone who wrote, supported or commented is told."""
    community = proposal.community
    if status not in ANSWERS:
        raise ServiceError(_("Choose one of the listed statuses."), "status")
    if not proposal.is_published or proposal.status == Proposal.Status.MERGED:
        raise ServiceError(_("Only a published proposal can be answered."))
    if status == Proposal.Status.REJECTED and not answer.strip():
        raise ServiceError(
            _("Say why the proposal is rejected: residents deserve the reason."), "answer"
        )
    before = snapshots.snapshot(proposal, ["status", "answer"])
    proposal.status = status
    if answer.strip():
        proposal.answer = answer.strip()
    if proposal.first_answered_at is None:
        proposal.first_answered_at = timezone.now()
    proposal.save(update_fields=["status", "answer", "first_answered_at"])
    StatusChange.objects.create(
        proposal=proposal, status=status, answer=answer.strip(), actor=actor
    )
    audit(
        "proposals.answered",
        proposal,
        before=before,
        after=snapshots.snapshot(proposal, ["status", "answer"]),
    )
    for member in interested(proposal):
        notify(
            member,
            "proposal_status",
            (
                gettext_lazy("“%(title)s” is now: %(status)s"),
                {"title": proposal.title, "status": Proposal.Status(status).label},
            ),
            answer.strip()[:300],
            url=proposal.get_absolute_url(),
            community=community,
        )
    return proposal


def interested(proposal: Proposal) -> QuerySet[Member]:
    return Member.objects.filter(
        Q(pk=proposal.author_id)
        | Q(coauthored_proposals=proposal)
        | Q(supports__proposal=proposal)
        | Q(comments__proposal=proposal)
    ).distinct()


@command("proposals.merge", on="duplicate")
def merge(actor: User, duplicate: Proposal, target: Proposal) -> Proposal:
    """Fold a duplicate into another proposal: supports (once per resident), comments and
    co-authors move; the duplicate stays, pointing to where the conversation went."""
    community = duplicate.community
    if duplicate.pk == target.pk or target.community_id != community.pk:
        raise ServiceError(_("Choose another proposal of this community."), "target")
    if target.status in (Proposal.Status.DRAFT, Proposal.Status.MERGED):
        raise ServiceError(
            _("Merge into a published proposal that is not itself merged."), "target"
        )
    with transaction.atomic():
        already = set(target.supports.values_list("member_id", flat=True))
        duplicate.supports.exclude(member_id__in=already).update(proposal=target)
        duplicate.supports.all().delete()
        duplicate.comments.update(proposal=target)
        for member in [duplicate.author, *duplicate.coauthors.all()]:
            if member.pk != target.author_id:
                target.coauthors.add(member)
        duplicate.status, duplicate.merged_into = Proposal.Status.MERGED, target
        duplicate.save(update_fields=["status", "merged_into"])
        StatusChange.objects.create(
            proposal=duplicate,
            status=Proposal.Status.MERGED,
            answer=_("Merged into “%(title)s”.") % {"title": target.title},
            actor=actor,
        )
        audit("proposals.merged", duplicate, after={"into": target.pk})
    _check_threshold(target)
    return target


# --- Agenda and accountability ------------------------------------------------------------


def agenda(community: Community) -> QuerySet[Proposal]:
    """What the organisers owe an answer to: proposals that reached the threshold, and every
    published proposal still without an answer, oldest first."""
    return (
        Proposal.objects.filter(community=community)
        .filter(Q(threshold_reached_at__isnull=False) | Q(first_answered_at__isnull=True))
        .filter(status__in=[Proposal.Status.RECEIVED, Proposal.Status.UNDER_REVIEW])
        .annotate(support_count=Count("supports"))
        .order_by("threshold_reached_at", "published_at")
    )


@dataclass
class AnswerStats:
    published: int
    answered: int
    within_30_days: int
    median_days: float | None
    by_status: list[tuple[str, int]]


def answer_stats(community: Community) -> AnswerStats:
    published = Proposal.objects.filter(community=community, published_at__isnull=False).exclude(
        status=Proposal.Status.MERGED
    )
    answered = published.filter(first_answered_at__isnull=False)
    delays = [
        (answered_at - published_at).total_seconds() / 86400
        for answered_at, published_at in answered.values_list("first_answered_at", "published_at")
        if answered_at and published_at
    ]
    counts = dict(published.values_list("status").annotate(n=Count("pk")))
    return AnswerStats(
        published=published.count(),
        answered=len(delays),
        within_30_days=sum(1 for d in delays if d <= 30),
        median_days=round(statistics.median(delays), 1) if delays else None,
        by_status=[
            (str(label), counts.get(value, 0))
            for value, label in Proposal.Status.choices
            if value not in (Proposal.Status.DRAFT, Proposal.Status.MERGED)
        ],
    )


def open_items(community: Community, user: Any) -> list[OpenItem]:
    collecting = (
        Proposal.objects.filter(
            community=community,
            status__in=[Proposal.Status.RECEIVED, Proposal.Status.UNDER_REVIEW],
            published_at__gte=timezone.now() - timedelta(days=settings_for(community).window_days),
        )
        .annotate(n=Count("supports"))
        .order_by("-n")[:5]
    )
    return [
        OpenItem(
            kind=_("Proposal"),
            title=p.title,
            url=p.get_absolute_url(),
            closes_at=support_deadline(p),
            summary=_("%(n)d supports so far") % {"n": p.n},  # type: ignore[attr-defined]
        )
        for p in collecting
    ]


def may_see_photo(user: Any, proposal: Proposal) -> bool:
    """Whoever may open the proposal: anybody once it is published, its authors while a draft."""
    community = proposal.community
    if not can(user, "proposals.view", community):
        return False
    member = member_of(user, community)
    return visible_to(user, community, member).filter(pk=proposal.pk).exists()


def may_moderate(user: Any, community: Community) -> bool:
    return can(user, "proposals.moderate", community)
