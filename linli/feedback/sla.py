"""When an answer is due: the service-level time of each responsible body, and whether an item
is late. Pure Python, no Django."""

from __future__ import annotations

from datetime import date, timedelta

# Working days are not modelled: the community office answers calendar days, as residents count.
DAYS_TO_ANSWER = {
    "committee": 7,  # 居委会
    "property": 5,  # 物业: repairs are expected sooner
    "street": 15,  # 街道 office: goes through another level
    "partner": 10,
}


def due_on(responsible: str, routed_on: date) -> date:
    return routed_on + timedelta(days=DAYS_TO_ANSWER.get(responsible, 7))


def days_late(due: date | None, today: date, answered: bool) -> int:
    """Days past the due date of an item still waiting for its answer (0 when not late)."""
    if due is None or answered:
        return 0
    return max(0, (today - due).days)
