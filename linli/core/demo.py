"""The demo: fictional communities true to the seed cases.

银杏社区 is like the community of seed 003 (five old courtyards, commercial estates and a
resettlement estate, several hundred households); 金桂社区 has one courtyard like seed 004's with 148
households. Every participation module adds its own examples: its AppConfig declares
``demo=Hook("linli.<app>.demo.load", order)``, loaded in that order.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from . import account_services, household_import, roster, services, site_admin
from .kit import modules
from .models import (
    Community,
    Demographics,
    Household,
    Member,
    Partner,
    Place,
    Role,
    User,
)

DEMO_PASSWORD = "linli-demo"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = [
    "秀英",
    "桂兰",
    "建国",
    "淑芬",
    "志强",
    "玉兰",
    "国华",
    "丽华",
    "春梅",
    "德明",
    "海燕",
    "文军",
    "小红",
    "晓东",
    "思雨",
    "子涵",
    "浩然",
    "欣怡",
    "雨桐",
    "宇航",
    "俊杰",
    "婷婷",
    "明辉",
    "翠花",
    "富贵",
    "金凤",
    "红霞",
    "永福",
    "嬢嬢",
    "成林",
    "佳怡",
    "一鸣",
    "梓萱",
    "诗琪",
    "天佑",
    "凤英",
]
TIBETAN_NAMES = ["扎西", "卓玛", "次仁", "央金", "旦增", "拉姆"]
ENGLISH_SPEAKERS = ["Emily Carter", "Daniel Moore", "Sofia Rossi"]


@dataclass
class DemoContext:
    rng: random.Random
    main: Community
    sharing: Community
    organiser: Member
    leader: Member
    resident: Member
    admin: User
    members: dict[str, list[Member]] = field(default_factory=dict)  # by community slug
    areas: dict[str, list[Place]] = field(default_factory=dict)  # by community slug
    now: Any = None

    @contextmanager
    def clock(self, when: datetime | date) -> Iterator[datetime]:
        """Run the services inside as if it were ``when`` (a date means 10:00 that day in
        Chengdu): the clock moves, so every row, ledger entry and audit line is dated by the
        services themselves, never back-dated afterwards. The clock ticks on from ``when``."""
        moment = demo_moment(when)
        with time_machine.travel(moment, tick=True):
            yield moment

    @property
    def staff(self) -> User:
        """The organiser's account: who acts in the commands the demo runs."""
        assert self.organiser.user is not None
        return self.organiser.user


# (community, days ago, title, body, pinned)
NOTICES = [
    (
        "yinxing",
        10,
        "第二届院落微更新评审开始报名",
        "各院落和商品房小区的居民团队都可以申报微更新项目，申报需要至少 3 户邻居签名支持。评审会已经商定了评分标准，欢迎居民骨干组织报名。",
        True,
    ),
    (
        "yinxing",
        10,
        "本月坝坝会时间",
        "每个院落本月第一个周六下午三点在院坝开会，讨论院落环境改善。行动不便的邻居可以电话告诉我们您的意见。",
        False,
    ),
    (
        "jingui",
        5,
        "闲置物品共享平台一周年",
        "展板上已经登记了 800 件物品，148 户中有 113 户参与。谢谢每一位愿意借出的邻居！",
        True,
    ),
]


def account(member: Member) -> User:
    """A resident's own account, for a command they run themselves (casting a ballot, supporting
    a proposal); the demo picks only residents who have one."""
    if member.user is None:
        raise ValueError(f"{member.name} has no account to act with")
    return member.user


CHENGDU = ZoneInfo("Asia/Shanghai")


def demo_moment(when: datetime | date, hour: int = 10) -> datetime:
    """An aware moment: a date means ``hour`` o'clock that day in Chengdu."""
    if isinstance(when, datetime):
        return when if when.tzinfo else when.replace(tzinfo=CHENGDU)
    return datetime.combine(when, time(hour), tzinfo=CHENGDU)


