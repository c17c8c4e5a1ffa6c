"""Moves on the ladder between two dates, by courtyard, and by cohort of first act."""

from __future__ import annotations

import numpy as np

from linli.insights.ladder import LEVELS, Residents, by_group, cohorts, ladder

# Grouped by resident for 2024-12-31 and 2025-12-31: (member, level before, after, first act).
LEDGER = Residents.of(
    [1, 2, 3, 4, 5],
    [1, 2, 3, 0, 0],
    [4, 1, 0, 2, 5],
    [
        "2024-02-01T10:00",  # 1: informed in 2024, collaborating in 2025
        "2024-10-01T10:00",  # 2: consulted in 2024, only informed in 2025
        "2024-12-01T10:00",  # 3: involved in December 2024, nothing since
        "2025-01-15T10:00",  # 4: a newcomer in 2025, consulted
        "2025-03-01T10:00",  # 5: a newcomer who leads
    ],
)


def test_it_counts_the_moves_between_two_dates():
    result = ladder(LEDGER, "2024-12-31", "2025-12-31")
    assert [result.resident(m) for m in [1, 2, 3, 4, 5]] == [
        ("informed", "collaborating"),
        ("consulted", "informed"),
        ("involved", "none"),  # a year without acts: the level lapses
        ("none", "consulted"),
        ("none", "leading"),
    ]
    table = result.transitions
    assert table.sum() == 5
    assert table[LEVELS.index("informed"), LEVELS.index("collaborating")] == 1
    assert table[LEVELS.index("none"), LEVELS.index("leading")] == 1
    assert result.moves == {"up": 3, "stayed": 0, "down": 2}


def test_it_counts_residents_by_courtyard():
    result = ladder(LEDGER, "2024-12-31", "2025-12-31")
    courtyard = np.array(["橡树湾", "银杏苑", "橡树湾", "银杏苑", "银杏苑"])
    table = by_group(result, courtyard)
    assert table.rows == ("橡树湾", "银杏苑")
    assert list(table.cells[0]) == [1, 0, 0, 0, 1, 0]
    assert list(table.cells[1]) == [0, 1, 1, 0, 0, 1]
    before = by_group(result, courtyard, on="before")
    assert list(before.cells[1]) == [2, 0, 1, 0, 0, 0]


def test_it_groups_residents_into_cohorts_by_first_act():
    result = ladder(LEDGER, "2024-12-31", "2025-12-31")
    by_year = cohorts(result)
    assert by_year.rows == ("2024", "2025")
    assert list(by_year.cells[0]) == [1, 1, 0, 0, 1, 0]  # residents 1, 2, 3
    assert list(by_year.cells[1]) == [0, 0, 1, 0, 0, 1]  # residents 4, 5
    assert cohorts(result, period="quarter").rows == ("2024-Q1", "2024-Q4", "2025-Q1")
    assert cohorts(result, period="month").rows == (
        "2024-02",
        "2024-10",
        "2024-12",
        "2025-01",
        "2025-03",
    )


def test_residents_who_never_acted_belong_to_no_cohort():
    result = ladder(LEDGER, "2024-12-31", "2025-12-31", members=[1, 2, 3, 4, 5, 6])
    assert result.resident(6) == ("none", "none")
    assert cohorts(result).cells.sum() == 5
