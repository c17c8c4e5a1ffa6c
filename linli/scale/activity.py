"""Shared pieces of a generated city's activity: the ledger buffer, times, engagement projects.

Each participation module's rows are written by ``consultations`` and ``gatherings``; each
ledger row is the one the module's command records (same method, channel, depth and source),
so the ledger's uniqueness holds and counts match the acts behind them.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from linli.engagement.models import Level, Project
from linli.participation.models import Act

from . import plan
from .people import BATCH, Town


class Ledger:
    """Acts of participation collected and inserted in batches."""

    def __init__(self, town: Town) -> None:
        self.town = town
        self.rows: list[Act] = []
        self.written = 0

    def add(
        self,
        member: Any,
        method: str,
        channel: str,
        depth: int,
        source: tuple[str, Any],
        when: datetime,
        project: Project | None = None,
        recorded_by: Any = None,
    ) -> None:
        self.rows.append(
            Act(
                member=member,
                household_id=member.household_id,
                area_id=self.town.area_of.get(member.pk),
                community=self.town.community,
                project=project,
                method=method,
                channel=channel,
                depth=depth,
                occurred_at=when,
                source_type=source[0],
                source_id=str(source[1]),
                recorded_by=recorded_by,
            )
        )
        if len(self.rows) >= BATCH * 5:
            self.flush()

    def flush(self) -> None:
        Act.objects.bulk_create(self.rows, batch_size=BATCH)
        self.written += len(self.rows)
        self.rows = []


def year_start(now: datetime, year: int) -> datetime:
    """Year 0 began three years ago; the last year ends today."""
    return now - timedelta(days=365 * (plan.YEARS - year))


def spread(now: datetime, year: int, count: int, rng: random.Random) -> list[datetime]:
    """``count`` moments through one year, in order, at office hours."""
    start = year_start(now, year)
    days = sorted(rng.randint(0, 364) for _ in range(count))
    return [
        (start + timedelta(days=d)).replace(hour=rng.choice([9, 10, 14, 15, 19]), minute=0)
        for d in days
    ]


def sample(rng: random.Random, people: list[Any], share_or_count: float | int) -> list[Any]:
    count = share_or_count if isinstance(share_or_count, int) else int(len(people) * share_or_count)
    return rng.sample(people, min(len(people), max(0, count)))


def projects(town: Town, now: datetime) -> list[Project]:
    """One engagement project a year; the last one is open now."""
    rows = []
    for year in range(plan.YEARS):
        start = year_start(now, year)
        last = year == plan.YEARS - 1
        rows.append(
            Project(
                community=town.community,
                title=f"{start.year}年院落微更新",
                slug=f"renewal-{start.year}-{year}",
                purpose="听取居民意见，改善公共空间。",
                status=Project.Status.OPEN if last else Project.Status.CLOSED,
                level=Level.INVOLVE,
                starts_on=start.date(),
                ends_on=(start + timedelta(days=360)).date(),
                lead=town.organiser,
                created_by=town.staff,
                opened_at=start,
                closed_at=None if last else start + timedelta(days=360),
            )
        )
    return Project.objects.bulk_create(rows)
