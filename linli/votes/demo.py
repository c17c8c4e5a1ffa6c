"""Demo votes: a decided courtyard vote with paper ballots, an open community vote, a draft.
Every vote is made, published, cast and counted by the commands on the day it happens (the demo
moves the clock), so no date is edited afterwards."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.core.demo import DemoContext, account
from linli.core.models import Member

from . import services
from .models import Question, Vote


def _vote(ctx: DemoContext, community, title: str, description: str, **fields) -> Vote:  # type: ignore[no-untyped-def]
    """A draft vote made by the organiser through the command, the demo leader as booth officer."""
    now = timezone.now()
    assert ctx.organiser.user is not None
    return services.create_vote(
        ctx.organiser.user,
        community,
        title=title,
        description=description,
        opens_at=fields.pop("opens_at", now - timedelta(days=2)),
        closes_at=fields.pop("closes_at", now + timedelta(days=5)),
        officers=[ctx.leader.user] if ctx.leader.user is not None else [],
        **fields,
    )


def _question(ctx: DemoContext, vote: Vote, text: str, options: list[str], **fields) -> Question:  # type: ignore[no-untyped-def]
    return services.save_question(ctx.organiser.user, vote, Question(text=text, **fields), options)  # type: ignore[arg-type]


def _publish(ctx: DemoContext, vote: Vote) -> None:
    assert ctx.organiser.user is not None
    services.publish(ctx.organiser.user, vote)


def load(ctx: DemoContext) -> None:
    rng = ctx.rng
    organiser = ctx.organiser.user
    leader = ctx.leader.user
    assert organiser is not None and leader is not None

    # 1. Decided: 梧桐院 ranked which improvement comes first (seed 003's courtyard works): made
    # six weeks ago, open from 40 to 20 days ago, ballots online and at the courtyard meeting.
    now = timezone.now()
    with ctx.clock(now - timedelta(days=42)):
        decided = _vote(
            ctx,
            ctx.main,
            "梧桐院微更新：先做哪一项？",
            "院落微更新资金有限，今年先做一项。请按您的意愿排序，可以只排前几项。纸质选票在坝坝会和社区服务中心投票点领取。",
            opens_at=now - timedelta(days=40),
            closes_at=now - timedelta(days=20),
            areas=[a for a in ctx.areas["yinxing"] if a.name == "梧桐院"],
        )
        ranked = _question(
            ctx,
            decided,
            "请给以下改造项目排序",
            [
                "墙面彩绘（西华大学美术学院协助）",
                "院坝铺装与排水",
                "加装休息座椅和扶手",
                "花台与绿化",
            ],
            ballot_type=Question.BallotType.RANKED,
            ranked_method=Question.RankedMethod.IRV,
        )
        _publish(ctx, decided)
    options = list(ranked.options.values_list("pk", flat=True))
    preference = [options[1], options[2], options[0], options[3]]
    voters = list(services.eligible_members(decided).exclude(user__isnull=True))
    paper_people = list(services.eligible_members(decided).filter(user__isnull=True))
    online = voters[: int(len(voters) * 0.7)]
    for n, member in enumerate(online):
        order = preference[:]
        rng.shuffle(order) if rng.random() < 0.45 else None
        with ctx.clock(now - timedelta(days=39 - (15 * n) // max(len(online), 1))):
            services.cast(account(member), decided, {str(ranked.pk): order[: rng.randint(1, 4)]})
    paper_lines = []
    with ctx.clock(now - timedelta(days=23)):  # the courtyard meeting's ballot box
        for member in paper_people[: int(len(paper_people) * 0.6)]:
            services.mark_paper_voter(leader, decided, member)
            order = preference[:]
            rng.shuffle(order) if rng.random() < 0.4 else None
            numbers = [options.index(o) + 1 for o in order[: rng.randint(1, 4)]]
            paper_lines.append(" ".join(str(n) for n in numbers) if rng.random() > 0.03 else "x")
        if paper_lines:
            batch = services.create_batch(leader, decided, "梧桐院坝坝会票箱", len(paper_lines))
            text = "\n".join(paper_lines)
            services.enter_batch(leader, batch, text)
            services.enter_batch(organiser, batch, text)
    with ctx.clock(now - timedelta(days=19)):
        services.publish_results(organiser, decided)

    # 2. Open now: the whole community approves up to three activities for next year.
    open_vote = _vote(
        ctx,
        ctx.main,
        f"{now.year + 1} 年社区活动：选出最想办的三项",
        "社区明年的活动经费可以办三项活动。请勾选您最支持的，最多三项。投票结束后立即公开结果。",
        results_shown=Vote.ResultsShown.LIVE,
    )
    approval = _question(
        ctx,
        open_vote,
        "您支持办哪些活动？（最多三项）",
        [
            "重阳节长桌宴",
            "儿童暑期托管",
            "老年智能手机课堂",
            "邻里跳蚤市场",
            "院落电影夜",
            "川剧进院落",
        ],
        ballot_type=Question.BallotType.APPROVAL,
        max_choices=3,
    )
    _publish(ctx, open_vote)
    options = list(approval.options.values_list("pk", flat=True))
    weights = [5, 4, 4, 3, 2, 2]
    community_voters = list(
        services.eligible_members(open_vote)
        .exclude(user__isnull=True)
        .exclude(pk__in=[ctx.resident.pk, ctx.leader.pk])
    )
    for member in rng.sample(community_voters, k=min(90, len(community_voters))):
        chosen = set(rng.choices(options, weights=weights, k=rng.randint(1, 3)))
        services.cast(account(member), open_vote, {str(approval.pk): sorted(chosen)})

    # 3. Being prepared: 槐树院 households decide where the shared drying racks go.
    draft = _vote(
        ctx,
        ctx.main,
        "槐树院晾衣架装在哪里？",
        "居民提议在院内安装公共晾衣架。每户一票。",
        unit=Vote.Unit.HOUSEHOLD,
        opens_at=timezone.now() + timedelta(days=7),
        closes_at=timezone.now() + timedelta(days=21),
        areas=[a for a in ctx.areas["yinxing"] if a.name == "槐树院"],
    )
    _question(ctx, draft, "晾衣架的位置", ["东侧围墙边", "2栋楼后空地", "不安装"])

    # 4. 金桂社区: the sharing board's opening hours, one vote per household (seed 004), open
    # from a month ago to a week ago.
    with ctx.clock(now - timedelta(days=31)):
        hours = _vote(
            ctx,
            ctx.sharing,
            "共享角开放时间",
            "物品共享角由志愿者值守。请每户选一个最方便的开放时间。",
            unit=Vote.Unit.HOUSEHOLD,
            opens_at=now - timedelta(days=30),
            closes_at=now - timedelta(days=7),
        )
        single = _question(
            ctx, hours, "您家最方便的时间", ["工作日晚上 7-9 点", "周六上午", "周日下午"]
        )
        _publish(ctx, hours)
    options = list(single.options.values_list("pk", flat=True))
    seen: set[int] = set()
    with ctx.clock(now - timedelta(days=20)):
        for member in Member.objects.filter(
            community=ctx.sharing, status="verified", household__isnull=False
        ).exclude(user__isnull=True):
            if member.household_id in seen or rng.random() < 0.3:
                continue
            seen.add(member.household_id)  # type: ignore[arg-type]
            choice = rng.choices(options, weights=[3, 5, 2])[0]
            services.cast(account(member), hours, {str(single.pk): [choice]})
    with ctx.clock(now - timedelta(days=6)):
        services.publish_results(organiser, hours)
