"""Disclosure demo for 银杏社区: notices in each category (one scheduled), board postings at
梧桐院 and 槐树院, and - when the grants and budgeting demos hold them - a grant award and the
PB results under 公示, with one objection answered in public; two residents who chose a weekly
and a daily digest."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.core.demo import DemoContext, demo_moment
from linli.core.models import Place

from . import newsletters, queries, services
from .models import Category, Delivery, Publicity


def load(ctx: DemoContext) -> None:
    community = ctx.main
    staff = ctx.staff
    notices = [
        (
            Category.FINANCES,
            f"{timezone.localdate().year}年社区公益金收支公示",
            "全年公益金收入 8.6 万元，支出 7.9 万元，明细见附件和公示栏。",
        ),
        (
            Category.PLANS,
            "明年院落微更新计划（征求意见稿）",
            "五个老院落的微更新计划，请在坝坝会上或网上提出意见。",
        ),
        (
            Category.SCHEDULES,
            f"{timezone.localdate().month}月社区活动安排",
            "每周三上午老年大学，周六下午儿童托管，月底坝坝会。",
        ),
        (
            Category.SERVICES,
            "冬季独居老人探访服务",
            "志愿者每周探访一次独居老人，需要的家庭请联系居委会。",
        ),
    ]
    entries = [
        services.add_entry(staff, community, services.EntryInput(cat, title, body))
        for cat, title, body in notices
    ]
    services.add_entry(
        staff,
        community,
        services.EntryInput(
            Category.DECISIONS,
            "居民议事会决议：院落停车试行办法",
            "经居民议事会讨论通过，锦绣苑试行夜间临时停车办法三个月。",
            publish_at=timezone.now() + timedelta(days=3),
        ),
    )
    for area in ctx.areas.get(community.slug, [])[:2]:
        services.record_board(staff, entries[0], area, timezone.localdate())
    _decisions(ctx)
    _digests(ctx)
    _newsletter(ctx)


def _digests(ctx: DemoContext) -> None:
    """Two residents (not the demo resident) chose digests instead of a message per notice."""
    from linli.core.models import Member, Role

    others = (
        Member.objects.filter(
            community=ctx.main,
            status=Member.Status.VERIFIED,
            user__isnull=False,
            role=Role.RESIDENT,
        )
        .exclude(pk=ctx.resident.pk)
        .order_by("pk")[:2]
    )
    for member, mode in zip(others, (Delivery.Mode.WEEKLY, Delivery.Mode.DAILY), strict=False):
        if member.user is not None:
            services.choose_delivery(member.user, member, mode)


def _decisions(ctx: DemoContext) -> None:
    from linli.budgeting.models import Process
    from linli.grants.models import Application

    staff = ctx.staff
    award = Application.objects.filter(call__community=ctx.main, status="awarded").first()
    # Awards and results made by the demos before this one are already under 公示 (their services
    # start it); older data is put under notice here.
    results = Process.objects.filter(
        community=ctx.main, outcome__published_at__isnull=False
    ).first()
    made = []
    for kind, subject in (("grants.award", award), ("budgeting.results", results)):
        if subject is None:
            continue
        found = queries.publicity_for(kind, subject)
        made.append(found or services.start_publicity(staff, kind, subject, days=7))
    if made and ctx.resident.user is not None:
        first: Publicity = made[0]
        # the objection comes in the notice's window and is answered before it ends (the demo
        # moves the clock there; the grant was awarded in April)
        objected = min(first.starts_on + timedelta(days=2), first.ends_on)
        with ctx.clock(objected):
            objection = services.object_to(
                ctx.resident.user, first, "项目预算里的材料费偏高，能否公开报价单？"
            )
        with ctx.clock(demo_moment(objected, 16)):
            services.answer_objection(
                staff, first, objection, "报价单已贴在公示栏，也上传到了附件；材料费含三年维护。"
            )


def _newsletter(ctx: DemoContext) -> None:
    """One newsletter to the residents of 梧桐院 (everyone, if none live there yet)."""
    picked = [c.key for c in newsletters.candidates(ctx.main)][:4]
    if not picked:
        return
    courtyards = tuple(
        Place.objects.filter(community=ctx.main, kind=Place.Kind.AREA, name="梧桐院").values_list(
            "pk", flat=True
        )
    )
    segment = newsletters.Segment(courtyards=courtyards)
    if not newsletters.recipients(ctx.main, segment).members:
        segment = newsletters.Segment()
    newsletters.send_newsletter(
        ctx.staff,
        ctx.main,
        "银杏社区十二月简报",
        "各位邻居好！本月的停水通知、微更新计划和公示结果都在下面，纸质版已贴在各院公示栏。",
        picked,
        segment,
    )
