"""A participatory budget a year in every generated community: ideas from residents (some not
feasible), a knapsack ballot cast by a share of the residents, the outcome counted by linli's
own rules engine from those ballots and published, and the funded projects' spending."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType

from linli.budgeting.models import Idea, Process, Theme
from linli.budgeting.services.voting import compute_outcome
from linli.engagement.models import Project
from linli.participation.models import Depth, Method
from linli.tracking.models import FundedProject, Spending
from linli.votes.models import Option as VoteOption
from linli.votes.models import Question as VoteQuestion
from linli.votes.models import Vote

from . import consultations, plan
from .activity import Ledger, sample, year_start
from .people import BATCH, Town

IDEAS = [
    ("楼道灯改声控", 6000),
    ("院坝增设休息座椅", 12000),
    ("垃圾分类亭", 18000),
    ("儿童游乐角", 35000),
    ("雨棚加长", 22000),
    ("花园微更新", 28000),
    ("无障碍坡道", 15000),
    ("老年食堂餐桌", 9000),
    ("社区书屋书架", 8000),
    ("电动车充电桩", 40000),
    ("健身器材更新", 26000),
    ("外墙宣传栏", 5000),
]
THEMES = [t.value for t in Theme]
BUDGET = 120_000


def budgets(
    town: Town,
    rng: random.Random,
    rates: plan.Rates,
    now: datetime,
    projects: list[Project],
    ledger: Ledger,
) -> int:
    """One closed, counted and published process a year; returns the ballots cast."""
    cast = 0
    for year in range(plan.YEARS - 1):  # this year's budget is still being planned
        start = year_start(now, year) + timedelta(days=60)
        process = Process.objects.create(
            community=town.community,
            project=projects[year],
            title=f"{start.year}年社区微基金",
            description="居民提出、居民投票决定的社区微基金。",
            budget=BUDGET,
            ideas_open_at=start,
            review_starts_at=start + timedelta(days=30),
            vote_opens_at=start + timedelta(days=45),
            vote_closes_at=start + timedelta(days=59),
            implementation_starts_at=start + timedelta(days=60),
            ballot_type=Process.BallotType.KNAPSACK,
            rule=Process.Rule.MES_COST,
            status=Process.Status.PUBLISHED,
            created_by=town.staff,
        )
        ideas = _ideas(town, rng, process, ledger)
        cast += _vote(town, rng, rates, process, ideas, ledger)
        outcome = compute_outcome(None, process)
        outcome.published_at = process.vote_closes_at + timedelta(days=3)
        outcome.save(update_fields=["published_at"])
        _spending(town, rng, process, outcome.selected)
    return cast


def _ideas(town: Town, rng: random.Random, process: Process, ledger: Ledger) -> list[Idea]:
    authors = sample(rng, town.residents, len(IDEAS))
    made = []
    for (title, cost), author in zip(IDEAS, authors, strict=False):
        feasible = rng.random() < 0.8
        made.append(
            Idea(
                process=process,
                author=author,
                title=title,
                body=f"{title}：居民在院坝会上提出。",
                area_id=town.area_of.get(author.pk),
                theme=rng.choice(THEMES),
                estimated_cost=cost,
                status=Idea.Status.FEASIBLE if feasible else Idea.Status.REJECTED,
                cost=cost if feasible else None,
                review_note="" if feasible else "不在社区公共区域内，无法实施。",
                reviewed_by=town.staff,
            )
        )
    Idea.objects.bulk_create(made)
    for idea in made:
        when = process.ideas_open_at + timedelta(days=rng.randint(0, 29))
        ledger.add(
            idea.author,
            Method.BUDGET_IDEA,
            "online",
            Depth.INVOLVED,
            ("budgeting.idea", idea.pk),
            when,
            project=process.project,
        )
    return [i for i in made if i.status == Idea.Status.FEASIBLE]


def _vote(
    town: Town,
    rng: random.Random,
    rates: plan.Rates,
    process: Process,
    ideas: list[Idea],
    ledger: Ledger,
) -> int:
    vote = Vote.objects.create(
        community=town.community,
        project=process.project,
        title=process.title,
        opens_at=process.vote_opens_at,
        closes_at=process.vote_closes_at,
        status=Vote.Status.PUBLISHED,
        sealed_at=process.vote_closes_at,
        results_published_at=process.vote_closes_at + timedelta(days=3),
        ledger_method=Method.BUDGET_BALLOT,
        created_by=town.staff,
    )
    question = VoteQuestion.objects.create(
        vote=vote,
        position=1,
        text=f"微基金 {BUDGET:,} 元应资助哪些项目？",
        ballot_type="knapsack",
        budget_limit=BUDGET,
    )
    options = VoteOption.objects.bulk_create(
        VoteOption(question=question, position=n, label=idea.title, cost=idea.cost)
        for n, idea in enumerate(ideas, start=1)
    )
    for idea, option in zip(ideas, options, strict=True):
        idea.option = option
    Idea.objects.bulk_update(ideas, ["option"])
    process.vote = vote
    process.save(update_fields=["vote"])
    # Popularity differs by project, so the rule has something to decide.
    appeal = {option.pk: rng.random() for option in options}

    def within_budget() -> list[int]:
        chosen, spent = [], 0
        for option in sorted(options, key=lambda o: appeal[o.pk] * rng.random(), reverse=True):
            if rng.random() < 0.55 and spent + (option.cost or 0) <= BUDGET:
                chosen.append(option.pk)
                spent += option.cost or 0
        return chosen

    voters = sample(rng, town.residents, rates.vote_share / 2)
    return consultations.ballots(
        town, rng, vote, question, within_budget, voters, ledger, paper_share=0.25
    )


def _spending(town: Town, rng: random.Random, process: Process, selected: list[str]) -> None:
    """Funded projects under way or done, each with its spending (integer fen, as on a receipt)
    in the shared tracking app."""
    funded = list(process.ideas.filter(pk__in=[int(k) for k in selected if k.isdigit()]))
    idea_type = ContentType.objects.get_for_model(Idea)
    tracked = FundedProject.objects.bulk_create(
        FundedProject(community=town.community, source_type=idea_type, source_id=idea.pk)
        for idea in funded
    )
    lines: list[Any] = []
    for idea, project in zip(funded, tracked, strict=True):
        idea.work = Idea.Work.DONE if rng.random() < 0.7 else Idea.Work.IN_PROGRESS
        idea.owner = idea.author
        share_fen = (idea.cost or 0) * 100 * rng.choice([60, 80, 95]) // 100
        for part, what in ((70, "材料"), (30, "人工")):
            spent_on = process.implementation_starts_at + timedelta(days=rng.randint(10, 200))
            lines.append(
                Spending(
                    project=project,
                    amount_fen=share_fen * part // 100,
                    what=f"{idea.title}：{what}",
                    spent_on=spent_on.date(),
                    receipt=f"tracking/receipts/scale-{idea.pk}-{part}.jpg",
                    recorded_by=town.staff,
                )
            )
    Idea.objects.bulk_update(funded, ["work", "owner"])
    Spending.objects.bulk_create(lines, batch_size=BATCH)
