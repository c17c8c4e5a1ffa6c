"""Milestones of verified volunteer hours and when a shift reminder falls due: plain numbers."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

MILESTONES = (50, 100, 250, 500)
REMINDER_BEFORE = timedelta(hours=48)


def reached(total: Decimal | float, already: set[int]) -> list[int]:
    """Milestones the total has passed that were not celebrated yet."""
    return [m for m in MILESTONES if total >= m and m not in already]


def next_milestone(total: Decimal | float) -> int | None:
    return next((m for m in MILESTONES if total < m), None)


def reminder_due(starts_at: datetime, now: datetime) -> bool:
    return now < starts_at <= now + REMINDER_BEFORE
