"""Demo of resident bodies in 银杏社区: the 10-member 评审会 whose secretary records a show of
hands (most of its members have no account; the contests it runs are in the reviews demo), the
槐树院 院落自治小组 whose members stand aside on their own courtyard, and a 居民议事会 that
met three evenings this year and resolved issues (``demo_meetings``). Every step goes through the commands on the day it happens
(the demo moves the clock, ``ctx.clock``), so seats, terms, motions, the ledger and the audit log
carry the services' own dates: each body is seated before it votes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from linli.core.demo import DemoContext, demo_moment, founded
from linli.core.models import Member

from . import demo_meetings, services
from .models import Body, Constituency, Majority, Motion, Office

BOARD_CHARTER = {
    "purpose": "由老旧院落骨干、社区党员、商住小区骨干和社区工作人员组成，居民商事、议事、理事、做事的平台：商定院落美化大赛的规则，评审申报，验收打造效果。",
    "powers": "通过大赛规则和评分标准；通过评审排名；决定成员加入和除名；修改本章程。",
    "quorum_percent": 50,
    "majority": Majority.SIMPLE,
    "term_months": 24,
    "join_rules": "居民可以自荐，或由成员提名；评审会表决，过半数同意即加入。",
    "leave_rules": "成员可以随时辞去；任期届满自动退出；无故缺席三次以上，经表决可以除名。",
    "courtyard_conflicts": True,
    "seat_plan": {"courtyard": [4, 6], "party": [1, 2], "commercial": [1, 3], "staff": [0, 1]},
}


def _verified(ctx: DemoContext, exclude: list[Member]) -> list[Member]:
    return [
        m
        for m in ctx.members["yinxing"]
        if m.status == Member.Status.VERIFIED and m not in exclude and m.household is not None
    ]


def board_founded(now: datetime) -> date:
    """The 评审会's founding meeting: March last year, before the first contest's rules (the
    reviews demo votes them on 10 March) and well inside its members' 24-month terms."""
    return date(now.year - 1, 3, 1)


def _this_year(now: datetime, parts: int) -> list[datetime]:
    """``parts`` evening meetings spread over this year so far, the last a little before now."""
    start = demo_moment(date(now.year, 1, 1), 0)
    moments = [start + (now - start) * (i + 1) / (parts + 1) for i in range(parts)]
    evening = [demo_moment(timezone.localtime(m).date(), 19) for m in moments]
    return [e if start <= e < now else m for e, m in zip(evening, moments, strict=True)]


def load(ctx: DemoContext) -> None:
    staff = ctx.staff
    chair = ctx.leader
    assert chair.user is not None
    now = timezone.now()

    # The 评审会 is founded in March last year and adopts its rules at its first meeting.
    with ctx.clock(board_founded(now)):
        board = services.create_body(
            staff,
            ctx.main,
            kind=Body.Kind.REVIEW_BOARD,
            name="银杏社区评审会",
            charter=BOARD_CHARTER,
        )
        # Ten founding members; only the chair, the vice-chair and the secretary (staff) have
        # an account. The vice-chair confirms the secretary's count when the chair stands aside.
        services.seat_member(staff, board, chair, Constituency.COURTYARD, Office.CHAIR)
        services.seat_member(staff, board, ctx.organiser, Constituency.STAFF, Office.SECRETARY)
        vice = next(
            m
            for m in _verified(ctx, [chair, ctx.organiser, ctx.resident])
            if m.user_id is not None and m.household.area.area_type == "commercial"  # type: ignore[union-attr]
        )
        services.seat_member(staff, board, vice, Constituency.COMMERCIAL, Office.VICE_CHAIR)
        others = [m for m in _verified(ctx, [chair, ctx.organiser, vice]) if m.user_id is None]
        plan = [Constituency.COURTYARD] * 4 + [Constituency.PARTY] * 2 + [Constituency.COMMERCIAL]
        seated = [chair, ctx.organiser, vice]
        for member, constituency in zip(others, plan, strict=False):
            services.seat_member(staff, board, member, constituency)
            seated.append(member)
    with ctx.clock(demo_moment(board_founded(now), 15)):
        # A show of hands at its first meeting, recorded by the secretary, confirmed by the chair.
        rules = services.open_motion(
            staff,
            board,
            kind=Motion.Kind.DOCUMENT,
            method=Motion.Method.HANDS,
            title="通过评审会议事规则",
            text="每月第一个周六开会；提前三天通知；会议记录在社区公示栏和网上公示。",
        )
        services.record_count(
            staff, rules, present=seated[:8], votes_for=7, votes_against=0, abstentions=1
        )
        services.confirm_count(chair.user, rules)

    # The 槐树院 courtyard group, chosen building by building four months ago for a year: its
    # members stand aside on matters of their own courtyard.
    huaishu = next((a for a in ctx.areas["yinxing"] if a.name == "槐树院"), None)
    with ctx.clock(now - timedelta(days=120)):
        group = services.create_body(
            staff,
            ctx.main,
            kind=Body.Kind.COURTYARD_GROUP,
            name="槐树院院落自治小组",
            area=huaishu,
            charter={
                "purpose": "院里的事大家商量着办：环境卫生、停车、楼道和院坝的使用。",
                "powers": "制定和修改院落公约；安排院坝会；决定院落公共收益的用途。",
                "quorum_percent": 60,
                "majority": Majority.SIMPLE,
                "term_months": 12,
                "join_rules": "每栋楼推选一至两人。",
                "leave_rules": "搬离本院或本人提出即退出。",
            },
        )
        neighbours = [
            m
            for m in _verified(ctx, seated)
            if huaishu is not None and m.household and m.household.area_id == huaishu.pk
        ]
        for i, member in enumerate(neighbours[:5]):
            services.seat_member(
                staff,
                group,
                member,
                Constituency.COURTYARD,
                Office.CHAIR if i == 0 else Office.MEMBER,
            )

    # The residents' council, elected for three years soon after the community went online;
    # this year it resolved three issues at its evening meetings.
    with ctx.clock(founded(now) + timedelta(days=20)):
        council = services.create_body(
            staff,
            ctx.main,
            kind=Body.Kind.RESIDENTS_COUNCIL,
            name="银杏社区居民议事会",
            charter={
                "purpose": "社区的大事小事，居民代表一起议、一起定、一起办。",
                "powers": "议定社区公共事务；监督议定事项的落实。",
                "quorum_percent": 50,
                "majority": Majority.ABSOLUTE,
                "term_months": 36,
            },
        )
        services.seat_member(staff, council, chair, Constituency.COURTYARD, Office.CHAIR)
        services.seat_member(staff, council, ctx.organiser, Constituency.STAFF, Office.SECRETARY)
        for member in _verified(ctx, seated + neighbours)[:5]:
            services.seat_member(staff, council, member, Constituency.RESIDENT)
    # Its meetings this year, with their agenda, attendance, minutes and resolutions.
    demo_meetings.load(ctx, council, _this_year(now, len(demo_meetings.EVENINGS)))