def founded(now: datetime) -> date:
    """The day the demo communities went online: September two years ago, before the first
    contest (April last year) and the first participatory budget, so nothing predates them."""
    return date(now.year - 2, 9, 1)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _build_area(
    actor: User,
    community: Community,
    name: str,
    area_type: str,
    buildings: int,
    units: int,
    floors: int,
    per_floor: int,
) -> list[Place]:
    """An estate's register of flats, imported by the organiser (empty flats too)."""
    return roster.import_addresses(
        actor,
        community,
        [
            [name, f"{b}栋", f"{u}单元", f"{f}{d:02d}"]
            for b in range(1, buildings + 1)
            for u in range(1, units + 1)
            for f in range(1, floors + 1)
            for d in range(1, per_floor + 1)
        ],
        area_type,
    )


def _households(
    actor: User,
    community: Community,
    flats: list[Place],
    area: Place,
    rng: random.Random,
    share: float,
) -> list[Household]:
    """The household register of one estate, imported by the organiser from the spreadsheet the
    community keeps (the same preview and import staff use)."""
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["area", "building", "unit", "flat", "size", "contact", "phone"])
    chosen = []
    for flat in flats:
        if rng.random() > share:
            continue  # an empty or unregistered flat
        unit = flat.parent
        assert unit is not None and unit.parent is not None
        size = rng.choice([1, 2, 2, 3, 3, 3, 4, 5])
        name = _name(rng)
        phone = f"13{rng.randint(100000000, 999999999)}"
        writer.writerow([area.name, unit.parent.name, unit.name, flat.name, size, name, phone])
        chosen.append(flat.pk)
    upload = io.BytesIO(table.getvalue().encode())
    result = household_import.preview(community, upload, "households.csv")
    household_import.apply(actor, community, result)
    by_flat = {h.flat_id: h for h in Household.objects.filter(flat__in=chosen)}
    return [by_flat[pk] for pk in chosen]


def _age_band(rng: random.Random, area_type: str) -> str:
    # Old courtyards are older: most residents there are retired.
    if area_type == Place.AreaType.OLD_COURTYARD:
        weights = [2, 6, 10, 18, 34, 30]
    elif area_type == Place.AreaType.RESETTLEMENT:
        weights = [4, 14, 20, 26, 24, 12]
    else:
        weights = [4, 26, 34, 20, 12, 4]
    bands = ["u18", "18-29", "30-44", "45-59", "60-74", "75+"]
    return rng.choices(bands, weights)[0]


def _residents(
    actor: User,
    community: Community,
    households: list[Household],
    area_type: str,
    rng: random.Random,
) -> list[Member]:
    """One to three recorded residents per household; some with accounts, some without: the
    roster the organiser imports."""
    people: list[dict[str, Any]] = []
    for household in households:
        if rng.random() < 0.25:  # a quarter of households have not joined at all yet
            continue
        for _i in range(min(household.size, rng.choice([1, 1, 2, 2, 3]))):
            tibetan = rng.random() < 0.03
            name = rng.choice(TIBETAN_NAMES) if tibetan else _name(rng)
            has_account = rng.random() < (
                0.35 if area_type == Place.AreaType.OLD_COURTYARD else 0.7
            )
            people.append(
                {"household": household, "name": name, "tibetan": tibetan, "account": has_account}
            )
    rows = [roster.Resident(household=p["household"], name=p["name"]) for p in people]
    for person, row in zip(people, rows, strict=True):
        if person["account"]:
            row.phone = f"15{rng.randint(100000000, 999999999)}"
    for person, row in zip(people, rows, strict=True):
        if rng.random() < 0.75:  # most, not all, answer the optional questions
            languages = ["zh", "sichuanese"] if rng.random() < 0.6 else ["zh"]
            if person["tibetan"]:
                languages = ["bo", "zh"]
            row.answers = {
                "age_band": _age_band(rng, area_type),
                "gender": rng.choice(["woman", "woman", "man", "man", ""]),
                "languages": languages,
                "disabilities": ["mobility"] if rng.random() < 0.08 else [],
                "housing_type": area_type
                if area_type in Demographics.HousingType.values
                else "other",
                "tenure": rng.choices(["owner", "tenant", "family"], [6, 3, 1])[0],
            }
    return roster.import_roster(actor, community, rows)


