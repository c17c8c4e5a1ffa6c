"""Opening, casting, the booth, paper batches, closing and publishing votes.

Every change runs in one transaction. The roll entry and the ballot of an online vote are written
together, so the ballot box never holds more ballots than the roll has voters (the roll's unique
constraints stop a second entry, also when fifty requests arrive at once).
"""

from __future__ import annotations

import hashlib
import random
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.models import Community, Member, Place, User
from linli.core.notify import notify
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of, require
from linli.core.services import ServiceError
from linli.engagement.links import LinkedItem
from linli.engagement.models import Project
from linli.participation import services as ledger
from linli.participation.models import Channel as LedgerChannel
from linli.participation.models import Depth, Method
from linli.proposals import services as proposal_services
from linli.proposals.models import Proposal

from . import counting
from .ballot_files import BallotFile, digest, write_linli
from .counting import QuestionSpec, yuan
from .models import Ballot, BatchEntry, Channel, Option, PaperBatch, Question, RollEntry, Vote
from .tally import BallotError

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to copy from paper


# --- Secrets that let a voter (and only the voter) replace their ballot -------------------


def new_change_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def code_hash(vote: Vote, entry: RollEntry, code: str) -> str:
    """The ballot keeps only this hash of its change code. The roll entry is part of what is
    hashed, so a code replaces only its holder's ballot: the same code presented by another
    voter (a shared computer remembered it) hashes differently and matches nothing. Linking a
    ballot to a roll entry through the hash needs the 60-bit code, which only the voter has."""
    normalised = "".join(ch for ch in code.upper() if ch in CODE_ALPHABET)
    return hashlib.sha256(f"linli-vote:{vote.pk}:{entry.pk}:{normalised}".encode()).hexdigest()


# --- Questions ----------------------------------------------------------------------------


def specs(vote: Vote) -> list[QuestionSpec]:
    questions = vote.questions.prefetch_related("options")
    return [
        QuestionSpec(
            id=q.pk,
            method=q.method,
            options=[o.pk for o in q.options.all()],
            max_choices=q.max_choices,
            max_score=q.max_score,
            costs={o.pk: o.cost for o in q.options.all()},
            budget_limit=q.budget_limit,
            points_total=q.points_total,
            max_points_per_option=q.max_points_per_option,
        )
        for q in questions
    ]


def ballot_error_message(error: BallotError, *, paper: bool = False) -> str:
    details = error.details
    if error.code == "over_budget":
        amounts = {"total": yuan(details["total"]), "limit": yuan(details["limit"])}
        if paper:
            return (
                _(
                    "The projects marked cost %(total)s, over the budget of %(limit)s: the "
                    "ballot is spoiled. Type x for it."
                )
                % amounts
            )
        return (
            _(
                "Your choices cost %(total)s; the budget is %(limit)s. Remove a project and try again."
            )
            % amounts
        )
    if error.code == "over_points":
        if paper:
            return _(
                "%(given)d points are marked, more than the %(total)d to share: the ballot "
                "is spoiled. Type x for it."
            ) % {"given": details["total"], "total": details["limit"]}
        return _(
            "You gave %(given)s points; there are %(total)s to share. Take some away and try again."
        ) % {"given": details["total"], "total": details["limit"]}
    if error.code == "over_per_option":
        message = _("At most %(most)d points may go to one option.") % {"most": details["limit"]}
        if paper:
            message += " " + _("The ballot is spoiled. Type x for it.")
        return message
    messages = {
        "empty": _("Rank at least one option."),
        "unknown_option": _("One of the options chosen is not part of this vote."),
        "repeated_option": _("Each option may be given only one place in your ranking."),
        "too_many": _("You chose more options than this question allows."),
        "score_out_of_range": _("A score is outside the allowed range."),
        "malformed": _("This ballot could not be read."),
        "question_count": _("The ballot does not answer every question."),
        "score_count": _("Give one score for each option."),
        "no_cost": _("One of the options chosen has no cost; ask the organisers to fix the vote."),
        "points_not_whole": _("Points are whole numbers of 0 or more."),
    }
    return messages.get(error.code, _("This ballot could not be read."))


