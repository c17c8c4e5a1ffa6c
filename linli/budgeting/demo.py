"""Demo: 银杏社区's "2026 院落微更新" participatory budget of ¥200,000, run from ideas to
implementation through the real services (seed 003: funds residents decide together; seed 004:
caps and themes), and 金桂社区 collecting ideas now.

Each step (ideas, review, vote, close, building) runs on its own day: the demo moves the clock
(``DemoContext.clock``), so every step goes through the same checks a real process meets and no
date is edited afterwards. A small budget of the whole community is voting now.
"""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from linli.core.demo import account
from linli.core.models import Member, Place, Role
from linli.votes import services as vote_services
from linli.votes.models import Vote

from . import services
from .models import Idea, Process

if TYPE_CHECKING:
    from linli.core.demo import DemoContext

# (title, what and why, courtyard index, theme, estimate, review: cost or rejection reason)
IDEAS: list[tuple[str, str, int, str, int, int | str]] = [
    (
        "梧桐院坝加装休息座椅和扶手",
        "院坝里老人多，站久了累。想在花台边加几张带扶手的长椅。",
        0,
        "landscape",
        12000,
        14800,
    ),
    (
        "梧桐院雨棚和晾衣架",
        "下雨天衣服没处晾，楼道里也挂满了。想在院坝一角搭雨棚装晾衣架。",
        0,
        "landscape",
        20000,
        18000,
    ),
    (
        "银杏院老年活动室翻新",
        "活动室墙皮脱落、桌椅坏了，老人们打牌下棋没地方。",
        1,
        "people",
        40000,
        42000,
    ),
    (
        "银杏院楼道声控灯更换",
        "三栋楼的楼道灯一半不亮，晚上上下楼摔过人。",
        1,
        "people",
        9000,
        9600,
    ),
    (
        "芙蓉院儿童游乐角",
        "院子里孩子多，没地方玩，只能在车道边跑。想要一个小滑梯和沙池。",
        2,
        "people",
        50000,
        48000,
    ),
    (
        "芙蓉院墙面彩绘",
        "请美术学院的学生和孩子们一起画院墙，讲院子的老故事。",
        2,
        "culture",
        15000,
        16500,
    ),
    (
        "芙蓉院停车棚",
        "电瓶车乱停，还有人在楼道充电，很危险。想建带充电桩的车棚。",
        2,
        "landscape",
        60000,
        58000,
    ),
    (
        "桂花院共享菜园",
        "把院子后面的荒地整理成菜园，各家认领一小块，一起种菜，多的菜在院门口卖给邻居。",
        3,
        "livelihood",
        8000,
        8500,
    ),
    (
        "桂花院院落排水改造",
        "院子地势低，一下大雨院坝就积水，老人出不了门。",
        3,
        "place",
        45000,
        52000,
    ),
    (
        "桂花院院史墙",
        "收集老照片，做一面院史墙，让新搬来的邻居认识院子。",
        3,
        "culture",
        6000,
        7200,
    ),
    ("海棠院无障碍坡道", "单元门口有三级台阶，坐轮椅的邻居出不了门。", 4, "people", 18000, 21000),
    (
        "海棠院休闲凉亭",
        "夏天院子里晒，想建一个凉亭，大家可以坐着聊天。",
        4,
        "landscape",
        35000,
        36000,
    ),
    (
        "把院坝改成停车场",
        "车越来越多，院坝全部铺成停车位。",
        0,
        "landscape",
        80000,
        "院坝是消防通道和全院唯一的公共活动空间，改成停车场会占用通道，也违背本次微更新'公共空间'的方向。",
    ),
    (
        "给每户发放空气净化器",
        "最近空气不好，希望每家发一台净化器。",
        1,
        "people",
        90000,
        "本次预算只用于院落公共空间的改造，不能用于发给个人或家庭的物品。",
    ),
    (
        "芙蓉院加装电梯",
        "老人爬楼困难，想给两栋楼加装电梯。",
        2,
        "people",
        600000,
        "加装电梯每部约六十万元，远超本次单个项目上限；请通过老旧小区加装电梯专项申请，社区可协助。",
    ),
]

NAMES = ["梧桐院", "银杏院", "芙蓉院", "桂花院", "海棠院"]
MILESTONES = [("确定方案并公示", -40), ("采购材料", -25), ("施工", -10), ("验收", 20)]


