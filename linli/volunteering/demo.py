"""Demo volunteer teams true to seeds 003 and 004: in 银杏社区 a 40-person garden guard (护绿队)
with a Saturday shift every week for a year (so some residents pass 50 and 100 verified hours),
impact figures, upcoming shifts with free places and one full with a waiting list; an 8-person
mural team (墙绘队) with a one-off mural day, and a 5-person one; in 金桂社区 the 30-person
"happy farmer" team (开心农场) tending the shared vegetable garden."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from linli.core.demo import DemoContext
from linli.core.models import Community, Member, Place
from linli.participation.models import Act

from . import services
from .models import Activity, Hours, Impact, Milestone, Schedule, SignUp, Team, TeamMember


def _team(
    ctx: DemoContext,
    community: Community,
    name: str,
    purpose: str,
    joining: str,
    leader: Member,
    members: list[Member],
    skills: str = "",
    area: Place | None = None,
) -> Team:
    team = Team(
        community=community,
        name=name,
        purpose=purpose,
        joining=joining,
        skills_wanted=skills,
        area=area,
    )
    services.save_team(ctx.staff, team)
    for person in [leader, *members]:
        tm, _created = TeamMember.objects.get_or_create(
            team=team,
            member=person,
            defaults={
                "status": TeamMember.Status.INVITED,
                "role": TeamMember.Role.LEADER if person == leader else TeamMember.Role.MEMBER,
            },
        )
        services._activate(tm)
    return team


def _saturdays_back(now: datetime, weeks: int, weekday: int = 5) -> list[date]:
    today = timezone.localdate(now)
    last = today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
    return [last - timedelta(weeks=w) for w in range(weeks)][::-1]


def _past_shift(
    team: Team,
    schedule: Schedule | None,
    day: date,
    start: time,
    hours: int,
    title: str,
    place: str,
) -> Activity:
    zone = services.zone(team.community)
    starts = datetime.combine(day, start, tzinfo=zone)
    return Activity.objects.create(
        team=team,
        schedule=schedule,
        title=title,
        place=place,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        capacity=schedule.capacity if schedule else None,
    )


def _give_hours(
    ctx: DemoContext,
    leader_user: Any,
    activity: Activity,
    people: list[Member],
    rng: random.Random,
    full: list[Member] | None = None,
) -> None:
    length = int(activity.length_hours)
    for person in people:
        SignUp.objects.get_or_create(
            activity=activity,
            member=person,
            defaults={
                "status": SignUp.Status.CONFIRMED,
                "checked_in_at": activity.starts_at + timedelta(minutes=rng.randint(0, 10)),
                "checked_out_at": activity.ends_at,
            },
        )
        services.log_hours(
            leader_user,
            activity,
            person,
            length if person in (full or []) else rng.choice([length, length, length - 0.5]),
            source=Hours.Source.LEADER,
        )


def load(ctx: DemoContext) -> None:
    rng = random.Random(8)
    now = ctx.now or timezone.now()
    main = [
        m for m in ctx.members["yinxing"] if m.household_id and m.status == Member.Status.VERIFIED
    ]
    rng.shuffle(main)
    leader = ctx.leader
    leader_user = leader.user
    assert leader_user is not None

    # --- 护绿队: 40 residents looking after the gardens, a shift every Saturday --------------------
    guards = [ctx.resident, *[m for m in main if m not in (leader, ctx.resident)][:38]]
    guard = _team(
        ctx,
        ctx.main,
        "启明花园护绿队",
        "照看院落里的花木和绿地：每周六早上浇水、修剪、捡垃圾，劝导乱扔垃圾和占用绿地。"
        "新来的居民跟着老队员学，工具放在党群服务中心。",
        Team.Joining.OPEN,
        leader,
        guards,
        skills="修剪\n浇水\n垃圾分类劝导\n会用电动绿篱机",
        area=ctx.areas["yinxing"][0],
    )
    schedule = Schedule.objects.create(
        team=guard,
        title="周六护绿",
        description="浇水、修剪绿篱、捡拾垃圾。请穿方便干活的衣服，手套和工具社区准备。",
        place="梧桐院中心花园",
        weekday=5,
        start_time=time(8),
        end_time=time(10),
        starts_on=timezone.localdate(now) - timedelta(weeks=52),
        until=timezone.localdate(now) + timedelta(weeks=8),
        capacity=15,
        skills_needed="不需要经验",
    )
    # A core of regulars comes nearly every week (they pass 50 and 100 hours); others now and then.
    regulars, others = guards[:6], guards[6:]
    for week, day in enumerate(_saturdays_back(now, 52)):
        shift = _past_shift(guard, schedule, day, time(8), 2, "周六护绿", "梧桐院中心花园")
        came = [p for p in regulars if p in regulars[:2] or rng.random() < 0.85]
        came += rng.sample(others, rng.randint(5, 9))
        _give_hours(ctx, leader_user, shift, came, rng, full=regulars[:2])
        Impact.objects.create(
            activity=shift,
            metric="捡拾垃圾",
            amount=rng.randint(4, 14),
            unit="袋",
            entered_by=leader_user,
        )
        if week % 4 == 0:
            Impact.objects.create(
                activity=shift,
                metric="修剪绿篱",
                amount=rng.randint(30, 80),
                unit="米",
                entered_by=leader_user,
            )
    # One claim waiting for the leader and one correction request, so the leader's page has work.
    services.regenerate(leader_user, schedule)
    last = Activity.objects.filter(team=guard, starts_at__lt=now).order_by("-starts_at").first()
    if last is not None:
        SignUp.objects.get_or_create(
            activity=last, member=ctx.resident, defaults={"status": SignUp.Status.CONFIRMED}
        )
        Hours.objects.filter(activity=last, member=ctx.resident).delete()
        Act.objects.filter(
            member=ctx.resident, source_type="volunteering.activity", source_id=str(last.pk)
        ).delete()
        assert ctx.resident.user is not None
        services.log_hours(ctx.resident.user, last, ctx.resident, 2, "还帮忙搬了花盆")
    upcoming = list(
        Activity.objects.filter(team=guard, starts_at__gt=now).order_by("starts_at")[:3]
    )
    if len(upcoming) >= 2:
        # Next Saturday: some places taken, some free. The one after: full, with a waiting list.
        services.sign_up_group(leader_user, upcoming[0], regulars[1:6] + others[:3])
        services.sign_up_group(leader_user, upcoming[1], regulars[1:6] + others[3:13])
        for person in others[13:16]:
            SignUp.objects.create(activity=upcoming[1], member=person, status=SignUp.Status.WAITING)

    # --- 墙绘队: 8 residents and students painting the courtyard walls -------------------------
    rest = [m for m in main if m not in guards and m != leader]
    muralists = rest[:8]
    murals = _team(
        ctx,
        ctx.main,
        "红原墙绘队",
        "和西华大学的学生一起，把红原农行宿舍斑驳的院墙画成“汉藏文化融合”的主题墙。",
        Team.Joining.APPROVAL,
        muralists[0],
        muralists[1:],
        skills="绘画\n设计\n搭脚手架",
        area=ctx.areas["yinxing"][1],
    )
    first_wall = _past_shift(
        murals,
        None,
        timezone.localdate(now) - timedelta(days=24),
        time(9),
        6,
        "东墙墙绘",
        "红原农行宿舍东墙",
    )
    _give_hours(ctx, muralists[0].user or ctx.staff, first_wall, muralists, rng)
    Impact.objects.create(
        activity=first_wall, metric="墙面绘制", amount=30, unit="m²", entered_by=ctx.staff
    )
    zone = services.zone(ctx.main)
    mural_day = datetime.combine(timezone.localdate(now) + timedelta(days=10), time(9), tzinfo=zone)
    mural = Activity(
        team=murals,
        title="北墙墙绘日",
        description="画北墙的格桑花和银杏叶。颜料和脚手架由银杏酒店管理学院提供。",
        place="红原农行宿舍北墙",
        starts_at=mural_day,
        ends_at=mural_day + timedelta(hours=6),
        capacity=8,
        skills_needed="绘画，或者愿意帮忙递颜料",
    )
    services.save_activity(ctx.staff, mural)
    services.sign_up_group(ctx.staff, mural, muralists[:5])

    biwater = rest[8:13]
    _team(
        ctx,
        ctx.main,
        "碧水苑墙绘队",
        "碧水苑的五位老住户，给单元门口画上“碧水蓝天”。人少，欢迎邻居来帮忙。",
        Team.Joining.OPEN,
        biwater[0],
        biwater[1:],
        skills="绘画",
    )

    # --- 金桂社区 开心农场: 30 residents tending the shared vegetable garden ------------------------
    jingui = [
        m for m in ctx.members["jingui"] if m.household_id and m.status == Member.Status.VERIFIED
    ]
    rng.shuffle(jingui)
    farmers = jingui[:30]
    farm = _team(
        ctx,
        ctx.sharing,
        "开心农场",
        "一起打理小区的公共生态菜园：播种、浇水、除草、做酵素肥料，收的菜分给独居老人。",
        Team.Joining.APPROVAL,
        farmers[0],
        farmers[1:],
        skills="种菜\n做酵素肥料",
    )
    farm_schedule = Schedule.objects.create(
        team=farm,
        title="周日菜园劳动",
        place="金桂苑生态菜园",
        weekday=6,
        start_time=time(9),
        end_time=time(11),
        starts_on=timezone.localdate(now) - timedelta(weeks=20),
        until=timezone.localdate(now) + timedelta(weeks=6),
        capacity=12,
    )
    for day in _saturdays_back(now, 20, weekday=6):
        shift = _past_shift(farm, farm_schedule, day, time(9), 2, "周日菜园劳动", "金桂苑生态菜园")
        _give_hours(
            ctx,
            farmers[0].user or ctx.staff,
            shift,
            rng.sample(farmers, rng.randint(8, 12)),
            rng,
        )
        Impact.objects.create(
            activity=shift,
            metric="收获蔬菜",
            amount=rng.randint(5, 25),
            unit="公斤",
            entered_by=ctx.staff,
        )
    services.regenerate(ctx.staff, farm_schedule)
    _date_milestones()


def _date_milestones() -> None:
    """The demo verifies a year of hours at once; date each milestone at the shift that crossed it,
    as it would have been had the leader verified week by week."""
    for milestone in Milestone.objects.all():
        total = Decimal(0)
        for hours, starts in (
            Hours.objects.filter(member=milestone.member_id, status=Hours.Status.VERIFIED)
            .order_by("activity__starts_at")
            .values_list("hours", "activity__starts_at")
        ):
            total += hours
            if total >= milestone.threshold:
                Milestone.objects.filter(pk=milestone.pk).update(reached_at=starts)
                break