def check_ballot(vote: Vote, answers: dict[str, Any]) -> dict[str, Any]:
    """Validate a whole ballot against the vote's questions; unknown questions are refused."""
    question_specs = {str(s.id): s for s in specs(vote)}
    unknown = set(answers) - set(question_specs)
    if unknown:
        raise ServiceError(_("The ballot answers a question that is not part of this vote."))
    checked: dict[str, Any] = {}
    for key, spec in question_specs.items():
        value = answers.get(key, {} if spec.method in counting.SCORED else [])
        try:
            checked[key] = counting.check_answer(spec, value)
        except BallotError as error:
            raise ServiceError(ballot_error_message(error), field=f"q{key}") from error
    if all(counting.is_blank(v) for v in checked.values()):
        raise ServiceError(_("Your ballot is empty: answer at least one question."))
    return checked


# --- Who may vote -------------------------------------------------------------------------


def eligible_members(vote: Vote) -> QuerySet[Member]:
    members = Member.objects.filter(community=vote.community, status=Member.Status.VERIFIED)
    place_ids = list(vote.areas.values_list("pk", flat=True))
    if place_ids:
        members = members.filter(
            Q(household__area_id__in=place_ids)
            | Q(household__flat__parent__parent_id__in=place_ids)
        )
    elif vote.unit == Vote.Unit.HOUSEHOLD:
        members = members.filter(household__isnull=False)
    return members


def is_eligible(vote: Vote, member: Member | None) -> bool:
    return member is not None and eligible_members(vote).filter(pk=member.pk).exists()


def roll_entry_for(vote: Vote, member: Member) -> RollEntry | None:
    if vote.unit == Vote.Unit.HOUSEHOLD and member.household_id:
        return (
            RollEntry.objects.filter(vote=vote, household_id=member.household_id)
            .select_related("member")
            .first()
        )
    return RollEntry.objects.filter(vote=vote, member=member).first()


# --- Organisers: build, publish, close ----------------------------------------------------


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
) -> Vote:
    """A draft vote, for other apps (participatory budgeting) that build votes without forms.
    ``ledger_method`` is the participation ledger's Method written for each voter."""
    require(actor, "votes.manage", community)
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
    with transaction.atomic():
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
        audit.log(actor, "votes.created", vote, community=community)
    return vote


def save_question(
    actor: User,
    vote: Vote,
    question: Question,
    option_labels: list[str],
    proposals: list[Proposal] | None = None,
    *,
    costs: Sequence[int | None] | None = None,
) -> Question:
    """Save a question with its options: one per line of text, then one per linked proposal
    (whose title becomes the option and which goes "to a vote" when the vote is published).

    ``costs`` runs beside ``option_labels`` (whole yuan, ``None`` for none); knapsack questions
    need a cost on every option and a budget (``question.budget_limit``), cumulative ones
    ``question.points_total``."""
    require(actor, "votes.manage", vote.community)
    if not vote.editable:
        raise ServiceError(_("Questions cannot change once the vote is published."))
    linked = list(proposals or [])
    if any(p.community_id != vote.community_id for p in linked):
        raise ServiceError(_("Choose proposals of this community."), field="proposals")
    given_costs = list(costs or [])
    cost_of: dict[str, int | None] = {}
    for position, raw in enumerate(option_labels):
        if raw.strip():
            cost_of[raw.strip()] = given_costs[position] if position < len(given_costs) else None
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
    with transaction.atomic():
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
                )
        for option in existing[len(labels) :]:
            option.delete()
        audit.log(actor, "votes.question_saved", question, community=vote.community)
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
    require(actor, "votes.manage", vote.community)
    if not vote.editable:
        raise ServiceError(_("Questions cannot change once the vote is published."))
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
    audit.log(actor, "votes.question_saved", question, community=vote.community)
    return option


def delete_question(actor: User, question: Question) -> None:
    vote = question.vote
    require(actor, "votes.manage", vote.community)
    if not vote.editable:
        raise ServiceError(_("Questions cannot change once the vote is published."))
    audit.log(actor, "votes.question_deleted", question, community=vote.community)
    question.delete()


