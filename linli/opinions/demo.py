"""Demo conversation true to the seeds: 银杏社区 asks 梧桐院 about adding a lift (加装电梯) to its
old walk-up buildings. Upper-floor and older residents want it; ground-floor residents worry about
light, noise, the path and the cost. Both agree on how to decide - a meeting of every household
and open numbers - and that is the bridge the map shows.

The votes are generated deterministically from two camps and a shared consensus, and entered
through the commands as staff would (paper sheets, door-to-door visits, the courtyard meeting),
so the ledger rows are real. The demo residents (罗桂兰, 陈建国) have statements left to vote on.
A closed conversation from last year's courtyard contest (槐树院's mural) shows a report-back.
Each step runs on its own day (the demo moves the clock): the sheets come in over two weeks, the
statements are written and moderated after them, and the map is recomputed as the worker would."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from linli.core.demo import DemoContext
from linli.core.models import Member
from linli.engagement.models import Project
from linli.participation.models import Channel

from . import services
from .models import Conversation, Statement
from .tasks import recompute_task

SEED = 20  # the number: the same votes every time

# (text, stance of the lift camp, stance of the ground-floor camp): +1 agree, -1 disagree, 0 mixed
STATEMENTS = [
    ("楼里老人越来越多，没有电梯，很多人一个月都下不了一次楼。", 1, -1),
    ("政府现在有加装电梯的补贴，错过了以后就没有了。", 1, -1),
    ("电梯能让坐轮椅和推婴儿车的家庭出门方便很多。", 1, 0),
    ("电梯以后的维修保养费应该由全楼住户一起承担。", 1, -1),
    ("电梯井会挡住一楼、二楼的采光和通风。", -1, 1),
    ("一楼住户用不上电梯，不应该出钱。", -1, 1),
    ("电梯运行的噪音会影响低楼层住户休息。", -1, 1),
    ("电梯占了楼前的通道，消防车和救护车不好进来。", -1, 1),
    ("装不装电梯，应该先开全楼住户协商会，大家把顾虑说清楚再决定。", 1, 1),
    ("费用怎么分摊、工程怎么做，方案要公开，每户都看得到。", 1, 1),
    ("如果装，施工期间要保证老人和残疾住户能正常进出。", 1, 1),
    ("可以先在楼道里加装扶手和休息座椅，作为过渡办法。", 0, 1),
]
LIFT_CAMP_SHARE = 0.55
CHANNELS = [Channel.PAPER, Channel.DOOR_TO_DOOR, Channel.IN_PERSON]


def _vote(rng: random.Random, stance: int) -> int | None:
    """One resident's vote given the camp's stance: mostly with the camp, sometimes not, and now
    and then a line left blank."""
    if rng.random() < 0.08:
        return None
    roll = rng.random()
    if stance == 0:
        return 0 if roll < 0.4 else (1 if roll < 0.7 else -1)
    agree = 0.82 if stance == 1 else 0.08
    disagree = 0.08 if stance == 1 else 0.82
    if roll < agree:
        return 1
    if roll < agree + disagree:
        return -1
    return 0


def _people(ctx: DemoContext) -> list[Member]:
    """梧桐院's residents first (it is their lift), then neighbours from the other old courtyards,
    40 people in all; the demo accounts vote themselves."""
    everyone = [m for m in ctx.members["yinxing"] if m.user_id is None and m.household is not None]

    def area(member: Member) -> tuple[str, str]:
        place = member.household.area if member.household else None
        return (place.name, place.area_type) if place else ("", "")

    wutong = [m for m in everyone if area(m)[0] == "梧桐院"]
    others = [m for m in everyone if m not in wutong and area(m)[1] == "old_courtyard"]
    return (wutong + others)[:40]


def _sheets(
    ctx: DemoContext,
    conversation: Conversation,
    statements: list[tuple[str, int, int]],
    people: list[Member],
    first_camp_share: float,
    rng: random.Random,
    days: tuple[datetime, datetime],
) -> None:
    """Each person's sheet, drawn from her camp's stances, entered by staff: the sheets come in
    between the two days, and the map is recomputed after the last."""
    numbers = {s.text: s.number for s in conversation.statements.all()}
    start, end = days
    for i, member in enumerate(people):
        first_camp = rng.random() < first_camp_share
        marks = {}
        for text, first, second in statements:
            choice = _vote(rng, first if first_camp else second)
            if choice is not None:
                marks[numbers[text]] = choice
        with ctx.clock(start + (end - start) * i / max(len(people) - 1, 1)):
            services.enter_sheet(
                ctx.staff, conversation, member, marks, CHANNELS[i % len(CHANNELS)]
            )
    _recompute(ctx, conversation, end + timedelta(minutes=10))


def _recompute(ctx: DemoContext, conversation: Conversation, when: datetime) -> None:
    """What the worker does with the queued recompute, run at once so the map is there."""
    with ctx.clock(when):
        recompute_task.call(conversation.pk)


# Last year's mural in 槐树院, closed: older residents wanted the courtyard's own history, young
# parents something bright for the children; everyone wanted safe paint and a part for the kids.
MURAL = [
    ("墙绘应该画槐树院的老照片和老故事，让年轻人知道院子的历史。", 1, -1),
    ("墙绘要用传统的水墨风格，和老院子协调。", 1, -1),
    ("墙绘应该色彩鲜艳，画孩子们喜欢的动物和花草。", -1, 1),
    ("可以在墙上留一块儿童涂鸦区，定期更新。", -1, 1),
    ("墙绘一定要用环保、无味的涂料。", 1, 1),
    ("留一面墙让院里的孩子和老人一起画。", 1, 1),
    ("墙绘的方案要在院坝贴出来，大家看过再动工。", 1, 1),
    ("墙上一定要画院里那棵老槐树。", 1, 0),
    ("可以请美术学院的学生来帮忙设计。", 0, 1),
]
MURAL_OUTCOME = (
    "各组居民都同意：用环保涂料、留一面墙让老人和孩子一起画、方案先贴出来。"
    "评审会据此选定了方案：东墙画槐树院的老照片，西墙留给孩子和老人一起画；"
    "方案已在院坝公示两周，全部使用环保涂料。"
)


def _closed_mural_conversation(ctx: DemoContext, project: Project | None) -> None:
    """In July last year, while the contest's works were under way (槐树院 had chosen a mural)."""
    year = timezone.localdate(ctx.now or timezone.now()).year - 1
    with ctx.clock(date(year, 7, 1)) as opened:
        conversation = services.create_conversation(
            ctx.staff,
            ctx.main,
            {
                "title": "槐树院墙绘画什么",
                "question": "槐树院的墙绘，您希望画些什么？",
                "description": "院落美化大赛中槐树院选了墙绘。画什么，先听听大家的想法。",
                "project": project,
                "is_public": True,
                "allows_statements": False,
            },
            [text for text, _first, _second in MURAL],
        )
    everyone = [m for m in ctx.members["yinxing"] if m.user_id is None and m.household is not None]
    people = [m for m in everyone if m.household and m.household.area.name == "槐树院"][:24]
    sheets = (opened + timedelta(days=2), opened + timedelta(days=16))
    _sheets(ctx, conversation, MURAL, people, 0.5, random.Random(SEED + 1), sheets)
    with ctx.clock(opened + timedelta(days=24)):
        services.close_conversation(ctx.staff, conversation, MURAL_OUTCOME)