def _receipt(text: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (360, 480), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 350, 470), outline="black", width=2)
    draw.text((30, 40), "RECEIPT", fill="black")
    for n, line in enumerate(text.split("\n")):
        draw.text((30, 90 + 30 * n), line, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return SimpleUploadedFile("receipt.jpg", buffer.getvalue(), content_type="image/jpeg")


def load(ctx: DemoContext) -> None:
    """The courtyard budget: ideas opened 120 days ago, reviewed, voted on, computed and now
    being built; each step runs on its own day (``ctx.clock``), so no date is edited."""
    rng = ctx.rng
    organiser = ctx.organiser.user
    assert organiser is not None
    now = timezone.now()
    start = now - timedelta(days=120)
    courtyards = [a for a in ctx.areas["yinxing"] if a.area_type == Place.AreaType.OLD_COURTYARD][
        :5
    ]
    if len(courtyards) < 5:
        courtyards = ctx.areas["yinxing"][:5]
    process = Process(
        community=ctx.main,
        title=f"{start.year} 年院落微更新参与式预算",
        description=(
            "社区今年拿出 20 万元，由五个老院落的居民一起决定怎么用：先征集点子，"
            "再由社工、规划师和物业一起看能不能做、要花多少钱，然后全体居民投票(可以选多个项目，"
            "但总价不能超过 20 万元)，最后按“平等份额法”算出资助哪些项目。"
            "每个院落的项目合计不超过 6.5 万元，单个项目不超过 6 万元。"
        ),
        budget=200_000,
        project_cap=60_000,
        area_cap=65_000,
        ideas_open_at=start,
        review_starts_at=start + timedelta(days=25),
        vote_opens_at=start + timedelta(days=50),
        vote_closes_at=start + timedelta(days=64),
        implementation_starts_at=start + timedelta(days=70),
        ballot_type=Process.BallotType.KNAPSACK,
        rule=Process.Rule.MES_COST,
    )
    experts = Member.objects.filter(community=ctx.main, role=Role.LEADER, status="verified")[:2]
    with ctx.clock(start - timedelta(days=7)):
        services.save_process(organiser, process, courtyards, reviewers=experts)
        services.publish(organiser, process)
        for area in courtyards:
            services.set_sub_budget(organiser, process, 65_000, area=area)

    # 1. Ideas, from residents of each courtyard.
    residents: dict[int, list[Member]] = {}
    for m in ctx.members["yinxing"]:
        if m.household_id and m.user_id and m.household.area_id:  # type: ignore[union-attr]
            residents.setdefault(m.household.area_id, []).append(m)  # type: ignore[union-attr]
    ideas: list[tuple[Idea, int | str]] = []
    for n, (title, body, where, theme, estimate, verdict) in enumerate(IDEAS):
        area = courtyards[where]
        # The titles name the courtyard they are for: use the demo's own courtyard names.
        title, body = (t.replace(NAMES[where], area.name) for t in (title, body))
        author = rng.choice(residents.get(area.pk) or [ctx.resident])
        assert author.user is not None
        idea = Idea(title=title, body=body, area=area, theme=theme, estimated_cost=estimate)
        with ctx.clock(start + timedelta(days=1 + n)):
            services.submit_idea(author.user, process, idea)
        ideas.append((idea, verdict))

    # 2. Feasibility review, with a public reason for every rejection and one appeal.
    with ctx.clock(start + timedelta(days=28)):
        for idea, verdict in ideas:
            if isinstance(verdict, str):
                services.review_idea(organiser, idea, feasible=False, note=verdict, cost=None)
            else:
                reason = (
                    ""
                    if verdict == idea.estimated_cost
                    else "规划师现场测量后按实际工程量重新核算。"
                )
                services.review_idea(
                    organiser, idea, feasible=True, note="可行。", cost=verdict, cost_reason=reason
                )
    appealed = ideas[12][0]
    assert appealed.author is not None and appealed.author.user is not None
    with ctx.clock(start + timedelta(days=31)):
        services.appeal(
            appealed.author.user,
            appealed,
            "不用全部改，只在靠围墙的一边划 6 个车位，不占消防通道。",
        )
    with ctx.clock(start + timedelta(days=38)):
        services.decide_appeal(
            organiser,
            appealed,
            upheld=False,
            answer="我们和消防、物业一起到现场看了：靠围墙一侧宽度不够，停车后消防车过不去。"
            "停车问题另外在院落议事会上讨论。",
        )

    # 3. The vote: a knapsack ballot through the votes app, residents' ballots cast online.
    with ctx.clock(start + timedelta(days=48)):
        services.open_vote(organiser, process)
    process.refresh_from_db()
    vote = process.vote
    assert vote is not None
    with ctx.clock(start + timedelta(days=52)):
        _cast(ctx, process, vote)

    # 4. Close, compute with the Method of Equal Shares, publish.
    with ctx.clock(start + timedelta(days=66)):
        process.refresh_from_db()
        services.compute_outcome(organiser, process)
    with ctx.clock(start + timedelta(days=67)):
        services.publish_outcome(organiser, process)

    # 5. Implementation: owners, milestones, spending with receipts.
    funded = services.funded(process)
    leaders = list(
        Member.objects.filter(community=ctx.main, status="verified").exclude(user__isnull=True)[:12]
    )
    for number, idea in enumerate(funded[:4]):
        with ctx.clock(start + timedelta(days=71)):
            owner = rng.choice(leaders)
            services.set_owner(organiser, idea, owner=owner, team=rng.sample(leaders, 3))
            added = [
                services.add_milestone(organiser, idea, title, (now + timedelta(days=o)).date())
                for title, o in MILESTONES
            ]
        for milestone, (_title, offset) in zip(added, MILESTONES, strict=True):
            due = milestone.due  # set above: budgeting's milestones always have one
            if due is not None and offset < 0 and (number < 3 or offset < -30):
                with ctx.clock(due):
                    services.milestone_done(organiser, milestone, due)
        cost = Decimal(idea.cost or 0)
        for share, what in [(Decimal("0.3"), "材料费"), (Decimal("0.45"), "施工费")][
            : 1 + (number < 2)
        ]:
            amount = (cost * share).quantize(Decimal("1"))
            spent_on = (now - timedelta(days=20 - number)).date()
            with ctx.clock(spent_on):
                services.add_spending(
                    organiser,
                    idea,
                    amount=amount,
                    what=f"{idea.title}:{what}",
                    spent_on=spent_on,
                    receipt=_receipt(
                        f"No. {spent_on.year}-{idea.pk:04d}\nCNY {amount}\n"
                        f"{what and 'materials/labour'}"
                    ),
                )

    _open_now(ctx, now)
    _jingui(ctx, now)


def _cast(ctx: DemoContext, process: Process, vote: Vote, share: float = 0.85) -> None:
    """Most residents with an account vote: for their own courtyard's projects first."""
    rng = ctx.rng
    question = vote.questions.get()
    projects = services.projects(process)
    by_area: dict[int | None, list[Idea]] = {}
    for p in projects:
        by_area.setdefault(p.area_id, []).append(p)
    limit = process.max_choices if process.ballot_type == Process.BallotType.APPROVAL else None
    for member in vote_services.eligible_members(vote).exclude(user__isnull=True):
        if member.pk == ctx.resident.pk or rng.random() > share:
            continue  # the demo resident's ballot is left for a visitor to cast
        home = member.household.area_id if member.household else None  # type: ignore[union-attr]
        liked = list(by_area.get(home, []))
        others = [p for p in projects if p not in liked]
        rng.shuffle(liked)
        rng.shuffle(others)
        chosen: list[Idea] = []
        total = 0
        for p in liked + others[: rng.randint(1, 4)]:
            if limit is not None and len(chosen) >= limit:
                break
            if total + (p.cost or 0) <= process.budget and rng.random() < (
                0.85 if p in liked else 0.5
            ):
                chosen.append(p)
                total += p.cost or 0
        if chosen:
            answer = {str(question.pk): [Idea.objects.get(pk=p.pk).option_id for p in chosen]}
            vote_services.cast(account(member), vote, answer)


# A small budget of the whole community, its vote open now: (title, why, theme, cost).
SMALL_IDEAS = [
    (
        "社区党群服务中心门口加装无障碍扶手",
        "台阶边没有扶手，老人和拄拐的邻居上下很吃力。",
        "people",
        6000,
    ),
    (
        "银杏路口的老银杏树加护栏和说明牌",
        "这棵树比社区还老，树根被车压坏了，想护起来，讲讲它的故事。",
        "place",
        8000,
    ),
    (
        "每月一次的院落电影夜",
        "在院坝放露天电影，老人孩子一起看，放映前讲讲院子的老故事。",
        "culture",
        9000,
    ),
    (
        "安居苑小广场换遮阳棚",
        "夏天广场晒得没人去，换一个遮阳棚，跳舞下棋都能用。",
        "landscape",
        15000,
    ),
    (
        "周末邻里集市",
        "每月一次，居民摆摊卖自家做的手工和菜，收益留一部分给院落基金。",
        "livelihood",
        7000,
    ),
]


def _open_now(ctx: DemoContext, now: Any) -> None:
    """银杏社区's small budget for the whole community, voting now: residents with an account,
    the demo resident among them, find its ballot open (approval, at most three projects)."""
    organiser = ctx.staff
    start = now - timedelta(days=40)
    process = Process(
        community=ctx.main,
        title=f"{(now - timedelta(days=4)).year} 年社区便民小预算",
        description=(
            "社区拿出 3 万元，做几件居民提出的小事。点子已经征集并评估完，请选出您最支持的项目，"
            "最多选三个；票数最多、总价不超过预算的项目获得资助。"
        ),
        budget=30_000,
        project_cap=15_000,
        ideas_open_at=start,
        review_starts_at=start + timedelta(days=21),
        vote_opens_at=now - timedelta(days=4),
        vote_closes_at=now + timedelta(days=10),
        implementation_starts_at=now + timedelta(days=20),
        ballot_type=Process.BallotType.APPROVAL,
        max_choices=3,
        rule=Process.Rule.GREEDY_VOTES,
    )
    with ctx.clock(start - timedelta(days=3)):
        services.save_process(organiser, process)
        services.publish(organiser, process)
    people = [
        m for m in ctx.members["yinxing"] if m.user_id and m.household_id and m != ctx.resident
    ]
    ideas = []
    for n, (title, body, theme, cost) in enumerate(SMALL_IDEAS):
        author = people[(n * 37) % len(people)]
        assert author.user is not None
        idea = Idea(title=title, body=body, theme=theme, estimated_cost=cost)
        with ctx.clock(start + timedelta(days=2 + 3 * n)):
            services.submit_idea(author.user, process, idea)
        ideas.append(idea)
    with ctx.clock(start + timedelta(days=24)):
        for idea in ideas:
            services.review_idea(
                organiser, idea, feasible=True, note="可行。", cost=idea.estimated_cost
            )
    with ctx.clock(now - timedelta(days=5)):
        services.open_vote(organiser, process)
    process.refresh_from_db()
    assert process.vote is not None
    with ctx.clock(now - timedelta(days=3)):
        _cast(ctx, process, process.vote, share=0.2)


def _jingui(ctx: DemoContext, now: Any) -> None:
    """金桂社区: a small courtyard budget collecting ideas right now (seed 004's 金桂苑)."""
    admin = Member.objects.filter(
        community=ctx.sharing, role__in=[Role.ORGANISER, Role.COMMUNITY_ADMIN]
    ).first()
    organiser = admin.user if admin and admin.user else ctx.admin
    process = Process(
        community=ctx.sharing,
        title=f"金桂苑 {now.year} 公共空间小预算",
        description="金桂苑拿出 3 万元改善公共空间。请大家说说最想改哪里，评估后投票决定。",
        budget=30_000,
        project_cap=15_000,
        ideas_open_at=now - timedelta(days=5),
        review_starts_at=now + timedelta(days=16),
        vote_opens_at=now + timedelta(days=30),
        vote_closes_at=now + timedelta(days=44),
        implementation_starts_at=now + timedelta(days=50),
        ballot_type=Process.BallotType.APPROVAL,
        max_choices=3,
        rule=Process.Rule.GREEDY_VOTES,
    )
    services.save_process(organiser, process)
    services.publish(organiser, process)
    residents = [m for m in ctx.members.get("jingui", []) if m.user_id][:3]
    for member, (title, body, cost) in zip(
        residents,
        [
            ("门口展板加个雨棚", "借物展板一下雨就湿，想加个小雨棚。", 3000),
            ("单元门口放两把椅子", "等快递、等孩子的时候可以坐一下。", 1200),
            ("院子里种两棵桂花树", "金桂苑却没有桂花树。", 4000),
        ],
        strict=False,
    ):
        assert member.user is not None
        services.submit_idea(
            member.user, process, Idea(title=title, body=body, estimated_cost=cost)
        )
