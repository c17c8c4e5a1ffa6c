"""Demo projects true to the seeds.

银杏社区 (seed 003): last year's courtyard beautification - briefings (宣讲会) in the five old
courtyards, home visits (入户走访), a site visit (参访), courtyard meetings (坝坝会), the review
board and the contest - closed, with report-backs and lessons; this year's second round for the
courtyard grounds, open and in its consultation phase, with an equity plan partly done; a project
still being planned. 金桂社区 (seed 004): the item-sharing board at the gate, being carried out.

Ledger rows are written with the project set, so the report-backs reach real people.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from linli.core.demo import DemoContext
from linli.core.models import Community, Member, Partner, Place
from linli.participation.models import Channel, Depth
from linli.participation.services import record

from . import services
from .models import EquityItem, Level, Phase, Project, ReportBack

Topic = EquityItem.Topic
State = EquityItem.State


def _project(
    ctx: DemoContext,
    community: Community,
    areas: list[Place],
    partners: list[str],
    **fields: Any,
) -> Project:
    user = ctx.staff
    fields.setdefault("lead", Member.objects.get(community=community, user=user))
    return services.create_project(
        user,
        community,
        fields,
        areas,
        list(Partner.objects.filter(community=community, name__in=partners)),
    )


def _phases(
    ctx: DemoContext, project: Project, rows: list[tuple[str, str, date, date, str]]
) -> list[Phase]:
    return services.save_phases(
        ctx.staff,
        project,
        [
            services.PhaseInput(kind=kind, name=name, starts_on=s, ends_on=e, description=d)
            for kind, name, s, e, d in rows
        ],
    )


def _take_part(
    ctx: DemoContext,
    project: Project,
    phase: Phase,
    people: list[Member],
    *,
    method: str,
    channel: str,
    depth: int,
) -> None:
    """Record people's part in a phase, dated inside it."""
    span = max((phase.ends_on - phase.starts_on).days, 0)
    zone = timezone.get_current_timezone()
    for member in people:
        day = phase.starts_on + timedelta(days=ctx.rng.randint(0, span))
        when = datetime.combine(day, time(ctx.rng.choice([10, 15, 19])), tzinfo=zone)
        record(
            member,
            method=method,
            channel=channel,
            depth=depth,
            source=("engagement.phase", phase.pk),
            project=project,
            occurred_at=min(when, timezone.now()),
            recorded_by=ctx.staff,
        )


def _took_part(
    ctx: DemoContext, project: Project, rows: list[tuple[Phase, list[Member], str, str, int]]
) -> None:
    """Record each row's people in its phase: ``(phase, people, method, channel, depth)``."""
    for phase, people, method, channel, depth in rows:
        _take_part(ctx, project, phase, people, method=method, channel=channel, depth=depth)


def _report(
    ctx: DemoContext, project: Project, phase: Phase, heard: str, did: str, decided: str = ""
) -> ReportBack:
    published = datetime.combine(
        phase.ends_on + timedelta(days=3), time(10), tzinfo=timezone.get_current_timezone()
    )
    # published three days after its phase ended (the demo moves the clock there), or now
    with ctx.clock(min(published, ctx.now or timezone.now())):
        return services.save_report_back(
            ctx.staff,
            project,
            services.ReportInput(phase=phase, heard=heard, did=did, decided=decided),
            publish=True,
        )


