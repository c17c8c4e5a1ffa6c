"""The waiting list is for an item that cannot be borrowed today (issue 22 journeys): an item free
now offers "Ask to borrow" only, not "Tell me when it is free"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from linli.core.services import ServiceError
from linli.sharing import services
from linli.sharing.models import WaitingEntry

from .conftest import english_client, lend

TELL_ME = "Tell me when it is free"


def item_page(user, item) -> str:  # type: ignore[no-untyped-def]
    response = english_client(user).get(f"/c/{item.community.slug}/sharing/items/{item.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_free_item_offers_no_waiting_list(neighbour, item):
    page = item_page(neighbour, item)
    assert "available to borrow" in page and "Ask to borrow" in page
    assert TELL_ME not in page and "Waiting list" not in page


@pytest.mark.django_db
def test_a_lent_out_item_offers_the_waiting_list(owner, borrower, neighbour, item):
    loan = lend(owner, borrower, item)
    page = item_page(neighbour, item)
    assert f"lent out, free from {loan.due_on + timedelta(days=1):%Y-%m-%d}" in page
    assert TELL_ME in page and "0 neighbours are waiting." in page


@pytest.mark.django_db
def test_a_promised_item_offers_the_waiting_list(owner, borrower, neighbour, item):
    loan = services.request_loan(borrower, item, services.today(), services.today(), "谢谢")
    assert TELL_ME not in item_page(neighbour, item)  # only asked: still free until approved
    services.decide(owner, loan, True)
    assert TELL_ME in item_page(neighbour, item)


@pytest.mark.django_db
def test_a_paused_item_offers_the_waiting_list(owner, neighbour, item):
    services.set_availability(owner, item, False)
    assert TELL_ME in item_page(neighbour, item)


@pytest.mark.django_db
def test_joining_the_waiting_list_of_a_free_item_is_refused(neighbour, item):
    with pytest.raises(ServiceError, match="It can be borrowed now: ask for the days"):
        services.join_waiting(neighbour, item)
    response = english_client(neighbour).post(
        f"/c/{item.community.slug}/sharing/items/{item.pk}/waiting/", follow=True
    )
    assert "It can be borrowed now: ask for the days you need." in response.content.decode()
    assert not WaitingEntry.objects.exists()


@pytest.mark.django_db
def test_someone_waiting_can_still_leave_once_it_is_free(owner, borrower, neighbour, item):
    loan = lend(owner, borrower, item)
    services.join_waiting(neighbour, item)
    services.confirm_return(borrower, loan)
    services.confirm_return(owner, loan)
    page = item_page(neighbour, item)
    assert "Leave the waiting list" in page and TELL_ME not in page
