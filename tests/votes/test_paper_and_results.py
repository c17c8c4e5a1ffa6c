"""The booth, paper batches entered twice, publishing results, and the recount file."""

from __future__ import annotations

import hashlib
import json

import pytest

from linli.core.models import Member, Notification, Role
from linli.core.services import ServiceError
from linli.participation.models import Act
from linli.votes import recount, services
from linli.votes.counting import QuestionSpec, paper_line, parse_paper_line
from linli.votes.models import Ballot, Question, RollEntry
from linli.votes.tally import BallotError
from tests.conftest import make_person
from tests.votes.helpers import close, make_vote, mark_paper_voters, option_ids, qkey


def member(user, community):
    return Member.objects.get(user=user, community=community)


@pytest.fixture
def vote(community, organiser, leader):
    vote = make_vote(community, organiser, ballot_type=Question.BallotType.RANKED)
    vote.officers.add(leader)  # the booth is for the vote's named officers
    return vote


def test_paper_lines_are_read_and_written_back_the_same_way():
    specs = [
        QuestionSpec(1, "irv", [10, 11, 12]),
        QuestionSpec(2, "approval", [20, 21, 22], max_choices=2),
        QuestionSpec(3, "score", [30, 31], max_score=5),
    ]
    ballot = parse_paper_line(specs, "3 1 / 1，3 / 5 0")
    assert ballot == {"1": [12, 10], "2": [20, 22], "3": {"30": 5}}
    assert paper_line(specs, ballot) == "3 1 / 1 3 / 5 0"
    assert parse_paper_line(specs, "x") == {"_spoiled": True}
    assert parse_paper_line(specs, "- / - / -") == {"1": [], "2": [], "3": {}}
    for bad, message in [
        ("4", r"^Expected answers to 3 question\(s\), found 1\.$"),
        ("1 1 / - / -", r"^An option may appear only once in a ranking\.$"),
        ("1 / 1 2 3 / -", r"^At most 2 options may be approved\.$"),
        ("1 / - / 6 0", r"^Scores go from 0 to 5\.$"),
        ("1 / -", r"^Expected answers to 3 question\(s\), found 2\.$"),
        ("a / - / -", r"^Only numbers, '-' or 'x' are allowed: 'a'\.$"),
    ]:
        with pytest.raises(BallotError, match=message):
            parse_paper_line(specs, bad)


def test_booth_marks_a_paper_voter_who_then_cannot_vote_online(vote, community, leader, resident):
    voter = member(resident, community)
    services.mark_paper_voter(leader, vote, voter)
    entry = RollEntry.objects.get(vote=vote)
    assert (entry.channel, entry.marked_by) == ("paper", leader)
    act = Act.objects.get(member=voter, method="vote")
    assert (act.channel, act.recorded_by) == ("paper", leader)
    with pytest.raises(ServiceError, match="on paper"):
        services.cast(voter.user, vote, {qkey(vote): option_ids(vote)[:1]}, change_code="X")
    with pytest.raises(ServiceError, match="Already voted"):
        services.mark_paper_voter(leader, vote, voter)


def test_booth_refuses_someone_who_voted_online(vote, community, leader, resident):
    services.cast(resident, vote, {qkey(vote): option_ids(vote)[:1]})
    with pytest.raises(ServiceError, match="Already voted"):
        services.mark_paper_voter(leader, vote, member(resident, community))


def test_a_resident_cannot_run_the_booth(vote, community, resident):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match=r"^votes\.booth$"):
        services.mark_paper_voter(resident, vote, member(resident, community))


def test_a_batch_counts_only_when_two_officers_agree(vote, community, leader, organiser):
    mark_paper_voters(vote, leader, 3)
    batch = services.create_batch(leader, vote, "梧桐院 1号票箱", 3)
    first = services.enter_batch(leader, batch, "1 2 3\n2\nx")
    assert first.status == "waiting"
    assert not Ballot.objects.filter(vote=vote).exists()
    mismatch = services.enter_batch(organiser, batch, "1 2 3\n3\nx")
    assert (mismatch.status, mismatch.differences) == ("mismatch", [2])
    assert not Ballot.objects.filter(vote=vote).exists()
    lines = services.mismatch_lines(batch, [2])
    assert lines == [(2, "2", "3")]
    counted = services.enter_batch(organiser, batch, "1 2 3\n2\nx")
    assert counted.status == "counted"
    assert Ballot.objects.filter(vote=vote, channel="paper").count() == 3
    with pytest.raises(ServiceError, match="already reconciled"):
        services.enter_batch(leader, batch, "1\n1\n1")


