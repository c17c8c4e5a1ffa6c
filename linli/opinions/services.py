"""Commands of opinion mapping: what organisers and residents do to a conversation. Each is a
``@command``: one transaction, the permission or rule for the actor (``rules.py``), the write, the
audit log and the participation ledger together. Voting is *consulted* on the ladder of
participation, writing a statement *involved*. Every vote asks for the analysis to be recomputed
in the background (``tasks.py``), at most one pending per conversation. Reads are in
``queries.py``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit as snapshots
from linli.core.kit import Refused, audit, command, ledger
from linli.core.models import Community, Member, User
from linli.core.notify import notify
from linli.core.permissions import can, member_of
from linli.engagement.models import Project
from linli.participation.models import Channel, Depth, Method

from .models import STATEMENT_MAX, Conversation, Statement, Vote

NOTIFY_KIND = "opinion_statement_moderated"
CONVERSATION_FIELDS = (
    "title",
    "question",
    "description",
    "is_public",
    "allows_statements",
    "project",
)
# A queued recompute that has not started after this long is taken as lost (a worker that died):
# the next vote queues another.
STALE_QUEUE = timedelta(minutes=10)


# --- Conversations -------------------------------------------------------------------------------


def _check_fields(community: Community, fields: Mapping[str, Any]) -> None:
    if not str(fields.get("title", "")).strip():
        raise Refused(_("Give the conversation a title."), "title")
    if not str(fields.get("question", "")).strip():
        raise Refused(_("Write the question residents answer."), "question")
    project = fields.get("project")
    if project is not None and (
        not isinstance(project, Project) or project.community_id != community.pk
    ):
        raise Refused(_("Choose a project of this community."), "project")


def _clean_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise Refused(_("Write a statement."), "text")
    if len(text) > STATEMENT_MAX:
        raise Refused(
            _("A statement is at most %(max)d characters; this one has %(n)d.")
            % {"max": STATEMENT_MAX, "n": len(text)},
            "text",
        )
    return text


def _next_number(conversation: Conversation) -> int:
    top = conversation.statements.aggregate(top=Max("number"))["top"]
    return (top or 0) + 1


@command("opinions.manage", on="community")
def create_conversation(
    actor: User, community: Community, fields: Mapping[str, Any], seeds: Sequence[str] = ()
) -> Conversation:
    """A new open conversation; ``seeds`` are the organisers' first statements, accepted."""
    _check_fields(community, fields)
    conversation = Conversation(community=community, created_by=actor)
    for name in CONVERSATION_FIELDS:
        if name in fields:
            setattr(conversation, name, fields[name])
    conversation.save()
    for text in seeds:
        if text.strip():
            _add_statement(actor, conversation, _clean_text(text), seed=True)
    audit("opinions.create", conversation, after=snapshots.snapshot(conversation))
    return conversation


@command("opinions.edit", on="conversation", lock=True)
def update_conversation(
    actor: User, conversation: Conversation, fields: Mapping[str, Any]
) -> Conversation:
    _check_fields(conversation.community, {**_current(conversation), **fields})
    before = snapshots.snapshot(conversation)
    for name in CONVERSATION_FIELDS:
        if name in fields:
            setattr(conversation, name, fields[name])
    conversation.save()
    audit("opinions.update", conversation, before=before, after=snapshots.snapshot(conversation))
    return conversation


def _current(conversation: Conversation) -> dict[str, Any]:
    return {name: getattr(conversation, name) for name in CONVERSATION_FIELDS}


@command("opinions.close", on="conversation", lock=True)
def close_conversation(actor: User, conversation: Conversation, outcome: str = "") -> Conversation:
    """Close voting and statements; the results and the report-back stay for everyone to read."""
    before = snapshots.snapshot(conversation)
    conversation.status = Conversation.Status.CLOSED
    conversation.closed_at = timezone.now()
    conversation.outcome = outcome.strip()
    conversation.save()
    request_recompute(conversation)
    audit("opinions.close", conversation, before=before, after=snapshots.snapshot(conversation))
    return conversation


