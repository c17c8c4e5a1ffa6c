"""Demo of the supervision committee in 银杏社区: a committee of three (a resident with an
account as its chair), which queried a spending line of participatory budgeting and got a
public answer, and has a second query waiting. Every step goes through the commands on its own
day (the demo moves the clock): the committee is chosen five months ago, asks about the latest
spending after it was spent, is answered within a week, and asked again three days ago."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.core.demo import DemoContext, demo_moment

from . import books, services

CHARTER = {
    "purpose": "监督社区居务公开、资金使用和重大事项决策，收集居民意见，向居民会议报告。",
    "powers": "查阅社区财务收支、票据、奖补和审计记录；对具体事项提出质询，社区工作人员限期公开答复。",
    "quorum_percent": 60,
    "majority": "simple",
    "term_months": 36,
    "join_rules": "由居民会议推选产生，社区工作人员及其近亲属不得担任。",
    "leave_rules": "任期届满或本人辞去即退出。",
}


def load(ctx: DemoContext) -> None:
    from linli.governance import services as governance
    from linli.governance.models import Body, Constituency, Office

    staff = ctx.staff
    today = timezone.localdate(ctx.now or timezone.now())
    seated = today - timedelta(days=150)
    chair = ctx.resident
    others = [
        m
        for m in ctx.members["yinxing"]
        if m.status == "verified" and m.user_id is None and m.household is not None
    ][20:22]
    with ctx.clock(seated):
        committee = governance.create_body(
            staff, ctx.main, kind=Body.Kind.SUPERVISION, name="银杏社区监督委员会", charter=CHARTER
        )
        governance.seat_member(staff, committee, chair, Constituency.RESIDENT, Office.CHAIR)
        for member in others:
            governance.seat_member(staff, committee, member, Constituency.RESIDENT)

    assert chair.user is not None
    lines = books.spending(ctx.main)
    if lines:
        line = lines[0]  # the latest spending, asked about once it was spent
        spent = line.on or seated
        asked_on = min(
            max(spent + timedelta(days=3), seated + timedelta(days=7)), today - timedelta(days=8)
        )
        with ctx.clock(demo_moment(asked_on, 20)):
            asked = services.raise_query(
                chair.user,
                ctx.main,
                subject=line.key,
                question=(
                    f"“{line.title}”支出{line.amount}元，请说明是怎么询价的、有几家报价，"
                    "以及为什么选了这一家。"
                ),
            )
        with ctx.clock(demo_moment(asked_on + timedelta(days=6), 15)):
            services.answer(
                staff,
                asked,
                "共询价三家（两家建材店、一家施工队），选了报价最低且能开正式发票的一家。"
                "三份报价单已放在社区服务中心，监督委员会和居民都可以来查看；票据照片见项目页面。",
            )
    awards = books.awards(ctx.main)
    if awards:
        with ctx.clock(demo_moment(today - timedelta(days=3), 20)):
            services.raise_query(
                chair.user,
                ctx.main,
                subject=awards[0].key,
                question="这个项目的奖补资金分几次拨付？每次拨付前由谁验收？",
            )