def test_a_batch_with_the_wrong_number_of_lines_or_a_bad_line_is_refused(vote, leader):
    mark_paper_voters(vote, leader, 2)
    batch = services.create_batch(leader, vote, "槐树院", 2)
    with pytest.raises(ServiceError, match="holds 2 ballots but 3"):
        services.enter_batch(leader, batch, "1\n2\n3")
    with pytest.raises(ServiceError, match="Line 2"):
        services.enter_batch(leader, batch, "1\n9")
    with pytest.raises(ServiceError, match="exists already"):
        services.create_batch(leader, vote, "槐树院", 5)


def test_results_wait_for_every_batch_then_notify_voters(
    vote, community, organiser, resident, leader
):
    a, b, _c = option_ids(vote)
    services.cast(resident, vote, {qkey(vote): [b, a]})
    mark_paper_voters(vote, leader, 2)
    batch = services.create_batch(leader, vote, "bundle", 2)
    services.enter_batch(leader, batch, "1\n2 3")
    close(vote)
    with pytest.raises(ServiceError, match="not reconciled"):
        services.publish_results(organiser, vote)
    services.enter_batch(organiser, batch, "1\n2 3")
    services.publish_results(organiser, vote)
    assert vote.results_published_at is not None
    assert Notification.objects.filter(user=resident, kind="vote_results").exists()
    [(_question, result)] = services.results(vote)
    assert result.ballots == 3
    assert result.winner == b  # b has 2 first choices of 3


def test_results_are_hidden_until_published_unless_live(community, organiser, resident):
    vote = make_vote(community, organiser)
    assert not services.results_visible(resident, vote)
    close(vote)
    assert not services.results_visible(resident, vote)
    assert services.results_visible(organiser, vote)  # provisional, to check before publishing
    live = make_vote(community, organiser, results_shown="live")
    assert not services.results_visible(resident, live)  # never while open (secrecy)
    close(live)
    assert services.results_visible(resident, live)
    assert services.results_visible(None, live)


def test_the_recount_file_gives_the_published_result(community, organiser, household, tmp_path):
    vote = make_vote(
        community, organiser, ballot_type=Question.BallotType.RANKED, options=("甲", "乙", "丙")
    )
    a, b, c = option_ids(vote)
    rankings = [[a, b], [a, c], [b, c], [b, c], [c, b], [c, a], [c, b]]
    for i, ranking in enumerate(rankings):
        user = make_person(community, f"r{i}@test.org", Role.RESIDENT, household)
        services.cast(user, vote, {qkey(vote): ranking})
    close(vote)
    services.publish_results(organiser, vote)
    [(question, result)] = services.results(vote)
    data = services.ballot_file(vote, question)
    # The digest published with the results is the SHA-256 of exactly the file handed out.
    assert services.ballot_file_digest(vote, question) == hashlib.sha256(data).hexdigest()
    path = tmp_path / "ballots.csv"
    path.write_bytes(data)
    counted = recount.recount(path, "irv")
    number = {a: 1, b: 2, c: 3}
    assert counted["winner"] == number[result.winner]
    assert [r["counts"] for r in counted["rounds"]] == [
        {str(number[k]): v for k, v in r.counts.items()} for r in result.rounds
    ]
    schulze = recount.recount(path, "schulze")
    assert schulze["sha256"] == services.ballot_file_digest(vote, question)
    json.dumps(schulze)


def test_cancelling_needs_a_reason(vote, organiser):
    with pytest.raises(ServiceError, match="why"):
        services.cancel(organiser, vote, " ")
    services.cancel(organiser, vote, "议题改由业主大会决定")
    assert vote.status == "cancelled"


def test_questions_are_frozen_once_published(vote, organiser):
    question = vote.questions.get()
    with pytest.raises(ServiceError, match="cannot change"):
        services.save_question(organiser, vote, question, ["a", "b"])


def test_a_question_needs_two_distinct_options(community, organiser):
    vote = make_vote(community, organiser, publish=False)
    with pytest.raises(ServiceError, match="two options"):
        services.save_question(organiser, vote, Question(text="?"), ["只有一个"])
    with pytest.raises(ServiceError, match="same text"):
        services.save_question(organiser, vote, Question(text="?"), ["a", "a"])
