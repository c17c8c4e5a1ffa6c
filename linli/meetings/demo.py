"""Demo meetings true to seed 003: briefings (宣讲会) in five courtyards, a site visit for 12
invited resident leaders, a courtyard meeting (坝坝会) with minutes, a training series for resident
leaders, and an upcoming hybrid town hall that is full, with a waiting list and requests for help.
Each step runs on its own day (the demo moves the clock), so no date is edited afterwards."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from linli.core.demo import DemoContext
from linli.core.models import Member, Role
from linli.engagement.models import Project

from . import hearing_demo, services
from .models import ActionItem, Meeting, Registration, Training
from .services import Need


def _meeting(ctx: DemoContext, starts: datetime, hours: float = 2, **fields: Any) -> Meeting:
    organiser = ctx.staff
    meeting = Meeting(
        community=ctx.main, starts_at=starts, ends_at=starts + timedelta(hours=hours), **fields
    )
    # announced ten days ahead (or now, for a meeting still to come)
    with ctx.clock(min(timezone.now(), starts - timedelta(days=10))):
        services.save_meeting(organiser, meeting)
        services.publish(organiser, meeting)
    return meeting


def _attend(ctx: DemoContext, meeting: Meeting, people: list[Member]) -> None:
    """Check people in at the door, five minutes after the start (the demo moves the clock)."""
    with ctx.clock(meeting.starts_at + timedelta(minutes=5)):
        for member in people:
            registration = services.registration_of(meeting, member)
            if registration is not None and registration.status == Registration.Status.CONFIRMED:
                services.check_in(ctx.staff, meeting, registration.code)
            else:
                services.walk_in(ctx.staff, meeting, member)


def _day(ctx: DemoContext, days: int, hour: int) -> datetime:
    now = timezone.localtime(ctx.now or timezone.now())
    return (now + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    organiser = ctx.staff
    members = [m for m in ctx.members["yinxing"] if m.household_id]
    by_area: dict[int, list[Member]] = {}
    for m in members:
        by_area.setdefault(m.household.area_id, []).append(m)  # type: ignore[union-attr]
    courtyards = ctx.areas["yinxing"][:5]
    project = Project.objects.filter(community=ctx.main, title__contains="院落美化").first()

    # 1. Five briefings, one in each old courtyard, two months ago (seed 003: 宣讲述主题).
    for i, area in enumerate(courtyards):
        briefing = _meeting(
            ctx,
            _day(ctx, -62 + i * 2, 15),
            kind=Meeting.Kind.BRIEFING,
            title=f"{area.name}院落美化宣讲会",
            description="社工介绍自己和院落美化项目，社区怎样按居民参与的广度和深度投入资金，并回答大家的问题。",
            place=f"{area.name}院坝",
            area=area,
            venue_access="院坝平整，没有台阶；有长凳，可以坐着听。",
            registration=Meeting.Registration.NONE,
            project=project,
        )
        people = by_area.get(area.pk, [])
        _attend(ctx, briefing, rng.sample(people, min(len(people), rng.randint(9, 16))))

    # 2. The site visit for 12 invited resident leaders (seed 003: 参访提兴趣).
    leaders = list(Member.objects.filter(community=ctx.main, role=Role.LEADER, status="verified"))
    old_courtyard_people = [m for a in courtyards for m in by_area.get(a.pk, [])]
    extra = [m for m in old_courtyard_people if m not in leaders]
    invited = (leaders + rng.sample(extra, max(0, 12 - len(leaders))))[:12]
    visit = Meeting(
        community=ctx.main,
        kind=Meeting.Kind.SITE_VISIT,
        title="参访温江、青羊优秀老旧院落",
        description="和院落骨干一起去看看别的老旧院落是怎么改造的：怎样商量、怎样筹钱、怎样维护。中午在青羊吃饭。",
        place="社区党群服务中心门口集合，乘大巴前往",
        venue_access="大巴有扶手；参观时步行约一公里，走不动的可以在车上休息。",
        starts_at=_day(ctx, -45, 8),
        ends_at=_day(ctx, -45, 17),
        registration=Meeting.Registration.INVITATION,
        capacity=12,
        project=project,
    )
    # Announced two months ago; the invited leaders registered by phone before the trip.
    with ctx.clock(_day(ctx, -60, 10)):
        services.save_meeting(organiser, visit)
        services.invite(organiser, visit, invited)
        services.publish(organiser, visit)
    with ctx.clock(_day(ctx, -55, 10)):
        for member in invited:
            needs = [Need("transport", "社区门口上车")] if rng.random() < 0.4 else []
            services.register(organiser, visit, member, needs, channel="phone")
    with ctx.clock(_day(ctx, -50, 10)):
        for need in [a for r in visit.registrations.all() for a in r.accommodations.all()]:
            services.mark_arranged(organiser, need)
    _attend(ctx, visit, invited[:11])

    # 3. A training series for resident leaders (seed 003: 培训提能力).
    with ctx.clock(_day(ctx, -40, 10)):
        training = services.save_training(
            organiser,
            ctx.main,
            Training(
                title="院落骨干能力培训",
                description="行益社工为院落骨干开设的三次课：怎样主持议事会、怎样化解邻里矛盾、怎样做项目预算和公示。",
                skills="主持议事会\n邻里矛盾调解\n项目预算与公示",
                sessions_required=2,
                project=project,
            ),
        )
    topics = [("如何主持议事会", -30), ("邻里矛盾调解", -16), ("项目预算与公示", 6)]
    for title, days in topics:
        session = _meeting(
            ctx,
            _day(ctx, days, 19),
            hours=1.5,
            kind=Meeting.Kind.TRAINING,
            title=f"骨干培训：{title}",
            description="带上笔记本。培训后有练习，大家轮流试一试。",
            place="社区党群服务中心二楼活动室",
            venue_access="有电梯；可以提供大字版讲义。",
            registration=Meeting.Registration.OPEN,
            capacity=20,
            training=training,
        )
        if days < 0:
            _attend(ctx, session, invited[: rng.randint(8, 11)])
    ctx_leader = ctx.leader
    upcoming_session = training.sessions.order_by("-starts_at").first()
    assert upcoming_session is not None
    assert ctx_leader.user is not None
    services.register(ctx_leader.user, upcoming_session, ctx_leader, [Need("large_print")])

    # 4. A courtyard meeting in 梧桐院 with minutes, decisions and action items (坝坝会).
    wutong = courtyards[0]
    bamba = _meeting(
        ctx,
        _day(ctx, -9, 15),
        kind=Meeting.Kind.COURTYARD,
        title="梧桐院坝坝会：院落美化行动怎么分工",
        description="评审会定了规则以后，梧桐院自己商量：先做什么、谁来做、找谁帮忙。",
        place="梧桐院院坝大槐树下",
        area=wutong,
        venue_access="院坝平整；下雨改在3栋一楼车棚。",
        registration=Meeting.Registration.NONE,
        project=project,
    )
    present = by_area.get(wutong.pk, [])
    _attend(ctx, bamba, rng.sample(present, min(len(present), 18)))
    speaker = services.registration_of(bamba, present[0]) if present else None
    with ctx.clock(_day(ctx, -8, 20)):  # the secretary types the minutes up that evening
        if speaker is not None:
            services.set_role(organiser, speaker, Registration.Role.SPEAKER)
        services.save_minutes(
            organiser,
            bamba,
            agenda="评审会规则介绍\n院落美化先做哪几件事\n队伍分工\n找谁帮忙",
            summary=(
                "罗桂兰介绍了评审会商定的规则和申报时间。大家最关心排水：下雨天院坝积水，老人出门不方便。"
                "墙绘大家都赞成，但担心没人维护。3栋的住户提出停车棚可以顺便整理。"
            ),
            decisions="先修院坝排水，再做墙绘\n成立梧桐院护卫队，每周六上午打扫院坝\n墙绘请西华大学美术学院的同学帮忙设计，图案请居民投票",
            publish_now=True,
        )
        owner = ctx.leader
        today = timezone.localdate(ctx.now)  # the real today, not the moved clock's
        items = [
            services.add_action_item(organiser, bamba, text=text, owner=owner, due_on=due)
            for text, due in [
                ("联系物业和社区，勘察院坝排水沟", today - timedelta(days=2)),
                ("组织护卫队报名，排出周六值日表", today + timedelta(days=5)),
                ("请西华大学提供三套墙绘图案", today + timedelta(days=20)),
            ]
        ]
    with ctx.clock(_day(ctx, -3, 18)):
        services.set_action_status(organiser, items[0], ActionItem.Status.DONE)
    with ctx.clock(_day(ctx, -1, 18)):
        services.set_action_status(organiser, items[1], ActionItem.Status.IN_PROGRESS)

    # 5. An upcoming hybrid town hall, full, with a waiting list and requests for help.
    hall = _meeting(
        ctx,
        _day(ctx, 4, 19),
        kind=Meeting.Kind.TOWN_HALL,
        title="院落美化大赛说明会",
        description="评审会介绍大赛的申报条件、评分标准和资金使用办法。可以在现场，也可以在手机上参加。",
        place="社区党群服务中心一楼大会议室",
        format=Meeting.Format.HYBRID,
        online_url="https://meeting.example.org/yinxing-town-hall",
        venue_access="一楼，无台阶；有无障碍厕所；前两排留给听力不好的邻居。",
        registration=Meeting.Registration.OPEN,
        capacity=30,
        project=project,
    )
    resident = ctx.resident
    assert resident.user is not None
    services.register(resident.user, hall, resident, [Need("transport", "槐树院门口")])
    hopefuls = rng.sample([m for m in members if m.pk != resident.pk], 32)
    for i, member in enumerate(hopefuls):
        asks: list[Need] = []
        if i == 2:
            asks = [Need("interpreter", "藏语")]
        elif i == 5:
            asks = [Need("childcare", "4岁和8岁")]
        elif i in (7, 11):
            asks = [Need("wheelchair")]
        elif i == 9:
            asks = [Need("sign_language")]
        actor = member.user or organiser
        services.register(actor, hall, member, asks, channel="phone")
    for need in [a for r in hall.registrations.all() for a in r.accommodations.all()][:2]:
        services.mark_arranged(organiser, need)

    # 6. Next week's 坝坝会 in 槐树院: no registration, just come.
    _meeting(
        ctx,
        _day(ctx, 6, 15),
        kind=Meeting.Kind.COURTYARD,
        title="槐树院坝坝会：停车和晾衣的地方",
        description="院坝里停车越来越多，晾衣服的地方不够。来一起商量个办法。",
        place="槐树院院坝",
        area=courtyards[1],
        registration=Meeting.Registration.NONE,
    )

    # 7. Public hearings (听证会): one held and answered this year, one taking speakers.
    hearing_demo.load(ctx)
