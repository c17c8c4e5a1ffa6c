"""A 梧桐社区 call with a panel of three, and helpers that build applications through the
services. Messages are checked in English here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from linli.core.models import Member, Role
from tests.conftest import make_household, make_person

from .helpers import make_call


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def panelists(community):  # type: ignore[no-untyped-def]
    users = [
        make_person(
            community,
            f"panel{i}@test.org",
            Role.RESIDENT,
            make_household(community, ["银杏院", "1栋", "1单元", f"30{i}"]),
        )
        for i in range(1, 4)
    ]
    return [Member.objects.get(user=u) for u in users]


@pytest.fixture
def neighbours(community):  # type: ignore[no-untyped-def]
    """Two more verified residents to form a resident group with the applicant."""
    return [
        Member.objects.get(
            user=make_person(
                community,
                f"n{i}@test.org",
                Role.RESIDENT,
                make_household(community, ["梧桐院", "2栋", "1单元", f"20{i}"]),
            )
        )
        for i in range(1, 3)
    ]


@pytest.fixture
def call(community, organiser, panelists):  # type: ignore[no-untyped-def]
    return make_call(
        community, organiser, panelists, today=timezone.localdate() - timedelta(days=1)
    )


@pytest.fixture
def en_client_for():  # type: ignore[no-untyped-def]
    """A client reading in English (the language cookie), logged in as the user."""
    from tests.conftest import client_for

    def make(user):  # type: ignore[no-untyped-def]
        client = client_for(user)
        client.cookies["linli_language"] = "en"
        return client

    return make
