"""pabulib files in and out: ``linli pb import FILE.pb --community SLUG`` and the ``.pb`` download.

An imported election becomes a closed, published process whose vote is a ``votes.Vote`` holding
the file's ballots. Imported ballots are marked three ways: the process's ``imported_from`` names
the file, the vote has *no roll entries* (nobody in linli cast them) and every ballot is a paper
ballot without a replacement secret. Its dates are set in the past so that the vote is closed and
the outcome can be computed at once.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from linli.core.models import Community
from linli.votes.models import Ballot, Channel, Option, Question, Vote

from . import pabulib
from .models import Idea, Outcome, Process

# pabulib rule names for the META "rule" line.
PB_RULE = {
    "greedy_votes": "greedy",
    "greedy_per_cost": "greedy-cost",
    "mes_cost": "equalshares/add1u",
    "mes_cardinality": "equalshares-cardinality/add1u",
    "greedy_borda": "greedy-borda",
    "greedy_first": "greedy-first",
}
VOTE_TYPE = {
    "approval": "approval",
    "knapsack": "approval",
    "cumulative": "cumulative",
    "ranked": "ordinal",
}


def import_file(path: str | Path, community: Community, rule: str = "mes_cost") -> Process:
    pb = pabulib.read_file(path)
    pb.check()
    kind = {"cumulative": "cumulative", "scoring": "cumulative", "ordinal": "ranked"}.get(
        pb.vote_type, "approval"
    )
    if kind == "ranked" and rule not in ("greedy_borda", "greedy_first"):
        rule = "greedy_borda"
    now = timezone.now()
    start = now - timedelta(days=60)
    meta = pb.meta
    title = (
        meta.get("description")
        or f"{meta.get('country', '')} {meta.get('unit', '')} {meta.get('instance', '')}"
    ).strip()
    budget = int(pb.budget)
    points = None
    if kind == "cumulative":
        points = int(meta.get("max_sum_points") or meta.get("max_points") or 0) or max(
            (int(sum(b.values())) for b in pb.points()), default=1
        )
    with transaction.atomic():
        vote = Vote.objects.create(
            community=community,
            title=title[:150] or Path(path).name,
            status=Vote.Status.PUBLISHED,
            opens_at=start + timedelta(days=30),
            closes_at=start + timedelta(days=40),
            ledger_method="budget_ballot",
        )
        ballot_type = {"approval": "approval", "cumulative": "cumulative", "ranked": "ranked"}[kind]
        question = Question.objects.create(
            vote=vote,
            text=title[:300] or "pabulib",
            ballot_type=ballot_type,
            points_total=points,
        )
        process = Process.objects.create(
            community=community,
            title=title[:150] or Path(path).name,
            description=meta.get("comment", "")[:2000],
            budget=budget,
            ideas_open_at=start,
            review_starts_at=start + timedelta(days=10),
            vote_opens_at=start + timedelta(days=30),
            vote_closes_at=start + timedelta(days=40),
            implementation_starts_at=start + timedelta(days=365),
            ballot_type=kind,
            points_total=points,
            rule=rule,
            status=Process.Status.PUBLISHED,
            vote=vote,
            imported_from=Path(path).name[:200],
        )
        option_of: dict[str, int] = {}
        for position, row in enumerate(pb.projects):
            pid = row["project_id"]
            name = (row.get("name") or pid)[:110]
            option = Option.objects.create(
                question=question,
                position=position,
                label=f"{name} [{pid}]"[:200],
                cost=int(pabulib.parse_number(row["cost"])),
            )
            option_of[pid] = option.pk
            Idea.objects.create(
                process=process,
                title=name,
                body=row.get("description", "") or name,
                status=Idea.Status.FEASIBLE,
                cost=int(pabulib.parse_number(row["cost"])),
                option=option,
                pabulib_id=pid,
            )
        key = str(question.pk)
        rows: list[Ballot] = []
        if kind == "cumulative":
            for ballot in pb.points():
                answer: Any = {str(option_of[p]): int(v) for p, v in ballot.items() if v > 0}
                rows.append(Ballot(vote=vote, channel=Channel.PAPER, choices={key: answer}))
        else:
            for ranking in pb.rankings():
                rows.append(
                    Ballot(
                        vote=vote,
                        channel=Channel.PAPER,
                        choices={key: [option_of[p] for p in ranking]},
                    )
                )
        Ballot.objects.bulk_create(rows, batch_size=2000)
    return process


def export_text(process: Process) -> str:
    """The process as a pabulib file: its projects, its sealed ballots and, when computed, the
    funded projects in a ``selected`` column."""
    from . import services

    outcome: Outcome | None = services.outcome_of(process)
    selected = set(outcome.selected) if outcome else set()
    ideas = list(process.ideas.filter(option__isnull=False).order_by("pk"))
    projects = []
    for idea in ideas:
        row = {"project_id": idea.key, "cost": str(idea.cost or 0), "name": idea.title}
        if idea.theme:
            row["category"] = idea.theme
        if outcome:
            row["selected"] = "1" if idea.key in selected else "0"
        projects.append(row)
    ballots = services.ballots_as_projects(process)
    votes = []
    for number, ballot in enumerate(ballots, start=1):
        if isinstance(ballot, dict):
            votes.append(
                {
                    "voter_id": str(number),
                    "vote": ",".join(ballot),
                    "points": ",".join(str(v) for v in ballot.values()),
                }
            )
        else:
            votes.append({"voter_id": str(number), "vote": ",".join(ballot)})
    meta = {
        "description": process.title,
        "country": "China",
        "unit": process.community.name,
        "instance": str(process.vote_closes_at.year),
        "num_projects": str(len(projects)),
        "num_votes": str(len(votes)),
        "budget": str(process.budget),
        "vote_type": VOTE_TYPE[process.ballot_type],
        "rule": PB_RULE[process.rule],
        "date_begin": process.vote_opens_at.date().isoformat(),
        "date_end": process.vote_closes_at.date().isoformat(),
    }
    if process.ballot_type == "approval" and process.max_choices:
        meta["max_length"] = str(process.max_choices)
    if process.ballot_type == "cumulative" and process.points_total:
        meta["max_sum_points"] = str(process.points_total)
    return pabulib.write(pabulib.build(meta=meta, projects=projects, votes=votes))
