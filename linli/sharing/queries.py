"""What people read about item sharing: who is who, the board, loans and figures - selections
that change nothing (pages, the API and the commands read through these; a GET never writes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from linli.core.models import Community, Household, Member
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of, require
from linli.core.services import ServiceError

from . import counts, lifecycle
from .models import Box, Category, Item, Loan


def today() -> date:
    return timezone.localdate()


def neighbour(user: Any, community: Community) -> Member:
    """The verified resident with a household who lends or borrows; anyone else is refused."""
    require(user, "sharing.take_part", community)
    member = member_of(user, community)
    if member is None or not member.is_verified or member.household_id is None:
        raise ServiceError(
            _("Only verified residents with a household in this community can lend and borrow.")
        )
    return member


def household_of(user: Any, community: Community) -> Household | None:
    member = member_of(user, community)
    if member is None or not member.is_verified or not can(user, "sharing.take_part", community):
        return None
    return member.household


def side_of(user: Any, loan: Loan) -> str | None:
    household = household_of(user, loan.community)
    if household is None:
        return None
    if household.pk == loan.owner_household_id:
        return lifecycle.OWNER
    if household.pk == loan.borrower_household_id:
        return lifecycle.BORROWER
    return None


def may_see_loan(user: Any, loan: Loan) -> bool:
    """The two households, and organisers (who mediate and keep the figures)."""
    return side_of(user, loan) is not None or can(user, "sharing.mediate", loan.community)


def owns(user: Any, item: Item) -> bool:
    household = household_of(user, item.community)
    return household is not None and household.pk == item.household_id


def may_see_item_photo(user: Any, item: Item) -> bool:
    """As the item page: the board's visitors while it is listed, its household always."""
    if not can(user, "sharing.view", item.community):
        return False
    return not item.is_expired(today()) or owns(user, item)


def state_of(loan: Loan) -> lifecycle.LoanState:
    return lifecycle.LoanState(
        status=loan.status,
        handover_owner=loan.handover_owner_at is not None,
        handover_borrower=loan.handover_borrower_at is not None,
        return_owner=loan.return_owner_at is not None,
        return_borrower=loan.return_borrower_at is not None,
    )


def is_overdue(loan: Loan, on: date | None = None) -> bool:
    return lifecycle.is_overdue(loan.status, loan.due_on, on or today())


def overdue_loans(household: Household, on: date | None = None) -> QuerySet[Loan]:
    return Loan.objects.filter(
        borrower_household=household, status=Loan.Status.HANDED_OVER, due_on__lt=on or today()
    )


def _people(household: Household) -> list[Member]:
    return list(
        Member.objects.filter(household=household, status=Member.Status.VERIFIED).select_related(
            "user"
        )
    )


def box_of(household: Household) -> Box:
    """The household's box, or a new one with the defaults, not yet saved (a GET writes nothing;
    ``save_box`` or the first listing saves it)."""
    return Box.objects.filter(household=household).first() or Box(household=household)


@dataclass
class BoardBox:
    household: Household
    label: str
    items: list[Item] = field(default_factory=list)
    thanks: list[Loan] = field(default_factory=list)
    note: str = ""


@dataclass
class BoardUnit:
    name: str
    boxes: list[BoardBox] = field(default_factory=list)


@dataclass
class BoardBuilding:
    name: str
    units: list[BoardUnit] = field(default_factory=list)
    courtyard: str = ""

    @property
    def items(self) -> int:
        return sum(len(box.items) for unit in self.units for box in unit.boxes)

    @property
    def heading(self) -> str:
        """ "槐树院 · 1栋": two courtyards may each have a 1栋."""
        return " · ".join(part for part in (self.courtyard, self.name) if part)


@dataclass
class BoardCourtyard:
    name: str
    buildings: list[BoardBuilding] = field(default_factory=list)

    @property
    def items(self) -> int:
        return sum(building.items for building in self.buildings)


def on_board(community: Community, on: date | None = None) -> QuerySet[Item]:
    """Items on the board: listed and not expired (paused ones stay, marked as paused)."""
    return Item.objects.filter(community=community, expires_on__gte=on or today())


def search(items: QuerySet[Item], category: str = "", words: str = "") -> QuerySet[Item]:
    if category in Category.values:
        items = items.filter(category=category)
    for word in words.split()[:5]:
        items = items.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return items


def box_label(household: Household, box: Box | None, show_flats: bool) -> str:
    """As on the paper board: the flat number, or the name the household chose to show.
    Visitors who are not residents see only the building and unit."""
    if box is not None and box.show_name and box.display_name:
        return box.display_name
    if show_flats:
        return household.flat.name
    return ""


def _address(flat: Any) -> tuple[str, str, str]:
    """(courtyard, building, unit) of a flat, whatever depth its tree has."""
    chain = []
    node = flat.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    chain.reverse()  # courtyard first
    names = [place.name for place in chain]
    if len(names) >= 3:
        return names[0], names[1], " ".join(names[2:])
    if len(names) == 2:
        return names[0], names[1], ""
    return "", names[0] if names else "", ""


