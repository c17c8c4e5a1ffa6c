"""Bulk imports a community worker runs from the spreadsheets a community keeps: an estate's
register of flats (the address tree) and the roster of residents the office has verified. Each is
one ``@command``: the permission, the writes and one audit entry in one transaction, all or
nothing. The one-by-one pages (add an address, record a resident) are the same acts for one row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .kit import Refused, audit, command
from .models import Community, Demographics, Household, Member, Place, User

# The kinds of the parts of an address, from the estate down; the last part is always a flat.
KINDS = [Place.Kind.AREA, Place.Kind.BUILDING, Place.Kind.UNIT]


@command("places.manage", on="community")
def import_addresses(
    actor: User, community: Community, addresses: list[list[str]], area_type: str = ""
) -> list[Place]:
    """Add the flats of an estate's register: each address is its parts from the estate down to
    the flat ("梧桐院", "1栋", "1单元", "101"). Parts already there are reused; the estates made
    here get ``area_type``. Returns the flats, in the order given."""
    known: dict[tuple[int | None, str], Place] = {}
    new_flats: list[Place] = []
    flats: list[Place] = []
    for parts in addresses:
        if not 2 <= len(parts) <= len(KINDS) + 1 or any(
            not part or len(part) > 60 for part in parts
        ):
            raise Refused(_("An address has an empty part or a part longer than 60 characters."))
        parent: Place | None = None
        for depth, name in enumerate(parts[:-1]):
            key = (parent.pk if parent else None, name)
            if key not in known:
                place = Place.objects.filter(community=community, parent=parent, name=name).first()
                if place is None:
                    place = Place.objects.create(
                        community=community,
                        parent=parent,
                        name=name,
                        kind=KINDS[depth],
                        area_type=area_type if depth == 0 else "",
                    )
                known[key] = place
            parent = known[key]
        assert parent is not None
        flat = Place.objects.filter(community=community, parent=parent, name=parts[-1]).first()
        if flat is None:
            flat = Place(community=community, parent=parent, name=parts[-1], kind=Place.Kind.FLAT)
            new_flats.append(flat)
        flats.append(flat)
    Place.objects.bulk_create(new_flats)
    audit("place.import", community=community, after={"flats": len(new_flats)})
    return flats


@dataclass
class Resident:
    """One row of the roster: a resident the office verified at their household. ``phone``: the
    mobile number of the account the office opened for them (they joined with the household's
    letter; they sign in by number and set a password themselves); none, no account. ``answers``:
    the optional questions about themselves, answered with consent on the paper form."""

    household: Household
    name: str
    language: str = "zh-hans"
    phone: str = ""
    answers: dict[str, Any] = field(default_factory=dict)


@command("members.record_without_account", on="community")
def import_roster(actor: User, community: Community, residents: list[Resident]) -> list[Member]:
    """Record the roster's residents as verified members of their households, all or none.
    Returns the members, in the roster's order."""
    if any(row.household.community_id != community.pk for row in residents):
        raise Refused(_("A household on the roster is in another community."))
    now = timezone.now()
    accounts = []
    for row in residents:
        if row.phone:
            account = User(name=row.name, phone=row.phone)
            account.set_unusable_password()
            accounts.append(account)
    User.objects.bulk_create(accounts)
    opened = iter(accounts)
    members = [
        Member(
            community=community,
            household=row.household,
            name=row.name,
            status=Member.Status.VERIFIED,
            verification=Member.Verification.INVITATION if row.phone else Member.Verification.STAFF,
            verified_at=now,
            language=row.language,
            user=next(opened) if row.phone else None,
            phone=row.phone,
        )
        for row in residents
    ]
    Member.objects.bulk_create(members)
    Demographics.objects.bulk_create(
        Demographics(member=member, consented_at=now, **row.answers)
        for member, row in zip(members, residents, strict=True)
        if row.answers
    )
    audit(
        "member.import",
        community=community,
        after={"members": len(members), "accounts": len(accounts)},
    )
    return members
