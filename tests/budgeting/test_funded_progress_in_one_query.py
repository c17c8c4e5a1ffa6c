"""Issue 23: the budget page lists every funded project's progress (money spent, milestones
done) - read with the funded projects in one query, not one query per project."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from linli.budgeting import services

from .conftest import add_project, cast, member, shift
from .test_flow import photo, voters

pytestmark = pytest.mark.django_db


def test_progress_of_every_funded_project_comes_with_them(community, process, organiser, resident):
    a = add_project(process, "健身角", 60_000, pabulib_id="1")
    b = add_project(process, "雨棚", 30_000, pabulib_id="2")
    shift(process, "review")
    services.open_vote(organiser, process)
    shift(process, "vote")
    for voter in voters(community, 3):
        cast(process, voter, [a, b])
    shift(process, "results")
    services.compute_outcome(organiser, process)
    services.publish_outcome(organiser, process)
    services.set_owner(organiser, a, owner=member(resident))
    first = services.add_milestone(resident, a, "采购器材", date(2026, 5, 1))
    services.add_milestone(resident, a, "安装", date(2026, 6, 1))
    services.milestone_done(resident, first)
    services.add_spending(
        resident,
        a,
        amount=Decimal("1200.50"),
        what="器材",
        spent_on=date(2026, 5, 2),
        receipt=photo(),
    )
    services.add_spending(
        resident,
        a,
        amount=Decimal("99.50"),
        what="螺丝",
        spent_on=date(2026, 5, 3),
        receipt=photo(),
    )
    funded = services.funded(process)
    with CaptureQueriesContext(connection) as queries:
        shown = {idea.title: services.progress(idea) for idea in funded}
    assert len(queries) == 0
    assert (shown["健身角"]["spent"], shown["健身角"]["milestones_done"]) == (Decimal(1300), 1)
    assert shown["健身角"]["milestones"] == 2
    assert (shown["雨棚"]["spent"], shown["雨棚"]["milestones"]) == (Decimal(0), 0)
    # The same figures as a project's own page reads one by one.
    a.refresh_from_db()
    alone = services.progress(a)
    assert (alone["spent"], alone["milestones_done"], alone["milestones"]) == (Decimal(1300), 1, 2)
