"""Bounded mixing (issue 23): a ballot rewrites itself with a random sample of the box, not the box.

With ``MIX_SAMPLE`` made small (5) and 30 voters, the box soon outgrows the sample. After every
ballot the latest writing transaction (PostgreSQL's ``xmin``; SQLite's rowids above the table's
previous highest) holds exactly min(n, MIX_SAMPLE + 1) ballots of the vote, the new one among
them; the counts are the ballots cast; a change code still replaces its ballot; and once the vote
closes, the sealed box follows the roll no more than chance (the storage-order test's reader).
The existing secrecy tests run with the real sample, larger than their boxes: the whole box is
rewritten on every ballot there, as before."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from django.db import connection

from linli.core.models import Member, Role
from linli.votes import services
from linli.votes.models import Ballot, RollEntry, Vote
from linli.votes.models import Question as VoteQuestion
from linli.votes.services import ballots
from tests.conftest import make_person
from tests.votes.helpers import make_vote, option_ids, qkey
from tests.votes.test_storage_order_secrecy import (
    TOO_MANY_HITS,
    distinct_writers,
    hits,
    storage_orders,
)

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLE = 5
VOTERS = 30


def _ranking(choices: Any, vote: Vote) -> tuple[int, ...]:
    return tuple((json.loads(choices) if isinstance(choices, str) else choices)[qkey(vote)])


def _high_water() -> int:
    """SQLite: the highest rowid of the ballot table (rows written later are above it)."""
    if connection.vendor == "postgresql":
        return 0  # PostgreSQL's reader goes by xmin
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(rowid), 0) FROM votes_ballot")
        return int(cursor.fetchone()[0])


def latest_writes(vote: Vote, mark: int) -> list[tuple[int, ...]]:
    """The ballots of the vote that the latest transaction wrote, as a database reader finds
    them: PostgreSQL by the newest ``xmin``; SQLite by rowid above the mark taken before."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT choices FROM votes_ballot WHERE vote_id = %s AND xmin::text::bigint = "
                "(SELECT MAX(xmin::text::bigint) FROM votes_ballot WHERE vote_id = %s)",
                [vote.pk, vote.pk],
            )
        else:
            cursor.execute(
                "SELECT choices FROM votes_ballot WHERE vote_id = %s AND rowid > %s",
                [vote.pk, mark],
            )
        return [_ranking(row[0], vote) for row in cursor.fetchall()]


def test_each_ballot_rewrites_itself_with_a_bounded_sample(
    community, organiser, household, monkeypatch
):
    monkeypatch.setattr(ballots, "MIX_SAMPLE", SAMPLE)
    vote = make_vote(
        community,
        organiser,
        ballot_type=VoteQuestion.BallotType.RANKED,
        options=("甲", "乙", "丙", "丁", "戊"),
    )
    rankings = list(itertools.permutations(option_ids(vote)))[:VOTERS]
    codes = []
    for i, ranking in enumerate(rankings):  # voter i ranks in the i-th way: content tells apart
        user = make_person(community, f"voter{i}@test.org", Role.RESIDENT, household)
        mark = _high_water()
        cast = services.cast(user, vote, {qkey(vote): list(ranking)})
        codes.append((user, cast.code))
        written = latest_writes(vote, mark)
        assert len(written) == min(i + 1, SAMPLE + 1), f"ballot {i + 1}"
        assert ranking in written
        assert len(set(written)) == len(written)  # each ballot once, none copied twice
        assert Ballot.objects.filter(vote=vote).count() == i + 1

    # the counts are the ballots cast, whatever was rewritten
    question = vote.questions.get()
    assert sorted(map(tuple, services.answers_for(vote, question))) == sorted(rankings)

    # a change code still replaces its holder's ballot, in a box larger than the sample
    user, code = codes[3]
    new_ranking = tuple(reversed(rankings[3]))
    assert new_ranking not in rankings
    mark = _high_water()
    replaced = services.cast(user, vote, {qkey(vote): list(new_ranking)}, change_code=code)
    assert replaced.replaced
    written = latest_writes(vote, mark)
    assert len(written) == SAMPLE + 1 and new_ranking in written
    assert rankings[3] not in written
    expected = sorted([*rankings[:3], new_ranking, *rankings[4:]])
    assert sorted(map(tuple, services.answers_for(vote, question))) == expected
    assert Ballot.objects.filter(vote=vote).count() == VOTERS

    # at close the whole box is rewritten once more: its order follows the roll no more than
    # chance, and one transaction wrote it all
    services.close_now(organiser, vote)
    vote.refresh_from_db()
    assert vote.sealed_at is not None
    by_member = {
        Member.objects.get(user__email=f"voter{i}@test.org").pk: ranking
        for i, ranking in enumerate(rankings)
    }
    by_member[Member.objects.get(user__email="voter3@test.org").pk] = new_ranking
    roll_order = [
        by_member[m]
        for m in RollEntry.objects.filter(vote=vote)
        .order_by("pk")
        .values_list("member_id", flat=True)
    ]
    for stored in storage_orders(Ballot._meta.db_table, "choices", "vote_id = %s", [vote.pk]):
        guess = [_ranking(c, vote) for c in stored]
        assert sorted(guess) == sorted(roll_order)
        assert hits(guess, roll_order) < TOO_MANY_HITS, "sealed box stored in the roll's order"
    assert distinct_writers(Ballot._meta.db_table, "vote_id = %s", [vote.pk]) == 1


def test_a_counted_paper_bundle_is_rewritten_with_a_sample(community, organiser, monkeypatch):
    """The paper ballots of a bundle are all fresh: they and MIX_SAMPLE others are rewritten."""
    monkeypatch.setattr(ballots, "MIX_SAMPLE", SAMPLE)
    vote = make_vote(community, organiser, ballot_type=VoteQuestion.BallotType.APPROVAL)
    first, second, third = option_ids(vote)
    for i in range(12):
        Ballot.objects.create(
            vote=vote, channel="online", choices={qkey(vote): [first]}, replace_hash=f"{i:064x}"
        )
    bundle = [{qkey(vote): [second]}] * 3 + [{qkey(vote): [third]}] * 2
    fresh = Ballot.objects.bulk_create(
        Ballot(vote=vote, channel="paper", choices=choices) for choices in bundle
    )
    mark = _high_water()
    services.mix_box(vote, fresh=[b.pk for b in fresh])
    written = latest_writes(vote, mark)
    assert len(written) == len(bundle) + SAMPLE
    assert sorted(written).count((second,)) == 3 and sorted(written).count((third,)) == 2
    assert Ballot.objects.filter(vote=vote).count() == 12 + len(bundle)
    assert not Ballot.objects.filter(pk__in=[b.pk for b in fresh]).exists()  # new keys
