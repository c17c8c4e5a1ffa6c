"""When reminders fall due and how long a freed place is held: plain arithmetic, no Django."""

from __future__ import annotations

from datetime import datetime, timedelta

REMINDERS: dict[str, timedelta] = {"48h": timedelta(hours=48), "2h": timedelta(hours=2)}
OFFER_HOLD = timedelta(hours=24)
# A freed place offered shortly before a meeting must be confirmed before it starts.
OFFER_LAST_CALL = timedelta(minutes=30)


def due_reminders(starts_at: datetime, now: datetime, sent: set[str]) -> list[str]:
    """The reminders to send now for a meeting starting at ``starts_at``.

    A reminder is due from its moment until the next reminder's moment (or the start), so a sweep
    that runs late still sends it; the 48-hour reminder is skipped once the 2-hour one is due,
    because two reminders at once help nobody."""
    if now >= starts_at:
        return []
    before = starts_at - now
    if before <= REMINDERS["2h"]:
        return [] if "2h" in sent else ["2h"]
    if before <= REMINDERS["48h"] and "48h" not in sent:
        return ["48h"]
    return []


def offer_expiry(now: datetime, starts_at: datetime) -> datetime:
    """How long the next person on the waiting list has to confirm a freed place."""
    return min(now + OFFER_HOLD, max(starts_at - OFFER_LAST_CALL, now + timedelta(minutes=15)))


def places_left(capacity: int | None, held: int) -> int | None:
    """Free places; ``None`` when there is no limit."""
    if capacity is None:
        return None
    return max(capacity - held, 0)
