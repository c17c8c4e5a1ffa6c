"""Demo of seed 004's micro-grants (公益创投) in 银杏社区: last year's call with one project the
yearly evaluation ended and one it continued, and this year's call with seven applications
across 人文地景产, panel scores, three awards within the caps, accepted agreements and milestone
reports with receipts. Every step goes through the services (ledger and audit are real); the
calendar is moved by editing the calls' dates after each step, as the reviews demo does."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from linli.core.demo import DemoContext, account
from linli.core.models import Member, Partner
from linli.tracking import queries as tracking

from . import services
from .models import Application, Call, Report

# (title, theme, courtyard, group, kind, budget lines, goals, activities, results)
APPLICATIONS: list[tuple[Any, ...]] = [
    (
        "院落花园",
        "landscape",
        "梧桐院",
        "梧桐院护绿队",
        "group",
        [
            ("materials", "花苗、土和花箱", 28_000),
            ("activities", "四次共建日的茶水和工具", 6_000),
            ("people", "园艺老师指导", 8_000),
        ],
        "把院坝角落的荒地变成大家一起照看的花园，让老人有地方坐，孩子有地方玩。",
        "3月 坝坝会商量设计\n4月 周末共建日：清理、砌花台、种植\n5-10月 护绿队轮流浇水\n11月 花园分享会",
        "40户以上参与共建；护绿队不少于15人；花园一年后仍有人照看。",
    ),
    (
        "老手艺课堂",
        "culture",
        "槐树院",
        "槐树院老手艺传习小组",
        "group",
        [
            ("people", "竹编、剪纸老师课时费", 18_000),
            ("materials", "竹篾、红纸等材料", 9_000),
            ("publicity", "作品展海报和展板", 3_000),
        ],
        "请院里会竹编、剪纸的老人教孩子和年轻住户，把老手艺留在社区。",
        "每月两次周六下午在槐树院活动室上课\n9月 中秋作品展",
        "开课20次，学员不少于30人；出一本老手艺小册子。",
    ),
    (
        "邻里互助餐(二期)",
        "livelihood",
        "石榴院",
        "石榴院互助厨房",
        "group",
        [
            ("materials", "厨具和餐具", 15_000),
            ("activities", "每周两次的食材补贴", 42_000),
            ("venue", "活动室水电和燃气", 8_000),
        ],
        "为独居和高龄老人提供每周两次的邻里互助餐，由年轻住户轮流掌勺送餐。",
        "每周二、五中午在石榴院活动室开餐\n行动不便的老人由志愿者送餐上门",
        "每次就餐30人以上；掌勺和送餐志愿者20人；老人满意度调查。",
    ),
    (
        "儿童自然课",
        "people",
        "杏林院",
        "杏林院家长互助会",
        "group",
        [
            ("people", "自然教育老师", 16_000),
            ("activities", "五次户外观察活动", 10_000),
            ("materials", "放大镜、图鉴和记录本", 4_000),
        ],
        "带社区孩子认识身边的植物、鸟和昆虫，让家长之间也熟悉起来。",
        "每月一次周日上午在社区和锦江边观察\n孩子们画社区自然地图",
        "30个家庭参与；完成一张社区自然地图。",
    ),
    (
        "院落故事地图",
        "place",
        "桂花院",
        "桂花院居民议事会",
        "group",
        [("people", "口述史采访和整理", 12_000), ("publicity", "故事地图印刷和展牌", 14_000)],
        "采访老住户，记下院落的变迁，做成一张挂在院门口的故事地图。",
        "4-6月 采访20位老住户\n7月 绘制地图\n8月 院门口揭幕",
        "收集20个故事；故事地图挂在院门口；一次故事分享会。",
    ),
    (
        "社区跳蚤市集",
        "livelihood",
        "锦绣苑",
        "锦绣苑业主志愿队",
        "group",
        [("venue", "帐篷和桌椅租用", 9_000), ("publicity", "宣传海报", 2_000)],
        "每季度办一次跳蚤市集，闲置物品流动起来，邻居认识起来。",
        "每季度第一个周六在锦绣苑中庭",
        "每次摊位30个以上；一年4次。",
    ),
    (
        "长者健步队",
        "people",
        "安居苑",
        "行益社会工作服务中心",
        "ngo",
        [("people", "社工和康复师", 30_000), ("activities", "健步活动和体检", 12_000)],
        "组织安居苑的长者每周健步走，社工陪伴，每季度一次简易体检。",
        "每周三早上健步走\n每季度一次健康讲座和体检",
        "50位长者参与；健步队由长者自己选队长。",
    ),
]

SCORES = {  # application title -> each panel member's score on every criterion (0-10)
    "院落花园": [9, 8, 9],
    "邻里互助餐(二期)": [9, 9, 8],
    "老手艺课堂": [8, 8, 7],
    "儿童自然课": [7, 7, 8],
    "院落故事地图": [6, 7, 6],
    "长者健步队": [6, 5, 7],
    "社区跳蚤市集": [5, 5, 4],
}
AWARDS = {"院落花园": 42_000, "邻里互助餐(二期)": 60_000, "老手艺课堂": 28_000}


def _receipt(seed: int, amount: int) -> SimpleUploadedFile:
    """A drawn stand-in for a phone photo of a paper receipt."""
    image = Image.new("RGB", (600, 800), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 560, 760), outline=(120, 120, 120), width=3)
    for i in range(12):
        y = 120 + i * 45
        draw.line((80, y, 80 + ((seed * 37 + i * 53) % 380) + 60, y), fill=(90, 90, 90), width=4)
    draw.text((80, 680), f"TOTAL {amount}", fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(f"receipt-{seed}.png", buffer.getvalue(), content_type="image/png")


def _call(ctx: DemoContext, year: int, title: str, panel: list[Member]) -> Call:
    """The year's call: applications in March, review by 20 April, awards by the end of April.
    Made and opened on 1 March (the demo moves the clock there)."""
    call = Call(
        community=ctx.main,
        title=title,
        year=year,
        description=(
            "成都社区营造行动以公益创投方式，资助居民自组织和社会组织从“人、文、地、景、产”"
            "入手开展社区营造项目。每个项目最多10万元，本社区全年最多30万元。"
            "年度评估后，不适宜的项目将不再资助。"
        ),
        themes=["people", "culture", "place", "landscape", "livelihood"],
        min_residents=3,
        opens_on=date(year, 3, 1),
        closes_on=date(year, 3, 31),
        review_by=date(year, 4, 20),
        award_by=date(year, 4, 30),
    )
    with ctx.clock(date(year, 3, 1)):
        services.save_call(ctx.staff, call, ctx.areas["yinxing"], panel)
        return services.step(ctx.staff, call, "open")


def _group(verified: list[Member], area_name: str, used: set[int]) -> list[Member]:
    here = [
        m
        for m in verified
        if m.household
        and m.household.area
        and m.household.area.name == area_name
        and m.pk not in used
    ]
    chosen = here[:4]
    used.update(m.pk for m in chosen)
    return chosen


def _apply(
    call: Call,
    spec: tuple[Any, ...],
    people: list[Member],
    areas: dict[str, Any],
    ngo: Partner | None,
    continuation: Application | None = None,
) -> Application:
    title, theme, area, group, kind, lines, goals, activities, results = spec
    lead, team = people[0], people[1:]
    application = services.start(
        account(lead),
        Application(
            call=call,
            kind=kind,
            group_name=group,
            partner=ngo if kind == "ngo" else None,
            title=title,
            theme=theme,
            area=areas[area],
            goals=goals,
            activities=activities,
            results=results,
            other_funding=3_000 if kind == "group" else 10_000,
            continuation_of=continuation,
        ),
    )
    for category, item, amount in lines:
        services.add_budget_line(account(lead), application, category, item, amount)
    for person, task in zip(team, ["组织活动", "记账和票据", "联系住户"], strict=False):
        services.add_team_member(account(lead), application, person, task)
        services.consent(account(person), application, True)
    return services.submit(account(lead), application)


def _fund(
    ctx: DemoContext, application: Application, amount: int, milestones: list[tuple[str, date]]
) -> Application:
    organiser = ctx.staff
    application = services.award(
        organiser,
        Application.objects.get(pk=application.pk),
        amount,
        "评审小组认为项目贴合居民需求，参与面广。",
    )
    for title, due in milestones:
        services.add_milestone(organiser, application, title, due)
    services.accept_agreement(account(application.lead), application, application.lead.name)
    services.countersign(organiser, application)
    return application


def _report(
    ctx: DemoContext,
    application: Application,
    kind: str,
    narrative: str,
    held: str,
    people: int,
    spending: list[tuple[str, str, int]],
    accept: bool | None,
) -> None:
    milestone = tracking.milestones(application).first() if kind == "milestone" else None
    report = services.submit_report(
        account(application.lead),
        application,
        Report(
            kind=kind,
            milestone=milestone,
            narrative=narrative,
            activities_held=held,
            participants=people,
        ),
        [
            {"category": c, "item": i, "amount": a, "receipt": _receipt(k, a)}
            for k, (c, i, a) in enumerate(spending)
        ],
    )
    if accept is not None:
        services.review_report(
            ctx.staff,
            report,
            accept,
            "" if accept else "请补上花苗的发票照片，金额和明细对不上。",
        )


def load(ctx: DemoContext) -> None:
    """Two yearly calls, each step on its own day (the demo moves the clock): this year's call
    once its first reports are in (from mid-August), else last year's, and the year before it,
    evaluated."""
    verified = [
        m
        for m in ctx.members["yinxing"]
        if m.status == Member.Status.VERIFIED and m.user_id and m.household_id
    ]
    areas = {a.name: a for a in ctx.areas["yinxing"]}
    ngo = Partner.objects.filter(community=ctx.main, kind=Partner.Kind.NGO).first()
    used: set[int] = set()
    panel = [
        ctx.organiser,
        ctx.leader,
        *[m for m in verified if m.pk not in (ctx.leader.pk, ctx.resident.pk)][-2:],
    ]
    used.update(m.pk for m in panel)
    today = timezone.localdate()
    year = today.year if today >= date(today.year, 8, 15) else today.year - 1
    before = year - 1
    on = ctx.clock

    # --- the year before: two funded projects and their yearly evaluation ---
    last = _call(ctx, before, f"{before}年银杏社区社区营造公益创投", panel)
    wall_people = _group(verified, "桂花院", used)
    meal_people = _group(verified, "石榴院", used)
    with on(date(before, 3, 12)):
        wall = _apply(
            last,
            (
                "院落记忆墙",
                "culture",
                "桂花院",
                "桂花院老住户小组",
                "group",
                [("materials", "墙面处理和颜料", 20_000), ("publicity", "老照片翻印", 6_000)],
                "把老照片和老物件做成一面记忆墙。",
                "征集老照片；做墙；揭幕",
                "征集100张老照片。",
            ),
            wall_people,
            areas,
            ngo,
        )
        meal = _apply(
            last,
            (
                "邻里互助餐",
                "livelihood",
                "石榴院",
                "石榴院互助厨房",
                "group",
                [("materials", "厨具", 12_000), ("activities", "食材补贴", 30_000)],
                "为独居老人每周开两次互助餐。",
                "每周二、五中午开餐",
                "每次20人以上。",
            ),
            meal_people,
            areas,
            ngo,
        )
    with on(date(before, 4, 2)):
        services.step(ctx.staff, last, "review")
    with on(date(before, 4, 12)):
        for member in panel:
            for application, value in ((wall, 6), (meal, 9)):
                if not services.auto_conflict(member, application):
                    services.score(
                        account(member),
                        Application.objects.get(pk=application.pk),
                        {c.pk: value for c in last.criteria.all()},
                        "",
                    )
    with on(date(before, 4, 28)):
        wall = _fund(ctx, wall, 26_000, [("记忆墙揭幕", date(before, 9, 30))])
        meal = _fund(ctx, meal, 42_000, [("开餐满三个月", date(before, 8, 31))])
    with on(date(before, 12, 10)):
        _report(
            ctx,
            meal,
            "final",
            "全年开餐86次，平均每次28位老人就餐，送餐上门12户。",
            "每周二、五互助餐；重阳节百家宴",
            35,
            [("activities", "全年食材", 30_000), ("materials", "厨具", 11_800)],
            True,
        )
        _report(
            ctx,
            wall,
            "final",
            "记忆墙做好了，但只征集到23张老照片，参与的主要是项目组成员。",
            "揭幕仪式一次",
            12,
            [("materials", "墙面和颜料", 20_000)],
            True,
        )
    with on(date(before, 12, 20)):
        services.step(ctx.staff, last, "decide")
        services.evaluate(
            ctx.staff,
            wall,
            "end",
            "项目完成了墙面，但居民参与少(12人)，没有后续维护安排，与“居民参与、可持续”的社造目标不符，明年不再资助。",
        )
        services.evaluate(
            ctx.staff,
            meal,
            "continue",
            "就餐老人稳定，年轻住户轮流掌勺，形成了互助网络。建议明年继续，并由居民自己管理账目。",
        )

    # --- this year: seven applications, panel scores, three awards ---
    this = _call(ctx, year, f"{year}年银杏社区社区营造公益创投", panel)
    apps: dict[str, Application] = {}
    for n, spec in enumerate(APPLICATIONS):
        title = spec[0]
        people = meal_people if title.startswith("邻里互助餐") else _group(verified, spec[2], used)
        if len(people) < 3:
            people = [m for m in verified if m.pk not in used][:3]
            used.update(m.pk for m in people)
        with on(date(year, 3, 5 + 3 * n)):
            apps[title] = _apply(
                this, spec, people, areas, ngo, meal if title.startswith("邻里互助餐") else None
            )
    with on(date(year, 4, 2)):
        services.step(ctx.staff, this, "review")
    comments = ["贴合居民需求", "参与面广，预算清楚", "可以更多吸引年轻人"]
    with on(date(year, 4, 10)):
        for i, member in enumerate(panel[:3]):
            for title, application in apps.items():
                application = Application.objects.get(pk=application.pk)
                if services.auto_conflict(member, application):
                    continue
                value = SCORES[title][i]
                services.score(
                    account(member),
                    application,
                    {c.pk: value for c in this.criteria.all()},
                    comments[i],
                )
        # the fourth panel member declares a conflict on one application and scores the others
        fourth = panel[3]
        services.declare_conflict(
            account(fourth),
            Application.objects.get(pk=apps["儿童自然课"].pk),
            "我的孩子在杏林院家长互助会。",
        )
        for title, application in apps.items():
            if title != "儿童自然课" and not services.auto_conflict(fourth, application):
                services.score(
                    account(fourth),
                    Application.objects.get(pk=application.pk),
                    {c.pk: SCORES[title][1] for c in this.criteria.all()},
                    "",
                )
    with on(date(year, 4, 28)):
        garden = _fund(
            ctx,
            apps["院落花园"],
            AWARDS["院落花园"],
            [("花园建成", date(year, 6, 30)), ("护绿队运行半年", date(year, 11, 30))],
        )
        meal2 = _fund(
            ctx,
            apps["邻里互助餐(二期)"],
            AWARDS["邻里互助餐(二期)"],
            [("开餐满三个月", date(year, 7, 31))],
        )
        _fund(ctx, apps["老手艺课堂"], AWARDS["老手艺课堂"], [("春季课程结束", date(year, 6, 30))])
        services.decline(
            ctx.staff,
            Application.objects.get(pk=apps["社区跳蚤市集"].pk),
            "评分排在后面；市集更适合用社区已有的场地和志愿者先办起来，欢迎明年再申请。",
        )
    with on(date(year, 6, 3)):
        _report(
            ctx,
            garden,
            "milestone",
            "四个周末共建日，清出两车杂物，砌了三个花台，种下月季和薄荷。",
            "5月10日、17日、24日、31日共建日",
            46,
            [
                ("materials", "花苗和营养土", 9_800),
                ("materials", "砖和水泥", 6_200),
                ("activities", "共建日茶水", 1_100),
            ],
            True,
        )
    with on(date(year, 8, 3)):
        _report(
            ctx,
            meal2,
            "milestone",
            "三个月开餐26次，平均每次31位老人。",
            "每周二、五互助餐",
            31,
            [("activities", "食材", 11_000), ("materials", "保温送餐箱", 1_600)],
            None,
        )
