"""Demo of conventions in 银杏社区: the 槐树院 院落公约, drafted by the courtyard self-governance
group, commented on online and at a 坝坝会 (typed in by staff), amended once, adopted by a
household vote of the courtyard, and now open to a further amendment. Every step goes through
the commands on its own day (the demo moves the clock), after the bodies that act were seated,
so the ledger and the audit log are real and in order."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from linli.core.demo import DemoContext, account, demo_moment
from linli.core.kit import Refused
from linli.participation.models import Channel

from . import services

ARTICLES = """第一条 爱护院落环境，垃圾分类投放，不乱扔乱倒，不在公共区域堆放杂物。
第二条 楼道是消防通道，不堆放物品，不停放电动车，不私拉电线充电。
第三条 机动车在院内划线车位停放，不占用消防通道和院坝活动区域。
第四条 文明养犬，出门拴绳，及时清理粪便。
第五条 晚上十点以后不在院坝大声喧哗，装修施工提前在院落群里告知。
第六条 院坝、花台和休息座椅是大家的，共同爱护，损坏照价赔偿。
第七条 邻里有事好商量，有矛盾先找院落自治小组调解。
第八条 本公约经全院住户表决通过后施行，修改也要经过住户表决。"""

COMMENTS: list[tuple[int, str]] = [
    (2, "电动车不让进楼道，院里要有地方集中充电，不然大家没地方放。"),
    (3, "院坝周末孩子多，能不能写明周末院坝不停车？"),
    (5, "装修时间最好也写清楚，中午也要安静一会儿。"),
]
TYPED_IN: list[tuple[int | None, str]] = [
    (1, "垃圾桶位置要挪一挪，夏天味道大。"),
    (4, "有的狗很大，最好也写上大型犬要戴嘴套。"),
    (None, "公约写得好，关键是大家要遵守，建议每年坝坝会上读一遍。"),
]


def load(ctx: DemoContext) -> None:
    now = ctx.now or timezone.now()
    _huaishu(ctx, now)
    _community_wide(ctx, now)
    _wutong(ctx, now)


def _day(now: datetime, days_ago: int, hour: int = 10) -> datetime:
    return demo_moment(timezone.localdate(now) - timedelta(days=days_ago), hour)


def _huaishu(ctx: DemoContext, now: datetime) -> None:
    """Drafted three months ago (the group was chosen four months ago), adopted two months ago."""
    from linli.governance.models import Body
    from linli.votes import services as votes

    staff = ctx.staff
    group = Body.objects.filter(community=ctx.main, kind=Body.Kind.COURTYARD_GROUP).first()
    if group is None or group.area is None:
        return
    huaishu = group.area
    drafters = [seat.member for seat in group.seats.filter(status="serving")[:3]]
    with ctx.clock(_day(now, 100)):
        convention = services.create_convention(
            staff,
            ctx.main,
            title="槐树院院落公约",
            area=huaishu,
            preamble="为了把槐树院建设成干净、安全、和睦的家园，经院落自治小组起草、全院住户讨论，制定本公约。",
            articles=ARTICLES,
            drafters=drafters,
        )
    draft = convention.latest
    articles = {a.position: a for a in draft.articles.all()}
    speakers = [m for m in ctx.members["yinxing"] if m.user_id and m.status == "verified"][:6]
    for days, ((position, text), member) in enumerate(zip(COMMENTS, speakers, strict=False)):
        assert member.user is not None
        with ctx.clock(_day(now, 98 - days, 20)):
            services.comment(member.user, convention, text, article=articles[position])
    neighbours = [
        m
        for m in ctx.members["yinxing"]
        if m.user_id is None and m.household and m.household.area_id == huaishu.pk
    ]
    # Said at the 坝坝会 a week later, typed in by staff that evening.
    with ctx.clock(_day(now, 91, 19)):
        for (said_on, text), member in zip(TYPED_IN, neighbours, strict=False):
            services.record_comment(
                staff,
                convention,
                member=member,
                channel=Channel.IN_PERSON,
                text=text,
                article=articles[said_on] if said_on else None,
            )

    # An amendment from the online comments, discussed and taken into version 2.
    assert ctx.resident.user is not None
    with ctx.clock(_day(now, 95, 21)):
        amendment = services.propose_amendment(
            ctx.resident.user,
            convention,
            article=articles[3],
            text="机动车在院内划线车位停放，不占用消防通道；周六、周日白天院坝留给老人和孩子活动，不停车。",
            reason="周末院坝孩子多，停车不安全。",
        )
    if ctx.leader.user is not None:
        with ctx.clock(_day(now, 94, 9)):
            services.comment(
                ctx.leader.user,
                convention,
                "赞成，周末可以停到院外的临时车位。",
                amendment=amendment,
            )
    with ctx.clock(_day(now, 91, 21)):
        services.accept_amendment(staff, amendment, "坝坝会上大家都同意，写进第二稿。")

    # The household vote of the courtyard: one vote per household over ten days, then the
    # vote closes on time, the worker's sweep seals the box and the outcome is recorded.
    with ctx.clock(_day(now, 80, 9)) as opens:
        version = services.put_to_household_vote(
            staff, convention, opens_at=opens, closes_at=opens + timedelta(days=10)
        )
    vote = version.vote
    assert vote is not None
    question = vote.questions.get()
    yes, no = list(question.options.order_by("position"))
    eligible = list(votes.eligible_members(vote).exclude(user__isnull=True))
    for n, member in enumerate(eligible):
        choice = no if n % 9 == 4 else yes
        with ctx.clock(opens + timedelta(days=8) * n / max(len(eligible), 1)):
            try:
                votes.cast(account(member), vote, {str(question.pk): [choice.pk]})
            except Refused:
                continue  # another member of the household voted already
    with ctx.clock(vote.closes_at + timedelta(hours=1)):
        votes.seal_closed_votes()
    with ctx.clock(vote.closes_at + timedelta(days=1)):
        services.settle(staff, convention)

    # Open to later amendment: a proposal on the text in force, under discussion.
    if ctx.leader.user is not None:
        with ctx.clock(_day(now, 12, 20)):
            services.propose_amendment(
                ctx.leader.user,
                convention,
                text="院内设电动车集中充电点，由院落自治小组商定位置和收费办法。",
                reason="第二条不让楼道充电，应当给出去处。",
            )


COMMUNITY_ARTICLES = """第一条 热爱社区，关心邻里，遇到困难互相帮一把。
第二条 积极参加居民议事会、坝坝会和社区活动，社区的事大家议、大家定。
第三条 爱护公共设施和绿化，不毁绿种菜，不占用公共空间。
第四条 高空不抛物，阳台不堆放易坠落物品。
第五条 小区内车辆限速五公里，电动车按指定地点停放充电。"""


def _community_wide(ctx: DemoContext, now: datetime) -> None:
    """The community's convention, put to the residents' council at its meeting and not adopted
    (members wanted the courtyards consulted first): a show of hands recorded by the secretary."""
    from linli.core.models import Member
    from linli.governance import services as governance
    from linli.governance.models import Body, Motion

    council = Body.objects.filter(community=ctx.main, kind=Body.Kind.RESIDENTS_COUNCIL).first()
    if council is None or ctx.leader.user is None:
        return
    with ctx.clock(_day(now, 50)):
        convention = services.create_convention(
            ctx.staff,
            ctx.main,
            title="银杏社区居民公约",
            preamble="为了共建共治共享美好家园，经居民议事会提议，制定本公约。",
            articles=COMMUNITY_ARTICLES,
        )
    # At the council's evening meeting a month later.
    with ctx.clock(_day(now, 20, 19)):
        version = services.put_to_body(
            ctx.staff, convention, body=council, method=Motion.Method.HANDS
        )
        motion = version.motion
        assert motion is not None
        present = list(Member.objects.filter(pk__in=council.seats.values("member")))
        governance.record_count(
            ctx.staff,
            motion,
            present=present,
            votes_for=2,
            votes_against=len(present) - 3,
            abstentions=1,
        )
    with ctx.clock(_day(now, 19)):
        governance.confirm_count(ctx.leader.user, motion)
        services.settle(ctx.staff, convention)


def _wutong(ctx: DemoContext, now: datetime) -> None:
    """A short courtyard convention now put to the household vote of 梧桐院."""
    wutong = next((a for a in ctx.areas["yinxing"] if a.name == "梧桐院"), None)
    if wutong is None:
        return
    with ctx.clock(_day(now, 10)):
        convention = services.create_convention(
            ctx.staff,
            ctx.main,
            title="梧桐院文明养犬约定",
            area=wutong,
            articles="出门遛狗拴绳，大型犬由成年人牵引。\n\n随手清理粪便，院坝和花台不让狗进入。\n\n早上七点前、晚上十点后不在院内遛狗。",
        )
    with ctx.clock(_day(now, 2, 9)) as opens:
        services.put_to_household_vote(
            ctx.staff, convention, opens_at=opens, closes_at=opens + timedelta(days=14)
        )
