"""Issue 23: the community ladder counts residents by courtyard from the courtyards' keys read
with the residents, not a name labelled on each in Python - with the same published tables as
labelling each resident (the reference below: the page's former way)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from linli.core.models import Member
from linli.insights import ladder, queries
from linli.insights.ladder import LadderError, by_coded_group
from linli.participation.models import Act
from tests.conftest import make_household

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _reference(community, before, after):
    rows = queries.ladder_rows(community, before, after)
    members = list(
        Member.objects.filter(community=community, status=Member.Status.VERIFIED)
        .order_by("pk")
        .values_list("pk", "household__area__name")
    )
    result = ladder.ladder(rows, before, after, members=[m[0] for m in members])
    area_of = dict(members)
    courtyards = [area_of.get(int(pk)) or "-" for pk in result.members]
    return ladder.publish_table(ladder.by_group(result, courtyards))


def test_the_courtyard_table_is_the_one_labelling_each_resident_gives(community):
    homes = [
        make_household(community, [yard, "1栋", "1单元", f"10{n}"])
        for n, yard in enumerate(["梧桐院", "枫杨院", "银杏院", "梧桐院"])
    ]
    people = []
    for i in range(60):
        home = homes[i % 4] if i % 7 else None  # every seventh without an address
        status = Member.Status.VERIFIED if i % 11 else Member.Status.PENDING
        people.append(
            Member.objects.create(
                community=community, name=f"居民{i}", household=home, status=status
            )
        )
    Act.objects.bulk_create(
        Act(
            member=person,
            community=community,
            method="meeting",
            channel="in_person",
            depth=1 + i % 5,
            occurred_at=datetime(2025, 1 + i % 12, 3, 10, 0, tzinfo=SHANGHAI),
            source_type="test",
            source_id=str(i),
        )
        for i, person in enumerate(people)
        if i % 3
    )
    before, after = date(2025, 6, 30), date(2025, 12, 31)
    shown = queries.community_ladder(community, before, after)["by_courtyard"]
    assert shown == _reference(community, before, after)
    assert [row["row"] for row in shown["rows"]] == ["-", "枫杨院", "梧桐院", "银杏院"]
    assert shown["total"] == 54  # the verified: 60 less the five pending


def test_codes_must_name_a_group():
    result = ladder.ladder(
        ladder.Residents.of([1, 2], [0, 1], [1, 2], ["2025-01-01"] * 2), "2025-01-01", "2025-02-01"
    )
    table = by_coded_group(result, [1, 0], ["甲", "乙"])
    assert table.rows == ("乙", "甲") and table.cells.sum() == 2
    with pytest.raises(LadderError, match=r"^a group code must index the names$"):
        by_coded_group(result, [0, 2], ["甲", "乙"])
    with pytest.raises(LadderError, match=r"^one group per member of the ladder$"):
        by_coded_group(result, np.array([0]), ["甲"])
