"""Messages are checked in English here; tests/core/test_languages.py checks the translations.

``body`` is a 评审会 of five: the leader chairs it, a secretary and a vice-chair with accounts,
and two members without an account (recorded by staff), as in most real boards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from linli.core.models import Community, Household, Member, User
from linli.governance import services
from linli.governance.models import Body, Constituency, Office, Seat
from tests.conftest import make_household, make_person


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


CHARTER = {
    "purpose": "Decide together how the courtyards are made beautiful.",
    "quorum_percent": 50,
    "majority": "simple",
    "term_months": 24,
    "courtyard_conflicts": True,
    "seat_plan": {"courtyard": [2, 4], "staff": [0, 1]},
}


def offline(community: Community, name: str, household: Household | None = None) -> Member:
    """A resident recorded by staff, without an account."""
    return Member.objects.create(
        community=community,
        name=name,
        status=Member.Status.VERIFIED,
        household=household,
        verified_at=timezone.now(),
    )


@pytest.fixture
def board(community: Community, organiser: User, leader: User, household: Household):
    body = services.create_body(
        organiser, community, kind=Body.Kind.REVIEW_BOARD, name="评审会", charter=CHARTER
    )
    secretary = make_person(community, "secretary@example.org", household=household)
    vice = make_person(community, "vice@example.org", household=household)
    other_yard = make_household(community, ["梧桐院", "2栋", "101"])
    member = lambda user: Member.objects.get(user=user, community=community)  # noqa: E731
    seats = {
        "chair": services.seat_member(
            organiser, body, member(leader), Constituency.COURTYARD, Office.CHAIR
        ),
        "secretary": services.seat_member(
            organiser, body, member(secretary), Constituency.STAFF, Office.SECRETARY
        ),
        "vice": services.seat_member(
            organiser, body, member(vice), Constituency.COURTYARD, Office.VICE_CHAIR
        ),
        "wang": services.seat_member(
            organiser, body, offline(community, "王阿姨", other_yard), Constituency.COURTYARD
        ),
        "li": services.seat_member(
            organiser, body, offline(community, "李大爷", other_yard), Constituency.PARTY
        ),
    }
    seated_a_month_ago(body)
    return SimpleNamespace(
        body=body, seats=seats, chair=leader, secretary=secretary, vice=vice, organiser=organiser
    )


def seated_a_month_ago(body: Body) -> None:
    """The founding members took their seats a month ago, as a body that meets has them. Seated
    today, they would not count at a meeting that started an hour ago just after midnight: its
    local day is then yesterday (these tests failed from 00:00 to 01:00 Beijing time)."""
    Seat.objects.filter(body=body).update(term_start=timezone.localdate() - timedelta(days=30))