def publish(actor: User, vote: Vote) -> Vote:
    require(actor, "votes.manage", vote.community)
    if vote.status != Vote.Status.DRAFT:
        raise ServiceError(_("This vote is already published."))
    questions = list(vote.questions.annotate(n=Count("options")))
    if not questions:
        raise ServiceError(_("Add at least one question before publishing."))
    if any(q.n < 2 for q in questions):
        raise ServiceError(_("Every question needs at least two options."))
    if vote.closes_at <= timezone.now():
        raise ServiceError(_("The closing time has passed: set a later one first."), "closes_at")
    with transaction.atomic():
        vote.status = Vote.Status.PUBLISHED
        vote.save(update_fields=["status"])
        audit.log(actor, "votes.published", vote, community=vote.community)
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


def cancel(actor: User, vote: Vote, reason: str) -> Vote:
    require(actor, "votes.manage", vote.community)
    if not reason.strip():
        raise ServiceError(_("Say why the vote is cancelled."), "reason")
    if vote.is_closed:
        raise ServiceError(_("A closed vote cannot be cancelled."))
    before = audit.snapshot(vote, ["status"])
    vote.status = Vote.Status.CANCELLED
    vote.save(update_fields=["status"])
    audit.log(
        actor,
        "votes.cancelled",
        vote,
        community=vote.community,
        before=before,
        after={"reason": reason},
    )
    return vote


def close_now(actor: User, vote: Vote) -> Vote:
    require(actor, "votes.manage", vote.community)
    if not vote.is_open:
        raise ServiceError(_("Only an open vote can be closed."))
    before = audit.snapshot(vote, ["closes_at"])
    vote.closes_at = max(timezone.now(), vote.opens_at + timedelta(seconds=1))
    vote.save(update_fields=["closes_at"])
    audit.log(
        actor,
        "votes.closed_early",
        vote,
        community=vote.community,
        before=before,
        after=audit.snapshot(vote, ["closes_at"]),
    )
    seal(vote)
    return vote


def mix_box(vote: Vote) -> None:
    """Rewrite the whole ballot box of an open vote in a random order with new random keys, in
    the transaction that added or replaced a ballot (the caller holds the vote's row lock).

    Why every time and not only at close: a database reader (or a backup) taken while the vote
    is open would otherwise find ballots in the order they were cast - SQLite's rowid, the
    physical order PostgreSQL returns and dumps rows in, and PostgreSQL's ``xmin`` (the writing
    transaction, shared with the voter's roll entry) - and the roll says who voted in which
    order. After this rewrite every ballot of the vote was written by the same, latest
    transaction, in an order unrelated to the roll. Cost: one delete and one bulk insert of the
    vote's ballots per ballot cast (a few milliseconds per thousand ballots)."""
    rows = list(Ballot.objects.filter(vote=vote).values("channel", "choices", "replace_hash"))
    random.SystemRandom().shuffle(rows)
    Ballot.objects.filter(vote=vote).delete()
    Ballot.objects.bulk_create(Ballot(vote=vote, **row) for row in rows)


def seal(vote: Vote) -> None:
    """After close, rewrite the ballot box in random order, once (see the module docstring of
    models). Called when a closed vote is first looked at or closed by hand."""
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


def uncounted_batches(vote: Vote) -> QuerySet[PaperBatch]:
    return vote.batches.filter(counted_at__isnull=True)


def publish_results(actor: User, vote: Vote) -> Vote:
    require(actor, "votes.manage", vote.community)
    if not vote.is_closed:
        raise ServiceError(_("Results can be published only after the vote closes."))
    if vote.results_published_at:
        raise ServiceError(_("The results are already published."))
    waiting = uncounted_batches(vote).count()
    if waiting:
        raise ServiceError(
            _("%(n)d batch(es) of paper ballots are not reconciled yet.") % {"n": waiting}
        )
    overflow = roll_overflow(vote)
    if overflow:
        raise ServiceError(overflow)
    seal(vote)
    with transaction.atomic():
        vote.results_published_at = timezone.now()
        vote.save(update_fields=["results_published_at"])
        audit.log(actor, "votes.results_published", vote, community=vote.community)
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


