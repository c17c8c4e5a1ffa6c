"""Which ranked applications the money would reach. Pure: no Django, plain data in and out.

The organiser decides; this only suggests. Going down the ranking, each application is offered
what it asked for, cut to the per-project cap. It is suggested when that fits in what is left of
the community's yearly cap; when it does not fit, it is passed over (with the reason) and the
next one down is tried, because a smaller project further down may still fit - the same greedy
rule cities use for participatory budgets.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

FUNDED = "funded"
TOO_BIG = "does_not_fit"  # more than what is left of the community's cap
NOT_SCORED = "not_scored"


@dataclass(frozen=True)
class Ask:
    key: Hashable
    requested: int
    scored: bool = True


@dataclass(frozen=True)
class Suggestion:
    key: Hashable
    amount: int  # what would be awarded (0 when not suggested)
    reason: str  # FUNDED, TOO_BIG or NOT_SCORED
    left_after: int  # what is left of the cap after this line


def fund_down(ranked: Sequence[Ask], project_cap: int, left: int) -> list[Suggestion]:
    """``ranked`` best first; ``left`` is what remains of the community's cap for the year."""
    out: list[Suggestion] = []
    for ask in ranked:
        amount = min(ask.requested, project_cap)
        if not ask.scored:
            out.append(Suggestion(ask.key, 0, NOT_SCORED, left))
        elif amount <= left:
            left -= amount
            out.append(Suggestion(ask.key, amount, FUNDED, left))
        else:
            out.append(Suggestion(ask.key, 0, TOO_BIG, left))
    return out


def check_award(amount: int, requested: int, project_cap: int, already: int, cap: int) -> str:
    """'' when an award of ``amount`` is allowed, else which limit it breaks:
    'positive', 'requested', 'project_cap' or 'community_cap'."""
    if amount <= 0:
        return "positive"
    if amount > requested:
        return "requested"
    if amount > project_cap:
        return "project_cap"
    if already + amount > cap:
        return "community_cap"
    return ""
