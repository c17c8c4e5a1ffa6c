"""When meeting reminders fall due: plain arithmetic, no Django. (Freed places and their offers:
linli.core.waitlist.)"""

from __future__ import annotations

from datetime import datetime, timedelta

REMINDERS: dict[str, timedelta] = {"48h": timedelta(hours=48), "2h": timedelta(hours=2)}


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
