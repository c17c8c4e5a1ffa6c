"""Casting, changing and refusing ballots; secrecy as stored; one ballot per voter or household."""

from __future__ import annotations

import pytest
from django.db import connection

from linli.core.kit import Forbidden, Refused
from linli.core.models import Member, Role
from linli.core.services import ServiceError
from linli.participation.models import Act
from linli.votes import services
from linli.votes.models import Ballot, Question, RollEntry, Vote
from tests.conftest import make_household, make_person
from tests.votes.helpers import close, make_vote, option_ids, qkey


def member(user, community):
    return Member.objects.get(user=user, community=community)


@pytest.fixture
def vote(community, organiser):
    return make_vote(community, organiser)


def test_a_resident_votes_once_and_the_ledger_records_it(vote, resident, community):
    a, _b, _c = option_ids(vote)
    outcome = services.cast(resident, vote, {qkey(vote): [a]})
    assert len(outcome.code) == 14 and not outcome.replaced
    assert RollEntry.objects.filter(vote=vote).count() == 1
    assert Ballot.objects.filter(vote=vote).count() == 1
    act = Act.objects.get(member__user=resident, method="vote")
    assert (act.channel, act.depth, act.source_type) == ("online", 2, "votes.vote")


def test_the_ballot_box_holds_nothing_that_points_to_the_voter(vote, resident, community):
    a, _b, _c = option_ids(vote)
    services.cast(resident, vote, {qkey(vote): [a]})
    columns = {f.column for f in Ballot._meta.concrete_fields}
    assert columns == {"id", "vote_id", "channel", "choices", "replace_hash"}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Ballot._meta.db_table}")
        row = " ".join(str(v) for v in cursor.fetchone())
    voter = member(resident, community)
    for identifying in (resident.email, voter.name, str(voter.household)):
        assert identifying not in row
    roll_columns = {f.column for f in RollEntry._meta.concrete_fields}
    assert not roll_columns & {"ballot_id", "choices", "replace_hash"}
    # the change code is not stored, only a salted hash of it
    assert Ballot.objects.get(vote=vote).replace_hash != ""


def test_changing_a_vote_replaces_the_ballot_with_the_code(vote, resident, community):
    a, b, _c = option_ids(vote)
    voter = member(resident, community)
    first = services.cast(voter.user, vote, {qkey(vote): [a]})
    with pytest.raises(ServiceError, match="change code"):
        services.cast(voter.user, vote, {qkey(vote): [b]})
    with pytest.raises(ServiceError, match="does not match"):
        services.cast(voter.user, vote, {qkey(vote): [b]}, change_code="AAAA-BBBB-CCCC")
    second = services.cast(voter.user, vote, {qkey(vote): [b]}, change_code=first.code.lower())
    assert second.replaced
    ballots = list(Ballot.objects.filter(vote=vote).values_list("choices", flat=True))
    assert ballots == [{qkey(vote): [b]}]
    assert RollEntry.objects.filter(vote=vote).count() == 1


def test_household_mode_takes_one_ballot_per_household(community, organiser, resident, household):
    vote = make_vote(community, organiser, unit=Vote.Unit.HOUSEHOLD)
    spouse = make_person(community, "spouse@test.org", Role.RESIDENT, household)
    a, b, _c = option_ids(vote)
    first = services.cast(resident, vote, {qkey(vote): [a]})
    with pytest.raises(
        ServiceError,
        match=r"^A vote was already cast\. To change it, enter the change code you were given\.$",
    ):
        services.cast(spouse, vote, {qkey(vote): [b]})
    # with the household's code (a shared phone remembers it) the spouse may change it
    services.cast(spouse, vote, {qkey(vote): [b]}, change_code=first.code)
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert RollEntry.objects.filter(vote=vote).count() == 1


def test_only_residents_of_the_chosen_areas_may_vote(community, organiser, resident):
    vote = make_vote(community, organiser)
    elsewhere = make_household(community, ["槐树院", "2栋", "1单元", "301"])
    vote.areas.set([elsewhere.area])
    a, *_ = option_ids(vote)
    with pytest.raises(ServiceError, match="not on the list"):
        services.cast(resident, vote, {qkey(vote): [a]})
    neighbour = make_person(community, "n@test.org", Role.RESIDENT, elsewhere)
    services.cast(neighbour, vote, {qkey(vote): [a]})


def test_pending_members_outsiders_and_visitors_may_not_cast(vote, community, outsider):
    """The standing is checked by the command, before anything is read or written."""
    from django.contrib.auth.models import AnonymousUser

    pending = make_person(community, "p@test.org", status=Member.Status.PENDING)
    a, *_ = option_ids(vote)
    for who in (pending, outsider, AnonymousUser()):
        with pytest.raises(Forbidden, match=r"^votes\.cast$"):
            services.cast(who, vote, {qkey(vote): [a]})
    assert not Ballot.objects.exists() and not RollEntry.objects.exists()


