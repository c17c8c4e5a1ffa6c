"""Issue 18's findings, reproduced first: a member who stands aside on an application (declared,
or detected as its applicant or on its team) takes no part in anything about it - the ranking
vote, answering an objection about it, its acceptance inspection (验收) - and the vote's
majority is counted over the members who may vote."""

from __future__ import annotations

import pytest

from linli.core.services import ServiceError
from linli.governance import queries as bodies
from linli.governance import services as governance
from linli.governance.models import Motion
from linli.reviews import services
from linli.reviews.models import Application
from tests.conftest import make_household
from tests.reviews.helpers import adopt, end_notice, make_board, make_contest, member
from tests.reviews.test_flow import _apply, _score_all, _to_scoring


@pytest.fixture
def story(community, organiser, resident):
    """Board of five; the chair lives in 梧桐院 and stands aside on its application; board member
    users[2] applies for 槐树院 himself (recused as the applicant)."""
    board, users = make_board(community, organiser)
    chair = users[0]
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(chair, contest), users)
    make_household(community, ["槐树院", "1栋", "1单元", "101"])
    wutong = _apply(contest, resident)
    huaishu = _apply(contest, users[2], "槐树院", "墙绘")
    _to_scoring(contest, chair)
    services.declare_conflict(chair, wutong, "我住在梧桐院")
    _score_all(contest, users, [wutong, huaishu])
    return board, users, contest, wutong, huaishu


def _to_final(users, contest):
    chair = users[0]
    motion = services.propose_ranking(chair, contest)
    adopt(motion, users[1:2] + users[3:])
    contest.refresh_from_db()
    services.publish_notice(chair, contest)
    end_notice(contest)
    contest.refresh_from_db()
    services.finalise(chair, contest)


def test_applicants_do_not_vote_to_adopt_the_ranking_of_their_own_applications(story):
    _board, users, contest, _wutong, _huaishu = story
    motion = services.propose_ranking(users[0], contest)
    with pytest.raises(ServiceError, match="stand aside"):
        governance.vote(users[2], motion, "for")  # the applicant
    with pytest.raises(ServiceError, match="stand aside"):
        governance.vote(users[0], motion, "for")  # the recused chair
    assert {s.member_id for s in bodies.entitled(motion)} == {
        member(u).pk for u in (users[1], users[3], users[4])
    }
    adopt(motion, [users[1], users[3], users[4]])
    assert motion.status == Motion.Status.PASSED
    assert motion.entitled == 3  # the majority is of the members who may vote
    aside = {row["name"]: row for row in motion.stood_aside}  # the record shows who and why
    assert aside[member(users[0]).name]["reason"] == "我住在梧桐院"
    assert aside[member(users[2]).name]["matter"] == "墙绘"


def test_the_chair_does_not_answer_an_objection_about_her_own_conflict(story, resident):
    _board, users, contest, wutong, _huaishu = story
    motion = services.propose_ranking(users[0], contest)
    adopt(motion, [users[1], users[3], users[4]])
    contest.refresh_from_db()
    services.publish_notice(users[0], contest)
    objection = services.object_to(resident, contest, "评分不公", wutong)
    with pytest.raises(ServiceError, match="stand aside"):
        services.answer_objection(users[0], objection, "维持原结果")
    objection.refresh_from_db()
    assert objection.answer == ""
    services.answer_objection(users[1], objection, "复核后维持")  # the vice-chair answers


def test_a_recused_chair_does_not_sign_the_inspection_of_her_own_courtyard(story):
    _board, users, contest, wutong, _huaishu = story
    _to_final(users, contest)
    wutong.refresh_from_db()
    items = {c.pk: (True, "") for c in contest.criteria.all()}
    with pytest.raises(ServiceError, match="stand aside"):
        services.inspect(users[0], wutong, "pass", items)
    wutong.refresh_from_db()
    assert wutong.inspection == "" and not wutong.inspections.exists()
    services.inspect(users[1], wutong, "pass", items)
    assert Application.objects.get(pk=wutong.pk).inspection == "pass"
