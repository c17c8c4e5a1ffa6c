"""Two owners' clicks or two requests at once never lend one item twice for the same days: the
item row is locked (on SQLite the IMMEDIATE transaction takes the write lock)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, close_old_connections, connection

from linli.core.models import Role
from linli.core.services import ServiceError
from linli.sharing import services
from linli.sharing.models import Loan
from tests.conftest import make_household, make_person

from .conftest import ask, list_item


def attempt(owner, loan_pk: int) -> str:  # type: ignore[no-untyped-def]
    """One approval as a phone would send it: the in-memory test database answers "locked" at
    once instead of waiting, so a refused try is sent again, as the owner would press again."""
    for _try in range(200):
        try:
            services.decide(owner, Loan.objects.get(pk=loan_pk), True)
            return "approved"
        except ServiceError:
            return "refused"
        except OperationalError:
            time.sleep(0.01)
    return "busy"


@pytest.mark.django_db(transaction=True)
def test_two_approvals_of_overlapping_requests_lend_once(community, owner):
    people = [
        make_person(
            community,
            f"n{i}@test.org",
            Role.RESIDENT,
            make_household(community, ["梧桐院", "5栋", "1单元", f"{i}01"]),
        )
        for i in range(2)
    ]
    for round_ in range(4):
        item = list_item(owner, community, f"梯子{round_}")
        loans = [ask(person, item, start=1, days=3) for person in people]
        start = threading.Barrier(2)
        outcomes: list[str] = []

        def approve(
            loan: Loan, start: threading.Barrier = start, outcomes: list[str] = outcomes
        ) -> None:
            try:
                start.wait()
                outcomes.append(attempt(owner, loan.pk))
            finally:
                close_old_connections()
                connection.close()

        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(approve, loans))
        assert sorted(outcomes) == ["approved", "refused"], outcomes
        assert Loan.objects.filter(item=item, status="approved").count() == 1
