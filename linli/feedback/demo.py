"""A month of feedback in 银杏社区, true to seed 003's "零散反馈 -> 集中反馈": reports that came
online, on the hotline, at home visits, at a 坝坝会 and through team leaders, grouped into
collective items. 梧桐院's rain water pooling is 14 reports from 9 households, routed to the
property company and still open; 槐树院's broken street lights and 桂花院's rubbish collection were
answered and closed with report-backs; 锦绣苑's electric-bike charging became a proposal; an
安居苑 item is late; a 石榴院 item is new. Every report goes through the module's commands, so the
ledger holds a "consulted" row for each resident; each step runs on its own day of the past month
(the demo moves the clock), so no date is edited afterwards."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.core.demo import DemoContext
from linli.core.models import Community, Member, Place

from . import services
from .models import Category, Channel, Item, Report, Responsible

RAIN = [
    "梧桐院2栋门口一下雨就积水，老人出门要蹚水。",
    "下雨后院坝积水排不出去，好几天都不干。",
    "雨水排不出去，院坝积水很深，孩子上学鞋都湿了。",
    "院坝积水，蚊子多，晚上没法在院子里乘凉。",
    "一下大雨院坝就积水，积水到脚踝。",
    "下雨积水，1栋和2栋之间的路走不了。",
    "院坝积水的地方青苔很滑，上周有老人摔了一跤。",
    "下雨积水，雨水漫到一楼门口了。",
    "院坝积水好多年了，下水口太小。",
    "积水把自行车棚泡了，下雨天推车很难。",
    "下雨后院坝积水发臭。",
    "积水的问题请物业来看看下水口，雨水排不走。",
    "坝坝会上大家都说下雨积水的事，希望尽快解决。",
    "院坝积水，轮椅过不去，下雨天只能在家。",
]
# How each report came (the leader reports online).
RAIN_CHANNELS = [
    Channel.ONLINE,
    Channel.PHONE,
    Channel.HOME_VISIT,
    Channel.YARD_MEETING,
    Channel.YARD_MEETING,
    Channel.YARD_MEETING,
    Channel.TEAM_LEADER,
    Channel.PHONE,
    Channel.HOME_VISIT,
    Channel.PHONE,
    Channel.YARD_MEETING,
    Channel.TEAM_LEADER,
    Channel.YARD_MEETING,
    Channel.HOME_VISIT,
]

LIGHTS = [
    "槐树院3栋楼下的路灯坏了，晚上很黑。",
    "路灯坏了快两周，晚上回家看不见路。",
    "3栋旁边路灯不亮，担心有人摔倒。",
]
RUBBISH = [
    "桂花院的垃圾桶满了没人清运，味道很大。",
    "垃圾清运不及时，垃圾桶旁边堆满了袋子。",
    "垃圾桶满了，野猫把垃圾翻得到处都是。",
    "希望垃圾清运改成每天两次。",
]
CHARGING = [
    "锦绣苑电动车没地方充电，有人从楼上拉线充电，很危险。",
    "电动车充电桩太少，晚上排不上队。",
    "楼道里有人给电动车充电，消防隐患。",
    "建议在车棚加装电动车充电桩。",
    "电动车充电桩不够用，能不能多装几个？",
]


def _residents(community: Community, area: str, n: int) -> list[Member]:
    """One member from each of the first ``n`` households of the courtyard that has one."""
    chosen: dict[int, Member] = {}
    for member in (
        Member.objects.filter(community=community, household__area__name=area)
        .select_related("household")
        .order_by("household_id", "pk")
    ):
        chosen.setdefault(member.household_id, member)  # type: ignore[arg-type]
        if len(chosen) == n:
            break
    return list(chosen.values())


def _wutong_people(community: Community, leader: Member) -> list[list[Member]]:
    """Nine 梧桐院 households as lists of their members: the leader's first, then five with two
    or more members, then any; the leader leads their household's list."""
    groups: dict[int, list[Member]] = {}
    for member in Member.objects.filter(
        community=community, household__area__name="梧桐院"
    ).order_by("household_id", "pk"):
        groups.setdefault(member.household_id or 0, []).append(member)
    own = groups.pop(leader.household_id or 0, [])
    own = [leader, *[m for m in own if m.pk != leader.pk]]
    pairs = [g for g in groups.values() if len(g) >= 2]
    singles = [g for g in groups.values() if len(g) == 1]
    return [own, *pairs, *singles][:9]


def _area(community: Community, name: str) -> Place:
    return Place.objects.get(community=community, name=name, parent=None)


def _enter(
    ctx: DemoContext,
    member: Member,
    text: str,
    category: str,
    place: Place,
    channel: str = Channel.PHONE,
    days_ago: float = 0,
) -> Report:
    """A report as it came in, ``days_ago`` days ago (the demo moves the clock there)."""
    data = services.ReportInput(category=category, text=text, place=place)
    with ctx.clock(timezone.now() - timedelta(days=days_ago)):
        if channel == Channel.ONLINE and member.user is not None:
            return services.report(member.user, member.community, data).report
        return services.enter_report(
            ctx.staff, member.community, data, channel=channel, member=member
        ).report


