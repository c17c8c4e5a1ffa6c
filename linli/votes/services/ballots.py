"""What a ballot is made of: change codes, the questions' specs and their errors, who may vote, and
the box rewritten in random order (see ``linli.votes.models``)."""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from linli.core.models import Member
from linli.core.money import yuan
from linli.core.services import ServiceError

from .. import counting
from ..counting import QuestionSpec
from ..models import RollEntry, Vote
from ..tally import BallotError

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


# How many other ballots of the vote each new ballot is rewritten with (see mix_box).
MIX_SAMPLE = 256


def mix_box(vote: Vote, fresh: Sequence[Any] | None = None) -> None:
    """Rewrite ballots of an open vote in a random order with new random keys, in the transaction
    that added or replaced a ballot (the caller holds the vote's row lock).

    With ``fresh`` (the keys of the ballots this transaction has just written): those ballots
    together with a random sample of ``MIX_SAMPLE`` other ballots of the vote, chosen by the
    database's cryptographic generator - *bounded mixing*. A box of at most ``MIX_SAMPLE`` ballots
    besides the fresh ones is rewritten whole, as without ``fresh``. In a larger box each new
    ballot hides among the ``MIX_SAMPLE + 1`` (or more) ballots the same transaction wrote: they
    are all re-inserted with new keys in the order of those keys, so each of them is equally
    likely to be the new one, and which ballots later casts draw again does not depend on which
    one it is (docs/security.md, "Bounded mixing"). A ballot costs O(MIX_SAMPLE) rows written
    instead of the whole box. Without ``fresh``: the whole box.

    Why at every ballot and not only at close: a database reader (or a backup) taken while the
    vote is open would otherwise find ballots in the order they were cast - SQLite's rowid, the
    physical order PostgreSQL returns and dumps rows in, and PostgreSQL's ``xmin`` (the writing
    transaction, shared with the voter's roll entry) - and the roll says who voted in which
    order. When the vote closes the whole box is rewritten once more (``seal``).

    The rows are copied inside the database, never through Python: the new keys come from the
    database's cryptographic generator and the rows are written in the order of those keys, so
    the order is as random as the keys (bench/bench_mix_box.py)."""
    with connection.cursor() as cursor:
        if fresh is None:
            if connection.vendor == "postgresql":
                cursor.execute(MIX_POSTGRESQL, [vote.pk, vote.pk])
                return
            cursor.execute("SELECT COALESCE(MAX(rowid), 0) FROM votes_ballot")
            (mark,) = cursor.fetchone()
            cursor.execute(MIX_SQLITE_COPY, [vote.pk])
            cursor.execute(
                "DELETE FROM votes_ballot WHERE vote_id = %s AND rowid <= %s", [vote.pk, mark]
            )
            return
        if connection.vendor == "postgresql":
            keys = [str(key) for key in fresh]
            cursor.execute(MIX_SAMPLE_POSTGRESQL, [vote.pk, keys, MIX_SAMPLE, keys, vote.pk])
            return
        hex_keys = json.dumps([uuid.UUID(str(key)).hex for key in fresh])  # Django's SQLite form
        cursor.execute(MIX_SQLITE_FRESH, [hex_keys, vote.pk])
        chosen = [row[0] for row in cursor.fetchall()]
        cursor.execute(MIX_SQLITE_SAMPLE, [vote.pk, json.dumps(chosen), MIX_SAMPLE])
        chosen += [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT COALESCE(MAX(rowid), 0) FROM votes_ballot")
        (mark,) = cursor.fetchone()
        cursor.execute(MIX_SQLITE_SAMPLE_COPY, [json.dumps(chosen), vote.pk])
        cursor.execute(
            "DELETE FROM votes_ballot WHERE rowid IN (SELECT value FROM json_each(%s)) "
            "AND rowid <= %s AND +vote_id = %s",
            [json.dumps(chosen), mark, vote.pk],
        )


# The statements of mix_box, written out in full (the table is Ballot's, checked by a test).
MIX_POSTGRESQL = (
    "WITH old AS (DELETE FROM votes_ballot WHERE vote_id = %s "
    "RETURNING channel, choices, replace_hash) "
    "INSERT INTO votes_ballot (id, vote_id, channel, choices, replace_hash) "
    "SELECT gen_random_uuid(), %s, channel, choices, replace_hash FROM old ORDER BY 1"
)
# Bounded: the fresh ballots and MIX_SAMPLE others drawn by gen_random_uuid() (the CSPRNG).
MIX_SAMPLE_POSTGRESQL = (
    "WITH chosen AS MATERIALIZED ("
    "(SELECT id FROM votes_ballot WHERE vote_id = %s AND NOT (id = ANY(%s::uuid[])) "
    "ORDER BY gen_random_uuid() LIMIT %s) "
    "UNION ALL SELECT unnest(%s::uuid[])), "
    "old AS (DELETE FROM votes_ballot WHERE vote_id = %s AND id IN (SELECT id FROM chosen) "
    "RETURNING vote_id, channel, choices, replace_hash) "
    "INSERT INTO votes_ballot (id, vote_id, channel, choices, replace_hash) "
    "SELECT gen_random_uuid(), vote_id, channel, choices, replace_hash FROM old ORDER BY 1"
)
# SQLite: Django stores a UUID as 32 hex digits, and randomblob() is SQLite's CSPRNG. The copies
# get rowids above every existing row, so the old rows are those at or below the mark.
MIX_SQLITE_COPY = (
    "INSERT INTO votes_ballot (id, vote_id, channel, choices, replace_hash) "
    "SELECT lower(hex(randomblob(16))) AS new_id, vote_id, channel, choices, replace_hash "
    "FROM votes_ballot WHERE vote_id = %s ORDER BY new_id"
)
# Bounded: the fresh ballots' rowids, then MIX_SAMPLE other rowids of the vote drawn by
# randomblob() (from the vote_id index alone, no row read), then those rows copied in the order
# of their new keys. Lists of rowids go as one JSON parameter however long; the unary + keeps
# SQLite on the rowids rather than the vote_id index.
MIX_SQLITE_FRESH = (
    "SELECT rowid FROM votes_ballot WHERE id IN (SELECT value FROM json_each(%s)) AND +vote_id = %s"
)
MIX_SQLITE_SAMPLE = (
    "SELECT rowid FROM votes_ballot WHERE vote_id = %s "
    "AND rowid NOT IN (SELECT value FROM json_each(%s)) ORDER BY randomblob(16) LIMIT %s"
)
MIX_SQLITE_SAMPLE_COPY = (
    "INSERT INTO votes_ballot (id, vote_id, channel, choices, replace_hash) "
    "SELECT lower(hex(randomblob(16))) AS new_id, vote_id, channel, choices, replace_hash "
    "FROM votes_ballot WHERE rowid IN (SELECT value FROM json_each(%s)) AND +vote_id = %s "
    "ORDER BY new_id"
)
