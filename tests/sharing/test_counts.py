"""Figures of the seed's board (004): 113 of 148 households lending, 60+ loans, on a fixture
courtyard of 148 households in six buildings; the pure module and the database path agree."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from linli.core.models import Role
from linli.sharing import counts, services
from linli.sharing.counts import HouseholdRow, ItemRow, LoanRow
from linli.sharing.models import Item, Loan
from tests.conftest import make_household, make_person


def test_percent_rounds_as_people_do():
    assert counts.percent(113, 148) == 76
    assert counts.percent(1, 8) == 13
    assert counts.percent(0, 0) == 0


def test_the_seed_courtyard_in_plain_data():
    homes = [HouseholdRow(i, f"{i % 6 + 1}栋") for i in range(148)]
    items = [ItemRow(n, n % 113, n < 500) for n in range(800)]
    loans = [LoanRow(i % 113, (i + 7) % 148, date(2017, 1 + i % 5, 3)) for i in range(62)]
    summary = counts.summarise(homes, items, loans)
    assert (summary.households, summary.listing, summary.items) == (148, 113, 800)
    assert summary.listing_share == 76
    assert summary.loans == 62 and summary.never_lent == 300
    assert [month for month, _n in summary.by_month] == [f"2017-0{m}" for m in range(1, 6)]
    assert sum(n for _m, n in summary.by_month) == 62
    assert sum(row.households for row in summary.by_building) == 148
    assert [row.building for row in summary.by_building][:2] == ["1栋", "2栋"]


def test_loans_that_never_changed_hands_do_not_count():
    summary = counts.summarise(
        [HouseholdRow(1, "1栋"), HouseholdRow(2, "1栋")],
        [ItemRow(1, 1, False)],
        [LoanRow(1, 2, None)],
    )
    assert summary.loans == 0 and summary.borrowing == 0 and summary.taking_part == 1


@pytest.mark.django_db
def test_figures_from_the_database_on_a_courtyard_of_148(community):
    homes = []
    for n in range(148):
        building, unit, flat = n // 26 + 1, n % 2 + 1, 101 + n % 13
        homes.append(
            make_household(community, ["金桂苑", f"{building}栋", f"{unit}单元", f"{flat}-{n}"])
        )
    expires = services.today() + timedelta(days=90)
    Item.objects.bulk_create(
        Item(
            community=community,
            household=homes[n % 113],
            name=f"物品{n}",
            category="books",
            expires_on=expires,
        )
        for n in range(800)
    )
    borrower = make_person(community, "b@test.org", Role.RESIDENT, homes[140])
    from linli.core.models import Member

    who = Member.objects.get(user=borrower)
    items = list(Item.objects.order_by("pk")[:61])
    now = timezone.now()
    Loan.objects.bulk_create(
        Loan(
            item=item,
            community=community,
            owner_household=item.household,
            borrower_household=homes[140],
            borrower=who,
            starts_on=services.today(),
            due_on=services.today(),
            status="returned",
            handed_over_at=now,
        )
        for item in items
    )
    summary = services.figures(community)
    assert summary.households == 148 and summary.listing == 113
    assert summary.listing_share == 76
    assert summary.taking_part == 114 and summary.share == 77  # the borrower's household joins
    assert summary.items == 800 and summary.loans == 61 and summary.never_lent == 739
    assert len(summary.by_building) == 6
