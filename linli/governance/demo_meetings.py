"""Demo of a body's meetings: 银杏社区's 居民议事会 met three evenings this year. At each, the
secretary (the community's social worker) built the agenda - the evening's question as a motion,
and the follow-up of what the council resolved before - recorded who came, the show of hands,
the minutes and a resolution with an owner and a due date, and published the minutes. Two
resolutions were carried out and reported back (with a lamp fixed on the way: three issues
resolved this year); the last is past its due date and waits on the organiser's work queue.
Every step runs through the commands on its own day (``ctx.clock``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from linli.core.demo import DemoContext
from linli.core.models import Member

from . import meeting_services, services
from .models import Body, Motion, Resolution

# (the evening's question, what the council resolved, its report-back or "" when still open)
EVENINGS = (
    (
        "在梧桐院增设电动车充电桩",
        "联系供电所和物业，在梧桐院车棚安装 6 个充电口，费用从院落公共收益中支出。",
        "6 个充电口已安装并通电，车棚张贴了使用须知；楼道里不再有人拉线充电。",
    ),
    (
        "菜市场门口早高峰交通疏导",
        "招募志愿者在工作日早上 7 点到 9 点劝导停车，并请街道协调划出临时停车位。",
        "12 名志愿者排班劝导，街道划出 8 个临时停车位，早高峰不再堵到路口。",
    ),
    (
        "楼道堆物清理约定",
        "起草楼道堆物清理约定，交各院落自治小组讨论后张贴。",
        "",
    ),
)


def _evening(
    ctx: DemoContext, council: Body, moment: datetime, index: int, owner: Member
) -> Resolution:
    staff = ctx.staff
    question, resolved, _report = EVENINGS[index]
    with ctx.clock(moment):
        sitting = meeting_services.schedule_meeting(
            staff,
            council,
            title=f"{timezone.localtime(moment).year}年居民议事会第{index + 1}次会议",
            starts_at=moment,
            ends_at=moment + timedelta(hours=2),
            place="银杏社区党群服务中心二楼会议室",
            description="议事会例会：议定社区公共事务，通报上次议定事项的落实情况。",
        )
        motion = services.open_motion(
            staff, council, kind=Motion.Kind.DECISION, method=Motion.Method.HANDS, title=question
        )
        decided = meeting_services.add_agenda_item(staff, sitting, motion=motion)
        follow = meeting_services.add_agenda_item(staff, sitting, title="上次议定事项落实情况通报")
        members = [seat.member for seat in council.seats.select_related("member")]
        present = [m for i, m in enumerate(members) if i != index + 2]  # one away each time
        meeting_services.record_attendance(staff, sitting, present)
        services.record_count(
            staff,
            motion,
            present=present,
            votes_for=len(present) - 1,
            votes_against=0,
            abstentions=1,
        )
        assert ctx.leader.user is not None
        services.confirm_count(ctx.leader.user, motion)
        meeting_services.write_item_minutes(
            staff,
            decided,
            f"居民代表充分讨论后举手表决：{len(present) - 1} 票赞成，1 票弃权，通过。",
        )
        meeting_services.write_item_minutes(
            staff,
            follow,
            "秘书通报了上次会议议定事项的进展，居民代表提出了补充意见。"
            if index
            else "本年度第一次会议，无待通报事项。",
        )
        days_left = (ctx.now - moment).days
        due = timezone.localtime(moment).date() + timedelta(days=max(1, min(30, days_left - 1)))
        resolution = meeting_services.resolve(
            staff, decided, text=resolved, owner=owner, due_on=due
        )
        if index == 1:  # a lamp reported at the meeting, fixed the week after
            lamp = meeting_services.add_agenda_item(staff, sitting, title="3栋楼道灯不亮")
            meeting_services.write_item_minutes(
                staff, lamp, "居民代表反映 3 栋二、三楼楼道灯坏了。"
            )
            lamp_fix = meeting_services.resolve(
                staff,
                lamp,
                text="请物业一周内更换 3 栋楼道灯。",
                owner=ctx.organiser,
                due_on=timezone.localtime(moment).date() + timedelta(days=7),
            )
        meeting_services.publish_minutes(staff, sitting)
    if index == 1:
        with ctx.clock(min(moment + timedelta(days=5), ctx.now - timedelta(hours=2))):
            meeting_services.follow_up(
                staff, lamp_fix, Resolution.Status.DONE, "物业已更换 3 栋二、三楼的楼道灯。"
            )
    return resolution


def _next_evening(ctx: DemoContext, council: Body) -> None:
    """The council's next meeting, a week from now: its agenda is still open, and feedback's demo
    sends a collective item to it by the council's name."""
    evening = timezone.localtime(ctx.now + timedelta(days=6)).replace(
        hour=19, minute=0, second=0, microsecond=0
    )
    with ctx.clock(ctx.now - timedelta(days=1)):
        sitting = meeting_services.schedule_meeting(
            ctx.staff,
            council,
            title=f"{evening.year}年居民议事会第{len(EVENINGS) + 1}次会议",
            starts_at=evening,
            ends_at=evening + timedelta(hours=2),
            place="银杏社区党群服务中心二楼会议室",
            description="议事会例会：议定社区公共事务，通报上次议定事项的落实情况。",
        )
        meeting_services.add_agenda_item(ctx.staff, sitting, title="上次议定事项落实情况通报")


def load(ctx: DemoContext, council: Body, moments: list[datetime]) -> None:
    """The council's evenings this year; ``moments`` are their starting times, oldest first;
    and its next evening, a week away."""
    serving = [seat.member for seat in council.seats.select_related("member")]
    offline = next((m for m in serving if m.user_id is None), ctx.organiser)
    owners = [ctx.leader, offline, ctx.organiser]
    for index, moment in enumerate(moments[: len(EVENINGS)]):
        resolution = _evening(ctx, council, moment, index, owners[index])
        report = EVENINGS[index][2]
        started = min(moment + timedelta(days=3), ctx.now - timedelta(hours=3))
        with ctx.clock(started):
            meeting_services.follow_up(ctx.staff, resolution, Resolution.Status.IN_PROGRESS)
        if report:  # carried out a little before it was due, and reported back
            done = min(moment + timedelta(days=20), ctx.now - timedelta(hours=1))
            with ctx.clock(done):
                meeting_services.follow_up(ctx.staff, resolution, Resolution.Status.DONE, report)
    _next_evening(ctx, council)
