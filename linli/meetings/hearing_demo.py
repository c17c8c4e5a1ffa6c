"""Demo public hearings in 银杏社区: one held this year on parking fees, with three speakers
(one signed up by phone, with a need), their testimony and the published written response; and
one to come on adding lifts, taking speakers. Called from ``linli.meetings.demo.load``."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from linli.core.demo import DemoContext
from linli.core.models import Member

from . import services
from .hearing_models import Speaker
from .models import Meeting

HELD = [
    (
        "车位收费要分清楚住户和外来车辆",
        "",
        "住户一个月收一百五，外来车一小时五块，我觉得住户的价格太高了，老年人家庭只有一辆车也按这个收。",
        "住户月费调整为一百二十元；家中有七十岁以上老人的住户按八折收取。",
    ),
    (
        "晚上消防通道被车堵住",
        "需要坐在话筒旁边，听力不好",
        "晚上九点以后消防通道上停满了车，救护车进不来。收费以后希望物业每晚巡查。",
        "物业每晚九点和十一点各巡查一次，消防通道划黄线，占道车辆先电话提醒，再张贴告知。",
    ),
    (
        "收来的钱用在哪里",
        "",
        "停车费收上来以后要公示，用在院子里，比如修地面、装路灯。",
        "停车收入单独记账，每季度在公示栏和信息公开栏公布收支，优先用于修补地面和增设路灯。",
    ),
]


def _when(ctx: DemoContext) -> datetime:
    """Three weeks ago at two in the afternoon, but in this year (the story says "this year")."""
    now = timezone.localtime(ctx.now or timezone.now())
    back = max(min(20, now.timetuple().tm_yday - 1), 1)
    return (now - timedelta(days=back)).replace(hour=14, minute=0, second=0, microsecond=0)


def _speakers(ctx: DemoContext, count: int, skip: set[int]) -> list[Member]:
    people = [
        m
        for m in ctx.members["yinxing"]
        if m.household_id and m.status == Member.Status.VERIFIED and m.pk not in skip
    ]
    return ctx.rng.sample(people, count)


def _meeting(ctx: DemoContext, starts: datetime, **fields: object) -> Meeting:
    meeting = Meeting(
        community=ctx.main,
        kind=Meeting.Kind.HEARING,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        registration=Meeting.Registration.NONE,
        **fields,  # type: ignore[arg-type]
    )
    with ctx.clock(starts - timedelta(days=14)):  # announced two weeks ahead
        services.save_meeting(ctx.staff, meeting)
        services.publish(ctx.staff, meeting)
    return meeting


def _sign_up(ctx: DemoContext, meeting: Meeting, member: Member, topic: str, needs: str) -> Speaker:
    if member.user is not None:
        return services.sign_up_to_speak(member.user, meeting, member, topic=topic, needs=needs)
    return services.sign_up_to_speak(
        ctx.staff, meeting, member, topic=topic, needs=needs, channel=Speaker.Channel.PHONE
    )


def load(ctx: DemoContext) -> None:
    starts = _when(ctx)
    held = _meeting(
        ctx,
        starts,
        title="银杏社区停车收费调整听证会",
        description="物业提出院内停车收费方案，收费前先听取居民意见。欢迎到场旁听。",
        place="社区党群服务中心一楼大会议室",
        venue_access="一楼，无台阶；前排留给报名发言的邻居和听力不好的邻居。",
    )
    with ctx.clock(starts - timedelta(days=13)):
        services.set_up_hearing(
            ctx.staff,
            held,
            matter="物业提出的院内停车收费方案（住户月费、外来车辆计时收费）。"
            "居委会和业委会听取意见后作出决定。",
            speakers_max=8,
            minutes_each=5,
        )
    resident = ctx.resident
    others = _speakers(ctx, 2, {resident.pk})
    people = [resident, *others]
    speakers = []
    for day, (member, (topic, needs, _said, _answer)) in enumerate(zip(people, HELD, strict=True)):
        with ctx.clock(starts - timedelta(days=10 - 2 * day, hours=-3)):
            speakers.append(_sign_up(ctx, held, member, topic, needs))
    with ctx.clock(starts + timedelta(hours=3)):  # typed up after the hearing
        testimonies = [
            services.record_testimony(
                ctx.staff, held, speaker, text=said, channel="written" if i == 2 else "in_person"
            )
            for i, (speaker, (_t, _n, said, _a)) in enumerate(zip(speakers, HELD, strict=True))
        ]
    now = timezone.localtime(ctx.now or timezone.now())
    with ctx.clock(min(starts + timedelta(days=3, hours=-4), now - timedelta(hours=1))):
        services.publish_response(
            ctx.staff,
            held,
            intro="居委会、业委会和物业于听证会后共同研究了三位居民的意见，答复如下。"
            "调整后的方案自下月起执行。",
            answers={
                t.pk: answer for t, (_t, _n, _s, answer) in zip(testimonies, HELD, strict=True)
            },
        )

    # A hearing to come: adding lifts to the old buildings, taking speakers now.
    upcoming = _meeting(
        ctx,
        (now + timedelta(days=12)).replace(hour=19, minute=0, second=0, microsecond=0),
        title="老楼加装电梯方案听证会",
        description="加装电梯的位置、分摊办法和施工期间的出行安排，先听大家的意见。",
        place="社区党群服务中心一楼大会议室",
        venue_access="一楼，无台阶；有无障碍厕所。",
    )
    with ctx.clock(now - timedelta(days=1)):
        services.set_up_hearing(
            ctx.staff,
            upcoming,
            matter="加装电梯方案：电梯位置、费用按楼层分摊的办法、施工安排。",
            speakers_max=10,
            minutes_each=4,
        )
        for member, topic in zip(
            _speakers(ctx, 2, {resident.pk, *(m.pk for m in people)}),
            ("一楼住户的采光和噪音", "高层老人出行"),
            strict=True,
        ):
            _sign_up(ctx, upcoming, member, topic, "")
