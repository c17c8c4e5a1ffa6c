"""Demo sharing true to seed 004: the idle-item board at the gate of 金桂苑, one box per household
by building and unit; 113 of its 148 households lend about 800 items (toys, books, tools, a
hammer, an oven...), 60+ loans over the months, a few loans under way, one overdue, one problem
mediated by the organiser, thank-you notes on boxes. In 银杏社区 梧桐院 a few households have
started a board too: 罗嬢嬢 lends picture books, as in the seed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from linli.core import account_services
from linli.core.demo import DEMO_PASSWORD, DemoContext, account
from linli.core.kit import Refused
from linli.core.models import Community, Household, Member

from . import services
from .models import Item, Loan, Problem
from .services import reminders

ZONE = ZoneInfo("Asia/Shanghai")

# Realistic things neighbours lend, by category (名称, 说明).
CATALOGUE: dict[str, list[str]] = {
    "tools": [
        "锤子",
        "电钻",
        "螺丝刀套装",
        "改刀",
        "梯子",
        "扳手",
        "卷尺",
        "老虎钳",
        "冲击钻",
        "水平仪",
        "热熔胶枪",
        "电烙铁",
        "手锯",
        "小推车",
        "打气筒",
        "万用表",
    ],
    "kitchen": [
        "烤箱",
        "面包机",
        "榨汁机",
        "电饼铛",
        "蒸锅",
        "火锅",
        "绞肉机",
        "豆浆机",
        "空气炸锅",
        "月饼模具",
        "饺子模具",
        "酸奶机",
        "大号电饭煲",
        "折叠餐桌",
    ],
    "books": [
        "儿童绘本",
        "童话书",
        "《十万个为什么》",
        "初中数学辅导书",
        "菜谱",
        "围棋入门",
        "成语故事",
        "英语分级读物",
        "《红楼梦》",
        "养花手册",
        "字帖",
        "连环画",
    ],
    "toys": [
        "乐高积木",
        "遥控汽车",
        "拼图",
        "毛绒玩具",
        "跳棋",
        "扭扭车",
        "过家家玩具",
        "积木桌",
        "小提琴(儿童)",
        "电子琴",
        "象棋",
        "飞行棋",
    ],
    "sports": [
        "帐篷",
        "羽毛球拍",
        "乒乓球拍",
        "篮球",
        "自行车",
        "钓鱼竿",
        "瑜伽垫",
        "登山杖",
        "跳绳",
        "睡袋",
        "野餐垫",
        "轮滑鞋",
    ],
    "baby": ["婴儿推车", "婴儿床", "儿童安全座椅", "学步车", "温奶器", "婴儿背带", "吸奶器"],
    "electronics": [
        "投影仪",
        "蓝牙音箱",
        "电熨斗",
        "吸尘器",
        "加湿器",
        "电暖器",
        "挂烫机",
        "理发推子",
        "血压计",
        "对讲机",
    ],
    "other": [
        "轮椅",
        "拐杖",
        "缝纫机",
        "行李箱",
        "雨伞",
        "折叠椅",
        "红木象棋桌",
        "喜字装饰",
        "舞狮道具",
        "花盆推车",
    ],
}
WEIGHTS = {
    "tools": 20,
    "kitchen": 14,
    "books": 20,
    "toys": 16,
    "sports": 10,
    "baby": 6,
    "electronics": 8,
    "other": 6,
}
PICKUP = ["晚上7点以后", "周末上午", "随时敲门", "中午12点到2点", "下班后，先打电话", ""]
THANKS = [
    "谢谢罗嬢嬢，孩子很喜欢这些绘本！",
    "电钻很好用，墙上的架子装好了，谢谢！",
    "烤箱帮了大忙，孩子生日蛋糕做成功了。",
    "帐篷很干净，周末露营很开心，谢谢邻居。",
    "谢谢借我梯子，以后有需要随时找我。",
    "第一次敲门借东西，认识了楼上的好邻居。",
    "婴儿推车救急了，外婆来带娃正好用上。",
    "书已经还了，孩子说下次还想来借。",
]


def _at(day: date, hour: int = 19) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=ZONE)


def _members_by_household(community: Community) -> dict[int, list[Member]]:
    out: dict[int, list[Member]] = {}
    for member in Member.objects.filter(
        community=community, status=Member.Status.VERIFIED, household__isnull=False
    ).order_by("pk"):
        out.setdefault(member.household_id, []).append(member)  # type: ignore[arg-type]
    return out


def _list(
    ctx: DemoContext,
    community: Community,
    homes: list[Household],
    total: int,
    people: dict[int, list[Member]],
    today: date,
    loan_days: tuple[int, ...] = (3, 7, 7, 14, 14, 30),
) -> list[Item]:
    rng = ctx.rng
    categories = list(WEIGHTS)
    weights = list(WEIGHTS.values())
    counts = [1] * len(homes)
    for _i in range(total - len(homes)):  # the rest spread unevenly, as on the real board
        counts[min(int(rng.expovariate(1 / 25)), len(homes) - 1)] += 1
    rng.shuffle(counts)
    items: list[Item] = []
    for home, count in zip(homes, counts, strict=True):
        lister = people.get(home.pk, [None])[0]
        names: set[str] = set()
        for _n in range(count):
            category = rng.choices(categories, weights)[0]
            name = rng.choice(CATALOGUE[category])
            if name in names:  # one household lends one drill, not two
                name = next((n for n in CATALOGUE[category] if n not in names), name)
            names.add(name)
            expired = rng.random() < 0.03
            items.append(
                Item(
                    community=community,
                    household=home,
                    listed_by=lister,
                    name=name,
                    category=category,
                    condition=rng.choice(["new", "good", "good", "used", "used", "worn"]),
                    loan_days=rng.choice(loan_days),
                    deposit=category in ("electronics", "baby") and rng.random() < 0.4,
                    pickup_times=rng.choice(PICKUP),
                    availability="paused" if rng.random() < 0.03 else "available",
                    expires_on=today - timedelta(days=rng.randint(1, 40))
                    if expired
                    else today + timedelta(days=rng.randint(5, 90)),
                )
            )
    return services.import_board(ctx.staff, community, items)


STAGES = ["requested", "approved", "handed_over", "returned"]


def _lend(
    ctx: DemoContext,
    item: Item,
    borrower: Member,
    owner: Member,
    starts: date,
    days: int,
    until: str = "returned",
    message: str = "",
    owner_message: str = "",
    thanks: str = "",
    thanks_shown: bool = False,
) -> Loan | None:
    """A loan as neighbours make it, each step on its own day through the commands (the demo
    moves the clock): asked the day before, approved that evening, handed over on the first day,
    returned on the last; ``until`` is how far it has got. None when the rules refuse it (the
    item is lent on those days): the demo then simply has one loan fewer."""
    assert borrower.user is not None and owner.user is not None
    due = starts + timedelta(days=days - 1)
    stage = STAGES.index(until)
    try:
        with ctx.clock(_at(starts - timedelta(days=1), 12)):
            loan = services.request_loan(borrower.user, item, starts, due, message)
    except Refused:
        return None
    if stage >= 1:
        with ctx.clock(_at(starts - timedelta(days=1), 18)):
            services.decide(owner.user, loan, True, owner_message)
    if stage >= 2:
        with ctx.clock(_at(starts)):
            services.confirm_handover(owner.user, loan)
            services.confirm_handover(borrower.user, loan)
    if stage >= 3:
        with ctx.clock(_at(due, 20)):
            services.confirm_return(borrower.user, loan)
            services.confirm_return(owner.user, loan)
        if thanks:
            with ctx.clock(_at(due, 21)):
                services.leave_thanks(borrower.user, loan, thanks)
                if thanks_shown:
                    services.show_thanks(owner.user, loan, True)
    loan.refresh_from_db()
    return loan


def _loans(
    ctx: DemoContext,
    items: list[Item],
    people: dict[int, list[Member]],
    today: date,
    completed: int,
    borrowers: list[Member],
) -> list[Loan]:
    """``completed`` loans over the last seven months, all returned before today."""
    rng = ctx.rng
    lendable = [
        i for i in items if i.household_id in people and i.expires_on >= today and _owner(people, i)
    ]
    done: list[Loan] = []
    for n in range(completed):
        item = rng.choice(lendable)
        borrower = rng.choice([b for b in borrowers if b.household_id != item.household_id])
        days = min(item.loan_days, rng.choice([2, 3, 5, 7]))
        starts = today - timedelta(
            days=int(200 * (completed - n) / completed) + rng.randint(3, 8) + days
        )
        thanks = THANKS[n % len(THANKS)] if n % 3 == 0 else ""
        loan = _lend(
            ctx,
            item,
            borrower,
            _owner(people, item),  # type: ignore[arg-type]
            starts,
            days,
            thanks=thanks,
            thanks_shown=bool(thanks) and n % 2 == 0,
        )
        if loan is not None:
            done.append(loan)
    return done


def _owner(people: dict[int, list[Member]], item: Item) -> Member | None:
    """Someone of the lending household who has an account and so answers online."""
    return next((m for m in people.get(item.household_id, []) if m.user_id), None)


def load(ctx: DemoContext) -> None:
    today = timezone.localdate()
    rng = ctx.rng
    community = ctx.sharing
    people = _members_by_household(community)
    homes = list(Household.objects.filter(community=community).order_by("pk"))
    # Households with recorded residents lend first; 113 of 148 take part, as in the seed.
    homes.sort(key=lambda h: (h.pk not in people, rng.random()))
    lenders = homes[:113]
    # 金桂苑's rule, agreed at the residents' meeting (engagement demo): back within seven days.
    items = _list(ctx, community, lenders, 800, people, today, loan_days=(3, 5, 7, 7, 7))
    # Borrowers come from the households that lend: the seed counts 113 households taking part.
    lender_ids = {home.pk for home in lenders}
    borrowers = [
        next(m for m in group if m.user_id)
        for pk, group in people.items()
        if pk in lender_ids and any(m.user_id for m in group)
    ]
    done = _loans(ctx, items, people, today, 64, borrowers)

    # Loans under way: two with the borrower, one due tomorrow, one overdue, requests waiting.
    active = [
        i
        for i in items
        if i.household_id in people
        and i.expires_on >= today
        and _owner(people, i)
        and i.loan_days >= 7
        and not i.loans.exists()
    ]

    def someone_for(item: Item) -> Member:
        return rng.choice([b for b in borrowers if b.household_id != item.household_id])

    def owner(item: Item) -> Member:
        found = _owner(people, item)
        assert found is not None
        return found

    for item, starts, days, until, message, answer in [
        (active[0], today - timedelta(days=2), 7, "handed_over", "", ""),
        (active[1], today - timedelta(days=5), 7, "handed_over", "", ""),
        (active[2], today - timedelta(days=2), 4, "handed_over", "", ""),  # due tomorrow
        (active[4], today + timedelta(days=1), 3, "requested", "周六想借来用一下，谢谢！", ""),
        (active[5], today + timedelta(days=2), 3, "approved", "", "周五晚上7点后来拿。"),
    ]:
        made = _lend(
            ctx,
            item,
            someone_for(item),
            owner(item),
            starts,
            days,
            until,
            message=message,
            owner_message=answer,
        )
        assert made is not None, item.name
    late = _lend(
        ctx,
        active[3],
        someone_for(active[3]),
        owner(active[3]),
        today - timedelta(days=10),
        7,
        "handed_over",
    )
    assert late is not None
    waiting = next(
        b
        for b in borrowers
        if b.household_id not in (late.owner_household_id, late.borrower_household_id)
    )
    assert waiting.user is not None
    with ctx.clock(_at(today - timedelta(days=6), 9)):
        services.join_waiting(waiting.user, active[3])
    # the sweep's reminders: due tomorrow, and the overdue one
    reminders.send_reminders()

    # One problem, mediated: a part broke; the organiser met both households.
    broken = done[len(done) // 2]
    lender = owner(broken.item)
    assert lender.user is not None
    with ctx.clock(_at(broken.due_on + timedelta(days=1), 9)):
        problem = services.report_problem(
            lender.user,
            broken,
            Problem.Kind.DAMAGE,
            f"{broken.item.name}还回来时坏了一个零件。",
            mediation=True,
        )
    with ctx.clock(_at(broken.due_on + timedelta(days=4), 16)):
        services.resolve(
            ctx.staff,
            problem,
            "借方买了新零件送还，双方满意。",
            "两户在居民活动室见面，说明了使用情况。借方同意按原价一半赔偿零件。",
        )
    # An open problem on the overdue loan, asked for mediation.
    late_owner = owner(late.item)
    assert late_owner.user is not None
    with ctx.clock(_at(today - timedelta(days=1), 9)):
        services.report_problem(
            late_owner.user,
            late,
            Problem.Kind.NOT_RETURNED,
            "已经过了归还日期三天，敲门没有人，请社工帮忙联系。",
            mediation=True,
        )
    # Boxes that show a name, as some households chose on the paper board.
    named = [home for home in lenders if any(m.user_id for m in people.get(home.pk, []))]
    for home, name in zip(
        named[:6],
        ["罗嬢嬢家", "王叔叔的工具箱", "曾莉家", "张阿姨", "小李家", "陈爷爷"],
        strict=False,
    ):
        user = next(m.user for m in people[home.pk] if m.user is not None)
        note = "欢迎敲门，晚上在家" if name == "罗嬢嬢家" else ""
        services.save_box(user, home, True, name, note)

    _demo_account(ctx, people[lenders[1].pk][0])
    # A second 金桂苑 account in another household with nothing overdue, so a visitor can lend
    # and borrow between two neighbours of one community.
    holding = set(
        Loan.objects.filter(community=community, status__in=Loan.HOLDING).values_list(
            "borrower_household_id", flat=True
        )
    )
    other = next(
        people[home.pk][0] for home in lenders[2:] if home.pk in people and home.pk not in holding
    )
    _demo_account(ctx, other, "borrower@example.org")
    _main_community(ctx, today)


def _demo_account(
    ctx: DemoContext, neighbour: Member, email: str = "neighbour@example.org"
) -> None:
    """neighbour@example.org and borrower@example.org (README): two 金桂苑 households that lend,
    so a visitor can try the board, a loan between them and the budget ideas of 金桂社区."""
    user = account(neighbour)
    # They give their email on the profile page and choose the demo password.
    user.email = email
    account_services.save_profile(user, user)
    account_services.change_password(user, user, DEMO_PASSWORD)


def _main_community(ctx: DemoContext, today: date) -> None:
    """银杏社区 梧桐院: the leader 罗桂兰 (罗嬢嬢) lends picture books; the demo resident borrowed."""
    community = ctx.main
    leader, resident = ctx.leader, ctx.resident
    people = _members_by_household(community)
    wutong = [
        h
        for h in Household.objects.filter(community=community, area__name="梧桐院").order_by("pk")
        if h.pk in people and h.pk != resident.household_id
    ][:12]
    items = _list(ctx, community, wutong, 40, people, today)
    if leader.household is not None and leader.user is not None:
        with ctx.clock(_at(today - timedelta(days=45), 10)):
            services.save_box(
                leader.user, leader.household, True, "罗嬢嬢家", "孩子们的绘本随时来借"
            )
            books = [
                services.save_item(
                    leader.user,
                    Item(
                        community=community,
                        name=name,
                        category="books",
                        loan_days=14,
                        pickup_times="晚上7点以后",
                    ),
                )
                for name in ("儿童绘本(一套十本)", "童话书", "《十万个为什么》")
            ]
        if resident.household_id and resident.user is not None:
            loan = _lend(
                ctx,
                books[1],
                resident,
                leader,
                today - timedelta(days=30),
                10,
                thanks="罗嬢嬢，我又来给孙子借童话书了，他喜欢得不得了！",
                thanks_shown=True,
            )
            assert loan is not None
    others = [i for i in items if _owner(people, i)]
    for n, item in enumerate(others[:6]):
        borrower = next((m for m in people[wutong[(n + 3) % len(wutong)].pk] if m.user_id), None)
        if borrower is not None and borrower.household_id != item.household_id:
            lender = _owner(people, item)
            assert lender is not None
            _lend(ctx, item, borrower, lender, today - timedelta(days=40 - 5 * n), 3)
