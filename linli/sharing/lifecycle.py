"""The loan state machine, without Django: which step may follow which, and who must confirm.

requested -> approved | declined | cancelled
approved -> handed_over (once BOTH sides confirmed the hand-over) | cancelled
handed_over -> returned (once BOTH sides confirmed the return)

Overdue is not a state: it is read from the dates (handed over, not returned, past the due day).
A refusal carries a code; the services turn it into a translated message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

REQUESTED, APPROVED, DECLINED, CANCELLED = "requested", "approved", "declined", "cancelled"
HANDED_OVER, RETURNED = "handed_over", "returned"
OWNER, BORROWER = "owner", "borrower"
FINISHED = (DECLINED, CANCELLED, RETURNED)


class Refused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class LoanState:
    status: str = REQUESTED
    handover_owner: bool = False
    handover_borrower: bool = False
    return_owner: bool = False
    return_borrower: bool = False


def step(state: LoanState, action: str, side: str) -> LoanState:
    """The state after ``side`` takes ``action``; raises Refused when it may not."""
    if side not in (OWNER, BORROWER):
        raise Refused("unknown_side")
    if state.status in FINISHED:
        raise Refused("finished")
    if action in ("approve", "decline"):
        if side != OWNER:
            raise Refused("owner_only")
        if state.status != REQUESTED:
            raise Refused("already_decided")
        return replace(state, status=APPROVED if action == "approve" else DECLINED)
    if action == "cancel":
        # Once the item has changed hands the loan ends by returning it, not by cancelling.
        if (
            state.status not in (REQUESTED, APPROVED)
            or state.handover_owner
            or state.handover_borrower
        ):
            raise Refused("cannot_cancel")
        return replace(state, status=CANCELLED)
    if action == "confirm_handover":
        if state.status != APPROVED:
            raise Refused("not_approved")
        done = state.handover_owner if side == OWNER else state.handover_borrower
        if done:
            raise Refused("already_confirmed")
        if side == OWNER:
            state = replace(state, handover_owner=True)
        else:
            state = replace(state, handover_borrower=True)
        if state.handover_owner and state.handover_borrower:
            state = replace(state, status=HANDED_OVER)
        return state
    if action == "confirm_return":
        if state.status != HANDED_OVER:
            raise Refused("not_handed_over")
        done = state.return_owner if side == OWNER else state.return_borrower
        if done:
            raise Refused("already_confirmed")
        if side == OWNER:
            state = replace(state, return_owner=True)
        else:
            state = replace(state, return_borrower=True)
        if state.return_owner and state.return_borrower:
            state = replace(state, status=RETURNED)
        return state
    raise Refused("unknown_action")


def waiting_for(state: LoanState) -> str | None:
    """Which side the loan waits for now (None when nobody, or either may act)."""
    if state.status == REQUESTED:
        return OWNER
    if state.status == APPROVED and state.handover_owner != state.handover_borrower:
        return BORROWER if state.handover_owner else OWNER
    if state.status == HANDED_OVER and state.return_owner != state.return_borrower:
        return BORROWER if state.return_owner else OWNER
    return None


def is_overdue(status: str, due_on: date, today: date) -> bool:
    return status == HANDED_OVER and due_on < today


def is_due_soon(status: str, due_on: date, today: date) -> bool:
    """Due tomorrow (the one-day-before reminder) or today."""
    return status == HANDED_OVER and 0 <= (due_on - today).days <= 1


def overlaps(start_a: date, end_a: date, start_b: date, end_b: date) -> bool:
    """Two inclusive date ranges share at least one day."""
    return start_a <= end_b and start_b <= end_a


def held_until(status: str, due_on: date, today: date) -> date:
    """The last day a holding loan keeps the item: an overdue loan keeps it until it comes back."""
    if status == HANDED_OVER and due_on < today:
        return today
    return due_on
