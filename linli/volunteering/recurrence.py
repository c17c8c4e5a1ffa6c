"""Shifts from a weekly schedule, and what regenerating an edited schedule does: plain dates and
times, no Django, so the rules are tested alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# A schedule never makes more than a year and a half of shifts at once.
MAX_SHIFTS = 80


def occurrences(
    *,
    weekday: int,
    start: time,
    end: time,
    first_day: date,
    last_day: date,
    zone: str,
    every_weeks: int = 1,
) -> list[tuple[datetime, datetime]]:
    """Every (start, end) of a weekly schedule between two days, both included, as aware times
    in the community's zone (so 8:00 stays 8:00 whatever the server's clock)."""
    tz = ZoneInfo(zone)
    day = first_day + timedelta(days=(weekday - first_day.weekday()) % 7)
    shifts: list[tuple[datetime, datetime]] = []
    while day <= last_day and len(shifts) < MAX_SHIFTS:
        shifts.append(
            (datetime.combine(day, start, tzinfo=tz), datetime.combine(day, end, tzinfo=tz))
        )
        day += timedelta(weeks=every_weeks)
    return shifts


@dataclass(frozen=True)
class Plan:
    create: list[datetime]  # starts with no shift yet
    remove: list[datetime]  # future shifts nobody signed up for that the schedule no longer has
    kept: list[datetime]  # future shifts the schedule no longer has, kept because people signed up
    move: list[datetime]  # existing future shifts to update (time or place may have changed)


def plan(wanted: list[datetime], existing: dict[datetime, bool], now: datetime) -> Plan:
    """Compare the schedule's starts with the shifts that exist (start -> has sign-ups).

    Past shifts are history and never touched. A future shift the schedule dropped goes away
    only if nobody signed up; otherwise it stays and the leader is told why."""
    wanted_set = set(wanted)
    future = {start: taken for start, taken in existing.items() if start > now}
    return Plan(
        create=sorted(s for s in wanted_set if s not in existing and s > now),
        remove=sorted(s for s, taken in future.items() if s not in wanted_set and not taken),
        kept=sorted(s for s, taken in future.items() if s not in wanted_set and taken),
        move=sorted(s for s in future if s in wanted_set),
    )
