"""The modules' named rules (``<app>/rules.py``), each test function on every phase it can see.

No database: objects are unsaved model instances (or plain objects where a rule reads only a few
attributes) and people carry their membership in the request's cache, as in
``test_permission_rules_by_hand``. ``bench/mutation.py`` mutates these rules against this file:
each status comparison, each ``and``/``or`` and each "own row" check has its exact case here.
The rules that ask the database (a seat on a body or committee, a team's leaders, a
convention's latest version, a funded project's source) are pinned by their apps' tests.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from linli.core.models import Member, Role
from linli.disclosure import rules as disclosure
from linli.disclosure.models import Entry, Publicity
from linli.engagement import rules as engagement
from linli.engagement.models import Project
from linli.feedback import rules as feedback
from linli.feedback.models import Item, Report
from linli.grants import rules as grants
from linli.grants.models import Application, Call
from linli.insights import rules as insights
from linli.insights.models import Flag
from linli.meetings import rules as meetings
from linli.meetings.models import Meeting
from linli.opinions import rules as opinions
from linli.opinions.models import Conversation
from linli.votes import rules as votes
from linli.votes.models import Question, Vote

from .test_permission_rules_by_hand import ANONYMOUS, HOME, VERIFIED, person

ORGANISER = person(VERIFIED, Role.ORGANISER)
LEADER = person(VERIFIED, Role.LEADER)
RESIDENT = person(VERIFIED, Role.RESIDENT)
PENDING = person(Member.Status.PENDING, Role.RESIDENT)


def statuses(model) -> list[str]:  # type: ignore[no-untyped-def]
    return list(model.Status.values)


# --- engagement ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", statuses(Project))
def test_engagement_phases(status):
    project = Project(community=HOME, status=status)
    assert engagement._is_planning(project) is (status == "planning")
    assert engagement._is_open(project) is (status == "open")
    assert engagement._is_closed(project) is (status == "closed")


def test_engagement_a_planned_project_is_seen_by_organisers_only():
    planned = Project(community=HOME, status=Project.Status.PLANNING)
    opened = Project(community=HOME, status=Project.Status.OPEN)
    assert engagement._published_or_organiser(ANONYMOUS, opened) is True
    assert engagement._published_or_organiser(ORGANISER, planned) is True
    assert engagement._published_or_organiser(LEADER, planned) is False
    assert engagement._published_or_organiser(ANONYMOUS, planned) is False


# --- grants -------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", statuses(Call))
def test_grants_criteria_change_while_the_call_is_a_draft(status):
    call = Call(community=HOME, status=status)
    assert grants._call_is_draft(call) is (status == "draft")
    assert grants._call_is_draft(SimpleNamespace(call=call)) is (status == "draft")  # a criterion


@pytest.mark.parametrize("status", statuses(Application))
def test_grants_only_an_application_under_review_is_declined(status):
    assert grants._under_review(Application(status=status)) is (status == "review")


# --- votes --------------------------------------------------------------------------------------


def a_vote(status: str, *, closed: bool = False) -> Vote:
    now = timezone.now()
    closes_at = now - timedelta(minutes=1) if closed else now + timedelta(days=1)
    return Vote(
        community=HOME, status=status, opens_at=now - timedelta(days=1), closes_at=closes_at
    )


@pytest.mark.parametrize("status", statuses(Vote))
@pytest.mark.parametrize("closed", [False, True])
def test_votes_phases(status, closed):
    vote = a_vote(status, closed=closed)
    assert votes._is_draft(vote) is (status == "draft")
    closed_now = status == "published" and closed
    assert votes._not_closed_or_cancelled(vote) is (status != "cancelled" and not closed_now)
    assert votes._question_editable(vote) is (status == "draft")
    assert votes._question_editable(Question(vote=vote)) is (status == "draft")


# --- opinions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", statuses(Conversation))
def test_opinions_phases(status):
    conversation = Conversation(community=HOME, status=status)
    assert opinions._is_open(conversation) is (status == "open")
    assert opinions._is_closed(conversation) is (status == "closed")


@pytest.mark.parametrize(
    ("user", "public", "sees"),
    [
        (ANONYMOUS, True, True),
        (ANONYMOUS, False, False),
        (PENDING, False, False),
        (RESIDENT, False, True),
        (ORGANISER, False, True),
    ],
)
def test_opinions_a_members_only_conversation_is_for_verified_residents(user, public, sees):
    conversation = Conversation(community=HOME, is_public=public)
    assert opinions._public_or_member(user, conversation) is sees


# --- feedback -----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", statuses(Item))
def test_feedback_an_item_is_open_until_closed(status):
    assert feedback._open(Item(community=HOME, status=status)) is (status != "closed")


@pytest.mark.parametrize(("answer", "answered"), [("", False), ("  \n", False), ("修好了", True)])
def test_feedback_answered_means_a_written_answer(answer, answered):
    assert feedback._answered(Item(community=HOME, answer=answer)) is answered


def test_feedback_an_item_becomes_a_proposal_once():
    assert feedback._not_handed_on(Item(community=HOME, proposal_id=None)) is True
    assert feedback._not_handed_on(Item(community=HOME, proposal_id=3)) is False


def test_feedback_a_report_is_for_its_reporter_and_organisers():
    reporter = person(VERIFIED, Role.RESIDENT)
    reporter._linli_members[HOME.pk].pk = 11
    neighbour = person(VERIFIED, Role.LEADER)
    neighbour._linli_members[HOME.pk].pk = 12
    report = Report(community=HOME, member_id=11)
    assert feedback._reporter_or_organiser(reporter, report) is True
    assert feedback._reporter_or_organiser(ORGANISER, report) is True
    assert feedback._reporter_or_organiser(neighbour, report) is False
    assert feedback._reporter_or_organiser(person(), report) is False  # no membership here
    assert feedback._reporter_or_organiser(ANONYMOUS, report) is False


# --- meetings -----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", statuses(Meeting))
def test_meetings_drafts_stay_among_organisers(status):
    meeting = Meeting(community=HOME, status=status)
    assert meetings._published_or_organiser(ANONYMOUS, meeting) is (status != "draft")
    assert meetings._published_or_organiser(LEADER, meeting) is (status != "draft")
    assert meetings._published_or_organiser(ORGANISER, meeting) is True


def test_meetings_an_action_item_is_its_owners_and_organisers():
    owner = person(VERIFIED, Role.RESIDENT, pk=21)
    mine = Member(community=HOME, user_id=21)
    recorded = Member(community=HOME, user_id=None)  # someone without an account
    assert meetings._own(owner, mine) is True
    assert meetings._own(SimpleNamespace(pk=22), mine) is False
    assert meetings._own(owner, None) is False
    assert meetings._own(SimpleNamespace(pk=None), recorded) is False
    item = SimpleNamespace(owner=mine, community=HOME)
    assert meetings._owner_or_organiser(owner, item) is True
    assert meetings._owner_or_organiser(ORGANISER, item) is True
    assert meetings._owner_or_organiser(LEADER, item) is False
    unowned = SimpleNamespace(owner=None, community=HOME)
    assert meetings._owner_or_organiser(ORGANISER, unowned) is True
    assert meetings._owner_or_organiser(LEADER, unowned) is False


# --- insights -----------------------------------------------------------------------------------


def test_insights_phases():
    assert insights._is_open(Flag(closed_at=None)) is True
    assert insights._is_open(Flag(closed_at=timezone.now())) is False
    for status in statuses(Project):
        project = Project(status=status)
        assert insights._planning(project) is (status == "planning")
        assert insights._closed(project) is (status == "closed")


# --- disclosure ---------------------------------------------------------------------------------


def test_disclosure_an_entry_is_read_once_published():
    assert disclosure._published(Entry(notice_id=5)) is True
    assert disclosure._published(Entry(notice_id=None)) is False


@pytest.mark.parametrize(
    ("who_may_object", "user", "may"),
    [
        (Publicity.WhoMayObject.SIGNED_IN, person(), True),
        (Publicity.WhoMayObject.SIGNED_IN, PENDING, True),
        (Publicity.WhoMayObject.RESIDENTS, person(), False),
        (Publicity.WhoMayObject.RESIDENTS, PENDING, False),
        (Publicity.WhoMayObject.RESIDENTS, RESIDENT, True),
    ],
)
def test_disclosure_who_may_object_is_chosen_per_notice(who_may_object, user, may):
    publicity = Publicity(community=HOME, who_may_object=who_may_object)
    assert disclosure._may_object_as(user, publicity) is may
