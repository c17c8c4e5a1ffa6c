"""Demo volunteer teams true to seeds 003 and 004: in 银杏社区 a 40-person garden guard (护绿队)
with a Saturday shift every week for a year (so some residents pass 50 and 100 verified hours),
impact figures, upcoming shifts with free places and one full with a waiting list; an 8-person
mural team (墙绘队) with a one-off mural day, and a 5-person one; in 金桂社区 the 30-person
"happy farmer" team (开心农场) tending the shared vegetable garden.

Each step runs through the commands on its own day (the demo moves the clock): the teams are
started and filled, the schedules made, the leaders enter each week's paper sign-in sheet after
the shift, so hours, milestones, the ledger and the audit log carry their real dates."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from linli.core.demo import DemoContext
from linli.core.models import Community, Member, User

from . import services
from .models import Activity, Hours, Schedule, Team


def _team(
    ctx: DemoContext,
    community: Community,
    started: date,
    fields: dict[str, Any],
    leader: Member,
    members: list[Member],
) -> Team:
    """The organiser starts the team with its leader; the others signed the paper form at the
    first meeting and are added at once."""
    with ctx.clock(started):
        team = services.start_team(ctx.staff, Team(community=community, **fields), leader)
        services.add_members(ctx.staff, team, members, invite=False)
    return team


def _schedule(ctx: DemoContext, actor: User, team: Team, **fields: Any) -> Schedule:
    """The weekly schedule, saved the day before its first shift: it makes every shift ahead."""
    schedule = Schedule(team=team, **fields)
    with ctx.clock(schedule.starts_on - timedelta(days=1)):
        services.save_schedule(actor, schedule)
    return schedule


def _past_shifts(schedule: Schedule, now: datetime) -> list[Activity]:
    return list(Activity.objects.filter(schedule=schedule, ends_at__lt=now).order_by("starts_at"))


def _hours(rng: random.Random, activity: Activity, person: Member, full: list[Member]) -> Any:
    length = int(activity.length_hours)
    return length if person in full else rng.choice([length, length, length - 0.5])


def _paper_sheet(
    ctx: DemoContext,
    actor: User,
    activity: Activity,
    people: list[Member],
    rng: random.Random,
    full: list[Member] | None = None,
) -> None:
    """After the shift the leader types in the paper sign-in sheet (verified at once)."""
    with ctx.clock(activity.ends_at + timedelta(minutes=30)):
        services.paper_sheet(
            actor, activity, [(p, _hours(rng, activity, p, full or [])) for p in people]
        )


def _door(ctx: DemoContext, actor: User, activity: Activity, people: list[Member]) -> None:
    """Signed up by the leader a week ahead, ticked in at the door, checked out at the end."""
    with ctx.clock(activity.starts_at - timedelta(days=7)):
        signups = services.sign_up_group(actor, activity, people)
    with ctx.clock(activity.starts_at + timedelta(minutes=5)):
        present = [services.tick(actor, signup) for signup in signups]
    with ctx.clock(activity.ends_at):
        for signup in present:
            services.check_out(actor, signup)


def load(ctx: DemoContext) -> None:
    rng = random.Random(8)
    now = ctx.now or timezone.now()
    today = timezone.localdate(now)
    main = [
        m for m in ctx.members["yinxing"] if m.household_id and m.status == Member.Status.VERIFIED
    ]
    rng.shuffle(main)
    leader = ctx.leader
    leader_user = leader.user
    assert leader_user is not None and ctx.resident.user is not None

    # --- 护绿队: 40 residents looking after the gardens, a shift every Saturday --------------------
    guards = [ctx.resident, *[m for m in main if m not in (leader, ctx.resident)][:38]]
    guard = _team(
        ctx,
        ctx.main,
        today - timedelta(weeks=54),
        {
            "name": "启明花园护绿队",
            "purpose": "照看院落里的花木和绿地：每周六早上浇水、修剪、捡垃圾，劝导乱扔垃圾和占用绿地。"
            "新来的居民跟着老队员学，工具放在党群服务中心。",
            "joining": Team.Joining.OPEN,
            "skills_wanted": "修剪\n浇水\n垃圾分类劝导\n会用电动绿篱机",
            "area": ctx.areas["yinxing"][0],
        },
        leader,
        guards,
    )
    schedule = _schedule(
        ctx,
        leader_user,
        guard,
        title="周六护绿",
        description="浇水、修剪绿篱、捡拾垃圾。请穿方便干活的衣服，手套和工具社区准备。",
        place="梧桐院中心花园",
        weekday=5,
        start_time=time(8),
        end_time=time(10),
        starts_on=today - timedelta(weeks=52),
        until=today + timedelta(weeks=8),
        capacity=15,
        skills_needed="不需要经验",
    )
    # A core of regulars comes nearly every week (they pass 50 and 100 hours); others now and then.
    regulars, others = guards[:6], guards[6:]
    shifts = _past_shifts(schedule, now)
    for week, shift in enumerate(shifts):
        came = [p for p in regulars if p in regulars[:2] or rng.random() < 0.85]
        came += rng.sample(others, rng.randint(5, 9))
        if shift == shifts[-1]:
            # Last Saturday 陈建国 signed up online and was ticked in; he claims his hours himself
            # that evening, so the leader's page has a claim waiting.
            with ctx.clock(shift.starts_at - timedelta(days=3)):
                signup = services.sign_up(ctx.resident.user, shift, ctx.resident)
            with ctx.clock(shift.starts_at + timedelta(minutes=5)):
                services.tick(leader_user, signup)
            came = [p for p in came if p != ctx.resident]
        _paper_sheet(ctx, leader_user, shift, came, rng, full=regulars[:2])
        with ctx.clock(shift.ends_at + timedelta(minutes=40)):
            services.add_impact(leader_user, shift, "捡拾垃圾", rng.randint(4, 14), "袋")
            if week % 4 == 0:
                services.add_impact(leader_user, shift, "修剪绿篱", rng.randint(30, 80), "米")
    if shifts:
        with ctx.clock(shifts[-1].ends_at + timedelta(hours=10)):
            services.log_hours(ctx.resident.user, shifts[-1], ctx.resident, 2, "还帮忙搬了花盆")
    # A regular who passed 50 hours asked the community for a certificate of last year's hours.
    last_year = date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    with ctx.clock(today - timedelta(days=20)):
        services.issue_certificate(ctx.staff, regulars[1], *last_year)
    upcoming = list(
        Activity.objects.filter(team=guard, starts_at__gt=now).order_by("starts_at")[:3]
    )
    if len(upcoming) >= 2:
        # Next Saturday: some places taken, some free. The one after: full, with a waiting list.
        services.sign_up_group(leader_user, upcoming[0], regulars[1:6] + others[:3])
        services.sign_up_group(leader_user, upcoming[1], regulars[1:6] + others[3:13])
        for person in [m for m in others[13:] if m.user is not None][:3]:
            assert person.user is not None
            services.sign_up(person.user, upcoming[1], person)

    # --- 墙绘队: 8 residents and students painting the courtyard walls -------------------------
    rest = [m for m in main if m not in guards and m != leader]
    muralists = rest[:8]
    murals = _team(
        ctx,
        ctx.main,
        today - timedelta(days=60),
        {
            "name": "红原墙绘队",
            "purpose": "和西华大学的学生一起，把红原农行宿舍斑驳的院墙画成“汉藏文化融合”的主题墙。",
            "joining": Team.Joining.APPROVAL,
            "skills_wanted": "绘画\n设计\n搭脚手架",
            "area": ctx.areas["yinxing"][1],
        },
        muralists[0],
        muralists[1:],
    )
    mural_lead = muralists[0].user or ctx.staff
    zone = services.zone(ctx.main)
    wall_day = datetime.combine(today - timedelta(days=24), time(9), tzinfo=zone)
    first_wall = Activity(
        team=murals,
        title="东墙墙绘",
        place="红原农行宿舍东墙",
        starts_at=wall_day,
        ends_at=wall_day + timedelta(hours=6),
    )
    with ctx.clock(wall_day - timedelta(days=14)):
        services.save_activity(ctx.staff, first_wall)
    _door(ctx, mural_lead, first_wall, muralists)
    with ctx.clock(first_wall.ends_at + timedelta(minutes=30)):
        for person in muralists:
            services.log_hours(
                mural_lead,
                first_wall,
                person,
                _hours(rng, first_wall, person, []),
                source=Hours.Source.LEADER,
            )
        services.add_impact(ctx.staff, first_wall, "墙面绘制", 30, "m²")
    mural_day = datetime.combine(today + timedelta(days=10), time(9), tzinfo=zone)
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
        today - timedelta(days=30),
        {
            "name": "碧水苑墙绘队",
            "purpose": "碧水苑的五位老住户，给单元门口画上“碧水蓝天”。人少，欢迎邻居来帮忙。",
            "joining": Team.Joining.OPEN,
            "skills_wanted": "绘画",
        },
        biwater[0],
        biwater[1:],
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
        today - timedelta(weeks=21),
        {
            "name": "开心农场",
            "purpose": "一起打理小区的公共生态菜园：播种、浇水、除草、做酵素肥料，收的菜分给独居老人。",
            "joining": Team.Joining.APPROVAL,
            "skills_wanted": "种菜\n做酵素肥料",
        },
        farmers[0],
        farmers[1:],
    )
    farm_lead = farmers[0].user or ctx.staff
    farm_schedule = _schedule(
        ctx,
        ctx.staff,
        farm,
        title="周日菜园劳动",
        place="金桂苑生态菜园",
        weekday=6,
        start_time=time(9),
        end_time=time(11),
        starts_on=today - timedelta(weeks=20),
        until=today + timedelta(weeks=6),
        capacity=12,
    )
    for shift in _past_shifts(farm_schedule, now):
        _paper_sheet(ctx, farm_lead, shift, rng.sample(farmers, rng.randint(8, 12)), rng)
        with ctx.clock(shift.ends_at + timedelta(minutes=40)):
            services.add_impact(ctx.staff, shift, "收获蔬菜", rng.randint(5, 25), "公斤")
