"""The ladder grouped by resident in the database gives what the definition gives, act by act
(``ladder_reference``), on SQLite and PostgreSQL: windows of local days, lapsed levels, first
acts for the cohorts, one query."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.core.models import Member
from linli.insights import ladder, queries
from linli.participation.models import Act
from tests.insights import ladder_reference

SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC = ZoneInfo("UTC")


def _members(community, count):
    return [Member.objects.create(community=community, name=f"居民{i}") for i in range(count)]


def _record(community, rows):
    Act.objects.bulk_create(
        Act(
            member=member,
            community=community,
            method="meeting",
            channel="in_person",
            depth=depth,
            occurred_at=when,
            source_type="test",
            source_id=str(number),
        )
        for number, (member, depth, when) in enumerate(rows)
    )


def _as_dict(rows: ladder.Residents) -> dict[int, tuple[int, int, datetime]]:
    return {
        int(m): (int(b), int(a), f.astype(datetime))
        for m, b, a, f in zip(rows.member, rows.before, rows.after, rows.first, strict=True)
    }


def test_it_takes_the_deepest_act_of_each_window_in_local_days(community):
    one, two, three = _members(community, 3)
    _record(
        community,
        [
            (one, 1, datetime(2025, 1, 10, 9, 0, tzinfo=SHANGHAI)),
            (one, 3, datetime(2025, 3, 1, 19, 30, tzinfo=SHANGHAI)),
            (one, 2, datetime(2025, 6, 1, 10, 0, tzinfo=SHANGHAI)),
            # 23:59 in Chengdu on 30 June is still 30 June, though it is 15:59 UTC.
            (two, 1, datetime(2025, 6, 30, 23, 59, tzinfo=SHANGHAI)),
            # 00:30 on 1 July in Chengdu is 30 June in UTC: it does not count for 30 June.
            (three, 4, datetime(2025, 7, 1, 0, 30, tzinfo=SHANGHAI)),
        ],
    )
    rows = queries.ladder_rows(community, "2025-02-28", "2025-06-30")
    assert _as_dict(rows) == {
        one.pk: (1, 3, datetime(2025, 1, 10, 9, 0)),
        two.pk: (0, 1, datetime(2025, 6, 30, 23, 59)),
    }
    result = ladder.ladder(rows, "2025-02-28", "2025-06-30", members=[one.pk, two.pk, three.pk])
    assert result.resident(three.pk) == ("none", "none")


def test_a_level_lapses_after_the_window(community):
    (one,) = _members(community, 1)
    _record(
        community,
        [
            (one, 5, datetime(2024, 3, 1, 10, 0, tzinfo=SHANGHAI)),
            (one, 1, datetime(2025, 2, 1, 10, 0, tzinfo=SHANGHAI)),
        ],
    )
    rows = queries.ladder_rows(community, "2025-02-28", "2025-03-02")
    assert (int(rows.before[0]), int(rows.after[0])) == (5, 1)
    longer = queries.ladder_rows(community, "2025-02-28", "2025-03-02", window_days=800)
    assert int(longer.after[0]) == 5


def test_one_resident_and_other_communities_are_kept_apart(community, other_community):
    one, two = _members(community, 2)
    (stranger,) = _members(other_community, 1)
    when = datetime(2025, 5, 1, 10, 0, tzinfo=SHANGHAI)
    _record(community, [(one, 2, when), (two, 4, when)])
    _record(other_community, [(stranger, 5, when)])
    assert list(queries.ladder_rows(community, "2025-01-01", "2025-12-31").member) == [
        one.pk,
        two.pk,
    ]
    mine = queries.ladder_rows(community, "2025-01-01", "2025-12-31", member=two)
    assert list(mine.member) == [two.pk]
    assert list(mine.after) == [4]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_matches_the_definition_act_by_act(community, seed):
    """Random ledgers with acts bunched around local midnight and the windows' edges."""
    rng = random.Random(seed)
    people = _members(community, 25)
    edges = [
        datetime(2024, 1, 1, tzinfo=SHANGHAI),  # the first window opens (365 days to 2024-12-31)
        datetime(2025, 1, 1, tzinfo=SHANGHAI),  # the first date ends, the second window opens
        datetime(2026, 1, 1, tzinfo=SHANGHAI),  # the second date ends
    ]
    acts = []
    for _ in range(400):
        if rng.random() < 0.4:
            when = rng.choice(edges) + timedelta(minutes=rng.randint(-90, 90))
        else:
            when = datetime(2023, 6, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 1_400_000))
        acts.append((rng.choice(people), rng.randint(1, 5), when))
    _record(community, acts)
    expected = ladder_reference.levels(
        [(m.pk, d, w) for m, d, w in acts], "2024-12-31", "2025-12-31", SHANGHAI
    )
    with CaptureQueriesContext(connection) as queries_made:
        rows = queries.ladder_rows(community, "2024-12-31", "2025-12-31")
    assert len(queries_made) == 1
    assert _as_dict(rows) == expected
    # Cohorts and transitions from the grouped rows agree with counts from the reference.
    result = ladder.ladder(rows, "2024-12-31", "2025-12-31", members=[p.pk for p in people])
    by_year = ladder.cohorts(result)
    counted: dict[str, list[int]] = {}
    for _before, after, first in expected.values():
        counted.setdefault(str(first.year), [0] * len(ladder.LEVELS))[after] += 1
    assert by_year.rows == tuple(sorted(counted))
    assert [list(row) for row in by_year.cells] == [counted[r] for r in sorted(counted)]
    table = np.zeros((6, 6), dtype=np.int64)
    for person in people:
        before, after, _first = expected.get(person.pk, (0, 0, None))
        table[before, after] += 1
    assert (result.transitions == table).all()
