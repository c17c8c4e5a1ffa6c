"""Conflicts of interest: declared or detected (applicant, team member, same courtyard where the
charter says so); the member stands aside from the motion on the matter, the quorum adjusts, and
the record shows who stood aside and why."""

from __future__ import annotations

import pytest

from linli.core.kit import Refused
from linli.governance import queries, services
from linli.governance.models import Conflict, Motion
from linli.reviews.models import Application
from linli.tracking.models import FundedProject, TeamMember
from tests.reviews.helpers import make_board, make_contest


def test_a_declared_conflict_takes_the_member_out_and_the_quorum_adjusts(board):
    motion = services.open_motion(
        board.chair, board.body, kind="budget", method=Motion.Method.ONLINE, title="Pay the painter"
    )
    services.declare_conflict(board.vice, board.body, motion, "The painter is my son.")
    assert queries.entitled(motion).count() == 4
    with pytest.raises(Refused, match="my son"):
        services.vote(board.vice, motion, "for")
    services.vote(board.chair, motion, "for")
    services.vote(board.secretary, motion, "for")
    services.close_vote(board.chair, motion)
    assert (motion.status, motion.entitled) == (Motion.Status.PASSED, 4)  # 2 of 4 is a quorum
    assert motion.stood_aside == [
        {"name": "vice", "reason": "The painter is my son.", "matter": "Pay the painter"}
    ]


def test_an_officer_records_the_conflict_of_a_member_without_an_account(board, resident):
    motion = services.open_motion(
        board.chair, board.body, kind="decision", method=Motion.Method.HANDS, title="x"
    )
    wang = board.seats["wang"].member
    services.declare_conflict(board.secretary, board.body, motion, "我家申请的", member=wang)
    assert queries.motion_conflicts(motion).get().member == wang


def test_conflicts_are_detected_applicant_team_and_courtyard(
    board, community, organiser, household
):
    review_board, _users = make_board(community, organiser, n=1)
    contest = make_contest(review_board, organiser)
    wang, li = board.seats["wang"].member, board.seats["li"].member
    application = Application.objects.create(
        contest=contest,
        area=household.area,  # the courtyard of the chair, secretary and vice-chair
        applicant=wang,
        title="花园",
        description="d",
        plan="p",
        budget=1000,
    )
    project = FundedProject.objects.create(community=contest.community, source=application)
    TeamMember.objects.create(project=project, member=li, name=li.name)
    motion = services.open_motion(
        board.organiser,
        board.body,
        kind=Motion.Kind.CONTEST,
        method=Motion.Method.HANDS,
        title="Adopt the ranking",
        subject=application,
    )
    sources = dict(queries.motion_conflicts(motion).values_list("member__name", "source"))
    assert sources == {
        "王阿姨": Conflict.Source.APPLICANT,
        "李大爷": Conflict.Source.TEAM,
        "leader": Conflict.Source.COURTYARD,
        "secretary": Conflict.Source.COURTYARD,
        "vice": Conflict.Source.COURTYARD,
    }
    assert not queries.entitled(motion).exists()
    # nobody may record or confirm a count on it either
    with pytest.raises(Refused, match="stand aside"):
        services.record_count(
            board.secretary, motion, present=[wang], votes_for=0, votes_against=0, abstentions=0
        )


def test_without_the_charter_s_word_the_courtyard_is_no_conflict(board, community, organiser):
    from linli.governance.models import Charter

    Charter.objects.filter(body=board.body).update(courtyard_conflicts=False)
    review_board, _users = make_board(community, organiser, n=1)
    contest = make_contest(review_board, organiser)
    application = Application.objects.create(
        contest=contest,
        area=board.seats["chair"].member.household.area,
        applicant=review_board.seats.first().member,
        title="t",
        description="d",
        plan="p",
        budget=1,
    )
    motion = services.open_motion(
        board.chair, board.body, kind="contest", method="hands", title="t", subject=application
    )
    assert not queries.motion_conflicts(motion).exists()
