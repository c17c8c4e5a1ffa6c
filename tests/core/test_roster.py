"""The organiser's bulk imports (linli/core/roster.py): an estate's register of flats and the
roster of verified residents, each one command - the permission, the writes and one audit entry,
all or nothing. The demo loads both communities through them."""

from __future__ import annotations

import pytest

from linli.core import roster
from linli.core.kit import Forbidden, Refused
from linli.core.models import AuditEntry, Demographics, Household, Member, Place, Role
from tests.conftest import make_household, make_person

ADDRESSES = [
    ["梧桐院", "1栋", "1单元", "101"],
    ["梧桐院", "1栋", "1单元", "102"],
    ["梧桐院", "1栋", "2单元", "101"],
    ["梧桐院", "2栋", "1单元", "101"],
]


def test_the_register_of_an_estate_makes_its_tree_once(community, organiser):
    flats = roster.import_addresses(organiser, community, ADDRESSES, Place.AreaType.OLD_COURTYARD)
    assert [f.label for f in flats] == [
        "梧桐院 1栋 1单元 101",
        "梧桐院 1栋 1单元 102",
        "梧桐院 1栋 2单元 101",
        "梧桐院 2栋 1单元 101",
    ]
    area = Place.objects.get(community=community, parent=None)
    assert (area.kind, area.area_type) == (Place.Kind.AREA, Place.AreaType.OLD_COURTYARD)
    assert Place.objects.filter(kind=Place.Kind.BUILDING).count() == 2
    assert Place.objects.filter(kind=Place.Kind.UNIT).count() == 3
    # Imported again with one more flat: the parts already there are reused.
    again = roster.import_addresses(
        organiser, community, [*ADDRESSES, ["梧桐院", "2栋", "1单元", "102"]]
    )
    assert [f.pk for f in again[:4]] == [f.pk for f in flats]
    assert Place.objects.filter(kind=Place.Kind.FLAT).count() == 5
    entry = AuditEntry.objects.filter(action="place.import").latest("id")
    assert (entry.actor, entry.after) == (organiser, {"flats": 1})


def test_a_bad_address_imports_nothing(community, organiser):
    with pytest.raises(Refused, match="缺了一部分"):
        roster.import_addresses(organiser, community, [*ADDRESSES, ["梧桐院", "", "1单元", "1"]])
    assert not Place.objects.filter(community=community).exists()


@pytest.mark.parametrize("role", [Role.LEADER, Role.RESIDENT])
def test_only_staff_import_addresses_and_rosters(community, household, role):
    someone = make_person(community, "someone@test.org", role, household=household)
    with pytest.raises(Forbidden, match=r"^places\.manage$"):
        roster.import_addresses(someone, community, ADDRESSES)
    row = roster.Resident(household=household, name="王婆婆")
    with pytest.raises(Forbidden, match=r"^members\.record_without_account$"):
        roster.import_roster(someone, community, [row])
    assert not Member.objects.filter(name="王婆婆").exists()


def test_a_pending_member_and_an_outsider_may_not_import(community, other_community, household):
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    outsider = make_person(other_community, "outsider@test.org", Role.ORGANISER)
    for person in (pending, outsider):
        with pytest.raises(Forbidden, match=r"^members\.record_without_account$"):
            roster.import_roster(person, community, [roster.Resident(household, "王婆婆")])


def test_the_roster_records_residents_with_and_without_accounts(community, organiser, household):
    other = make_household(community, ["梧桐院", "1栋", "1单元", "102"])
    members = roster.import_roster(
        organiser,
        community,
        [
            roster.Resident(household, "王婆婆", answers={"age_band": "75+", "tenure": "owner"}),
            roster.Resident(other, "李叔叔", phone="15900000001"),
        ],
    )
    wang, li = members
    assert (wang.user, wang.verification, wang.status) == (
        None,
        Member.Verification.STAFF,
        Member.Status.VERIFIED,
    )
    assert Demographics.objects.get(member=wang).age_band == "75+"
    assert not Demographics.objects.filter(member=li).exists()
    assert li.user is not None and li.user.phone == "15900000001"
    assert not li.user.has_usable_password()  # they choose it themselves
    assert li.verification == Member.Verification.INVITATION
    entry = AuditEntry.objects.get(action="member.import")
    assert entry.after == {"members": 2, "accounts": 1}


def test_a_household_of_another_community_refuses_the_roster(
    community, other_community, organiser, household
):
    elsewhere = make_household(other_community, ["金桂苑", "1栋", "1单元", "101"])
    rows = [roster.Resident(household, "王婆婆"), roster.Resident(elsewhere, "张阿姨")]
    with pytest.raises(Refused, match="不属于这个社区"):
        roster.import_roster(organiser, community, rows)
    assert not Member.objects.filter(name__in=["王婆婆", "张阿姨"]).exists()
    assert Household.objects.count() == 2
