"""Communities, address trees, households, members and accounts of a generated city, in bulk.

Rows are those the import and join commands would have left: every household in a flat of its
community's tree, verified members with a household, demographics only where a member consented,
the organiser's account appointed in every community.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password

from linli.core.demo import DEMO_PASSWORD, GIVEN, SURNAMES
from linli.core.models import (
    CODE_ALPHABET,
    Community,
    Demographics,
    Household,
    Member,
    Place,
    Role,
    User,
)

from . import plan

BATCH = 2000

DEMO_ACCOUNTS = {
    "organiser@example.org": ("周敏(社工)", "13900000001"),
    "leader@example.org": ("罗桂兰", "13900000002"),
    "resident@example.org": ("陈建国", "13900000003"),
}

AGE_BANDS = ["18-29", "30-44", "45-59", "60-74", "75+"]
AGE_WEIGHTS = [14, 22, 24, 26, 14]
TENURE = {"old_courtyard": "owner", "commercial": "owner", "resettlement": "owner"}


@dataclass
class Town:
    """What one community's activity needs to know about its people."""

    community: Community
    organiser: Member
    staff: User
    areas: list[Place]
    residents: list[Member]  # verified members living in a household
    area_of: dict[int, int]  # member id -> area (Place) id
    with_account: list[Member] = field(default_factory=list)


def code(rng: random.Random, length: int = 8) -> str:
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(length))


def accounts() -> tuple[User, str]:
    """The demo accounts (created if missing, password as in the demo) and the shared hash.

    Every generated resident's account has the demo password too, so load scenarios can sign
    in as many residents; the hash is computed once (hashing is the slow part of a user)."""
    password = make_password(DEMO_PASSWORD)
    users = {}
    for email, (name, phone) in DEMO_ACCOUNTS.items():
        users[email], _ = User.objects.get_or_create(
            email=email, defaults={"name": name, "password": password, "phone": phone}
        )
    User.objects.get_or_create(
        email="admin@example.org",
        defaults={
            "name": "系统管理员",
            "password": password,
            "is_superuser": True,
            "is_staff": True,
        },
    )
    return users["organiser@example.org"], password


def build_community(
    index: int,
    households: int,
    rng: random.Random,
    rates: plan.Rates,
    staff: User,
    password: str,
    now: datetime,
) -> Town:
    community = Community.objects.create(
        name=f"第{index + 1}社区" if index else "银杏社区",
        slug=f"c{index + 1:02d}",
        district="郫都区",
        city="成都市",
        languages=["zh-hans", "zh-hant", "en"],
        description="生成的测试社区：用于在一台机器上测量整个街道的负载。",
        office_address=f"社区党群服务中心，{index + 1} 号",
    )
    areas, flats_by_area = _address_tree(community, households)
    house_rows = _households(community, areas, flats_by_area, households, rng)
    organiser = Member.objects.create(
        community=community,
        user=staff,
        name=staff.name,
        role=Role.ORGANISER,
        status=Member.Status.VERIFIED,
        verification=Member.Verification.APPOINTED,
        verified_at=now,
        email=staff.email or "",
    )
    residents = _members(community, house_rows, rng, rates, password, now)
    area_of = {m.pk: m.household.area_id for m in residents if m.household is not None}
    town = Town(community, organiser, staff, areas, residents, area_of)
    town.with_account = [m for m in residents if m.user_id]
    if index == 0:
        _demo_people(town, now)
    _demographics(town, rng, rates, now)
    return town


def _address_tree(community: Community, households: int) -> tuple[list[Place], list[list[Place]]]:
    """Areas > buildings > units > flats, one level per bulk insert."""
    specs = plan.areas_for(households)
    areas = Place.objects.bulk_create(
        Place(community=community, name=a.name, kind=Place.Kind.AREA, area_type=a.area_type)
        for a in specs
    )
    buildings: dict[tuple[int, str], Place] = {}
    units: dict[tuple[int, str, str], Place] = {}
    names = [plan.flat_names(a) for a in specs]
    building_rows = [
        Place(community=community, parent=area, name=b, kind=Place.Kind.BUILDING)
        for area, flats in zip(areas, names, strict=True)
        for b in dict.fromkeys(n[0] for n in flats)
    ]
    for row in Place.objects.bulk_create(building_rows, batch_size=BATCH):
        buildings[(row.parent_id, row.name)] = row  # type: ignore[index]
    unit_rows = [
        Place(community=community, parent=buildings[(area.pk, b)], name=u, kind=Place.Kind.UNIT)
        for area, flats in zip(areas, names, strict=True)
        for b, u in dict.fromkeys((n[0], n[1]) for n in flats)
    ]
    for row in Place.objects.bulk_create(unit_rows, batch_size=BATCH):
        units[(row.parent.parent_id, row.parent.name, row.name)] = row  # type: ignore[union-attr,index]
    flats_by_area: list[list[Place]] = []
    for area, flats in zip(areas, names, strict=True):
        rows = [
            Place(community=community, parent=units[(area.pk, b, u)], name=f, kind=Place.Kind.FLAT)
            for b, u, f in flats
        ]
        flats_by_area.append(Place.objects.bulk_create(rows, batch_size=BATCH))
    return areas, flats_by_area


