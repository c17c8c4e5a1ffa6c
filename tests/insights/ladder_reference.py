"""The depth ladder by its definition, one act at a time in plain Python: the reference the
database's grouping (``queries.ladder_rows``) is checked against. Slow on purpose - it reads
like the definition in ``linli/insights/ladder.py``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def levels(
    acts: list[tuple[int, int, datetime]],
    before: str,
    after: str,
    zone: ZoneInfo,
    window_days: int = 365,
) -> dict[int, tuple[int, int, datetime]]:
    """Per member with an act up to the end of ``after`` (local): the deepest act in the
    window of each date and the first act, in local wall-clock time."""

    def bounds(on: str) -> tuple[datetime, datetime]:
        end = datetime.combine(date.fromisoformat(on) + timedelta(days=1), time.min)
        return end - timedelta(days=window_days), end

    (start_b, end_b), (start_a, end_a) = bounds(before), bounds(after)
    found: dict[int, tuple[int, int, datetime]] = {}
    for member, depth, when in acts:
        local = when.astimezone(zone).replace(tzinfo=None)
        if local >= end_a:
            continue
        level_b, level_a, first = found.get(member, (0, 0, local))
        if start_b <= local < end_b:
            level_b = max(level_b, depth)
        if start_a <= local < end_a:
            level_a = max(level_a, depth)
        found[member] = (level_b, level_a, min(first, local))
    return found
