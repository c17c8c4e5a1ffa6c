"""Sharing figures without Django: who takes part, how much is lent, by building and by month.

The seed's board: 113 of 148 households listing gives 76%. Plain data in, plain data out, so the
figures can be checked by hand and in tests without a database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from linli.core import rounding


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    building: str


@dataclass(frozen=True)
class ItemRow:
    id: int
    household: int
    ever_lent: bool


@dataclass(frozen=True)
class LoanRow:
    owner: int
    borrower: int
    handed_over_on: date | None  # None: the loan never changed hands


@dataclass(frozen=True)
class BuildingRow:
    building: str
    households: int
    listing: int
    borrowing: int
    taking_part: int
    items: int

    @property
    def share(self) -> int:
        return percent(self.taking_part, self.households)

    @property
    def bar(self) -> str:
        """CSS width of this building's bar (linli.core.rounding.bar_width)."""
        return rounding.bar_width(self.taking_part, self.households)


@dataclass
class Summary:
    households: int = 0
    listing: int = 0
    borrowing: int = 0
    taking_part: int = 0
    items: int = 0
    never_lent: int = 0
    loans: int = 0
    by_month: list[tuple[str, int]] = field(default_factory=list)
    by_building: list[BuildingRow] = field(default_factory=list)

    @property
    def share(self) -> int:
        """Share of households taking part (listing or borrowing), in whole percent."""
        return percent(self.taking_part, self.households)

    @property
    def listing_share(self) -> int:
        return percent(self.listing, self.households)


def percent(part: int, whole: int) -> int:
    # Rounded half up, as people do by hand: 113/148 = 76.35 -> 76.
    return int(part * 100 / whole + 0.5) if whole else 0


def months_between(first: date, last: date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def summarise(
    households: Iterable[HouseholdRow], items: Iterable[ItemRow], loans: Iterable[LoanRow]
) -> Summary:
    homes = list(households)
    things = list(items)
    lent = [loan for loan in loans if loan.handed_over_on is not None]
    listing = {item.household for item in things}
    borrowing = {loan.borrower for loan in lent}
    taking_part = listing | borrowing
    building_of = {home.id: home.building for home in homes}
    per_month = Counter(f"{loan.handed_over_on:%Y-%m}" for loan in lent if loan.handed_over_on)
    dates = sorted(loan.handed_over_on for loan in lent if loan.handed_over_on)
    months = months_between(dates[0], dates[-1]) if dates else []
    items_by_home = Counter(item.household for item in things)
    buildings = sorted({home.building for home in homes}, key=_natural)
    rows = []
    for building in buildings:
        ids = {home.id for home in homes if home.building == building}
        rows.append(
            BuildingRow(
                building=building,
                households=len(ids),
                listing=len(ids & listing),
                borrowing=len(ids & borrowing),
                taking_part=len(ids & taking_part),
                items=sum(items_by_home[i] for i in ids),
            )
        )
    known = set(building_of)
    return Summary(
        households=len(homes),
        listing=len(listing & known),
        borrowing=len(borrowing & known),
        taking_part=len(taking_part & known),
        items=len(things),
        never_lent=sum(1 for item in things if not item.ever_lent),
        loans=len(lent),
        by_month=[(month, per_month[month]) for month in months],
        by_building=rows,
    )


def _natural(name: str) -> tuple[int, str]:
    """Buildings in the order people count them: 2栋 before 10栋."""
    digits = "".join(ch for ch in name if ch.isdigit())
    return (int(digits) if digits else 10**6, name)