def _households(
    community: Community,
    areas: list[Place],
    flats_by_area: list[list[Place]],
    households: int,
    rng: random.Random,
) -> list[Household]:
    # Flats are taken from the whole community at random, so each area fills in proportion to
    # its size (an even split per area overflowed the small courtyards and lost households).
    flats = [
        (area, flat)
        for area, area_flats in zip(areas, flats_by_area, strict=True)
        for flat in area_flats
    ]
    rows = [
        Household(
            community=community,
            flat=flat,
            area=area,
            size=rng.choice([1, 2, 2, 3, 3, 3, 4, 5]),
            contact_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
            invitation_code=code(rng, 12),
        )
        for area, flat in rng.sample(flats, min(households, len(flats)))
    ]
    return Household.objects.bulk_create(rows, batch_size=BATCH)


def _members(
    community: Community,
    households: list[Household],
    rng: random.Random,
    rates: plan.Rates,
    password: str,
    now: datetime,
) -> list[Member]:
    """One to three registered members per household; about a third with an account."""
    members: list[Member] = []
    for household in households:
        surname = rng.choice(SURNAMES)
        for _ in range(min(household.size or 1, rng.choice([1, 2, 2, 3]))):
            members.append(
                Member(
                    community=community,
                    household=household,
                    name=surname + rng.choice(GIVEN),
                    language=rng.choices(["zh-hans", "zh-hant", "en"], weights=[90, 6, 4])[0],
                    role=Role.RESIDENT,
                    status=Member.Status.VERIFIED,
                    verification=rng.choice(
                        [Member.Verification.INVITATION, Member.Verification.STAFF]
                    ),
                    verified_at=now - timedelta(days=rng.randint(0, 3 * 365)),
                )
            )
    account_rows = []
    for n, member in enumerate(members):
        if rng.random() < rates.account_share:
            email = f"{community.slug}-{n}@city.example.org"
            account_rows.append(User(email=email, name=member.name, password=password))
            member.email = email
    users = iter(User.objects.bulk_create(account_rows, batch_size=BATCH))
    for member in members:
        if member.email:
            member.user = next(users)
    return Member.objects.bulk_create(members, batch_size=BATCH)


def _demo_people(town: Town, now: datetime) -> None:
    """leader@ and resident@ live in the first community, as in the demo."""
    by_email = {u.email: u for u in User.objects.filter(email__in=list(DEMO_ACCOUNTS))}
    for email, role, position in (
        ("leader@example.org", Role.LEADER, 0),
        ("resident@example.org", Role.RESIDENT, 1),
    ):
        user = by_email[email]
        member = town.residents[position]
        member.user, member.email, member.name, member.role = user, email, user.name, role
        member.save(update_fields=["user", "email", "name", "role"])


def _demographics(town: Town, rng: random.Random, rates: plan.Rates, now: datetime) -> None:
    area_types = {a.pk: a.area_type for a in town.areas}
    rows = []
    for member in town.residents:
        if rng.random() >= rates.consent_share:
            continue  # never asked, or said no: nothing is kept
        housing = area_types[town.area_of[member.pk]]
        rows.append(
            Demographics(
                member=member,
                age_band=rng.choices(AGE_BANDS, weights=AGE_WEIGHTS)[0],
                gender=rng.choice(["woman", "man"]),
                languages=["zh"] if rng.random() < 0.9 else ["zh", "en"],
                housing_type=housing,
                tenure=rng.choice(["owner", "owner", "tenant", "family"]),
                consented_at=now - timedelta(days=rng.randint(0, 3 * 365)),
            )
        )
    Demographics.objects.bulk_create(rows, batch_size=BATCH)
