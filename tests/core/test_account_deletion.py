"""A resident who took part can delete the account: the record stays, the person goes.

And before that, ``/me/data.json`` gives them everything that is theirs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache

from linli.core.models import Demographics, Member, Notification, User
from linli.meetings import services as meeting_services
from linli.proposals import services as proposal_services
from linli.proposals.models import Comment, Proposal
from linli.sharing import services as sharing_services
from linli.sharing.models import Loan
from linli.surveys import services as survey_services
from linli.volunteering import services as volunteering_services
from linli.volunteering.models import Hours
from linli.votes import services as vote_services
from linli.votes.models import Ballot, RollEntry
from tests.conftest import client_for, make_household, make_person
from tests.meetings.conftest import make_meeting
from tests.sharing.conftest import list_item
from tests.surveys.conftest import full_survey, good_answers
from tests.volunteering.conftest import make_activity, make_team
from tests.votes.helpers import make_vote, option_ids, qkey


@pytest.fixture
def active_resident(community, organiser, resident, household, time_machine):
    """The resident has voted, proposed, commented, answered, registered, borrowed, volunteered."""
    cache.clear()
    me = Member.objects.get(user=resident)
    Demographics.objects.create(member=me, age_band="60-74", consented_at=me.created_at)
    vote = make_vote(community, organiser)
    vote_services.cast(me.user, vote, {qkey(vote): [option_ids(vote)[0]]})
    proposal = proposal_services.save_draft(
        me.user, Proposal(community=community, title="梧桐院加装电梯", body="老人上下楼太难。")
    )
    proposal = proposal_services.publish(me.user, proposal)
    proposal_services.comment(me.user, proposal, "我愿意出力。", "for")
    survey = full_survey(community, organiser)
    survey_services.submit(me.user, survey, good_answers(community))
    meeting = make_meeting(community, organiser)
    meeting_services.register(resident, meeting, me)
    lender = make_person(
        community, "lender@test.org", household=make_household(community, ["梧桐院", "9栋", "1"])
    )
    item = list_item(lender, community)
    first = sharing_services.today()
    sharing_services.request_loan(resident, item, first, first + timedelta(days=2), "谢谢")
    leader_user = make_person(community, "teamlead@test.org")
    team = make_team(community, organiser, leader_user)
    volunteering_services.join(resident, team, me)
    activity = make_activity(team, leader_user, hours=3)
    volunteering_services.sign_up(resident, activity, me)
    time_machine.move_to(activity.starts_at + timedelta(hours=1), tick=False)
    volunteering_services.log_hours(resident, activity, me, "2", "浇水")
    Notification.objects.create(user=resident, kind="membership", title="欢迎")
    return resident


def test_my_data_holds_everything_that_is_mine(active_resident):
    data = client_for(active_resident).get("/me/data.json").json()
    assert data["account"]["email"] == "resident@test.org"
    assert "password" not in data["account"]
    mine = data["memberships"][0]
    assert mine["demographics"]["age_band"] == "60-74"
    records = mine["records"]
    assert records["proposals.proposal"][0]["title"] == "梧桐院加装电梯"
    assert records["proposals.comment"][0]["body"] == "我愿意出力。"
    assert len(records["votes.rollentry"]) == 1  # that I voted, never how
    assert "votes.ballot" not in records
    assert records["surveys.answer"]  # my answers to an identified survey
    assert records["meetings.registration"]
    assert records["sharing.loan"]
    assert records["volunteering.hours"][0]["note"] == "浇水"
    assert records["volunteering.teammember"]
    assert data["notifications"][0]["title"] == "欢迎"
    flat = repr(data)
    assert "hash" not in flat and "change_code" not in flat


def test_a_resident_who_took_part_can_delete_the_account(active_resident, community):
    member = Member.objects.get(user=active_resident)
    client = client_for(active_resident)
    response = client.post("/me/delete/", {"confirm": "DELETE"})
    assert response.status_code == 302
    assert not User.objects.filter(email="resident@test.org").exists()
    member.refresh_from_db()
    assert member.user_id is None and member.email == "" and member.phone == ""
    assert member.name == "已注销的居民"
    assert member.status == Member.Status.LEFT
    assert not Demographics.objects.filter(member=member).exists()
    # the public record and the roll stay
    assert Proposal.objects.filter(author=member).exists()
    assert Comment.objects.filter(member=member).exists()
    assert RollEntry.objects.filter(member=member).count() == 1
    assert Ballot.objects.count() == 1
    assert Loan.objects.filter(borrower=member).exists()
    assert Hours.objects.filter(member=member).exists()
    assert not Notification.objects.filter(title="欢迎").exists()


def test_private_leftovers_go_with_the_person(active_resident, community, organiser):
    from linli.meetings.models import CalendarFeed
    from linli.surveys.models import Draft

    member = Member.objects.get(user=active_resident)
    # (the person's registrations may have made it already: a feed is made by the first one)
    CalendarFeed.objects.get_or_create(member=member)
    assert CalendarFeed.objects.filter(member=member).exists()
    survey = full_survey(community, organiser)
    Draft.objects.create(survey=survey, member=member, answers={"q2": "私下的话"})
    client_for(active_resident).post("/me/delete/", {"confirm": "DELETE"})
    assert not CalendarFeed.objects.filter(member=member).exists()
    assert not Draft.objects.filter(member=member).exists()


def test_the_anonymised_record_can_no_longer_be_claimed(active_resident, outsider):
    from linli.core import services

    client_for(active_resident).post("/me/delete/", {"confirm": "DELETE"})
    member = Member.objects.get(name="已注销的居民")
    assert member.claim_code == ""
    with pytest.raises(services.ServiceError, match=r"^找不到这个认领码，或者它已经被用过了。$"):
        services.claim_record(outsider, member.claim_code)


def test_an_officer_who_entered_paper_ballots_can_delete_the_account_too(
    community, organiser, resident
):
    from linli.votes.models import BatchEntry, PaperBatch

    vote = make_vote(community, organiser)
    batch = PaperBatch.objects.create(vote=vote, label="A", size=1, created_by=organiser)
    BatchEntry.objects.create(batch=batch, officer=organiser)  # protects the officer's row
    response = client_for(organiser).post("/me/delete/", {"confirm": "DELETE"})
    assert response.status_code == 302
    assert not User.objects.filter(email="organiser@test.org").exists()
    assert BatchEntry.objects.filter(batch=batch).exists()
