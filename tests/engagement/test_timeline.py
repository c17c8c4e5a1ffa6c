"""The pure timeline: which phases are done, happening now, or to come."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linli.engagement.timeline import Span, State, next_index, order, outside, states

D = date(2026, 5, 1)


def span(a: int, b: int) -> Span:
    return Span(D + timedelta(days=a), D + timedelta(days=b))


def test_a_phase_is_now_from_its_first_to_its_last_day():
    phases = [span(0, 9), span(10, 19), span(20, 29)]
    assert states(phases, D + timedelta(days=10)) == [State.DONE, State.NOW, State.UPCOMING]
    assert states(phases, D + timedelta(days=19)) == [State.DONE, State.NOW, State.UPCOMING]
    assert states(phases, D + timedelta(days=29)) == [State.DONE, State.DONE, State.NOW]


def test_overlapping_phases_can_both_be_now():
    assert states([span(0, 20), span(5, 30)], D + timedelta(days=10)) == [State.NOW, State.NOW]


def test_between_phases_nothing_is_now_and_the_next_one_is_known():
    phases = [span(0, 4), span(10, 14), span(20, 24)]
    today = D + timedelta(days=7)
    assert State.NOW not in states(phases, today)
    assert next_index(phases, today) == 1
    assert next_index(phases, D + timedelta(days=30)) is None


def test_a_closed_project_has_every_phase_done():
    assert states([span(0, 4), span(50, 60)], D, closed=True) == [State.DONE, State.DONE]


def test_order_is_by_start_then_end_then_given_order():
    assert order([span(10, 12), span(0, 5), span(0, 3), span(10, 12)]) == [2, 1, 0, 3]


def test_outside():
    assert outside(span(-1, 3), span(0, 10))
    assert outside(span(5, 11), span(0, 10))
    assert not outside(span(0, 10), span(0, 10))


def test_a_phase_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match=r"^a phase cannot end before it starts$"):
        span(3, 2)


@given(
    st.lists(st.tuples(st.integers(0, 100), st.integers(0, 30)), max_size=8),
    st.integers(-10, 140),
)
def test_states_follow_the_calendar(raw, offset):
    phases = [span(a, a + length) for a, length in raw]
    today = D + timedelta(days=offset)
    for phase, state in zip(phases, states(phases, today), strict=True):
        assert (state == State.DONE) == (phase.ends_on < today)
        assert (state == State.UPCOMING) == (phase.starts_on > today)
    assert sorted(order(phases)) == list(range(len(phases)))
