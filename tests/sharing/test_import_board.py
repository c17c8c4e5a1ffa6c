"""The organiser types in the paper board at the gate (``services.import_board``): every item at
once, all or none, one audit entry; nobody else may. The demo's 金桂苑 board is loaded so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from linli.core.kit import Forbidden, Refused
from linli.core.models import AuditEntry, Role
from linli.sharing import services
from linli.sharing.models import Item
from tests.conftest import make_household, make_person
from tests.sharing.conftest import member


def _items(owner, neighbour, community, **changes):  # type: ignore[no-untyped-def]
    soon = timezone.localdate() + timedelta(days=30)
    drill = Item(
        household=member(owner).household,
        listed_by=member(owner),
        name="电钻",
        category="tools",
        loan_days=7,
        expires_on=soon,
    )
    ladder = Item(
        household=member(neighbour).household,
        name="梯子",
        category="tools",
        loan_days=3,
        expires_on=soon,
    )
    for name, value in changes.items():
        setattr(ladder, name, value)
    return [drill, ladder]


def test_the_organiser_types_in_the_board(community, organiser, owner, neighbour):
    made = services.import_board(organiser, community, _items(owner, neighbour, community))
    assert [(i.name, i.household_id, i.community_id) for i in made] == [
        ("电钻", member(owner).household_id, community.pk),
        ("梯子", member(neighbour).household_id, community.pk),
    ]
    assert Item.objects.get(name="梯子").listed_by is None  # written on the board, no account
    entry = AuditEntry.objects.get(action="sharing.board_imported")
    assert (entry.actor, entry.after) == (organiser, {"items": 2})


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"name": " "}, "Give the item a name"),
        ({"category": "weapons"}, "Choose a category"),
        ({"loan_days": 120}, "from 1 to 90 days"),
    ],
)
def test_a_bad_row_imports_nothing(community, organiser, owner, neighbour, change, words):
    with pytest.raises(Refused, match=words):
        services.import_board(organiser, community, _items(owner, neighbour, community, **change))
    assert not Item.objects.exists()


def test_a_lister_of_another_household_or_community_is_refused(
    community, other_community, organiser, owner, neighbour
):
    items = _items(owner, neighbour, community, listed_by=member(owner))
    with pytest.raises(Refused, match="someone of another household"):
        services.import_board(organiser, community, items)
    elsewhere = make_household(other_community, ["金桂苑", "1栋", "1单元", "101"])
    items = _items(owner, neighbour, community, household=elsewhere)
    with pytest.raises(Refused, match="in another community"):
        services.import_board(organiser, community, items)
    assert not Item.objects.exists()


@pytest.mark.parametrize("role", [Role.LEADER, Role.RESIDENT])
def test_only_the_organiser_types_in_the_board(community, owner, neighbour, role):
    someone = make_person(community, f"{role}@test.org", role)
    with pytest.raises(Forbidden, match=r"^sharing\.import_board$"):
        services.import_board(someone, community, _items(owner, neighbour, community))
    assert not Item.objects.exists()