def results_visible(user: Any, vote: Vote) -> bool:
    """No count of a secret vote is shown to anyone while it is open: a count that moves by one
    ballot right after a known person voted tells how that person voted, and thresholds or
    batches do not help against someone who can also cast (or knows) the other ballots of a
    batch. After close, "live" votes show the provisional count to everyone; others show it to
    organisers (to check before publishing) and to everyone once published."""
    if vote.status != Vote.Status.PUBLISHED or not vote.is_closed:
        return False
    if vote.results_shown == Vote.ResultsShown.LIVE or vote.results_published_at:
        return True
    return vote.is_closed and can(user, "votes.manage", vote.community)


# --- Casting online -----------------------------------------------------------------------


@dataclass(frozen=True)
class Cast:
    code: str
    replaced: bool


def cast(vote: Vote, member: Member | None, answers: dict[str, Any], change_code: str = "") -> Cast:
    """Cast (or, with the voter's change code, replace) an online ballot."""
    if member is None or not is_eligible(vote, member):
        raise ServiceError(_("You are not on the list of people who may vote in this vote."))
    if not vote.is_open:
        if vote.is_closed:
            raise ServiceError(_("This vote has closed; ballots are no longer accepted."))
        raise ServiceError(_("This vote is not open."))
    checked = check_ballot(vote, answers)
    try:
        with transaction.atomic():
            # one ballot of this vote at a time: each one rewrites the whole box (mix_box)
            Vote.objects.select_for_update().get(pk=vote.pk)
            existing = roll_entry_for(vote, member)
            if existing is None:
                outcome = _first_ballot(vote, member, checked)
            else:
                outcome = _replace_ballot(vote, existing, checked, change_code)
            mix_box(vote)
            return outcome
    except IntegrityError as error:  # another request for the same voter got in first
        raise ServiceError(_("Your vote was already received.")) from error


def _first_ballot(vote: Vote, member: Member, checked: dict[str, Any]) -> Cast:
    household = member.household
    entry = RollEntry.objects.create(
        vote=vote,
        member=member,
        household=household if vote.unit == Vote.Unit.HOUSEHOLD else None,
        area_id=household.area_id if household else None,
        channel=Channel.ONLINE,
    )
    code = new_change_code()
    Ballot.objects.create(
        vote=vote,
        channel=Channel.ONLINE,
        choices=checked,
        replace_hash=code_hash(vote, entry, code),
    )
    ledger.record(
        member,
        method=Method(vote.ledger_method),
        channel=LedgerChannel.ONLINE,
        depth=Depth.CONSULTED,
        source=vote,
        project=vote.project,
    )
    return Cast(code=code, replaced=False)


def _replace_ballot(
    vote: Vote, existing: RollEntry, checked: dict[str, Any], change_code: str
) -> Cast:
    if existing.channel == Channel.PAPER:
        raise ServiceError(_("You are recorded as having voted on paper at the booth."))
    if not change_code.strip():
        raise ServiceError(
            _("A vote was already cast. To change it, enter the change code you were given."),
            field="change_code",
        )
    # bound to this voter's (or household's) roll entry: another voter's code matches nothing
    own_hash = code_hash(vote, existing, change_code)
    deleted, _rows = Ballot.objects.filter(vote=vote, replace_hash=own_hash).delete()
    if not deleted:
        raise ServiceError(_("That change code does not match your ballot."), field="change_code")
    Ballot.objects.create(vote=vote, channel=Channel.ONLINE, choices=checked, replace_hash=own_hash)
    return Cast(code=change_code.strip().upper(), replaced=True)


# --- The booth: marking paper voters on the roll ------------------------------------------


BOOTH_MIN_QUERY = 2  # characters: one surname character would list half the roll
BOOTH_MIN_PHONE = 4  # digits of a phone number
BOOTH_MAX_MATCHES = 10
BOOTH_SEARCHES = 60  # per officer ...
BOOTH_WINDOW = 600  # ... in this many seconds: one a voter at a busy booth, not a whole roll


