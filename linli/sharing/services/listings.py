"""Listing things to lend: the household's box, items, renewing and pausing them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils.translation import gettext as _

from linli.core import photos
from linli.core.kit import audit as audit_entry
from linli.core.kit import command
from linli.core.models import Community, Household, User
from linli.core.services import ServiceError

from ..models import LISTING_DAYS, Box, Category, Item
from ..queries import box_of, neighbour, owns, today
from .loans import _tell_next_waiting


@command("sharing.take_part", on="household")
def save_box(actor: User, household: Household, show_name: bool, name: str, note: str) -> Box:
    member = neighbour(actor, household.community)
    if member.household_id != household.pk:
        raise ServiceError(_("You can change only your own household's box."))
    if show_name and not name.strip():
        raise ServiceError(_("Give the name to show, or keep showing the flat."), "display_name")
    box = box_of(household)
    box.show_name, box.display_name, box.note = show_name, name.strip(), note.strip()
    box.save()
    return box


@command("sharing.take_part", on="item")
def save_item(actor: User, item: Item, photo: Any = None) -> Item:
    """List a new item for the actor's household, or save changes to one of its items."""
    member = neighbour(actor, item.community)
    if item.pk is None:
        item.household_id = member.household_id
        item.listed_by = member
        item.expires_on = today() + timedelta(days=LISTING_DAYS)
    elif item.household_id != member.household_id:
        raise ServiceError(_("You can change only your own household's items."))
    _check_listing(item)
    if photo:
        item.photo = photos.shrink(photo)
    created = item.pk is None
    item.save()
    if created:
        Box.objects.get_or_create(household=member.household)  # the household's box, from now on
    audit_entry(
        "sharing.item_listed" if created else "sharing.item_changed",
        item,
        community=item.community,
    )
    return item


def _check_listing(item: Item) -> None:
    """What every listing needs, typed in by the household or from the paper board."""
    if not item.name.strip():
        raise ServiceError(_("Give the item a name."), "name")
    if item.category not in Category.values:
        raise ServiceError(_("Choose a category from the list."), "category")
    if not 1 <= item.loan_days <= 90:
        raise ServiceError(_("A loan lasts from 1 to 90 days."), "loan_days")


@command("sharing.import_board", on="community")
def import_board(actor: User, community: Community, items: list[Item]) -> list[Item]:
    """Type in the paper board at the gate: the items each household wrote in its square (the
    organiser's spreadsheet of them), all or none. Each item names its household and, when one
    of its residents listed it, who; its listing ends on its own ``expires_on``."""
    for item in items:
        item.community = community
        household = item.household
        if household.community_id != community.pk:
            raise ServiceError(_("A household on the list is in another community."))
        if item.listed_by is not None and item.listed_by.household_id != household.pk:
            raise ServiceError(_("An item on the list is listed by someone of another household."))
        _check_listing(item)
    made = Item.objects.bulk_create(items)
    audit_entry("sharing.board_imported", community=community, after={"items": len(made)})
    return made


@command("sharing.take_part", on="item")
def renew(actor: User, item: Item) -> Item:
    """Keep the item on the board for another LISTING_DAYS from today (also after it expired)."""
    if not owns(actor, item):
        raise ServiceError(_("You can change only your own household's items."))
    item.expires_on = today() + timedelta(days=LISTING_DAYS)
    item.expiry_reminded_on = None
    item.save(update_fields=["expires_on", "expiry_reminded_on"])
    return item


@command("sharing.take_part", on="item")
def set_availability(actor: User, item: Item, available: bool) -> Item:
    if not owns(actor, item):
        raise ServiceError(_("You can change only your own household's items."))
    item.availability = Item.Availability.AVAILABLE if available else Item.Availability.PAUSED
    item.save(update_fields=["availability"])
    if available:
        _tell_next_waiting(item)
    return item