@command("opinions.moderate", on="conversation")
def write_outcome(actor: User, conversation: Conversation, outcome: str) -> Conversation:
    """What the organisers will do with what the conversation found (also after closing)."""
    before = snapshots.snapshot(conversation, ["outcome"])
    conversation.outcome = outcome.strip()
    conversation.save(update_fields=["outcome"])
    audit("opinions.outcome", conversation, before=before, after={"outcome": conversation.outcome})
    return conversation


# --- Statements ----------------------------------------------------------------------------------


def _add_statement(
    actor: User, conversation: Conversation, text: str, *, seed: bool, author: Member | None = None
) -> Statement:
    accepted = seed or can(actor, "opinions.moderate", conversation)
    statement = Statement.objects.create(
        conversation=conversation,
        number=_next_number(conversation),
        text=text,
        author=author,
        is_seed=seed,
        status=Statement.Status.ACCEPTED if accepted else Statement.Status.PENDING,
        moderated_at=timezone.now() if accepted else None,
        moderated_by=actor if accepted else None,
    )
    return statement


@command("opinions.write_statement", on="conversation", lock=True)
def submit_statement(actor: User, conversation: Conversation, text: str) -> Statement:
    """A resident's statement, waiting for moderation (an organiser's is accepted at once). The
    lock on the conversation keeps statement numbers unique."""
    text = _clean_text(text)
    member = member_of(actor, conversation.community)
    if member is None:
        raise Refused(_("Only members of the community write statements."))
    if conversation.statements.filter(text=text).exists():
        raise Refused(_("This statement is already in the conversation."), "text")
    statement = _add_statement(actor, conversation, text, seed=False, author=member)
    ledger(
        member,
        method=Method.OPINIONS,
        channel=Channel.ONLINE,
        depth=Depth.INVOLVED,
        source=statement,
        project=conversation.project,
    )
    audit("opinions.statement", statement, after=snapshots.snapshot(statement))
    return statement


@command("opinions.moderate", on="statement", lock=True)
def moderate(actor: User, statement: Statement, accept: bool, reason: str = "") -> Statement:
    """Accept a statement, or reject it with the reason its author is told."""
    reason = reason.strip()
    if not accept and not reason:
        raise Refused(_("Say why the statement is not accepted; its author is told."), "reason")
    before = snapshots.snapshot(statement)
    statement.status = Statement.Status.ACCEPTED if accept else Statement.Status.REJECTED
    statement.reason = "" if accept else reason
    statement.moderated_at = timezone.now()
    statement.moderated_by = actor
    statement.save()
    conversation = statement.conversation
    if Vote.objects.filter(statement=statement).exists():
        request_recompute(conversation)  # a statement taken out leaves the map
    if statement.author is not None and not statement.is_seed:
        _tell_author(statement)
    audit("opinions.moderate", statement, before=before, after=snapshots.snapshot(statement))
    return statement


def _tell_author(statement: Statement) -> None:
    conversation = statement.conversation
    if statement.status == Statement.Status.ACCEPTED:
        title = gettext_lazy("Your statement was accepted")
        body = _("Your statement in “%(title)s” is now shown to other residents: %(text)s") % {
            "title": conversation.title,
            "text": statement.text,
        }
    else:
        title = gettext_lazy("Your statement was not accepted")
        body = _("Your statement in “%(title)s” was not accepted: %(text)s. Why: %(reason)s") % {
            "title": conversation.title,
            "text": statement.text,
            "reason": statement.reason,
        }
    assert statement.author is not None
    notify(
        statement.author,
        NOTIFY_KIND,
        title,
        body,
        url=conversation.get_absolute_url(),
        community=conversation.community,
    )


# --- Votes ---------------------------------------------------------------------------------------


def _check_choice(choice: int) -> int:
    if choice not in Vote.Choice.values:
        raise Refused(_("Choose agree, disagree or pass."), "choice")
    return int(choice)