def is_booth_officer(user: Any, vote: Vote) -> bool:
    """The booth shows names, flats and who has voted: only this vote's named officers and the
    community's organisers may use it."""
    if not can(user, "votes.booth", vote.community):
        return False
    return can(user, "votes.manage", vote.community) or vote.officers.filter(pk=user.pk).exists()


def require_booth_officer(user: Any, vote: Vote) -> None:
    if not is_booth_officer(user, vote):
        raise PermissionDenied


def booth_search(officer: User, vote: Vote, query: str) -> list[tuple[Member, RollEntry | None]]:
    """Find one voter at the booth: narrow matches only, while the vote is open, throttled."""
    require_booth_officer(officer, vote)
    if not vote.is_open:
        raise ServiceError(_("The roll can be searched only while the vote is open."), "q")
    query = query.strip()
    if len(query) < BOOTH_MIN_QUERY:
        raise ServiceError(
            _(
                "Type at least %(n)d characters of the name, the flat number or 4 digits of the phone."
            )
            % {"n": BOOTH_MIN_QUERY},
            "q",
        )
    _count_booth_search(officer)
    matches = Q(name__icontains=query) | Q(household__flat__name=query)
    digits = "".join(ch for ch in query if ch.isdigit())
    if len(digits) >= BOOTH_MIN_PHONE and digits == query:
        matches |= Q(phone__icontains=digits)
    found = list(
        eligible_members(vote)
        .filter(matches)
        .select_related("household__flat__parent__parent__parent")
        .order_by("name")[: BOOTH_MAX_MATCHES + 1]
    )
    if len(found) > BOOTH_MAX_MATCHES:
        raise ServiceError(
            _("More than %(n)d people match: type more of the name, or the flat number.")
            % {"n": BOOTH_MAX_MATCHES},
            "q",
        )
    return [(member, roll_entry_for(vote, member)) for member in found]


def _count_booth_search(officer: User) -> None:
    """A simple per-officer limit in the cache (shared across processes when Redis is set)."""
    key = f"linli:booth-searches:{officer.pk}"
    cache.add(key, 0, timeout=BOOTH_WINDOW)
    try:
        done = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=BOOTH_WINDOW)
        done = 1
    if done > BOOTH_SEARCHES:
        raise ServiceError(
            _("Too many searches in a short time: wait a few minutes, then search again."), "q"
        )


def mark_paper_voter(officer: User, vote: Vote, member: Member) -> RollEntry:
    """The officer hands this person a paper ballot: mark them on the roll first."""
    require(officer, "votes.booth", vote.community)
    require_booth_officer(officer, vote)
    if not vote.is_open:
        raise ServiceError(_("Paper ballots are handed out only while the vote is open."))
    if member.community_id != vote.community_id or not is_eligible(vote, member):
        raise ServiceError(_("This person is not on the list of people who may vote."))
    try:
        with transaction.atomic():
            existing = roll_entry_for(vote, member)
            if existing is not None:
                raise ServiceError(
                    _("Already voted (%(channel)s) - do not hand out a ballot.")
                    % {"channel": existing.get_channel_display()}
                )
            household = member.household
            entry = RollEntry.objects.create(
                vote=vote,
                member=member,
                household=household if vote.unit == Vote.Unit.HOUSEHOLD else None,
                area_id=household.area_id if household else None,
                channel=Channel.PAPER,
                marked_by=officer,
            )
            ledger.record(
                member,
                method=Method(vote.ledger_method),
                channel=LedgerChannel.PAPER,
                depth=Depth.CONSULTED,
                source=vote,
                project=vote.project,
                recorded_by=officer,
            )
            audit.log(officer, "votes.paper_voter_marked", entry, community=vote.community)
    except IntegrityError as error:
        raise ServiceError(_("Already voted - do not hand out a ballot.")) from error
    return entry


# --- Paper batches: entered twice, reconciled, then counted -------------------------------


