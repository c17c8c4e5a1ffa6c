"""Micro-grants (公益创投) in every generated community: a call a year with applications from
resident groups, budget lines within the call's caps, and the panel's awards within the
community's yearly cap (seed 004's hard maxima)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from linli.engagement.models import Project
from linli.grants.models import Application, BudgetLine, Call, Theme
from linli.participation.models import Depth, Method

from . import plan
from .activity import Ledger, sample, year_start
from .people import Town

PROJECT_CAP = 100_000
COMMUNITY_CAP = 300_000
IDEAS = [
    ("院落记忆口述史", Theme.CULTURE),
    ("屋顶菜园", Theme.LANDSCAPE),
    ("长者午间互助餐", Theme.PEOPLE),
    ("院坝共享工具墙", Theme.PLACE),
    ("社区手作集市", Theme.LIVELIHOOD),
    ("儿童自然课堂", Theme.LANDSCAPE),
    ("邻里修补站", Theme.PEOPLE),
]
LINES = [
    (BudgetLine.Category.MATERIALS, "材料和植物"),
    (BudgetLine.Category.ACTIVITIES, "活动开支"),
    (BudgetLine.Category.PUBLICITY, "印刷宣传"),
]


def grants(
    town: Town,
    rng: random.Random,
    rates: plan.Rates,
    now: datetime,
    projects: list[Project],
    ledger: Ledger,
) -> int:
    """A decided call a year before this one; returns the applications made."""
    made = 0
    for year in range(plan.YEARS - 1):
        opens = (year_start(now, year) + timedelta(days=90)).date()
        call = Call.objects.create(
            community=town.community,
            title=f"{opens.year}年院落公益微创投",
            year=opens.year,
            description="支持居民自组织在院落里做公益小项目。",
            themes=[t.value for t in Theme],
            project_cap=PROJECT_CAP,
            community_cap=COMMUNITY_CAP,
            opens_on=opens,
            closes_on=opens + timedelta(days=30),
            review_by=opens + timedelta(days=45),
            award_by=opens + timedelta(days=60),
            project=projects[year],
            status=Call.Status.DECIDED,
        )
        leads = sample(rng, town.residents, len(IDEAS))
        applications, lines = [], []
        awarded_total = 0
        for (title, theme), lead in zip(IDEAS, leads, strict=False):
            amounts = [rng.randrange(2_000, 20_000, 500) for _line in LINES]
            award = sum(amounts) if rng.random() < 0.6 else None
            if award is not None and awarded_total + award > COMMUNITY_CAP:
                award = None
            awarded_total += award or 0
            submitted = datetime.combine(
                call.opens_on + timedelta(days=rng.randint(0, 29)), datetime.min.time(), now.tzinfo
            )
            application = Application(
                call=call,
                lead=lead,
                group_name=f"{title}小组",
                title=title,
                theme=theme,
                area_id=town.area_of.get(lead.pk),
                goals=f"{title}：让更多邻居参与院落公共生活。",
                activities="每月一次活动，居民轮流组织。",
                results="参与人数、活动记录和照片。",
                status=Application.Status.AWARDED if award else Application.Status.DECLINED,
                submitted_at=submitted,
                decided_at=datetime.combine(call.award_by, datetime.min.time(), now.tzinfo),
                award_amount=award,
                decision_note="评审小组打分排名靠前。"
                if award
                else "本年度名额有限，欢迎明年再申请。",
            )
            applications.append((application, amounts))
        Application.objects.bulk_create([a for a, _amounts in applications])
        for application, amounts in applications:
            assert application.submitted_at is not None  # set above, for mypy
            ledger.add(
                application.lead,
                Method.GRANT,
                "online",
                Depth.INVOLVED,
                ("grants.application", application.pk),
                application.submitted_at,
                project=call.project,
            )
            for (category, item), amount in zip(LINES, amounts, strict=True):
                lines.append(
                    BudgetLine(application=application, category=category, item=item, amount=amount)
                )
        BudgetLine.objects.bulk_create(lines)
        made += len(applications)
    return made
