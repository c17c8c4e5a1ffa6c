"""The same ballots always give the same answers in the same order, however the box is stored.

The box is rewritten in random order on every ballot (storage-order secrecy), so a budgeting
rule's tie-breaks would otherwise change the outcome from one count to the next (seen as a
participatory budget funding {雨棚, 花园} in one run and {健身角, 雨棚} in the next)."""

from __future__ import annotations

from linli.votes import services
from linli.votes.models import Ballot
from linli.votes.models import Question as VoteQuestion
from tests.votes.helpers import make_vote, option_ids, qkey


def test_answers_come_in_one_order_whatever_the_storage_order(community, organiser):
    vote = make_vote(community, organiser, ballot_type=VoteQuestion.BallotType.APPROVAL)
    first, second, third = option_ids(vote)
    answers = [[first, second]] * 3 + [[third]] * 2 + [[second]]
    for answer in answers:
        Ballot.objects.create(vote=vote, channel="online", choices={qkey(vote): answer})
    question = vote.questions.get()
    seen = set()
    for _ in range(12):
        services.mix_box(vote)
        seen.add(repr(services.answers_for(vote, question)))
    assert len(seen) == 1
    assert sorted(map(sorted, services.answers_for(vote, question))) == sorted(map(sorted, answers))


def test_the_mix_statements_name_the_ballot_table():
    from linli.votes.models import Ballot
    from linli.votes.services import ballots

    assert Ballot._meta.db_table == "votes_ballot"
    fields = {f.column for f in Ballot._meta.concrete_fields}
    assert fields == {"id", "vote_id", "channel", "choices", "replace_hash"}
    assert "votes_ballot" in ballots.MIX_POSTGRESQL and "votes_ballot" in ballots.MIX_SQLITE_COPY