def _account(email: str, name: str, phone: str = "") -> User:
    """A demo account with the documented password, signed up as anyone signs up."""
    return services.create_account(
        name=name, email=email, phone=phone, password=DEMO_PASSWORD, language="zh-hans"
    )


def _community(**fields: Any) -> Community:
    """A demo community in Chengdu, in the three languages, set up from the command line."""
    return site_admin.create_community(
        None,
        city="成都市",
        timezone="Asia/Shanghai",
        languages=["zh-hans", "zh-hant", "en"],
        **fields,
    )


PARTNERS = [
    ("yinxing", "西华大学", "university", "美术学院学生和老师帮助院落彩绘墙面。"),
    ("yinxing", "银杏酒店管理学院", "university", "志愿者参与院落美化，提供培训场地。"),
    ("yinxing", "行益社会工作服务中心", "ngo", "社工驻点，培育院落骨干，陪伴评审会运作。"),
    ("yinxing", "银杏路周边商家联盟", "business", "提供油漆、花苗和活动奖品。"),
    ("jingui", "爱达迅社会工作服务中心", "ngo", "运营儿童活动中心和闲置物品共享平台。"),
]


def load_demo(seed: int = 2020) -> str:
    rng = random.Random(seed)
    real_now = timezone.now()
    # The communities, their people and accounts exist from the day the demo went online;
    # each module then moves the clock through its own story up to today.
    with time_machine.travel(demo_moment(founded(real_now)), tick=True):
        main = _community(
            name="银杏社区",
            slug="yinxing",
            district="郫都区",
            description="由村改居而来的社区：五个老旧院落、三个商品房小区和一个安置小区。我们一起把院落变得更美。",
            office_address="银杏社区党群服务中心，银杏路 18 号",
            office_phone="028-8765 4321",
            office_hours="周一至周五 9:00-12:00、14:00-17:30；周六上午",
            offline_participation=(
                "不方便上网？到社区党群服务中心领取纸质问卷和选票，填好投进门口的意见箱；"
                "或打电话给社区，工作人员会代您登记。每月第一个周六下午在各院落开坝坝会。"
            ),
        )
        sharing = _community(
            name="金桂社区",
            slug="jingui",
            district="武侯区",
            description="金桂苑的邻居们在门口的展板上登记可以外借的闲置物品，互相借用。",
            office_address="金桂苑门口居民活动室",
            office_phone="028-8555 1234",
            office_hours="每天 9:00-18:00",
            offline_participation="在小区门口的展板上按单元找到每户的格子；想借东西，可以直接敲门，或到活动室登记。",
        )
        # The social worker who runs the platform, appointed in both communities from the command
        # line; she imports each estate's register of flats, its households and its residents.
        organiser_user = _account("organiser@example.org", "周敏(社工)", "13900000001")
        organiser, _in_jingui = (
            site_admin.appoint(None, community, email="organiser@example.org", role=Role.ORGANISER)[
                0
            ]
            for community in (main, sharing)
        )
        areas_spec = [
            ("梧桐院", "old_courtyard", 3, 2, 4, 2, 0.9),
            ("槐树院", "old_courtyard", 2, 2, 5, 2, 0.9),
            ("桂花院", "old_courtyard", 3, 1, 5, 2, 0.85),
            ("石榴院", "old_courtyard", 2, 2, 4, 2, 0.9),
            ("杏林院", "old_courtyard", 2, 2, 4, 2, 0.85),
            ("锦绣苑", "commercial", 2, 2, 11, 2, 0.7),
            ("橡树湾", "commercial", 2, 2, 11, 2, 0.7),
            ("翠湖居", "commercial", 2, 1, 12, 2, 0.65),
            ("安居苑", "resettlement", 3, 2, 6, 2, 0.9),
        ]
        members_main: list[Member] = []
        areas_main: list[Place] = []
        for name, area_type, buildings, units, floors, per_floor, share in areas_spec:
            flats = _build_area(
                organiser_user, main, name, area_type, buildings, units, floors, per_floor
            )
            area = Place.objects.get(community=main, name=name, parent=None)
            areas_main.append(area)
            households = _households(organiser_user, main, flats, area, rng, share)
            members_main.extend(_residents(organiser_user, main, households, area_type, rng))
        # 金桂苑: 148 households in 6 buildings, as in seed 004.
        flats = _build_area(organiser_user, sharing, "金桂苑", "commercial", 6, 2, 7, 2)
        area_jingui = Place.objects.get(community=sharing, name="金桂苑", parent=None)
        households = _households(organiser_user, sharing, flats[:148], area_jingui, rng, 1.0)
        members_jingui = _residents(organiser_user, sharing, households, "commercial", rng)

        # Demo accounts with the documented password: the leader and the resident joined with
        # their household's letter; the site administrator made the community's own
        # administrator (who has no account) and its courtyard leaders.
        wutong = Household.objects.filter(area__name="梧桐院").order_by("pk")
        huaishu = Household.objects.filter(area__name="槐树院").order_by("pk")
        leader_user = _account("leader@example.org", "罗桂兰", "13900000002")
        resident_user = _account("resident@example.org", "陈建国", "13900000003")
        admin = User.objects.create_superuser(  # what `linli createsuperuser` does
            "admin@example.org", DEMO_PASSWORD, name="系统管理员"
        )
        services.record_resident(admin, main, name="李书记", role=Role.COMMUNITY_ADMIN)
        leader = services.join_with_code(leader_user, wutong[0].invitation_code)
        leader = services.set_role(admin, leader, Role.LEADER)
        resident = services.join_with_code(resident_user, huaishu[1].invitation_code)
        for member, gender, languages, tenure in [
            (leader, "woman", ["zh", "sichuanese"], "owner"),
            (resident, "man", ["zh"], "tenant"),
        ]:
            account_services.save_demographics(
                account(member),
                member,
                Demographics(
                    age_band="60-74",
                    gender=gender,
                    languages=languages,
                    housing_type="old_courtyard",
                    tenure=tenure,
                ),
            )
        # Resident leaders of each old courtyard (seed 003: a team of leaders grew in every courtyard).
        for area in areas_main[:5]:
            for m in [
                m
                for m in members_main
                if m.household and m.household.area_id == area.pk and m.user_id
            ][:2]:
                services.set_role(admin, m, Role.LEADER)
        # English speakers, who joined with their household's letter, and people waiting for
        # approval.
        for name in ENGLISH_SPEAKERS:
            user = services.create_account(
                name=name,
                email=f"{name.split()[0].lower()}@example.net",
                phone="",
                password="",
                language="en",
            )
            home = rng.choice(list(Household.objects.filter(area__name="锦绣苑")))
            services.join_with_code(user, home.invitation_code)
        for name, note in [
            ("赵小红", "我住在桂花院 2栋 1单元 302，刚搬来租房。"),
            ("Tenzin Dolma", "安居苑 1栋 2单元 501"),
        ]:
            user = services.create_account(
                name=name,
                email="",
                phone=f"1370000{rng.randint(1000, 9999)}",
                password="",
                language="zh-hans",
            )
            services.request_to_join(user, main, note=note)
        for slug, name, kind, contribution in PARTNERS:
            services.add_partner(
                organiser_user,
                main if slug == "yinxing" else sharing,
                Partner(name=name, kind=kind, contribution=contribution),
            )
    context = DemoContext(
        rng=rng,
        main=main,
        sharing=sharing,
        organiser=organiser,
        leader=leader,
        resident=resident,
        admin=admin,
        members={"yinxing": members_main, "jingui": members_jingui},
        areas={"yinxing": areas_main, "jingui": [area_jingui]},
        now=real_now,
    )
    # The notices are published by the organiser on their day (the contest opened ten days ago).
    for community, days, title, body, pinned in NOTICES:
        with context.clock(real_now - timedelta(days=days)):
            services.publish_notice(
                organiser_user, main if community == "yinxing" else sharing, title, body, pinned
            )
    for load in modules.functions("demo"):
        load(context)
    return (
        f"{Community.objects.count()} communities, {Household.objects.count()} households, "
        f"{Member.objects.count()} members"
    )
