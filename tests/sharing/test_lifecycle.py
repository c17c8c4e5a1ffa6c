"""The pure loan state machine: both sides confirm each step, nothing returns before it left."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.sharing import lifecycle as lc
from linli.sharing.lifecycle import BORROWER, OWNER, LoanState, Refused, step


def test_the_whole_path_needs_both_sides_at_each_step():
    state = step(LoanState(), "approve", OWNER)
    assert state.status == lc.APPROVED
    state = step(state, "confirm_handover", OWNER)
    assert state.status == lc.APPROVED and lc.waiting_for(state) == BORROWER
    state = step(state, "confirm_handover", BORROWER)
    assert state.status == lc.HANDED_OVER
    state = step(state, "confirm_return", BORROWER)
    assert state.status == lc.HANDED_OVER and lc.waiting_for(state) == OWNER
    assert step(state, "confirm_return", OWNER).status == lc.RETURNED


def test_no_return_before_hand_over():
    approved = step(LoanState(), "approve", OWNER)
    half = step(approved, "confirm_handover", OWNER)
    for state in (LoanState(), approved, half):
        with pytest.raises(Refused, match=r"^not_handed_over$") as refusal:
            step(state, "confirm_return", OWNER)
        assert refusal.value.code == "not_handed_over"


def test_only_the_owner_decides_and_only_once():
    with pytest.raises(Refused, match="owner_only"):
        step(LoanState(), "approve", BORROWER)
    approved = step(LoanState(), "approve", OWNER)
    with pytest.raises(Refused, match="already_decided"):
        step(approved, "decline", OWNER)


def test_a_side_cannot_confirm_twice_and_cancel_stops_after_hand_over_starts():
    half = step(step(LoanState(), "approve", OWNER), "confirm_handover", OWNER)
    with pytest.raises(Refused, match="already_confirmed"):
        step(half, "confirm_handover", OWNER)
    with pytest.raises(Refused, match="cannot_cancel"):
        step(half, "cancel", BORROWER)
    assert step(LoanState(), "cancel", BORROWER).status == lc.CANCELLED


def test_finished_loans_take_no_more_steps():
    declined = step(LoanState(), "decline", OWNER)
    with pytest.raises(Refused, match="finished"):
        step(declined, "approve", OWNER)


def test_overdue_and_due_soon_come_from_dates():
    due = date(2026, 5, 10)
    assert lc.is_due_soon(lc.HANDED_OVER, due, date(2026, 5, 9))
    assert not lc.is_due_soon(lc.HANDED_OVER, due, date(2026, 5, 8))
    assert not lc.is_overdue(lc.HANDED_OVER, due, date(2026, 5, 10))
    assert lc.is_overdue(lc.HANDED_OVER, due, date(2026, 5, 11))
    assert not lc.is_overdue(lc.RETURNED, due, date(2026, 6, 1))
    # an overdue loan keeps the item until it comes back
    assert lc.held_until(lc.HANDED_OVER, due, date(2026, 5, 20)) == date(2026, 5, 20)


ACTIONS = ["approve", "decline", "cancel", "confirm_handover", "confirm_return"]


@given(
    st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from([OWNER, BORROWER])), max_size=12)
)
def test_any_sequence_returns_only_after_both_handed_over(moves):
    state = LoanState()
    for action, side in moves:
        try:
            state = step(state, action, side)
        except Refused:
            continue
        if state.return_owner or state.return_borrower:
            assert state.handover_owner and state.handover_borrower
        if state.status == lc.RETURNED:
            assert state.return_owner and state.return_borrower