def load(ctx: DemoContext) -> None:
    staff = ctx.staff
    now = ctx.now or timezone.now()
    project = Project.objects.filter(community=ctx.main, status=Project.Status.OPEN).first()
    with ctx.clock(now - timedelta(days=21)):
        conversation = services.create_conversation(
            staff,
            ctx.main,
            {
                "title": "梧桐院加装电梯：大家怎么看",
                "question": "梧桐院的老楼要不要加装电梯？怎么装才能照顾到每一户？",
                "description": (
                    "梧桐院三栋楼都是六十年代建的步梯楼。高楼层的老人希望加装电梯，低楼层的住户担心采光、"
                    "噪音和费用。请对每一句话表态：同意、不同意或跳过；也可以写下您自己的看法。"
                    "不方便上网的居民，可以在居委会领取纸质表，或请网格员上门登记。"
                ),
                "project": project,
                "is_public": True,
                "allows_statements": True,
            },
            [text for text, _lift, _ground in STATEMENTS],
        )
    rng = random.Random(SEED)
    sheets = (now - timedelta(days=20), now - timedelta(days=6))
    _sheets(ctx, conversation, STATEMENTS, _people(ctx), LIFT_CAMP_SHARE, rng, sheets)

    # Residents' own statements: one accepted, one rejected with the reason, one waiting.
    leader, resident = ctx.leader.user, ctx.resident.user
    assert leader is not None and resident is not None
    with ctx.clock(now - timedelta(days=10)):
        accepted = services.submit_statement(
            leader, conversation, "电梯装好以后，可以请物业安排专人定期检查，确保安全。"
        )
    with ctx.clock(now - timedelta(days=9)):
        services.moderate(staff, accepted, True)
    with ctx.clock(now - timedelta(days=8)):
        rejected = services.submit_statement(
            resident, conversation, "三栋二单元的王某某天天反对，就是想多要补偿。"
        )
    with ctx.clock(now - timedelta(days=7)):
        services.moderate(
            staff, rejected, False, "请不要点名评论邻居；可以换一种说法，写出您对补偿方案的看法。"
        )
    with ctx.clock(now - timedelta(days=2)):
        services.submit_statement(
            resident, conversation, "低楼层住户如果受影响，可以考虑给一些补偿。"
        )
    # The leader has voted on a few statements online; the rest are left for the demo.
    first = list(conversation.statements.filter(status=Statement.Status.ACCEPTED)[:3])
    with ctx.clock(now - timedelta(days=1)) as voted:
        for statement, choice in zip(first, [1, 1, -1], strict=True):
            services.vote(leader, conversation, statement, choice)
    _recompute(ctx, conversation, voted + timedelta(minutes=10))  # the map is there at once
    closed = Project.objects.filter(community=ctx.main, status=Project.Status.CLOSED).first()
    _closed_mural_conversation(ctx, closed)