def _in_areas(ctx: DemoContext, slug: str, names: set[str]) -> list[Member]:
    return [
        m for m in ctx.members[slug] if m.household is not None and m.household.area.name in names
    ]


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    old_names = {"梧桐院", "槐树院", "桂花院", "石榴院", "杏林院"}
    old_courtyards = [a for a in ctx.areas["yinxing"] if a.name in old_names]
    neighbours = _in_areas(ctx, "yinxing", old_names)
    leaders = [m for m in neighbours if m.role == "leader"] + [ctx.leader]
    rng.shuffle(neighbours)

    # 1. Closed: last year's courtyard beautification (seed 003, step by step), from January to
    # November, around the review board's first contest (reviews demo: March to October).
    start = date(today.year - 1, 1, 10)
    first = _project(
        ctx,
        ctx.main,
        old_courtyards,
        ["西华大学", "银杏酒店管理学院", "行益社会工作服务中心", "银杏路周边商家联盟"],
        title="老旧院落微更新：院落美化大赛",
        purpose="五个老旧院落环境老化，居民想参与却没有路径、反映问题渠道不畅。"
        "我们以院落美化为主题，和居民一起商量、一起决定、一起动手。",
        decision="哪些院落的美化方案获得资助、资助多少，由居民骨干组成的院落美化评审会按共同商定的标准评审决定。",
        level=Level.COLLABORATE,
        starts_on=start,
        ends_on=start + timedelta(days=290),
        stakeholder_groups="五个老旧院落的居民，特别是独居老人\n院落骨干和楼栋长\n社区党员\n商住小区的骨干\n院落周边商家",
        budget=Decimal("150000"),
        methods=[
            "briefings",
            "home_visits",
            "site_visits",
            "courtyard_meetings",
            "reviews",
            "volunteering",
        ],
    )
    p = _phases(
        ctx,
        first,
        [
            (
                Phase.Kind.PUBLICISE,
                "五个院落的宣讲会",
                start,
                start + timedelta(days=20),
                "在梧桐院、槐树院、桂花院、石榴院、杏林院各开一场宣讲会，介绍社工和院落打造项目，回答居民的问题。",
            ),
            (
                Phase.Kind.VISIT,
                "入户走访",
                start + timedelta(days=21),
                start + timedelta(days=60),
                "社工上门走访，说明社工身份，理清院落遗留问题由谁负责，找到愿意出力的院落骨干。",
            ),
            (
                Phase.Kind.OTHER,
                "参访优秀院落",
                start + timedelta(days=61),
                start + timedelta(days=75),
                "通过走访和电话邀请院落骨干，一起去温江、青羊的优秀老旧院落参观。",
            ),
            (
                Phase.Kind.CONSULT,
                "组建评审会和坝坝会",
                start + timedelta(days=76),
                start + timedelta(days=130),
                "院落美化评审会商定大赛规则、申报时间和标准；在各院落开坝坝会，共商美化行动和分工。",
            ),
            (
                Phase.Kind.DECIDE,
                "评审会立项评审",
                start + timedelta(days=131),
                start + timedelta(days=150),
                "评审会成员按共同制定的标准为各院落的方案打分，结果公示。",
            ),
            (
                Phase.Kind.IMPLEMENT,
                "院落打造",
                start + timedelta(days=151),
                start + timedelta(days=260),
                "护卫队、墙绘队和高校志愿者一起动手。",
            ),
            (
                Phase.Kind.REPORT_BACK,
                "验收、展示与颁奖",
                start + timedelta(days=261),
                start + timedelta(days=290),
                "评审会验收打造效果，在院落和微信群展示前后对比照片，举行颁奖仪式。",
            ),
        ],
    )
    services.save_equity_plan(
        ctx.staff,
        first,
        {
            Topic.LANGUAGES: (
                State.DONE,
                "宣讲和坝坝会用四川话；海报用大字；几户藏族家庭由会说藏语的骨干上门解释。",
            ),
            Topic.ACCESS: (
                State.DONE,
                "宣讲会都在院坝里开，不用上楼；行动不便的老人由社工上门听意见。",
            ),
            Topic.SUPPORT: (State.DONE, "坝坝会准备茶水；参访包车接送；骨干培训提供午餐。"),
            Topic.TIMES: (State.DONE, "宣讲会安排在周六下午和工作日晚上七点各一场。"),
            Topic.LEFT_OUT: (
                State.DONE,
                "大部分居民没接触过社工，独居老人和租户很少出门：宣讲会后逐户走访，电话邀请。",
            ),
            Topic.TRUST: (
                State.DONE,
                "院落有多年遗留矛盾，居民对“又来搞项目”有顾虑：先澄清社工身份和责任主体，只承诺能做到的事。",
            ),
        },
    )
    services.open_project(ctx.staff, first)
    briefing, visits, site_visit, meetings, decide, build, show = p
    _took_part(
        ctx,
        first,
        [
            (briefing, neighbours[:90], "meeting", Channel.IN_PERSON, Depth.INFORMED),
            (briefing, [ctx.leader, ctx.resident], "meeting", Channel.IN_PERSON, Depth.INFORMED),
            (
                visits,
                [*neighbours[40:100], ctx.resident],
                "other",
                Channel.DOOR_TO_DOOR,
                Depth.CONSULTED,
            ),
            (site_visit, leaders[:12], "training", Channel.IN_PERSON, Depth.INVOLVED),
            (
                meetings,
                [*neighbours[:45], ctx.leader],
                "meeting",
                Channel.IN_PERSON,
                Depth.INVOLVED,
            ),
            (decide, leaders[:10], "review", Channel.IN_PERSON, Depth.COLLABORATING),
            (
                build,
                [*neighbours[:40], ctx.leader],
                "volunteering",
                Channel.IN_PERSON,
                Depth.COLLABORATING,
            ),
        ],
    )
    _report(
        ctx,
        first,
        briefing,
        "五场宣讲会共来了一百多位居民。大家最关心院坝积水、墙面脱落和晚上太黑；也有人问“钱从哪里来、谁说了算”，"
        "还有不少老人说以前提过意见没有下文。",
        "我们把每个院落提出的问题整理成清单贴在院落门口。对“谁说了算”，我们决定成立由居民骨干组成的评审会，"
        "而不是由社区直接定方案。接下来社工会逐户走访，听没来开会的邻居怎么说。",
    )
    _report(
        ctx,
        first,
        meetings,
        "坝坝会上，梧桐院和桂花院想做环境整治，槐树院想要墙绘，石榴院和杏林院的居民大多年纪大，担心出不了力。",
        "评审会商定了申报标准：以居民参与的广度和深度作为社区投入的衡量标准。人少、年纪大的院落由评审会牵线，"
        "请西华大学、银杏酒店管理学院的志愿者和周边商家一起帮忙。",
        decided="评审会由10人组成，确定了主席、副主席和申报时间，大赛规则由成员共同商定。",
    )
    _report(
        ctx,
        first,
        decide,
        "梧桐院、槐树院和桂花院提交了方案，石榴院和杏林院想先看看别人怎么做。有居民担心评审不公平，希望公开打分。",
        "评审会按公开的标准打分，结果在各院落公示七天；公示期间收到一条异议，评审会复核打分理由后维持原结果，并公开答复。",
        decided="三个院落的方案获奖立项：梧桐院环境整治、槐树院和桂花院墙绘；石榴院和杏林院由高校志愿者帮忙做花台绿化。",
    )
    _report(
        ctx,
        first,
        show,
        "验收时居民说院坝干净了、墙面好看了，晚上也有人出来坐坐；也有人提出花台需要有人长期照料。",
        "评审会验收通过三个获奖院落，并在颁奖仪式上表彰了护卫队和墙绘队。花台的长期照料交给各院落的志愿者，"
        "社区每季度回访一次。",
        decided="三个获奖院落全部通过验收；花台由院落志愿者长期照料，社区每季度回访。",
    )
    with ctx.clock(start + timedelta(days=300)):
        services.close_project(
            ctx.staff,
            first,
            services.LessonInput(
                worked="宣讲会之后马上入户走访，找到了真正愿意出力的骨干；参访让骨干有了信心；"
                "评审会让“谁说了算”变得公开透明，居民从“说事者”变成“议事者”。",
                change="年纪大、人少的院落需要更早联系高校志愿者；只靠微信群通知会漏掉不用手机的老人，"
                "下次每一步都要同时贴海报、打电话。",
                again="with_changes",
                methods_again=[
                    "briefings",
                    "home_visits",
                    "site_visits",
                    "courtyard_meetings",
                    "reviews",
                ],
            ),
        )

    # 2. Open, in consultation: the courtyard grounds, with an equity plan partly done.
    start = today - timedelta(days=30)
    ground_names = {"槐树院", "石榴院", "杏林院"}
    grounds = _project(
        ctx,
        ctx.main,
        [a for a in old_courtyards if a.name in ground_names],
        ["西华大学", "行益社会工作服务中心"],
        title="院坝和步道改造：先听大家怎么说",
        purpose="去年院落美化之后，三个院落的居民提出院坝积水、步道不平、缺少座椅和扶手。"
        "今年的微更新资金先用在这里。",
        decision="三个院落的院坝和步道先改哪些、怎么改。",
        level=Level.CONSULT,
        starts_on=start,
        ends_on=start + timedelta(days=150),
        stakeholder_groups="槐树院、石榴院、杏林院的居民\n行动不便的老人和他们的照护者\n带小孩的家庭\n租户",
        budget=Decimal("80000"),
        methods=["briefings", "home_visits", "courtyard_meetings", "surveys", "votes"],
    )
    q = _phases(
        ctx,
        grounds,
        [
            (
                Phase.Kind.PUBLICISE,
                "三个院落的宣讲会",
                start,
                start + timedelta(days=10),
                "说明资金、时间和大家可以怎样参与。",
            ),
            (
                Phase.Kind.VISIT,
                "入户走访",
                start + timedelta(days=5),
                start + timedelta(days=25),
                "上门听行动不便的邻居怎么说，也请租户一起参与。",
            ),
            (
                Phase.Kind.CONSULT,
                "意见征集和坝坝会",
                start + timedelta(days=20),
                start + timedelta(days=50),
                "在每个院落开坝坝会，也可以填纸质或网上问卷，或打电话告诉社区。",
            ),
            (
                Phase.Kind.DECIDE,
                "居民表决先做哪一项",
                start + timedelta(days=51),
                start + timedelta(days=65),
                "把大家的意见整理成几个方案，由三个院落的居民投票。",
            ),
            (
                Phase.Kind.IMPLEMENT,
                "施工",
                start + timedelta(days=66),
                start + timedelta(days=135),
                "",
            ),
            (
                Phase.Kind.REPORT_BACK,
                "验收和反馈",
                start + timedelta(days=136),
                start + timedelta(days=150),
                "",
            ),
        ],
    )
    services.save_equity_plan(
        ctx.staff,
        grounds,
        {
            Topic.LANGUAGES: (
                State.DONE,
                "海报和问卷用大字简体，另备繁体和英文版；坝坝会用四川话，社工现场帮读问卷。",
            ),
            Topic.ACCESS: (
                State.DONE,
                "坝坝会在院坝平地开，备椅子；不方便出门的老人可打电话或请社工上门填写。",
            ),
            Topic.SUPPORT: (State.NOT_YET, ""),
            Topic.TIMES: (
                State.DONE,
                "每个院落开两场：周六下午三点和周三晚上七点。问卷开放一个月。",
            ),
            Topic.LEFT_OUT: (State.NOT_YET, "租户和年轻上班族很少来开会——还在想办法。"),
            Topic.TRUST: (
                State.DONE,
                "去年有居民担心评审不公平：这次意见汇总和方案都在院落门口公示。",
            ),
        },
    )
    services.open_project(
        ctx.staff,
        grounds,
        reason="坝坝会的时间已经通知到各院落，不能推迟；托育和接送下周与西华大学志愿者商定，租户的联系方式正在整理。",
    )
    ground_people = [*_in_areas(ctx, "yinxing", ground_names), ctx.resident]
    rng.shuffle(ground_people)
    _took_part(
        ctx,
        grounds,
        [
            (q[0], ground_people[:50], "meeting", Channel.IN_PERSON, Depth.INFORMED),
            (q[1], ground_people[30:60], "other", Channel.DOOR_TO_DOOR, Depth.CONSULTED),
            (q[2], ground_people[:20], "meeting", Channel.IN_PERSON, Depth.INVOLVED),
        ],
    )
    _report(
        ctx,
        grounds,
        q[0],
        "三场宣讲会来了五十多位居民。大家说得最多的是下雨院坝积水、步道太滑，老人希望有座椅和扶手；"
        "带孩子的家长问能不能留一块空地给孩子玩。",
        "我们把这些都列进了意见征集的问卷和坝坝会的议题。为了让上班的邻居也能参加，每个院落加开一场晚上的坝坝会。",
    )

    # 3. Planning: a meal point for older residents; the plan is just started.
    start = today + timedelta(days=30)
    planning = _project(
        ctx,
        ctx.main,
        [a for a in ctx.areas["yinxing"] if a.name in {"安居苑", "梧桐院"}],
        ["银杏酒店管理学院"],
        title="长者助餐点选在哪里",
        purpose="独居和高龄老人吃饭难。社区准备设一个长者助餐点，先听老人和家属的意见。",
        decision="助餐点设在安居苑活动室还是梧桐院旁的社区用房，以及供餐时间。",
        level=Level.INVOLVE,
        starts_on=start,
        ends_on=start + timedelta(days=90),
        stakeholder_groups="独居和高龄老人\n老人的家属和照护者\n安居苑的居民",
        methods=["home_visits", "surveys", "meetings"],
    )
    _phases(
        ctx,
        planning,
        [
            (Phase.Kind.VISIT, "走访独居老人", start, start + timedelta(days=30), ""),
            (
                Phase.Kind.CONSULT,
                "老人和家属座谈",
                start + timedelta(days=31),
                start + timedelta(days=60),
                "",
            ),
            (
                Phase.Kind.DECIDE,
                "确定选址",
                start + timedelta(days=61),
                start + timedelta(days=90),
                "",
            ),
        ],
    )
    services.save_equity_plan(
        ctx.staff,
        planning,
        {Topic.ACCESS: (State.DONE, "两处选址都要求无台阶；座谈会在一楼开。")},
    )

    # 4. 金桂社区 (seed 004): the item-sharing board at the gate, being carried out.
    jingui = ctx.sharing
    start = today - timedelta(days=120)
    board = _project(
        ctx,
        jingui,
        ctx.areas["jingui"],
        ["爱达迅社会工作服务中心"],
        title="闲置物品共享展板",
        purpose="前期调研发现不少居民想借用或置换闲置物品，只是不好意思开口。我们在小区门口设一块展板，让邻居互相借用。",
        decision="展板放在哪里、怎么登记、借东西有哪些规则，由参与的住户一起商定。",
        level=Level.COLLABORATE,
        starts_on=start,
        ends_on=start + timedelta(days=365),
        stakeholder_groups="金桂苑148户住户\n有小孩的家庭\n单元长",
        methods=["home_visits", "courtyard_meetings", "sharing", "notice_board"],
    )
    b = _phases(
        ctx,
        board,
        [
            (
                Phase.Kind.VISIT,
                "前期调研",
                start,
                start + timedelta(days=30),
                "敲门问问大家有什么可以借出、想借什么。",
            ),
            (
                Phase.Kind.CONSULT,
                "一起商定借用规则",
                start + timedelta(days=31),
                start + timedelta(days=60),
                "在活动室开会，商定展板格式、登记方式和归还规则。",
            ),
            (
                Phase.Kind.IMPLEMENT,
                "展板上线，邻居互借",
                start + timedelta(days=61),
                start + timedelta(days=330),
                "按单元把每户划成一个格子，列出可以外借的东西。",
            ),
            (
                Phase.Kind.REPORT_BACK,
                "一周年回顾",
                start + timedelta(days=331),
                start + timedelta(days=365),
                "",
            ),
        ],
    )
    services.save_equity_plan(
        ctx.staff,
        board,
        {
            Topic.LANGUAGES: (State.NOT_NEEDED, "住户都说普通话或四川话；展板用大字。"),
            Topic.ACCESS: (State.DONE, "展板在门口一楼；行动不便的住户可以请单元长代为登记。"),
            Topic.SUPPORT: (State.NOT_NEEDED, "活动在小区内，不需要交通或托育。"),
            Topic.TIMES: (State.DONE, "活动室每天开放到晚上六点，周末也开。"),
            Topic.LEFT_OUT: (State.DONE, "不用手机的老人：单元长逐户敲门登记。"),
            Topic.TRUST: (State.DONE, "邻居之间多不认识：先从借童书、玩具开始，由单元长牵线。"),
        },
    )
    services.open_project(ctx.staff, board)
    sharing_people = list(ctx.members["jingui"])
    rng.shuffle(sharing_people)
    _took_part(
        ctx,
        board,
        [
            (b[0], sharing_people[:110], "other", Channel.DOOR_TO_DOOR, Depth.CONSULTED),
            (b[1], sharing_people[:25], "meeting", Channel.IN_PERSON, Depth.INVOLVED),
        ],
    )
    _report(
        ctx,
        board,
        b[0],
        "一百多户住户开门和我们聊了。很多家庭有孩子长大后用不上的玩具和书，也有人愿意借出工具和烤箱；"
        "大家担心东西借出去弄坏了怎么办。",
        "我们请大家一起来商定借用规则：谁借谁负责，弄坏了商量着赔；贵重的东西由主人自己决定借不借。",
    )
    _report(
        ctx,
        board,
        b[1],
        "会上大家希望展板按单元排，一眼能找到邻居家；也有人不想公开门牌号。",
        "展板按单元划格子，每户一格，写门牌号方便邻居敲门；不想公开门牌号的住户可以只写一个称呼"
        "（比如“罗嬢嬢家”），邻居到活动室登记，由单元长转达。",
        decided="借用规则：谁借谁负责，七天内归还，弄坏了由双方商量。",
    )