def _batch(
    ctx: DemoContext,
    texts: list[str],
    members: list[Member],
    category: str,
    place: Place,
    start_days_ago: int,
    channel: str = Channel.PHONE,
) -> Item:
    reports = [
        _enter(
            ctx,
            members[i % len(members)],
            text,
            category,
            place,
            channel,
            days_ago=start_days_ago - i * 1.5,
        )
        for i, text in enumerate(texts)
    ]
    return reports[0].item


def _day(ctx: DemoContext, days_ago: float) -> str:
    """A day of the past month as a notice says it: 11月28日 (counted from the real today)."""
    day = timezone.localdate(ctx.now) - timedelta(days=days_ago)
    return f"{day.month}月{day.day}日"


def load(ctx: DemoContext) -> None:
    community = ctx.main
    staff = ctx.staff
    wutong = _area(community, "梧桐院")
    now = timezone.now()

    def ago(days: float):  # type: ignore[no-untyped-def]
        return ctx.clock(now - timedelta(days=days))

    # 梧桐院: 14 reports from 9 households; the leader reports online, the rest came offline.
    # Five households spoke twice, through two different people (a call, then the 坝坝会).
    people = _wutong_people(community, ctx.leader)
    seconds = [group[1] for group in people if len(group) >= 2][:5]
    reporters = [group[0] for group in people] + seconds
    reports = [
        _enter(ctx, reporters[i], text, Category.DRAINAGE, wutong, RAIN_CHANNELS[i], 30 - i * 2)
        for i, text in enumerate(RAIN)
    ]
    rain = reports[0].item
    if ctx.resident.user is not None:  # a neighbour from 槐树院 who walks through every day
        with ago(3):
            services.me_too(ctx.resident.user, rain)
    with ago(2):
        services.route(
            staff,
            rain,
            Responsible.PROPERTY,
            name="物业公司工程部",
            title="梧桐院下雨后院坝积水",
        )

    # 槐树院 street lights: routed to the property company, answered, closed with a report-back.
    lights = _batch(
        ctx,
        LIGHTS,
        _residents(community, "槐树院", 3),
        Category.SAFETY,
        _area(community, "槐树院"),
        26,
    )
    with ago(22):
        services.route(staff, lights, Responsible.PROPERTY, title="槐树院3栋路灯不亮")
    with ago(21):
        services.answer(staff, lights, "物业已确认是线路老化，本周内更换线路和灯具。")
    with ago(19):
        services.close(
            staff,
            lights,
            f"{_day(ctx, 19)}物业更换了3栋旁的两盏路灯和一段线路，晚上已经亮了。谢谢三户邻居的反映。",
        )

    # 桂花院 rubbish: routed to the residents' committee, answered, closed.
    rubbish = _batch(
        ctx,
        RUBBISH,
        _residents(community, "桂花院", 4),
        Category.ENVIRONMENT,
        _area(community, "桂花院"),
        24,
        Channel.HOME_VISIT,
    )
    with ago(19):
        services.route(staff, rubbish, Responsible.COMMITTEE, name="居委会环境卫生组")
    with ago(18):
        services.answer(staff, rubbish, "居委会已和环卫所沟通，清运从每天一次改为早晚各一次。")
    with ago(15):
        services.close(
            staff,
            rubbish,
            f"从{_day(ctx, 16)}起桂花院垃圾早晚各清运一次，居委会每周抽查一次。垃圾桶旁加了一个大桶。",
        )

    # 锦绣苑 e-bike charging: routed to the street office and turned into a proposal.
    charging = _batch(
        ctx,
        CHARGING,
        _residents(community, "锦绣苑", 5),
        Category.SAFETY,
        _area(community, "锦绣苑"),
        20,
        Channel.YARD_MEETING,
    )
    with ago(13):
        services.route(staff, charging, Responsible.STREET, name="街道平安办")
    with ago(12):
        services.make_proposal(
            staff,
            charging,
            "锦绣苑车棚加装电动车充电桩",
            "五户居民在坝坝会上反映电动车充电难，有人从楼上拉线、在楼道充电，存在消防隐患。"
            "建议在锦绣苑车棚加装一组电动车充电桩，由物业管理，按次收费。",
        )

    # 安居苑 square-dancing noise: routed to the committee, its answer now four days late.
    noise = _batch(
        ctx,
        ["晚上广场舞音乐太响，十点还在跳。", "广场舞音乐太响，孩子没法写作业。"],
        _residents(community, "安居苑", 2),
        Category.NOISE,
        _area(community, "安居苑"),
        18,
        Channel.TEAM_LEADER,
    )
    late = timezone.localdate() - timedelta(days=4)
    with ago(16):
        services.route(staff, noise, Responsible.COMMITTEE, name="居委会", due_on=late)
    # Noise between neighbours is a matter for a convention: staff send it to the residents'
    # council by name, and it joins the agenda of the council's next meeting (governance's demo).
    with ago(1):
        services.send_to_agenda(staff, noise, "银杏社区居民议事会")

    # 石榴院: a new report from a team leader, not routed yet.
    _batch(
        ctx,
        ["石榴院2栋楼道扶手松了，老人上下楼不安全。"],
        _residents(community, "石榴院", 1),
        Category.REPAIRS,
        _area(community, "石榴院"),
        2,
        Channel.TEAM_LEADER,
    )