def create_batch(officer: User, vote: Vote, label: str, size: int) -> PaperBatch:
    require(officer, "votes.enter_paper", vote.community)
    if vote.status != Vote.Status.PUBLISHED or vote.is_upcoming:
        raise ServiceError(_("Paper ballots can be entered once the vote has opened."))
    if vote.results_published_at:
        raise ServiceError(_("The results are published; no more ballots can be added."))
    if size < 1:
        raise ServiceError(_("A bundle holds at least one ballot."), "size")
    with transaction.atomic():
        # one officer at a time: two bundles created at once must not both fit the same room
        Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.batches.filter(label=label.strip()).exists():
            raise ServiceError(_("A batch with this name exists already."), "label")
        room = paper_room(vote)
        if size > room:
            raise ServiceError(
                _(
                    "Only %(marked)d paper voters are marked on the roll and %(taken)d paper "
                    "ballots are already in bundles, so this bundle may hold at most %(room)d. "
                    "Count the bundle again, or mark the voters at the booth first."
                )
                % {"marked": paper_voters(vote), "taken": paper_voters(vote) - room, "room": room},
                "size",
            )
        batch = PaperBatch.objects.create(
            vote=vote, label=label.strip(), size=size, created_by=officer
        )
        audit.log(officer, "votes.batch_created", batch, community=vote.community)
    return batch


def paper_voters(vote: Vote) -> int:
    """People the booth marked on the roll and handed a paper ballot."""
    return vote.roll.filter(channel=Channel.PAPER).count()


def paper_room(vote: Vote) -> int:
    """How many more paper ballots may still be bundled: never more than the booth handed out.
    Counted ballots and the announced size of bundles not yet counted both take room."""
    counted = vote.ballots.filter(channel=Channel.PAPER).count()
    announced = vote.batches.filter(counted_at__isnull=True).aggregate(n=Sum("size"))["n"] or 0
    return max(paper_voters(vote) - counted - announced, 0)


def roll_overflow(vote: Vote) -> str:
    """Why the ballot box cannot be counted, or "" when it matches the roll: per channel, the
    box may never hold more ballots than the roll has voters (paper-ballot stuffing)."""
    messages = {
        Channel.PAPER: gettext_lazy(
            "The ballot box holds %(ballots)d paper ballots but only %(voters)d paper voters "
            "are marked on the roll: more ballots than voters cannot be counted. Find the "
            "extra ballots before publishing."
        ),
        Channel.ONLINE: gettext_lazy(
            "The ballot box holds %(ballots)d online ballots but only %(voters)d online voters "
            "are on the roll: more ballots than voters cannot be counted."
        ),
    }
    for channel, message in messages.items():
        ballots = vote.ballots.filter(channel=channel).count()
        voters = vote.roll.filter(channel=channel).count()
        if ballots > voters:
            return str(message) % {"ballots": ballots, "voters": voters}
    return ""


@dataclass
class LineError:
    line: int
    text: str
    message: str


def parse_batch_text(vote: Vote, text: str) -> tuple[list[dict[str, Any]], list[LineError]]:
    question_specs = specs(vote)
    ballots: list[dict[str, Any]] = []
    errors: list[LineError] = []
    lines = [line for line in text.replace("\r", "").split("\n") if line.strip()]
    for number, line in enumerate(lines, start=1):
        try:
            ballots.append(counting.parse_paper_line(question_specs, line))
        except BallotError as error:
            message = ballot_error_message(error, paper=True)
            errors.append(LineError(number, line.strip(), message))
    return ballots, errors


@dataclass
class Reconciliation:
    status: str  # "waiting" (one entry so far), "mismatch", "counted"
    differences: list[int]


def enter_batch(officer: User, batch: PaperBatch, text: str) -> Reconciliation:
    vote = batch.vote
    require(officer, "votes.enter_paper", vote.community)
    if batch.counted_at:
        raise ServiceError(_("This batch is already reconciled and counted."))
    ballots, errors = parse_batch_text(vote, text)
    if errors:
        first = errors[0]
        raise ServiceError(
            _("Line %(line)d (“%(text)s”): %(message)s")
            % {"line": first.line, "text": first.text, "message": first.message},
            "ballots",
        )
    if len(ballots) != batch.size:
        raise ServiceError(
            _("The bundle holds %(size)d ballots but %(n)d were typed.")
            % {"size": batch.size, "n": len(ballots)},
            "ballots",
        )
    with transaction.atomic():
        locked = PaperBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.counted_at:
            raise ServiceError(_("This batch is already reconciled and counted."))
        others = locked.entries.exclude(officer=officer).count()
        if others >= 2:
            raise ServiceError(_("Two officers have already entered this batch."))
        BatchEntry.objects.update_or_create(
            batch=locked, officer=officer, defaults={"ballots": ballots}
        )
        audit.log(officer, "votes.batch_entered", locked, community=vote.community)
        result = reconcile(locked)
        batch.counted_at = locked.counted_at
    return result


