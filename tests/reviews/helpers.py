"""A board of five with a chair, a contest with an adopted rubric, and applications."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from linli.core.models import Member, Role
from linli.governance import queries as bodies
from linli.governance import services as governance
from linli.governance.models import Body, Constituency
from linli.reviews import services
from linli.reviews.models import AwardTier, Contest, Criterion
from tests.conftest import make_household, make_person


def end_notice(contest: Any) -> None:
    """The contest result's 公示 (disclosure's) ran its period: its last day was yesterday."""
    from linli.disclosure.models import Publicity
    from linli.disclosure.queries import today_in

    yesterday = today_in(contest.community) - timedelta(days=1)
    assert Publicity.objects.filter(kind="reviews.contest", subject_id=str(contest.pk)).update(
        ends_on=yesterday
    )


def member(user: Any) -> Member:
    return Member.objects.get(user=user)


def make_board(community, organiser, n: int = 5) -> tuple[Body, list[Any]]:
    """A review board: a governance body of kind "review board", as the old boards were
    migrated (absolute majority of the members entitled, quorum of half)."""
    board = governance.create_body(
        organiser,
        community,
        kind=Body.Kind.REVIEW_BOARD,
        name="院落美化评审会",
        charter={
            "purpose": "评审院落美化",
            "quorum_percent": 50,
            "majority": "absolute",
            "term_months": 24,
        },
    )
    users = []
    for i in range(n):
        household = make_household(community, ["石榴院", "1栋", "1单元", f"{i + 1}01"])
        user = make_person(community, f"board{i}@test.org", Role.RESIDENT, household)
        role = ["chair", "vice_chair", "secretary"][i] if i < 3 else "member"
        governance.seat_member(organiser, board, member(user), Constituency.RESIDENT, role)
        users.append(user)
    return board, users


def make_contest(board, organiser, *, open_now: bool = True, min_signatures: int = 0) -> Contest:
    now = timezone.now()
    contest = services.save_contest(
        organiser,
        board,
        Contest(
            body=board,
            title="院落美化大赛",
            description="美化院落",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=5 if open_now else -1),
            scoring_deadline=now + timedelta(days=10),
            budget=Decimal(10000),
            min_signatures=min_signatures,
            notice_days=7,
        ),
    )
    services.save_criterion(
        organiser, Criterion(contest=contest, name="居民参与", weight=3, low=0, high=10)
    )
    services.save_criterion(
        organiser, Criterion(contest=contest, name="设计", weight=1, low=1, high=5)
    )
    services.save_tier(
        organiser, AwardTier(contest=contest, name="一等奖", rank_from=1, rank_to=1, amount=5000)
    )
    return contest


def adopt(motion, voters, closer=None) -> None:
    """Those who may vote vote for, online; an officer (or the organiser) closes the vote."""
    for user in voters:
        motion.refresh_from_db()
        if not motion.is_open:
            break
        if bodies.entitled(motion).filter(member__user=user).exists():
            governance.vote(user, motion, "for")
    motion.refresh_from_db()
    if motion.is_open:
        governance.close_vote(closer or voters[0], motion)
        motion.refresh_from_db()
