"""Demo proposals in 银杏社区 and 金桂社区: supported, discussed, answered, merged, drafted."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.core.demo import DemoContext, account
from linli.core.models import Member

from . import services
from .models import Proposal

# (title, body, courtyard, category, days ago, supports, answer status, answer)
PROPOSALS = [
    (
        "梧桐院加装电梯",
        "3栋和5栋住着很多七八十岁的老人，上下楼很吃力。希望社区帮忙申请老旧小区加装电梯补贴，组织各楼商量分摊。",
        "梧桐院",
        "elderly",
        70,
        34,
        "to_vote",
        "已列入院落议事会讨论，将由各楼栋住户投票决定是否加装。",
    ),
    (
        "槐树院安装公共晾衣架",
        "院里没有地方晒被子，大家把绳子拴在树上，既不安全也不好看。建议在东侧围墙边装一排公共晾衣架。",
        "槐树院",
        "facilities",
        40,
        22,
        "accepted",
        "采纳。已纳入院落微更新第二批项目，预计下月施工。",
    ),
    (
        "规范院坝停车，留出消防通道",
        "晚上车辆乱停，消防车进不来。建议画线划定车位，夜间留出通道。",
        "桂花院",
        "safety",
        55,
        18,
        "in_progress",
        "已请物业和交警中队现场查看，正在画线。",
    ),
    (
        "垃圾分类点移到院门外",
        "现在的垃圾桶在二栋楼下，夏天味道很大。建议移到院门外，并加装洗手池。",
        "石榴院",
        "environment",
        30,
        12,
        "under_review",
        "正在和环卫所商量新位置。",
    ),
    (
        "办一个老年食堂",
        "很多独居老人中午随便凑合一顿。希望社区办老年食堂或助餐点，价格实惠。",
        None,
        "elderly",
        90,
        41,
        "done",
        "社区老年助餐点已于本月在党群服务中心开业，每天 11:30 供应午餐。",
    ),
    (
        "儿童游乐区铺安全地垫",
        "安居苑的滑梯下面是水泥地，孩子摔倒很危险。",
        "安居苑",
        "children",
        25,
        9,
        "received",
        "",
    ),
    (
        "院落里种果树",
        "想在杏林院种几棵枇杷和柚子树，大家一起照料。",
        "杏林院",
        "environment",
        35,
        6,
        "rejected",
        "院内地下有燃气管线，不宜种植深根果树；建议改为盆栽果树，欢迎重新提议。",
    ),
    (
        "周末开放社区活动室给孩子写作业",
        "双职工家庭周末没人看孩子，希望活动室周末开放。",
        None,
        "children",
        12,
        4,
        "received",
        "",
    ),
    (
        "川剧进院落",
        "老人们喜欢川剧，希望每月请剧团到院坝唱一场。",
        "梧桐院",
        "culture",
        8,
        3,
        "received",
        "",
    ),
]


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    main = ctx.main
    organiser = ctx.organiser.user
    assert organiser is not None
    people = [m for m in ctx.members["yinxing"] if m.user_id and m.status == Member.Status.VERIFIED]
    areas = {a.name: a for a in ctx.areas["yinxing"]}
    now = timezone.now()
    made: dict[str, Proposal] = {}
    for title, body, area, category, days, supports, status, answer in PROPOSALS:
        author = ctx.resident if title == "槐树院安装公共晾衣架" else rng.choice(people)
        published = now - timedelta(days=days)
        answered = min(published + timedelta(days=rng.randint(3, 20)), now - timedelta(hours=2))
        with ctx.clock(published - timedelta(hours=1)):
            proposal = services.save_draft(
                account(author),
                Proposal(
                    community=main,
                    title=title,
                    body=body,
                    area=areas.get(area) if area else None,
                    category=category,
                ),
            )
        with ctx.clock(published):
            services.publish(account(author), proposal)
        # neighbours support and comment in the days after it was published
        with ctx.clock(published + (answered - published) / 2):
            for supporter in rng.sample(people, k=min(supports, len(people))):
                if supporter.pk != author.pk:
                    services.toggle_support(account(supporter), proposal)
            for stance, text in [
                ("for", "非常赞成，早就该做了。"),
                ("against", "费用谁来出？要先说清楚。"),
                ("neutral", "能不能先开个坝坝会听听大家的意见？"),
            ][: rng.randint(1, 3)]:
                services.comment(account(rng.choice(people)), proposal, text, stance)
        if status in services.ANSWERS:
            with ctx.clock(answered):
                services.change_status(proposal, status, answer, organiser)
        made[title] = proposal
    # a duplicate, merged into the lift proposal
    duplicate = services.save_draft(
        account(ctx.leader),
        Proposal(
            community=main,
            title="给梧桐院装电梯",
            body="同意加装电梯，老人出门太难了。",
            area=areas["梧桐院"],
        ),
    )
    services.publish(account(ctx.leader), duplicate)
    services.merge(organiser, duplicate, made["梧桐院加装电梯"])
    # a draft written by two neighbours
    draft = services.save_draft(
        account(ctx.resident),
        Proposal(
            community=main,
            title="槐树院楼道装感应灯",
            body="楼道晚上太黑，老人容易摔倒。",
            area=areas["槐树院"],
            category="safety",
        ),
    )
    services.add_coauthor(account(ctx.resident), draft, "leader@example.org")
    # 金桂社区: the sharing board (seed 004)
    jingui = [m for m in ctx.members["jingui"] if m.user_id and m.status == Member.Status.VERIFIED]
    if jingui:
        board = services.save_draft(
            account(jingui[0]),
            Proposal(
                community=ctx.sharing,
                title="共享展板加一块“需要帮忙”栏",
                body="除了借东西，也可以写需要邻居帮忙的小事。",
                category="services",
            ),
        )
        services.publish(account(jingui[0]), board)
        for supporter in jingui[1:15]:
            services.toggle_support(account(supporter), board)
