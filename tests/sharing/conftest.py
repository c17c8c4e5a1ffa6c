"""Messages are checked in English here. Besides the role fixtures of tests/conftest.py: an owner
household that lends, a borrower household and another neighbour, all in 梧桐院."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.utils import translation

from linli.core.models import Community, Member, Role, User
from linli.sharing import services
from linli.sharing.models import Item, Loan
from tests.conftest import client_for, make_household, make_person


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def member(user: User) -> Member:
    return Member.objects.get(user=user)


def english_client(user: User | None):  # type: ignore[no-untyped-def]
    client = client_for(user)
    client.cookies["linli_language"] = "en"
    return client


@pytest.fixture
def owner(community: Community) -> User:
    home = make_household(community, ["梧桐院", "2栋", "1单元", "301"])
    return make_person(community, "owner@test.org", Role.RESIDENT, home, language="en")


@pytest.fixture
def borrower(community: Community) -> User:
    home = make_household(community, ["梧桐院", "3栋", "2单元", "502"])
    return make_person(community, "borrower@test.org", Role.RESIDENT, home, language="en")


@pytest.fixture
def neighbour(community: Community) -> User:
    home = make_household(community, ["梧桐院", "3栋", "1单元", "101"])
    return make_person(community, "neighbour@test.org", Role.RESIDENT, home, language="en")


def list_item(user: User, community: Community, name: str = "电钻", **fields) -> Item:  # type: ignore[no-untyped-def]
    item = Item(
        community=community,
        name=name,
        category=fields.pop("category", "tools"),
        loan_days=fields.pop("loan_days", 7),
        **fields,
    )
    return services.save_item(user, item)


@pytest.fixture
def item(owner: User, community: Community) -> Item:
    return list_item(owner, community)


def today() -> date:
    return services.today()


def ask(user: User, item: Item, start: int = 0, days: int = 3) -> Loan:
    first = today() + timedelta(days=start)
    return services.request_loan(user, item, first, first + timedelta(days=days - 1), "谢谢")


def lend(owner: User, borrower: User, item: Item, start: int = 0, days: int = 3) -> Loan:
    """A loan taken to "handed over", both sides confirmed."""
    loan = ask(borrower, item, start, days)
    services.decide(owner, loan, True)
    services.confirm_handover(owner, loan)
    return services.confirm_handover(borrower, loan)