def reconcile(batch: PaperBatch) -> Reconciliation:
    """Two entries by two officers that agree ballot by ballot make the batch count."""
    entries = list(batch.entries.order_by("entered_at", "pk")[:2])
    if len(entries) < 2:
        return Reconciliation("waiting", [])
    first, second = entries[0].ballots, entries[1].ballots
    diff = counting.differences(first, second)
    if diff:
        return Reconciliation("mismatch", diff)
    counted = batch.vote.ballots.filter(channel=Channel.PAPER).count()
    if counted + len(first) > paper_voters(batch.vote):
        raise ServiceError(
            _(
                "Counting this bundle would make %(n)d paper ballots, but only %(marked)d paper "
                "voters are marked on the roll. Nothing was counted."
            )
            % {"n": counted + len(first), "marked": paper_voters(batch.vote)},
            "ballots",
        )
    Ballot.objects.bulk_create(
        Ballot(vote=batch.vote, channel=Channel.PAPER, choices=choices) for choices in first
    )
    mix_box(batch.vote)
    # The typed order follows the bundle, which may follow the booth's queue: once counted,
    # both typings keep the same ballots in a random order (the differences list needs no order).
    counted_order = list(first)
    random.SystemRandom().shuffle(counted_order)
    for entry in entries:
        entry.ballots = counted_order
        entry.save(update_fields=["ballots"])
    batch.counted_at = timezone.now()
    batch.save(update_fields=["counted_at"])
    return Reconciliation("counted", [])


def mismatch_lines(batch: PaperBatch, positions: list[int]) -> list[tuple[int, str, str]]:
    """For each disagreeing ballot: its position and how each officer typed it."""
    entries = list(batch.entries.order_by("entered_at", "pk")[:2])
    if len(entries) < 2:
        return []
    question_specs = specs(batch.vote)
    first, second = entries[0].ballots, entries[1].ballots

    def line(ballots: list[dict[str, Any]], i: int) -> str:
        return counting.paper_line(question_specs, ballots[i - 1]) if i <= len(ballots) else "—"

    return [(i, line(first, i), line(second, i)) for i in positions]


def batch_state(batch: PaperBatch) -> Reconciliation:
    if batch.counted_at:
        return Reconciliation("counted", [])
    entries = list(batch.entries.order_by("entered_at", "pk")[:2])
    if len(entries) < 2:
        return Reconciliation("waiting", [])
    return Reconciliation("mismatch", counting.differences(entries[0].ballots, entries[1].ballots))


# --- Results and the recount file ---------------------------------------------------------


@dataclass
class TurnoutRow:
    label: str
    eligible: int
    voted: int

    @property
    def share(self) -> float:
        return self.voted / self.eligible if self.eligible else 0.0


def stored_ballots(vote: Vote) -> list[dict[str, Any]]:
    return list(Ballot.objects.filter(vote=vote).values_list("choices", flat=True))


def results(vote: Vote) -> list[tuple[Question, counting.QuestionResult]]:
    ballots = stored_ballots(vote)
    questions = list(vote.questions.prefetch_related("options"))
    by_id = {s.id: s for s in specs(vote)}
    return [(q, counting.count(by_id[q.pk], ballots)) for q in questions]


