"""Demo surveys: an open anonymous consultation with skip logic, answered online and on paper;
a closed survey whose results are published; a draft open-link survey."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from linli.core.demo import DemoContext
from linli.core.models import Community, Member, Place
from linli.engagement.models import Project
from linli.participation.models import Channel

from . import services
from .models import Question, Section, Survey


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh-hans": zh, "en": en}


def _question(
    ctx: DemoContext,
    survey: Survey,
    section: Section,
    kind: str,
    text: dict[str, str],
    options: list[dict[str, str]] | None = None,
    **fields: Any,
) -> Question:
    rows = fields.pop("rows", None)
    question = Question(survey=survey, section=section, kind=kind, text=text, **fields)
    actor = ctx.organiser.user if survey.community_id == ctx.main.pk else ctx.admin
    assert actor is not None
    return services.save_question(actor, survey, question, options or [], rows)


def _survey(ctx: DemoContext, community: Community, title: dict[str, str], **fields: Any) -> Survey:
    now = ctx.now or timezone.now()
    actor = ctx.organiser.user if community.pk == ctx.main.pk else ctx.admin
    assert actor is not None
    survey = Survey(
        title=title,
        languages=fields.pop("languages", ["zh-hans", "en"]),
        opens_at=fields.pop("opens_at", now - timedelta(days=10)),
        closes_at=fields.pop("closes_at", now + timedelta(days=20)),
        **fields,
    )
    return services.create_survey(actor, community, survey)


def _courtyard_grounds(ctx: DemoContext) -> Survey:
    project = Project.objects.filter(community=ctx.main, title__startswith="院坝和步道改造").first()
    survey = _survey(
        ctx,
        ctx.main,
        _t("院坝和步道：您最需要改什么？", "Courtyard grounds and paths: what needs fixing most?"),
        intro=_t(
            "今年的微更新资金先用在槐树院、石榴院、杏林院的院坝和步道。请花五分钟告诉我们您的想法。"
            "答卷不记名：社区只知道您参加了，不知道哪份答卷是您的。也可以在社区服务中心领取纸质问卷，或请楼栋长上门帮您填写。",
            "This year's small-works money goes to the grounds and paths of three courtyards. Five "
            "minutes of your time tells us what to fix first. Answers are anonymous. Paper forms "
            "are at the community office, and courtyard leaders can help you fill one in at home.",
        ),
        thanks=_t(
            "谢谢！我们会在院坝会上和社区公告里公布大家的意见，以及我们据此做了什么。",
            "Thank you! We will report what we heard, and what we did about it, at the courtyard "
            "meetings and on the notice board.",
        ),
        mode=Survey.Mode.ANONYMOUS,
        project=project,
    )
    first = survey.sections.get()
    first.title = _t("您和院坝", "You and the courtyard")
    services.save_section(ctx.staff, survey, first)
    _question(
        ctx,
        survey,
        first,
        "place",
        _t("您住在哪个院落？", "Which courtyard do you live in?"),
        required=True,
        place_kind="area",
    )
    use = _question(
        ctx,
        survey,
        first,
        "single",
        _t("您多久在院坝里活动一次？", "How often do you spend time in the courtyard?"),
        [
            _t("每天", "Every day"),
            _t("每周几次", "A few times a week"),
            _t("很少", "Rarely"),
            _t("从不", "Never"),
        ],
        required=True,
    )
    problems = _question(
        ctx,
        survey,
        first,
        "multiple",
        _t(
            "院坝和步道现在有哪些问题？（最多选三项）",
            "What is wrong with the grounds and paths now? (up to three)",
        ),
        [
            _t("下雨积水", "Water pools after rain"),
            _t("路面不平，容易绊倒", "Uneven paths, easy to trip"),
            _t("缺少座椅", "Not enough seats"),
            _t("没有扶手", "No handrails"),
            _t("晚上太暗", "Too dark at night"),
            _t("乱停车", "Parked cars in the way"),
        ],
        max_value=3,
        min_value=1,
        required=True,
    )
    _question(
        ctx,
        survey,
        first,
        "scale",
        _t("您对院坝现在的状况满意吗？", "How satisfied are you with the courtyard as it is?"),
        min_value=1,
        max_value=5,
        low_label=_t("很不满意", "very unhappy"),
        high_label=_t("很满意", "very happy"),
        required=True,
    )
    mobility = survey.sections.create(
        key="s2",
        position=2,
        title=_t("出行不便的邻居", "Neighbours who find walking hard"),
        show_if=None,
    )
    handrails = _question(
        ctx,
        survey,
        mobility,
        "single",
        _t(
            "您或家人出行时需要扶手或拐杖吗？",
            "Do you or someone at home need a handrail or a stick to get about?",
        ),
        [_t("需要", "Yes"), _t("不需要", "No")],
        required=True,
    )
    _question(
        ctx,
        survey,
        mobility,
        "long_text",
        _t("哪一段路对您最难走？", "Which stretch of path is hardest for you?"),
        show_if={"question": handrails.key, "any_of": ["o1"]},
    )
    priorities = survey.sections.create(
        key="s3", position=3, title=_t("先做什么", "What comes first")
    )
    rank = _question(
        ctx,
        survey,
        priorities,
        "ranking",
        _t("请给以下改造排序", "Rank these works"),
        [
            _t("院坝铺装与排水", "Paving and drainage"),
            _t("加装扶手和座椅", "Handrails and seats"),
            _t("步道照明", "Path lighting"),
            _t("花台与绿化", "Planters and greenery"),
        ],
    )
    _question(
        ctx,
        survey,
        priorities,
        "matrix",
        _t(
            "这些时间段，您方便参加院坝会吗？",
            "Could you come to a courtyard meeting at these times?",
        ),
        [_t("方便", "Yes"), _t("有时", "Sometimes"), _t("不方便", "No")],
        rows=[
            _t("工作日白天", "Weekday daytime"),
            _t("工作日晚上", "Weekday evening"),
            _t("周末", "Weekend"),
        ],
    )
    _question(
        ctx,
        survey,
        priorities,
        "long_text",
        _t("还有什么想告诉我们的？", "Anything else you want to tell us?"),
    )
    assert ctx.organiser.user is not None
    services.publish(ctx.organiser.user, survey)
    _answer_many(ctx, survey, use, problems, handrails, rank)
    return survey


def _answers(
    rng: random.Random,
    survey: Survey,
    courtyard: Place | None,
    use: Question,
    problems: Question,
    handrails: Question,
    rank: Question,
) -> dict[str, Any]:
    areas = services.place_choices(survey.community, "area")
    place = courtyard or rng.choice(list(areas))
    elderly = rng.random() < 0.45
    answers: dict[str, Any] = {
        "q1": place.pk,
        use.key: rng.choices(["o1", "o2", "o3", "o4"], weights=[5, 4, 2, 1])[0],
        problems.key: rng.sample(["o1", "o2", "o3", "o4", "o5", "o6"], rng.randint(1, 3)),
        "q4": rng.choices([1, 2, 3, 4, 5], weights=[3, 5, 4, 2, 1])[0],
        handrails.key: "o1" if elderly else "o2",
    }
    if elderly and rng.random() < 0.6:
        answers["q6"] = rng.choice(
            [
                "单元门口到院坝那几级台阶",
                "杏林院北侧步道，下雨特别滑",
                "去菜市场那段坡路",
                "晚上回家的路太黑",
            ]
        )
    order = ["o1", "o2", "o3", "o4"]
    rng.shuffle(order)
    if elderly:
        order.remove("o2")
        order.insert(0, "o2")
    answers[rank.key] = order[: rng.randint(2, 4)]
    answers["q8"] = {r: rng.choice(["o1", "o2", "o3"]) for r in ["r1", "r2", "r3"]}
    if rng.random() < 0.25:
        answers["q9"] = rng.choice(
            [
                "希望施工时提前通知",
                "座椅要有靠背",
                "排水沟要经常清理",
                "Please put up signs in English too",
            ]
        )
    return answers


def _answer_many(
    ctx: DemoContext,
    survey: Survey,
    use: Question,
    problems: Question,
    handrails: Question,
    rank: Question,
) -> None:
    rng = ctx.rng
    assert ctx.leader.user is not None
    members = [
        m
        for m in ctx.members["yinxing"]
        if m.status == Member.Status.VERIFIED
        and m.household_id
        and m.user_id
        and m.pk != ctx.resident.pk
    ]
    for member in members[:55]:
        area = member.household.area if member.household else None
        services.submit(
            member.user,
            survey,
            _answers(rng, survey, area, use, problems, handrails, rank),
            language=rng.choice(["zh-hans", "zh-hans", "en"]),
        )
    # Paper forms brought to the office, and answers taken at the door by the courtyard leader.
    for number in range(1, 19):
        channel = Channel.PAPER if number % 3 else Channel.DOOR_TO_DOOR
        services.enter_on_paper(
            ctx.leader.user,
            survey,
            _answers(rng, survey, None, use, problems, handrails, rank),
            channel=channel,
            paper_ref=f"HS-{number:03d}",
            confirmed_duplicate=True,
        )


def _meal_point(ctx: DemoContext) -> None:
    project = Project.objects.filter(community=ctx.main, title__startswith="长者助餐点").first()
    now = timezone.now()
    # Open from two months ago to a month ago; results published five days after it closed.
    with ctx.clock(now - timedelta(days=62)):
        survey = _meal_point_survey(ctx, project, now)
    rng = ctx.rng
    elderly = [
        m for m in ctx.members["yinxing"] if m.status == Member.Status.VERIFIED and m.user_id
    ][55:95]
    for n, member in enumerate(elderly):
        answers: dict[str, Any] = {
            "q1": rng.choices(["o1", "o2", "o3", "o4"], weights=[2, 4, 5, 3])[0],
            "q2": rng.choice([8, 10, 10, 12, 12, 15, 15, 20]),
        }
        if rng.random() < 0.3:
            answers["q3"] = rng.choice(
                ["饭菜要软一点", "希望能送餐上门", "离家近最重要", "有没有清真餐"]
            )
        with ctx.clock(now - timedelta(days=58 - (25 * n) // len(elderly))):
            services.submit(member.user, survey, answers)
    assert ctx.organiser.user is not None
    with ctx.clock(now - timedelta(days=25)):
        services.publish_results(ctx.organiser.user, survey, free_text=False)


def _meal_point_survey(ctx: DemoContext, project: Project | None, now: Any) -> Survey:
    survey = _survey(
        ctx,
        ctx.main,
        _t("长者助餐需求调查", "Meals for older neighbours: what do you need?"),
        intro=_t(
            "为长者助餐点选址和定价做准备。",
            "To help choose where the meal point goes and what it costs.",
        ),
        mode=Survey.Mode.IDENTIFIED,
        project=project,
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
    )
    section = survey.sections.get()
    lunch = _question(
        ctx,
        survey,
        section,
        "single",
        _t("您每周有几天需要助餐？", "How many days a week would you use the meal point?"),
        [
            _t("0天", "None"),
            _t("1-2天", "1-2 days"),
            _t("3-5天", "3-5 days"),
            _t("每天", "Every day"),
        ],
        required=True,
    )
    _question(
        ctx,
        survey,
        section,
        "number",
        _t("一餐您能接受的价格（元）", "What price per meal is acceptable to you (yuan)?"),
        min_value=0,
        max_value=50,
    )
    _question(
        ctx,
        survey,
        section,
        "long_text",
        _t("对助餐点还有什么建议？", "Other suggestions for the meal point?"),
    )
    assert ctx.organiser.user is not None
    services.publish(ctx.organiser.user, survey)
    assert lunch.key == "q1"
    return survey


def _sharing_draft(ctx: DemoContext) -> None:
    survey = _survey(
        ctx,
        ctx.sharing,
        _t("邻里共享：您愿意借出什么？", "Neighbour sharing: what would you lend?"),
        mode=Survey.Mode.OPEN,
        languages=["zh-hans"],
    )
    section = survey.sections.get()
    _question(
        ctx,
        survey,
        section,
        "multiple",
        {"zh-hans": "您家有哪些闲置物品愿意借给邻居？"},
        [
            {"zh-hans": "工具（电钻、梯子）"},
            {"zh-hans": "厨具"},
            {"zh-hans": "儿童用品"},
            {"zh-hans": "图书"},
            {"zh-hans": "户外用品"},
        ],
    )


def load(ctx: DemoContext) -> None:
    _courtyard_grounds(ctx)
    _meal_point(ctx)
    _sharing_draft(ctx)
