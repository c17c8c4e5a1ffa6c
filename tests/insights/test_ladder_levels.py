"""A resident's level on a date is the deepest act in the year up to that day: the windows, and
the rows grouped by resident turned into a ladder (the grouping itself: test_ladder_in_sql)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from linli.insights.ladder import LEVELS, LadderError, Residents, ladder, window
from linli.participation.models import Depth


def test_the_levels_are_the_ledgers_depths():
    assert [value for value, _ in Depth.choices] == list(range(1, len(LEVELS)))
    assert [d.name.lower() for d in Depth] == list(LEVELS[1:])


def test_a_window_is_the_year_up_to_and_including_the_day():
    assert window("2025-06-30") == (date(2024, 7, 1), date(2025, 7, 1))
    assert window("2025-03-02", 800) == (date(2022, 12, 24), date(2025, 3, 3))
    assert window("2024-12-31", 1) == (date(2024, 12, 31), date(2025, 1, 1))


def test_residents_who_never_took_part_are_none():
    rows = Residents.of([7], [0], [2], ["2025-05-01T10:00"])
    result = ladder(rows, "2025-01-01", "2025-12-31", members=[900, 3, 7])
    assert list(result.members) == [3, 7, 900]
    assert result.resident(3) == ("none", "none")
    assert result.resident(7) == ("none", "consulted")
    assert np.isnat(result.first[0])
    assert result.first[1] == np.datetime64("2025-05-01T10:00")
    with pytest.raises(LadderError, match=r"^member 8 is not in this ladder$"):
        result.resident(8)


def test_rows_of_residents_not_counted_are_left_out():
    rows = Residents.of([1, 2], [1, 3], [2, 4], ["2025-01-01", "2025-02-01"])
    result = ladder(rows, "2025-01-01", "2025-12-31", members=[2])
    assert list(result.members) == [2]
    assert list(result.after) == [4]
    assert list(ladder(rows, "2025-01-01", "2025-12-31").members) == [1, 2]


def test_it_handles_ids_too_large_for_a_lookup_table():
    rows = Residents.of([10**15, 3], [0, 0], [4, 2], ["2025-05-01T10:00", "2025-05-02T10:00"])
    result = ladder(rows, "2025-01-01", "2025-12-31")
    assert list(result.members) == [3, 10**15]
    assert list(result.after) == [2, 4]


def test_it_refuses_bad_input():
    with pytest.raises(LadderError, match=r"^a level must be between 0 and 5$"):
        Residents.of([1], [6], [1], ["2025-01-01"])
    with pytest.raises(LadderError, match=r"^a level must be between 0 and 5$"):
        Residents.of([1], [0], [-1], ["2025-01-01"])
    with pytest.raises(
        LadderError, match=r"^member, before, after and first must be arrays of the same length$"
    ):
        Residents.of([1, 2], [1], [1], ["2025-01-01"])
    with pytest.raises(LadderError, match=r"^one row per resident$"):
        Residents.of([1, 1], [1, 1], [1, 1], ["2025-01-01", "2025-01-02"])
    rows = Residents.of([1], [1], [1], ["2025-01-01T00:00"])
    with pytest.raises(LadderError, match=r"^the first date must not come after the second$"):
        ladder(rows, "2025-06-01", "2025-01-01")