def answers_for(vote: Vote, question: Question) -> list[Any]:
    """Every counted ballot's answer to one question, blank and spoiled ballots left out - for
    participatory budgeting's rules after close. In one canonical order (sorted by the answer
    itself), never the box's storage order: the box is rewritten in random order on every ballot
    and at sealing, and a rule's tie-breaks must give the same outcome for the same ballots.

    Lists of option ids (single, approval, knapsack, ranked) or ``{option id: points}`` dicts
    (score, cumulative), with integer ids."""
    if question.vote_id != vote.pk:
        raise ServiceError(_("This question is not part of this vote."))
    seal(vote)
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


def turnout_by_area(vote: Vote) -> list[TurnoutRow]:
    eligible = eligible_members(vote)
    household_mode = vote.unit == Vote.Unit.HOUSEHOLD
    unit_field = "household" if household_mode else "pk"
    eligible_by_area = {
        row["household__area"]: row["n"]
        for row in eligible.values("household__area").annotate(
            n=Count(unit_field, distinct=household_mode)
        )
    }
    voted_by_area = {
        row["area"]: row["n"] for row in vote.roll.values("area").annotate(n=Count("pk"))
    }
    names = dict(Place.objects.filter(pk__in=list(eligible_by_area)).values_list("pk", "name"))
    rows = [
        TurnoutRow(names.get(area, _("no address")), n, voted_by_area.get(area, 0))
        for area, n in eligible_by_area.items()
    ]
    return sorted(rows, key=lambda r: str(r.label))


def turnout_by_channel(vote: Vote) -> dict[str, int]:
    counts = dict(vote.roll.values_list("channel").annotate(n=Count("pk")))
    return {str(label): counts.get(value, 0) for value, label in Channel.choices}


def eligible_count(vote: Vote) -> int:
    eligible = eligible_members(vote)
    if vote.unit == Vote.Unit.HOUSEHOLD:
        return eligible.values("household").distinct().count()
    return eligible.count()


def ballot_file(vote: Vote, question: Question) -> bytes:
    """The anonymised ballots of one question in linli's recount format."""
    spec = next(s for s in specs(vote) if s.id == question.pk)
    options = {spec.number(o.pk): o.label for o in question.options.all()}
    params: dict[str, str] = {}
    if spec.method == "approval" and spec.max_choices:
        params["k"] = str(spec.max_choices)
    if spec.method == "score":
        params["max"] = str(spec.max_score)
    if spec.method == "knapsack":
        # the budget and each option's cost travel with the ballots, so a recount can check them
        params["budget"] = str(spec.budget_limit)
        params["costs"] = ",".join(f"{spec.number(o)}:{spec.costs.get(o)}" for o in spec.options)
    if spec.method == "cumulative":
        params["points"] = str(spec.points_total)
        if spec.max_points_per_option:
            params["per_option"] = str(spec.max_points_per_option)
    header = BallotFile(spec.method, options, params=params)
    return write_linli(header, counting.export_rows(spec, stored_ballots(vote))).encode("utf-8")


def ballot_file_digest(vote: Vote, question: Question) -> str:
    return digest(ballot_file(vote, question))


def may_download_ballots(user: Any, vote: Vote) -> bool:
    return vote.is_closed and (
        bool(vote.results_published_at) or can(user, "votes.manage", vote.community)
    )


# --- Open now -----------------------------------------------------------------------------


def open_items(community: Community, user: Any) -> list[OpenItem]:
    member = member_of(user, community)
    items = []
    for vote in Vote.objects.filter(
        community=community,
        status=Vote.Status.PUBLISHED,
        opens_at__lte=timezone.now(),
        closes_at__gt=timezone.now(),
    ):
        summary = ""
        if member is not None and roll_entry_for(vote, member):
            summary = _("You have voted.")
        items.append(
            OpenItem(
                kind=_("Vote"),
                title=vote.title,
                url=vote.get_absolute_url(),
                closes_at=vote.closes_at,
                summary=summary,
            )
        )
    return items


def project_items(project: Any) -> list[LinkedItem]:
    """Published votes of an engagement project, for its page (engagement.links)."""
    return [
        LinkedItem(
            title=vote.title,
            url=vote.get_absolute_url(),
            status=str(vote.phase_label),
            is_open=vote.is_open,
            kind=_("Vote"),
        )
        for vote in project.votes.filter(status=Vote.Status.PUBLISHED)
    ]