def test_every_standing_from_resident_up_may_cast_when_eligible(
    vote, resident, leader, organiser, community
):
    a, *_ = option_ids(vote)
    for who in (resident, leader, organiser):
        services.cast(who, vote, {qkey(vote): [a]})
    assert RollEntry.objects.filter(vote=vote).count() == 3
    assert Act.objects.filter(method=vote.ledger_method, member__community=community).count() == 3


def test_a_ballot_before_the_vote_opens_is_refused(community, organiser, resident):
    draft = make_vote(community, organiser, publish=False)
    with pytest.raises(Refused, match=r"^This vote is not open\.$"):
        services.cast(resident, draft, {qkey(draft): option_ids(draft)[:1]})
    assert not Ballot.objects.exists()


def test_a_ballot_after_close_is_refused(vote, resident, community):
    close(vote)
    a, *_ = option_ids(vote)
    with pytest.raises(ServiceError, match="closed"):
        services.cast(resident, vote, {qkey(vote): [a]})
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("ballot_type", "extra", "answer", "message"),
    [
        ("single", {}, "two", "Choose one|more options"),
        ("approval", {"max_choices": 2}, "three", "more options than"),
        ("ranked", {}, "repeat", "only one place"),
        ("score", {"max_score": 5}, "score9", "outside the allowed range"),
        ("single", {}, "foreign", "not part of this vote"),
    ],
)
def test_bad_ballots_are_refused_with_a_clear_message(
    community, organiser, resident, other_community, ballot_type, extra, answer, message
):
    vote = make_vote(
        community,
        organiser,
        ballot_type=ballot_type,
        options=("甲", "乙", "丙", "丁"),
        **extra,
    )
    a, b, c, _d = option_ids(vote)
    other = make_vote(community, organiser)
    foreign = option_ids(other)[0]
    answers = {
        "two": [a, b],
        "three": [a, b, c],
        "repeat": [a, b, a],
        "score9": {str(a): 9},
        "foreign": [foreign],
    }[answer]
    with pytest.raises(ServiceError, match=message):
        services.cast(resident, vote, {qkey(vote): answers})
    assert not Ballot.objects.filter(vote=vote).exists()
    assert not RollEntry.objects.filter(vote=vote).exists()


def test_an_answer_to_a_question_of_another_vote_is_refused(community, organiser, resident):
    vote = make_vote(community, organiser)
    other = make_vote(community, organiser)
    with pytest.raises(ServiceError, match="question that is not part"):
        services.cast(resident, vote, {qkey(other): [option_ids(other)[0]]})


def test_an_empty_ballot_is_refused(vote, resident, community):
    with pytest.raises(ServiceError, match="empty"):
        services.cast(resident, vote, {qkey(vote): []})


def test_every_ballot_type_is_stored_in_its_canonical_form(community, organiser, resident):
    voter_member = member(resident, community)
    for ballot_type, answer in [
        (Question.BallotType.APPROVAL, lambda a, b, c: [c, a]),
        (Question.BallotType.RANKED, lambda a, b, c: [c, a, b]),
        (Question.BallotType.SCORE, lambda a, b, c: {str(c): 1, str(a): 5}),
    ]:
        vote = make_vote(community, organiser, ballot_type=ballot_type)
        a, b, c = option_ids(vote)
        services.cast(voter_member.user, vote, {qkey(vote): answer(a, b, c)})
        stored = Ballot.objects.get(vote=vote).choices[qkey(vote)]
        expected = {
            "approval": [a, c],
            "ranked": [c, a, b],
            "score": {str(a): 5, str(c): 1},
        }[ballot_type]
        assert stored == expected


def test_sealing_at_close_rewrites_the_box_with_new_keys(community, organiser, household):
    vote = make_vote(community, organiser)
    a, b, _c = option_ids(vote)
    voters = [make_person(community, f"v{i}@test.org", Role.RESIDENT, household) for i in range(6)]
    for i, user in enumerate(voters):
        services.cast(user, vote, {qkey(vote): [a if i % 2 else b]})
    before = set(Ballot.objects.filter(vote=vote).values_list("pk", flat=True))
    close(vote)
    services.seal(vote)
    after = Ballot.objects.filter(vote=vote)
    assert vote.sealed_at is not None
    assert not before & set(after.values_list("pk", flat=True))
    assert sorted(str(c) for c in after.values_list("choices", flat=True)) == sorted(
        str({qkey(vote): [a if i % 2 else b]}) for i in range(6)
    )
