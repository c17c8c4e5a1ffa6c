"""Published ladder tables withhold every count of 1-4 residents and what would give it away."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from linli.insights.ladder import (
    LEVELS,
    Ladder,
    Residents,
    Table,
    ladder,
    publish_table,
    publish_transitions,
    table_figures,
    transition_figures,
)
from linli.insights.suppression import suppress
from tests.insights.disclosure import assert_nothing_small_can_be_worked_out


def test_it_withholds_small_cells_of_a_table_and_their_complements():
    table = Table(("A", "B"), ("none", "informed"), np.array([[10, 3], [20, 7]]))
    page = publish_table(table)
    assert page["rows"][0]["cells"][1] is None  # 3
    assert page["rows"][0]["total"] == 13
    # A's 10 alone would give away the 3 (13 - 10): one more cell goes in each row and column.
    assert page["rows"][0]["cells"][0] is None
    assert page["total"] == 40
    assert page["threshold"] == 5


def test_it_shows_a_table_without_small_cells_in_full():
    table = Table(("A", "B"), ("none", "informed"), np.array([[10, 0], [20, 7]]))
    page = publish_table(table)
    assert [row["cells"] for row in page["rows"]] == [[10, 0], [20, 7]]
    assert page["totals"] == [30, 7]


def test_published_transitions_keep_everything_when_no_count_is_small():
    before = np.array([0] * 10 + [1] * 10 + [2] * 6)
    after = np.array([1] * 10 + [1] * 10 + [0] * 6)
    first = np.full(26, np.datetime64("2024-06-01T10:00"))
    result = Ladder(np.arange(26), before, after, "2024-12-31", "2025-12-31", first)
    page = publish_transitions(result)
    assert page["moves"] == {"up": 10, "stayed": 10, "down": 6}
    assert page["rows"][0]["cells"] == [0, 10, 0, 0, 0, 0]
    assert page["rows"][2]["cells"] == [6, 0, 0, 0, 0, 0]
    assert page["before"] == "2024-12-31"
    assert page["total"] == 26


@st.composite
def ledgers(draw):
    """A ledger grouped by resident: up to 40 residents, each level 0-5 on both dates."""
    members = draw(st.lists(st.integers(0, 40), min_size=1, max_size=40, unique=True))
    size = len(members)
    before = draw(st.lists(st.integers(0, 5), min_size=size, max_size=size))
    after = draw(st.lists(st.integers(0, 5), min_size=size, max_size=size))
    days = draw(st.lists(st.integers(0, 729), min_size=size, max_size=size))
    first = np.datetime64("2024-01-01T12:00") + np.array(days).astype("timedelta64[D]")
    return Residents.of(members, before, after, first)


@settings(max_examples=30)
@given(ledgers())
def test_no_small_count_of_residents_can_be_worked_out(rows):
    result = ladder(rows, "2024-12-31", "2025-12-31")
    values, sums = transition_figures(result)
    withheld = suppress(values, sums)
    assert_nothing_small_can_be_worked_out(values, sums, set(values) - withheld)
    page = publish_transitions(result)
    for row in page["rows"]:
        assert all(c is None or c == 0 or c >= 5 for c in row["cells"])


@settings(max_examples=30)
@given(st.lists(st.lists(st.integers(0, 12), min_size=6, max_size=6), min_size=1, max_size=6))
def test_no_small_count_in_a_table_can_be_worked_out(cells):
    table = Table(tuple(f"r{i}" for i in range(len(cells))), LEVELS, np.array(cells))
    values, sums = table_figures(table.rows, table.columns, table.cells)
    withheld = suppress(values, sums)
    assert_nothing_small_can_be_worked_out(values, sums, set(values) - withheld)
