"""When a digest of notices and 公示 is due, in one place and without Django.

A resident who chose a digest gets new notices and 公示 in one message instead of one each: the
daily digest after 08:00 with what came before that morning, the weekly one on Monday after 08:00
with what came before. Times are the community's local time."""

from __future__ import annotations

from datetime import datetime, timedelta

AT_ONCE = "at_once"
DAILY = "daily"
WEEKLY = "weekly"
SEND_HOUR = 8


def window_start(mode: str, now: datetime) -> datetime:
    """The latest moment a digest of ``mode`` was due at or before ``now`` (local time)."""
    morning = now.replace(hour=SEND_HOUR, minute=0, second=0, microsecond=0)
    if now < morning:
        morning -= timedelta(days=1)
    if mode == WEEKLY:
        morning -= timedelta(days=morning.weekday())  # back to Monday
    return morning


def is_due(mode: str, oldest_waiting: datetime, now: datetime) -> bool:
    """A digest goes out once what waits for it came before the latest sending time."""
    if mode == AT_ONCE:
        return True
    return oldest_waiting < window_start(mode, now) <= now
