"""Organisers: build, publish, cancel and close a vote, seal its box and publish the results."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit as snapshots
from linli.core.kit import audit, command
from linli.core.models import Community, Member, Place, User
from linli.core.notify import notify
from linli.core.services import ServiceError
from linli.engagement.models import Project
from linli.participation.models import Method
from linli.proposals import services as proposal_services
from linli.proposals.models import Proposal

from .. import counting
from ..models import Ballot, Option, PaperBatch, Question, Vote
from .booth import roll_overflow
from .results import stored_ballots


@command("votes.manage", on="community")
def create_vote(
    actor: User,
    community: Community,
    *,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    project: Project | None = None,
    unit: str = Vote.Unit.PERSON,
    results_shown: str = Vote.ResultsShown.AT_CLOSE,
    areas: Iterable[Place] = (),
    ledger_method: str = Method.VOTE,
    officers: Iterable[User] = (),
) -> Vote:
    """A draft vote (the organisers' form, and other apps such as participatory budgeting).
    ``ledger_method`` is the participation ledger's Method written for each voter."""
    if not title.strip():
        raise ServiceError(_("Give the vote a title."), "title")
    if closes_at <= opens_at:
        raise ServiceError(_("The vote must close after it opens."), "closes_at")
    if unit not in Vote.Unit.values:
        raise ServiceError(_("Choose one of the listed settings."), "unit")
    if results_shown not in Vote.ResultsShown.values:
        raise ServiceError(_("Choose one of the listed settings."), "results_shown")
    if ledger_method not in Method.values:
        raise ServiceError(_("Unknown kind of participation."), "ledger_method")
    places = list(areas)
    if any(p.community_id != community.pk for p in places):
        raise ServiceError(_("Choose areas of this community."), "areas")
    if project is not None and project.community_id != community.pk:
        raise ServiceError(_("Choose a project of this community."), "project")
    vote = Vote.objects.create(
        community=community,
        project=project,
        title=title.strip(),
        description=description,
        unit=unit,
        opens_at=opens_at,
        closes_at=closes_at,
        results_shown=results_shown,
        ledger_method=ledger_method,
        created_by=actor,
    )
    vote.areas.set(places)
    vote.officers.set(list(officers))
    audit("votes.created", vote)
    return vote


# Once published, only these may change: residents may already have voted on the rest.
CHANGEABLE_WHEN_PUBLISHED = {"description", "closes_at", "officers"}


@command("votes.edit", on="vote", lock=True)
def edit_vote(
    actor: User,
    vote: Vote,
    changed: Vote,
    changed_fields: Iterable[str],
    *,
    areas: Iterable[Place] | None = None,
    officers: Iterable[User] | None = None,
) -> Vote:
    """Save the organisers' form: ``changed`` holds the form's values (an unsaved copy, so the
    locked ``vote`` is read afresh), ``changed_fields`` names what the form changed."""
    fields = set(changed_fields)
    if not vote.editable and fields - CHANGEABLE_WHEN_PUBLISHED:
        raise ServiceError(
            _(
                "Once published, only the description, the closing time and the booth "
                "officers can change."
            )
        )
    if changed.closes_at <= changed.opens_at:
        raise ServiceError(_("The vote must close after it opens."), "closes_at")
    before = snapshots.snapshot(vote)
    for name in fields - {"areas", "officers"}:
        setattr(vote, name, getattr(changed, name))
    vote.save()
    if areas is not None:
        vote.areas.set(list(areas))
    if officers is not None:
        vote.officers.set(list(officers))
    audit("votes.edited", vote, before=before, after=snapshots.snapshot(vote))
    return vote


@command("votes.edit_questions", on="vote", lock=True)
def save_question(
    actor: User,
    vote: Vote,
    question: Question,
    option_labels: list[str],
    proposals: list[Proposal] | None = None,
    *,
    costs: Sequence[int | None] | None = None,
    links: Sequence[str] | None = None,
) -> Question:
    """Save a question with its options: one per line of text, then one per linked proposal
    (whose title becomes the option and which goes "to a vote" when the vote is published).

    ``costs`` runs beside ``option_labels`` (whole yuan, ``None`` for none); knapsack questions
    need a cost on every option and a budget (``question.budget_limit``), cumulative ones
    ``question.points_total``. ``links`` runs beside them too: the page about each option."""
    linked = list(proposals or [])
    if any(p.community_id != vote.community_id for p in linked):
        raise ServiceError(_("Choose proposals of this community."), field="proposals")
    given_costs = list(costs or [])
    given_links = list(links or [])
    cost_of: dict[str, int | None] = {}
    link_of: dict[str, str] = {}
    for position, raw in enumerate(option_labels):
        if raw.strip():
            cost_of[raw.strip()] = given_costs[position] if position < len(given_costs) else None
            link_of[raw.strip()] = given_links[position] if position < len(given_links) else ""
    labels = [label.strip() for label in option_labels if label.strip()]
    labels += [p.title for p in linked if p.title not in labels]
    by_label = {p.title: p for p in linked}
    _check_budget_fields(question, [cost_of.get(label) for label in labels])
    if len(labels) < 2:
        raise ServiceError(_("Give at least two options, one per line."), field="options")
    if len(set(labels)) != len(labels):
        raise ServiceError(_("Two options have the same text."), field="options")
    approval = question.ballot_type == Question.BallotType.APPROVAL
    if approval and question.max_choices and question.max_choices >= len(labels):
        question.max_choices = None  # "up to k" with k >= options means no limit
    question.vote = vote
    if question.pk is None:
        question.position = vote.questions.count()
    question.save()
    existing = list(question.options.all())
    for position, label in enumerate(labels):
        proposal = by_label.get(label)
        cost = cost_of.get(label)
        if position < len(existing):
            option = existing[position]
            option.label, option.position, option.cost = label, position, cost
            option.url = link_of.get(label, option.url)
            if proposal is not None:
                option.proposal = proposal
            option.save()
        else:
            Option.objects.create(
                question=question,
                label=label,
                position=position,
                proposal=proposal,
                cost=cost,
                url=link_of.get(label, ""),
            )
    for option in existing[len(labels) :]:
        option.delete()
    audit("votes.question_saved", question, community=vote.community)
    return question


def _check_budget_fields(question: Question, costs: Sequence[int | None]) -> None:
    """What knapsack and cumulative questions need before anyone can vote on them."""
    kind = question.ballot_type
    if kind == Question.BallotType.KNAPSACK:
        if not question.budget_limit:
            raise ServiceError(_("Give the budget the chosen projects must fit."), "budget_limit")
        if any(cost is None for cost in costs):
            raise ServiceError(
                _("Every option of a knapsack question needs a cost, e.g. “New benches | 12000”."),
                "options",
            )
    if kind == Question.BallotType.CUMULATIVE:
        if not question.points_total:
            raise ServiceError(
                _("Give the number of points each voter shares out."), "points_total"
            )
        most = question.max_points_per_option
        if most is not None and not 1 <= most <= question.points_total:
            raise ServiceError(
                _("The most points on one option must be between 1 and the points to share."),
                "max_points_per_option",
            )


@command("votes.edit_questions", on="question")
def add_option(
    actor: User,
    question: Question,
    label: str,
    *,
    cost: int | None = None,
    proposal: Proposal | None = None,
) -> Option:
    """Append one option (with its cost, for knapsack questions) to a draft vote's question."""
    vote = question.vote
    label = label.strip()
    if not label:
        raise ServiceError(_("Give the option a text."), "label")
    if question.options.filter(label=label).exists():
        raise ServiceError(_("Two options have the same text."), "label")
    if question.ballot_type == Question.BallotType.KNAPSACK and cost is None:
        raise ServiceError(
            _("Every option of a knapsack question needs a cost, e.g. “New benches | 12000”."),
            "cost",
        )
    if proposal is not None and proposal.community_id != vote.community_id:
        raise ServiceError(_("Choose proposals of this community."), field="proposals")
    option = Option.objects.create(
        question=question,
        label=label,
        cost=cost,
        proposal=proposal,
        position=question.options.count(),
    )
    audit("votes.question_saved", question, community=vote.community)
    return option


@command("votes.edit_questions", on="question")
def delete_question(actor: User, question: Question) -> None:
    audit("votes.question_deleted", question, community=question.vote.community)
    question.delete()


@command("votes.publish", on="vote", lock=True)
def publish(actor: User, vote: Vote) -> Vote:
    questions = list(vote.questions.annotate(n=Count("options")))
    if not questions:
        raise ServiceError(_("Add at least one question before publishing."))
    if any(q.n < 2 for q in questions):
        raise ServiceError(_("Every question needs at least two options."))
    if vote.closes_at <= timezone.now():
        raise ServiceError(_("The closing time has passed: set a later one first."), "closes_at")
    vote.status = Vote.Status.PUBLISHED
    vote.save(update_fields=["status"])
    audit("votes.published", vote)
    _send_linked_proposals_to_vote(actor, vote)
    return vote


def _send_linked_proposals_to_vote(actor: User, vote: Vote) -> None:
    """Each proposal an option stands for is now "going to a vote"; its supporters are told."""
    options = Option.objects.filter(question__vote=vote, proposal__isnull=False)
    for option in options.select_related("proposal__community"):
        proposal = option.proposal
        if proposal is not None and proposal.status not in (
            Proposal.Status.TO_VOTE,
            Proposal.Status.MERGED,
        ):
            answer = _("This proposal is on the ballot of “%(vote)s”.") % {"vote": vote.title}
            proposal_services.change_status(proposal, Proposal.Status.TO_VOTE, answer, actor)


@command("votes.cancel", on="vote", lock=True)
def cancel(actor: User, vote: Vote, reason: str) -> Vote:
    if not reason.strip():
        raise ServiceError(_("Say why the vote is cancelled."), "reason")
    before = snapshots.snapshot(vote, ["status"])
    vote.status = Vote.Status.CANCELLED
    vote.save(update_fields=["status"])
    audit("votes.cancelled", vote, before=before, after={"reason": reason})
    return vote


@command("votes.close_now", on="vote", lock=True)
def close_now(actor: User, vote: Vote) -> Vote:
    before = snapshots.snapshot(vote, ["closes_at"])
    vote.closes_at = max(timezone.now(), vote.opens_at + timedelta(seconds=1))
    vote.save(update_fields=["closes_at"])
    audit("votes.closed_early", vote, before=before, after=snapshots.snapshot(vote, ["closes_at"]))
    seal(vote)
    return vote


def seal(vote: Vote) -> None:
    """After close, rewrite the ballot box in random order without the change hashes, once (see
    the module docstring of models). Done by the sweep (``tasks.sweep_task``) and by the commands
    that close a vote or count it; never by a page or API read - nothing a reader sees depends on
    it, since counts and the recount file ignore the box's order and a closed vote takes no
    replacement."""
    if vote.sealed_at or not vote.is_closed:
        return
    with transaction.atomic():
        locked = Vote.objects.select_for_update().get(pk=vote.pk)
        if locked.sealed_at:
            return
        rows = list(Ballot.objects.filter(vote=vote).values("channel", "choices"))
        random.SystemRandom().shuffle(rows)
        Ballot.objects.filter(vote=vote).delete()
        Ballot.objects.bulk_create(Ballot(vote=vote, **row) for row in rows)
        locked.sealed_at = timezone.now()
        locked.save(update_fields=["sealed_at"])
        vote.sealed_at = locked.sealed_at


def seal_closed_votes() -> int:
    """The sweep: seal every published vote that has closed and is not sealed yet."""
    waiting = Vote.objects.filter(
        status=Vote.Status.PUBLISHED, closes_at__lte=timezone.now(), sealed_at__isnull=True
    )
    sealed = 0
    for vote in waiting:
        seal(vote)
        sealed += 1
    return sealed


def uncounted_batches(vote: Vote) -> QuerySet[PaperBatch]:
    return vote.batches.filter(counted_at__isnull=True)


@command("votes.publish_results", on="vote", lock=True)
def publish_results(actor: User, vote: Vote) -> Vote:
    waiting = uncounted_batches(vote).count()
    if waiting:
        raise ServiceError(
            _("%(n)d batch(es) of paper ballots are not reconciled yet.") % {"n": waiting}
        )
    overflow = roll_overflow(vote)
    if overflow:
        raise ServiceError(overflow)
    seal(vote)
    vote.results_published_at = timezone.now()
    vote.save(update_fields=["results_published_at"])
    audit("votes.results_published", vote)
    url = vote.get_absolute_url() + "results/"
    voters = Member.objects.filter(pk__in=vote.roll.values("member_id"))
    for member in voters:
        notify(
            member,
            "vote_results",
            (gettext_lazy("Results of “%(title)s”"), {"title": vote.title}),
            gettext_lazy("The results of a vote you took part in are published."),
            url=url,
            community=vote.community,
        )
    return vote


def answers_for(vote: Vote, question: Question) -> list[Any]:
    """Every counted ballot's answer to one question, blank and spoiled ballots left out - for
    participatory budgeting's rules after close. In one canonical order (sorted by the answer
    itself), never the box's storage order: the box is rewritten in random order on every ballot
    and at sealing, and a rule's tie-breaks must give the same outcome for the same ballots.

    Lists of option ids (single, approval, knapsack, ranked) or ``{option id: points}`` dicts
    (score, cumulative), with integer ids."""
    if question.vote_id != vote.pk:
        raise ServiceError(_("This question is not part of this vote."))
    seal(vote)  # counted by a command (participatory budgeting's count), so it may write
    key = str(question.pk)
    found: list[Any] = []
    for ballot in stored_ballots(vote):
        value = ballot.get(key)
        if ballot.get(counting.SPOILED) or value is None or counting.is_blank(value):
            continue
        if isinstance(value, dict):
            found.append({int(o): int(n) for o, n in value.items()})
        else:
            found.append([int(o) for o in value])
    return sorted(found, key=_canonical)


def _canonical(answer: Any) -> tuple[int, list[tuple[int, int]] | list[int]]:
    """Points answers by (option, points) pairs, lists as given (a ranking's order matters)."""
    if isinstance(answer, dict):
        return (1, sorted(answer.items()))
    return (0, list(answer))
