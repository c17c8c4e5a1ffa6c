"""Officers at the booth: marking paper voters on the roll, then paper batches entered twice,
reconciled and counted."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.kit import Forbidden
from linli.core.models import Member, User
from linli.core.permissions import can, require
from linli.core.services import ServiceError
from linli.participation import services as ledger
from linli.participation.models import Channel as LedgerChannel
from linli.participation.models import Depth, Method

from .. import counting
from ..models import Ballot, BatchEntry, Channel, PaperBatch, RollEntry, Vote
from ..tally import BallotError
from .ballots import (
    ballot_error_message,
    eligible_members,
    is_eligible,
    mix_box,
    roll_entry_for,
    specs,
)

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
        raise Forbidden("votes.booth")


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
    new_ballots = Ballot.objects.bulk_create(
        Ballot(vote=batch.vote, channel=Channel.PAPER, choices=choices) for choices in first
    )
    mix_box(batch.vote, fresh=[ballot.pk for ballot in new_ballots])
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
