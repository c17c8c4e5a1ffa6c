"""A resident's level on a date is the deepest act in the year up to that day."""

from __future__ import annotations

import numpy as np
import pytest

from linli.insights.ladder import LEVELS, Acts, LadderError, ladder, levels_on
from linli.participation.models import Depth


def test_the_levels_are_the_ledgers_depths():
    assert [value for value, _ in Depth.choices] == list(range(1, len(LEVELS)))
    assert [d.name.lower() for d in Depth] == list(LEVELS[1:])


def acts(*rows):
    member, depth, when = zip(*rows, strict=True)
    return Acts.of(member, depth, when)


def test_it_takes_the_deepest_act_in_the_window():
    ledger = acts(
        (1, 1, "2025-01-10T09:00"),
        (1, 3, "2025-03-01T19:30"),
        (1, 2, "2025-06-01T10:00"),
        (2, 1, "2025-06-30T23:59"),
    )
    members = np.array([1, 2, 3])
    assert list(levels_on(ledger, "2025-06-30", members)) == [3, 1, 0]
    # The day itself counts to its end; the act on 1 March is not yet made on 28 February.
    assert list(levels_on(ledger, "2025-02-28", members)) == [1, 0, 0]


def test_a_level_lapses_after_the_window():
    ledger = acts((1, 5, "2024-03-01T10:00"), (1, 1, "2025-02-01T10:00"))
    members = np.array([1])
    assert list(levels_on(ledger, "2025-02-28", members)) == [5]
    assert list(levels_on(ledger, "2025-03-02", members)) == [1]
    assert list(levels_on(ledger, "2025-03-02", members, window_days=800)) == [5]


def test_residents_who_never_took_part_are_none():
    ledger = acts((7, 2, "2025-05-01T10:00"))
    result = ladder(ledger, "2025-01-01", "2025-12-31", members=[3, 7, 900])
    assert result.resident(3) == ("none", "none")
    assert result.resident(7) == ("none", "consulted")
    with pytest.raises(LadderError, match=r"^member 8 is not in this ladder$"):
        result.resident(8)


def test_it_handles_ids_too_large_for_a_lookup_table():
    ledger = acts((10**15, 4, "2025-05-01T10:00"), (3, 2, "2025-05-02T10:00"))
    result = ladder(ledger, "2025-01-01", "2025-12-31")
    assert list(result.members) == [3, 10**15]
    assert list(result.after) == [2, 4]


def test_it_refuses_bad_input():
    with pytest.raises(LadderError, match=r"^depth must be between 1 and 5$"):
        Acts.of([1], [6], ["2025-01-01"])
    with pytest.raises(
        LadderError, match=r"^member, depth and when must be arrays of the same length$"
    ):
        Acts.of([1, 2], [1], ["2025-01-01"])
    with pytest.raises(LadderError, match=r"^the first date must not come after the second$"):
        ladder(acts((1, 1, "2025-01-01T00:00")), "2025-06-01", "2025-01-01")
