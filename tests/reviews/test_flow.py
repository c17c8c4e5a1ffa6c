"""The story of seed 003 through the services, and every rule it relies on."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from linli.core.kit import Forbidden
from linli.core.models import Notification, Role
from linli.core.services import ServiceError
from linli.governance.models import Motion
from linli.participation.models import Act
from linli.reviews import services
from linli.reviews.models import Application, Contest, Score
from tests.conftest import make_household, make_person
from tests.reviews.helpers import adopt, end_notice, make_board, make_contest, member


@pytest.fixture
def board_and_users(community, organiser):
    return make_board(community, organiser)


def _apply(contest, user, area_name="梧桐院", title="花园护卫队"):
    from linli.core.models import Place

    contest.refresh_from_db()
    area = Place.objects.get(community=contest.community, name=area_name, parent=None)
    return services.submit(
        user,
        Application(
            contest=contest, area=area, title=title, description="d", plan="p", budget=1000
        ),
    )


def _to_scoring(contest, organiser):
    contest.refresh_from_db()
    Contest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    contest.refresh_from_db()
    return services.start_scoring(organiser, contest)


def _score_all(contest, users, apps, base=6):
    criteria = list(contest.criteria.all())
    for i, user in enumerate(users):
        for j, app in enumerate(apps):
            if services.is_recused(member(user), app):
                continue
            services.save_scores(
                user,
                app,
                {c.pk: (min(c.high, max(c.low, base + j - i % 2)), "理由") for c in criteria},
            )


def test_the_whole_story_from_rubric_to_showcase(community, organiser, resident, leader, household):
    board, users = make_board(community, organiser)
    chair = users[0]
    contest = make_contest(board, organiser)
    # members comment on the draft, the board adopts the rubric by vote
    services.comment_rubric(users[3], contest, "参与的权重可以再高一点")
    motion = services.propose_rubric(chair, contest)
    adopt(motion, users)
    contest.refresh_from_db()
    assert motion.status == Motion.Status.PASSED and contest.stage == "open"
    assert motion.votes_for == 5 and motion.entitled == 5
    # two courtyards apply; neighbours sign online
    wutong = _apply(contest, resident)
    huaishu_home = make_household(community, ["槐树院", "1栋", "1单元", "101"])
    applicant2 = make_person(community, "a2@test.org", Role.RESIDENT, huaishu_home)
    huaishu = _apply(contest, applicant2, "槐树院", "墙绘")
    services.sign(leader, wutong)
    assert Act.objects.filter(member=member(resident), method="contest", depth=4).exists()
    assert Act.objects.filter(member=member(leader), method="contest", depth=2).exists()
    # scoring: one member lives in 梧桐院 and recuses himself
    _to_scoring(contest, chair)
    services.declare_conflict(users[4], wutong, "我住在梧桐院")
    _score_all(contest, users, [wutong, huaishu])
    assert services.all_scores_in(contest)
    ranking_motion = services.propose_ranking(chair, contest)
    adopt(ranking_motion, users)
    contest.refresh_from_db()
    assert contest.ranking_adopted_at and len(contest.ranking) == 2
    services.publish_notice(chair, contest)
    contest.refresh_from_db()
    assert contest.stage == "notice"
    assert Notification.objects.filter(user=resident, kind="review_result").exists()
    objection = services.object_to(resident, contest, "参与分偏低", huaishu)
    assert Act.objects.filter(member=member(resident), method="objection", depth=3).exists()
    # not final before the period ends, nor with an unanswered objection
    with pytest.raises(ServiceError, match="public notice runs until"):
        services.finalise(chair, contest)
    end_notice(contest)
    contest.refresh_from_db()
    with pytest.raises(ServiceError, match="Every objection must be answered"):
        services.finalise(chair, contest)
    services.answer_objection(chair, objection, "复核后维持")
    assert Notification.objects.filter(user=resident, title__contains="答复").exists()
    services.finalise(chair, contest)
    first = Application.objects.get(contest=contest, rank=1)
    assert first.award_name == "一等奖" and first.award_amount == 5000
    # funds against milestones, never more than the award
    m1 = services.add_milestone(chair, first, "开工", Decimal(2500))
    with pytest.raises(ServiceError, match="more than the award"):
        services.add_milestone(chair, first, "额外", Decimal(3000))
    services.release(chair, m1, "开工照片")
    # inspection: fix first, then pass on the re-check
    items = {c.pk: (False, "花台未完成") for c in contest.criteria.all()}
    with pytest.raises(ServiceError, match="date of the next inspection"):
        services.inspect(users[1], first, "fix", items, "花台未完成")
    with pytest.raises(ServiceError, match="Only work that passes goes on the showcase"):
        services.inspect(
            users[1], first, "fix", items, "花台未完成", date.today(), showcase="焕然一新"
        )
    services.inspect(users[1], first, "fix", items, "花台未完成", date.today() + timedelta(days=7))
    first.refresh_from_db()
    assert first.showcase_text == ""
    services.inspect(
        users[1], first, "pass", {k: (True, "") for k in items}, showcase="  花台种上了月季。 "
    )
    first.refresh_from_db()
    assert first.inspection == "pass" and first.showcase_text == "花台种上了月季。"
    assert list(services.showcase(community)) == [first]


def test_a_recused_member_cannot_score_and_his_earlier_scores_are_deleted(
    community, organiser, resident
):
    board, users = make_board(community, organiser)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    app = _apply(contest, resident)
    _to_scoring(contest, users[0])
    criteria = list(contest.criteria.all())
    services.save_scores(users[1], app, {c.pk: (c.low, "x") for c in criteria})
    services.declare_conflict(users[1], app, "亲戚在队里")
    assert not Score.objects.filter(reviewer=member(users[1])).exists()
    with pytest.raises(ServiceError, match="conflict of interest"):
        services.save_scores(users[1], app, {c.pk: (c.low, "x") for c in criteria})


def test_scores_are_hidden_until_all_are_in(community, organiser, resident):
    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    app = _apply(contest, resident)
    _to_scoring(contest, users[0])
    criteria = list(contest.criteria.all())
    services.save_scores(users[0], app, {c.pk: (c.high, "好") for c in criteria})
    assert not services.scores_revealed(contest)
    assert services.visible_scores(users[1], contest).count() == 0
    assert services.visible_scores(users[0], contest).count() == 2
    assert services.visible_scores(resident, contest).count() == 0
    with pytest.raises(ServiceError, match="once every score is in"):
        services.propose_ranking(users[0], contest)
    for user in users[1:]:
        services.save_scores(user, app, {c.pk: (c.low, "一般") for c in criteria})
    assert services.scores_revealed(contest)
    assert services.visible_scores(users[1], contest).count() == 6
    assert services.visible_scores(resident, contest).count() == 0  # public only from the notice


def test_bad_scores_are_refused_and_nothing_is_saved(community, organiser, resident):
    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    app = _apply(contest, resident)
    participation, design = contest.criteria.all()
    with pytest.raises(ServiceError, match="Scoring is not open"):
        services.save_scores(users[0], app, {participation.pk: (5, "x")})
    _to_scoring(contest, users[0])
    with pytest.raises(ServiceError, match="scored from 1 to 5"):
        services.save_scores(
            users[0], app, {participation.pk: (5, "ok"), design.pk: (6, "too high")}
        )
    assert not Score.objects.exists()
    with pytest.raises(ServiceError, match="short reason"):
        services.save_scores(users[0], app, {participation.pk: (5, " ")})
    with pytest.raises(ServiceError, match="not in this contest"):
        services.save_scores(users[0], app, {participation.pk + 999: (5, "x")})
    with pytest.raises(Forbidden, match="serving on the board"):
        services.save_scores(resident, app, {participation.pk: (5, "x")})
    Contest.objects.filter(pk=contest.pk).update(scoring_deadline=timezone.now() - timedelta(1))
    contest.refresh_from_db()
    app.refresh_from_db()
    with pytest.raises(ServiceError, match="Scoring closed on"):
        services.save_scores(users[0], app, {participation.pk: (5, "x")})


def test_applications_only_in_the_window_and_from_eligible_courtyards(
    community, organiser, resident
):
    from linli.core.models import Place

    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    with pytest.raises(ServiceError, match="accepted only from"):  # rubric not adopted yet
        _apply(contest, resident)
    adopt(services.propose_rubric(users[0], contest), users)
    contest.areas.set(Place.objects.filter(name="石榴院"))
    with pytest.raises(ServiceError, match="not among those that may apply"):
        _apply(contest, resident)
    Contest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    contest.refresh_from_db()
    with pytest.raises(ServiceError, match="accepted only from"):
        _apply(contest, resident, "石榴院")


def test_signatures_once_per_household_and_paper_sheets(community, organiser, resident, leader):
    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser, min_signatures=2)
    adopt(services.propose_rubric(users[0], contest), users)
    app = _apply(contest, users[2], "石榴院")
    services.sign(resident, app)
    with pytest.raises(ServiceError, match="already supports"):
        services.sign(leader, app)  # same household as the resident
    assert not services.in_competition(contest).exists()
    other = make_household(community, ["梧桐院", "2栋", "1单元", "301"])
    added = services.enter_paper_signatures(leader, app, [(other, "王秀英"), (other, "王秀英")])
    assert added == 1 and services.in_competition(contest).count() == 1
    with pytest.raises(
        PermissionDenied, match=r"^reviews\.enter_paper$"
    ):  # residents cannot enter paper sheets
        services.enter_paper_signatures(resident, app, [(other, "王秀英")])


def test_objections_only_during_the_notice_period(community, organiser, resident):
    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    app = _apply(contest, resident)
    with pytest.raises(ServiceError, match="only during the public notice"):
        services.object_to(resident, contest, "不公平")
    _to_scoring(contest, users[0])
    _score_all(contest, users, [app])
    adopt(services.propose_ranking(users[0], contest), users)
    contest.refresh_from_db()
    services.publish_notice(users[0], contest)
    contest.refresh_from_db()
    with pytest.raises(ServiceError, match="reason"):
        services.object_to(resident, contest, "  ")
    services.object_to(resident, contest, "理由")
    end_notice(contest)
    contest.refresh_from_db()
    with pytest.raises(ServiceError, match="only during the public notice"):
        services.object_to(resident, contest, "晚了")


def test_rubric_cannot_change_after_adoption_and_awards_fit_the_budget(community, organiser):
    from linli.reviews.models import AwardTier, Criterion

    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    services.save_tier(
        organiser, AwardTier(contest=contest, name="二等奖", rank_from=2, rank_to=3, amount=3000)
    )
    with pytest.raises(ServiceError, match="more than the budget"):
        services.propose_rubric(users[0], contest)
    AwardTier.objects.filter(name="二等奖").delete()
    adopt(services.propose_rubric(users[0], contest), users)
    contest.refresh_from_db()
    with pytest.raises(ServiceError, match="can no longer change"):
        services.save_criterion(users[0], Criterion(contest=contest, name="新", weight=1))
    with pytest.raises(Forbidden, match="chair, vice-chair or secretary"):
        services.propose_ranking(make_person(community, "x@test.org"), contest)


def test_a_board_member_on_the_team_is_recused_without_declaring_it(community, organiser, resident):
    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    app = _apply(contest, users[1], "石榴院")  # the vice-chair applies for his own courtyard
    assert services.is_recused(member(users[1]), app)
    services.add_team_member(users[1], app, "board2", "画墙", True, member(users[2]))
    assert services.is_recused(member(users[2]), app)
    _to_scoring(contest, users[0])
    with pytest.raises(ServiceError, match="conflict of interest"):
        services.save_scores(users[2], app, {c.pk: (c.low, "x") for c in contest.criteria.all()})
    services.save_scores(users[0], app, {c.pk: (c.high, "x") for c in contest.criteria.all()})
    assert services.all_scores_in(contest)  # the chair's scores are all that was owed
