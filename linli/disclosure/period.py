"""The 公示 rule, in one place and without Django: a decision under public notice becomes final
only after its notice period has run and every objection has a public answer."""

from __future__ import annotations

from datetime import date, timedelta

MIN_DAYS = 5  # the usual shortest 公示 period in Chinese community practice
MAX_DAYS = 30


def ends_on(starts_on: date, days: int) -> date:
    """The last day of the notice period (the start day counts as day one)."""
    return starts_on + timedelta(days=days - 1)


def may_object(today: date, ends: date) -> bool:
    return today <= ends


def ready_to_be_final(today: date, ends: date, unanswered: int) -> bool:
    return today > ends and unanswered == 0


def waiting_for(today: date, ends: date, unanswered: int) -> str:
    """What the decision is waiting for, as a key the pages put into words: "period",
    "answers" or "" (nothing: it can become final)."""
    if today <= ends:
        return "period"
    if unanswered:
        return "answers"
    return ""
