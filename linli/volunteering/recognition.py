"""Milestones of verified volunteer hours and the offer hold for a freed place: plain numbers."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

MILESTONES = (50, 100, 250, 500)
REMINDER_BEFORE = timedelta(hours=48)
OFFER_HOLD = timedelta(hours=24)
OFFER_LAST_CALL = timedelta(minutes=30)


def reached(total: Decimal | float, already: set[int]) -> list[int]:
    """Milestones the total has passed that were not celebrated yet."""
    return [m for m in MILESTONES if total >= m and m not in already]


def next_milestone(total: Decimal | float) -> int | None:
    return next((m for m in MILESTONES if total < m), None)


def offer_expiry(now: datetime, starts_at: datetime) -> datetime:
    """How long the next person waiting has to confirm a freed place: a day, but never past
    half an hour before the shift (and at least a quarter of an hour)."""
    return min(now + OFFER_HOLD, max(starts_at - OFFER_LAST_CALL, now + timedelta(minutes=15)))


def reminder_due(starts_at: datetime, now: datetime) -> bool:
    return now < starts_at <= now + REMINDER_BEFORE


def places_left(capacity: int | None, held: int) -> int | None:
    if capacity is None:
        return None
    return max(capacity - held, 0)