def board(
    community: Community, items: QuerySet[Item], show_flats: bool = True
) -> list[BoardCourtyard]:
    """Items grouped courtyard > building > unit > household box, in the order of the address
    tree: two courtyards may each have a 1栋1单元102, so the courtyard always shows."""
    rows = list(
        items.select_related(
            "community",
            "household__flat__parent__parent__parent__parent",
            "household__share_box",
        ).order_by(
            "household__flat__parent__parent__parent__name",
            "household__flat__parent__parent__name",
            "household__flat__parent__name",
            "household__flat__name",
            "name",
        )
    )
    thanks: dict[int, list[Loan]] = {}
    for loan in (
        Loan.objects.filter(
            community=community,
            thanks_shown=True,
            owner_household_id__in={r.household_id for r in rows},
        )
        .exclude(thanks="")
        .order_by("-thanks_at")
    ):
        thanks.setdefault(loan.owner_household_id, []).append(loan)
    buildings: dict[tuple[str, str], BoardBuilding] = {}
    boxes: dict[int, BoardBox] = {}
    for item in rows:
        courtyard_name, building_name, unit_name = _address(item.household.flat)
        group = buildings.setdefault(
            (courtyard_name, building_name), BoardBuilding(building_name, courtyard=courtyard_name)
        )
        if item.household_id not in boxes:
            box = getattr(item.household, "share_box", None)
            boxes[item.household_id] = BoardBox(
                household=item.household,
                label=box_label(item.household, box, show_flats),
                thanks=thanks.get(item.household_id, [])[:3],
                note=box.note if box else "",
            )
            if not group.units or group.units[-1].name != unit_name:
                group.units.append(BoardUnit(unit_name))
            group.units[-1].boxes.append(boxes[item.household_id])
        boxes[item.household_id].items.append(item)
    courtyards: dict[str, BoardCourtyard] = {}
    for (courtyard_name, _name), building in sorted(
        buildings.items(), key=lambda kv: (counts._natural(kv[0][0]), counts._natural(kv[0][1]))
    ):
        courtyards.setdefault(courtyard_name, BoardCourtyard(courtyard_name)).buildings.append(
            building
        )
    return list(courtyards.values())


def lent_out(items: Any) -> dict[int, Loan]:
    """For each item with the borrower now (or overdue), its loan: "lent out until ..."."""
    loans = Loan.objects.filter(item__in=items, status=Loan.Status.HANDED_OVER).select_related(
        "borrower_household__flat"
    )
    return {loan.item_id: loan for loan in loans}


def free_from(item: Item, on: date | None = None) -> date | None:
    """The first day from ``on`` the item is not held by a loan (None when it is free now)."""
    on = on or today()
    holding = item.loans.filter(status__in=Loan.HOLDING).order_by("starts_on")
    day = on
    for loan in holding:
        end = lifecycle.held_until(loan.status, loan.due_on, on)
        if lifecycle.overlaps(loan.starts_on, end, day, day):
            day = end + timedelta(days=1)
    return None if day == on else day


def can_wait_for(item: Item) -> bool:
    """Waiting is for an item that cannot be borrowed today: lent out, promised to a neighbour,
    or paused by its owner (resuming tells the first one waiting, like a return does)."""
    return item.availability == Item.Availability.PAUSED or free_from(item) is not None


def _clash(item: Item, starts_on: date, due_on: date, exclude: int | None = None) -> Loan | None:
    on = today()
    holding = item.loans.filter(status__in=Loan.HOLDING)
    if exclude is not None:
        holding = holding.exclude(pk=exclude)
    for loan in holding:
        end = lifecycle.held_until(loan.status, loan.due_on, on)
        if lifecycle.overlaps(loan.starts_on, end, starts_on, due_on):
            return loan
    return None


def figures(community: Community) -> counts.Summary:
    homes = Household.objects.filter(community=community).select_related(
        "flat__parent__parent__parent__parent"
    )
    rows = []
    for home in homes:
        courtyard, building, _unit = _address(home.flat)
        # "槐树院 1栋": two courtyards may each have a 1栋.
        rows.append(counts.HouseholdRow(home.pk, " ".join(filter(None, [courtyard, building]))))
    lent = Loan.objects.filter(item=OuterRef("pk"), handed_over_at__isnull=False)
    items = [
        counts.ItemRow(pk, household, ever)
        for pk, household, ever in Item.objects.filter(community=community)
        .annotate(ever=Exists(lent))
        .values_list("pk", "household_id", "ever")
    ]
    loans = [
        counts.LoanRow(owner, borrower, timezone.localdate(at) if at else None)
        for owner, borrower, at in Loan.objects.filter(community=community).values_list(
            "owner_household_id", "borrower_household_id", "handed_over_at"
        )
    ]
    return counts.summarise(rows, items, loans)


def open_items(community: Community, user: Any) -> list[OpenItem]:
    """The board itself, when items are listed: always open to ask for something."""
    count = on_board(community).filter(availability=Item.Availability.AVAILABLE).count()
    if not count:
        return []
    from django.urls import reverse

    return [
        OpenItem(
            kind=str(gettext_lazy("Item sharing")),
            title=ngettext(
                "Neighbours lend %(count)s item", "Neighbours lend %(count)s items", count
            )
            % {"count": count},
            url=reverse("sharing:board", args=[community.slug]),
            closes_at=None,
            summary="",
        )
    ]
