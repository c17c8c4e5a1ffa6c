"""Residents casting online: the roll entry and the ballot written together, so the box never
holds more ballots than the roll has voters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from linli.core.kit import Refused, command, ledger
from linli.core.models import Member, User
from linli.core.permissions import member_of
from linli.participation.models import Channel as LedgerChannel
from linli.participation.models import Depth, Method

from ..models import Ballot, Channel, RollEntry, Vote
from .ballots import check_ballot, code_hash, is_eligible, mix_box, new_change_code, roll_entry_for

# --- Casting online -----------------------------------------------------------------------


@dataclass(frozen=True)
class Cast:
    code: str
    replaced: bool


@command("votes.cast", on="vote", lock=True)
def cast(actor: User, vote: Vote, answers: dict[str, Any], change_code: str = "") -> Cast:
    """The actor casts (or, with their change code, replaces) their own online ballot. The vote's
    row lock, taken first, lets one ballot of this vote in at a time: each rewrites the new ballot
    with a random sample of the box (mix_box)."""
    member = member_of(actor, vote.community)
    if member is None or not is_eligible(vote, member):
        raise Refused(_("You are not on the list of people who may vote in this vote."))
    if not vote.is_open:
        if vote.is_closed:
            raise Refused(_("This vote has closed; ballots are no longer accepted."))
        raise Refused(_("This vote is not open."))
    checked = check_ballot(vote, answers)
    try:
        with transaction.atomic():  # a savepoint: a lost race is undone and said, not raised
            existing = roll_entry_for(vote, member)
            if existing is None:
                outcome, ballot = _first_ballot(vote, member, checked)
            else:
                outcome, ballot = _replace_ballot(vote, existing, checked, change_code)
            mix_box(vote, fresh=[ballot.pk])
            return outcome
    except IntegrityError as error:  # another request for the same voter got in first
        raise Refused(_("Your vote was already received.")) from error


def _first_ballot(vote: Vote, member: Member, checked: dict[str, Any]) -> tuple[Cast, Ballot]:
    household = member.household
    entry = RollEntry.objects.create(
        vote=vote,
        member=member,
        household=household if vote.unit == Vote.Unit.HOUSEHOLD else None,
        area_id=household.area_id if household else None,
        channel=Channel.ONLINE,
    )
    code = new_change_code()
    ballot = Ballot.objects.create(
        vote=vote,
        channel=Channel.ONLINE,
        choices=checked,
        replace_hash=code_hash(vote, entry, code),
    )
    ledger(
        member,
        method=Method(vote.ledger_method),
        channel=LedgerChannel.ONLINE,
        depth=Depth.CONSULTED,
        source=vote,
        project=vote.project,
    )
    return Cast(code=code, replaced=False), ballot


def _replace_ballot(
    vote: Vote, existing: RollEntry, checked: dict[str, Any], change_code: str
) -> tuple[Cast, Ballot]:
    if existing.channel == Channel.PAPER:
        raise Refused(_("You are recorded as having voted on paper at the booth."))
    if not change_code.strip():
        raise Refused(
            _("A vote was already cast. To change it, enter the change code you were given."),
            field="change_code",
        )
    # bound to this voter's (or household's) roll entry: another voter's code matches nothing
    own_hash = code_hash(vote, existing, change_code)
    deleted, _rows = Ballot.objects.filter(vote=vote, replace_hash=own_hash).delete()
    if not deleted:
        raise Refused(_("That change code does not match your ballot."), field="change_code")
    ballot = Ballot.objects.create(
        vote=vote, channel=Channel.ONLINE, choices=checked, replace_hash=own_hash
    )
    return Cast(code=change_code.strip().upper(), replaced=True), ballot