def _put_vote(
    conversation: Conversation,
    statement: Statement,
    member: Member,
    choice: int,
    *,
    channel: str,
    recorded_by: User | None,
) -> Vote:
    """One vote per member and statement; voting again changes it."""
    if statement.conversation_id != conversation.pk:
        raise Refused(_("This statement belongs to another conversation."), "statement")
    if statement.status != Statement.Status.ACCEPTED:
        raise Refused(_("This statement is not open for votes."), "statement")
    now = timezone.now()
    vote, created = Vote.objects.select_for_update().get_or_create(
        statement=statement,
        member=member,
        defaults={
            "conversation": conversation,
            "choice": choice,
            "channel": channel,
            "recorded_by": recorded_by,
            "created_at": now,
            "updated_at": now,
        },
    )
    if not created and (vote.choice != choice or vote.channel != channel):
        vote.choice, vote.channel, vote.recorded_by, vote.updated_at = (
            choice,
            channel,
            recorded_by,
            now,
        )
        vote.save(update_fields=["choice", "channel", "recorded_by", "updated_at"])
    return vote


@command("opinions.vote", on="conversation")
def vote(actor: User, conversation: Conversation, statement: Statement, choice: int) -> Vote:
    """The signed-in resident's agree (1), disagree (-1) or pass (0) on one statement."""
    choice = _check_choice(choice)
    member = member_of(actor, conversation.community)
    if member is None:
        raise Refused(_("Only members of the community vote."))
    cast = _put_vote(
        conversation, statement, member, choice, channel=Channel.ONLINE, recorded_by=None
    )
    ledger(
        member,
        method=Method.OPINIONS,
        channel=Channel.ONLINE,
        depth=Depth.CONSULTED,
        source=conversation,
        project=conversation.project,
    )
    request_recompute(conversation)
    return cast


@command("opinions.enter_paper", on="conversation")
def enter_sheet(
    actor: User,
    conversation: Conversation,
    member: Member,
    marks: Mapping[int, int],
    channel: str = Channel.PAPER,
) -> list[Vote]:
    """A resident's votes from a printed statement sheet (``{statement number: vote}``), typed by
    staff: the ledger row is the resident's, recorded by the staff account, on paper."""
    if member.community_id != conversation.community_id:
        raise Refused(_("Choose a member of this community."), "member")
    if channel not in Channel.values:
        raise Refused(_("Choose how the votes reached you."), "channel")
    if not marks:
        raise Refused(_("The sheet has no votes on it."))
    by_number = {s.number: s for s in conversation.statements.all()}
    unknown = sorted(set(marks) - set(by_number))
    if unknown:
        raise Refused(
            _("There is no statement %(n)s in this conversation.") % {"n": unknown[0]}, "marks"
        )
    cast = [
        _put_vote(
            conversation,
            by_number[number],
            member,
            _check_choice(choice),
            channel=channel,
            recorded_by=actor,
        )
        for number, choice in sorted(marks.items())
    ]
    ledger(
        member,
        method=Method.OPINIONS,
        channel=channel,
        depth=Depth.CONSULTED,
        source=conversation,
        project=conversation.project,
        recorded_by=actor,
    )
    audit(
        "opinions.sheet",
        conversation,
        after={"member": member.pk, "channel": channel, "votes": dict(marks)},
    )
    request_recompute(conversation)
    return cast


# --- Background analysis -------------------------------------------------------------------------


def request_recompute(conversation: Conversation) -> bool:
    """Queue a recompute of the conversation's analysis after this transaction commits, unless
    one is already waiting (debounce: at most one pending per conversation). True if queued."""
    now = timezone.now()
    queued = (
        Conversation.objects.filter(pk=conversation.pk)
        .filter(Q(recompute_queued_at__isnull=True) | Q(recompute_queued_at__lt=now - STALE_QUEUE))
        .update(recompute_queued_at=now)
    )
    if not queued:
        return False
    from .tasks import recompute_task

    pk = conversation.pk
    transaction.on_commit(lambda: recompute_task.enqueue(pk))
    return True


@command("opinions.manage", on="conversation")
def queue_recompute(actor: User, conversation: Conversation) -> bool:
    """An organiser's "bring the map up to date" (e.g. after moderating)."""
    return request_recompute(conversation)
