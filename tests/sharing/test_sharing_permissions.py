"""Every sharing page against every role, and the owner, the borrower and another neighbour of one
loan: the server decides, whatever the page shows."""

from __future__ import annotations

import pytest

from linli.sharing import services
from linli.sharing.models import Loan

from .conftest import ask, english_client

OK, REDIRECT, DENIED = 200, 302, 403
ROLES = [
    "community_admin",
    "organiser",
    "leader",
    "resident",
    "outsider",
    "anonymous",
    "owner",
    "borrower",
    "neighbour",
]

# url -> expected status per role, in ROLES order. REDIRECT for the anonymous visitor is the
# login page; for staff without a household on "new item" it is back to the board, with a message.
PAGES = {
    "/c/{slug}/sharing/": [OK] * 9,
    "/c/{slug}/sharing/figures/": [OK] * 9,
    "/c/{slug}/sharing/items/{item}/": [OK] * 9,
    "/c/{slug}/sharing/mine/": [OK, OK, OK, OK, DENIED, REDIRECT, OK, OK, OK],
    "/c/{slug}/sharing/items/new/": [REDIRECT, REDIRECT, OK, OK, DENIED, REDIRECT, OK, OK, OK],
    "/c/{slug}/sharing/items/{item}/edit/": [
        DENIED,
        DENIED,
        DENIED,
        DENIED,
        DENIED,
        REDIRECT,
        OK,
        DENIED,
        DENIED,
    ],
    "/c/{slug}/sharing/loans/{loan}/": [OK, OK, DENIED, DENIED, DENIED, REDIRECT, OK, OK, DENIED],
    "/c/{slug}/sharing/problems/": [
        OK,
        OK,
        DENIED,
        DENIED,
        DENIED,
        REDIRECT,
        DENIED,
        DENIED,
        DENIED,
    ],
    "/c/{slug}/sharing/poster.pdf": [OK, OK, OK, DENIED, DENIED, REDIRECT, DENIED, DENIED, DENIED],
}


@pytest.fixture
def everyone(people, owner, borrower, neighbour):  # type: ignore[no-untyped-def]
    return {**people, "owner": owner, "borrower": borrower, "neighbour": neighbour}


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(PAGES))
def test_each_page_answers_each_role_as_the_rules_say(url, community, everyone, item, borrower):
    loan = ask(borrower, item)
    target = url.format(slug=community.slug, item=item.pk, loan=loan.pk)
    for role, expected in zip(ROLES, PAGES[url], strict=True):
        response = english_client(everyone[role]).get(target)
        assert response.status_code == expected, f"{role} on {url}: {response.status_code}"


STEPS = ["approve", "decline", "cancel", "handover", "return", "thanks", "show_thanks"]


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS)
def test_no_one_outside_the_loan_can_take_its_steps(step, community, everyone, item, borrower):
    loan = ask(borrower, item)
    url = f"/c/{community.slug}/sharing/loans/{loan.pk}/{step}/"
    for role in ["leader", "resident", "outsider", "neighbour"]:
        response = english_client(everyone[role]).post(url, {"message": "x", "thanks": "x"})
        assert response.status_code == DENIED, (role, response.status_code)
        assert Loan.objects.get(pk=loan.pk).status == "requested", role
    assert english_client(None).post(url).status_code == REDIRECT  # to the login page


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS)
def test_an_organiser_who_is_not_in_the_loan_is_refused_its_steps_with_403(
    step, community, everyone, item, borrower
):
    loan = ask(borrower, item)
    url = f"/c/{community.slug}/sharing/loans/{loan.pk}/{step}/"
    response = english_client(everyone["organiser"]).post(url, {"message": "x", "thanks": "x"})
    assert Loan.objects.get(pk=loan.pk).status == "requested"
    assert response.status_code == DENIED


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS)
def test_an_organiser_of_another_community_is_refused_the_loan_steps_with_403(
    step, community, other_community, item, borrower
):
    from linli.core.models import Role
    from tests.conftest import make_person

    elsewhere = make_person(other_community, "organiser@other.org", Role.ORGANISER)
    loan = ask(borrower, item)
    url = f"/c/{community.slug}/sharing/loans/{loan.pk}/{step}/"
    response = english_client(elsewhere).post(url, {"message": "x", "thanks": "x"})
    assert response.status_code == DENIED
    assert Loan.objects.get(pk=loan.pk).status == "requested"


@pytest.mark.django_db
def test_the_borrower_cannot_approve_their_own_request_over_http(community, item, borrower):
    loan = ask(borrower, item)
    client = english_client(borrower)
    response = client.post(f"/c/{community.slug}/sharing/loans/{loan.pk}/approve/", follow=True)
    assert "Only the lending household can approve or decline." in response.content.decode()
    assert Loan.objects.get(pk=loan.pk).status == "requested"


@pytest.mark.django_db
def test_expired_items_are_hidden_from_everyone_but_their_household(
    community, item, owner, borrower, time_machine
):
    from datetime import timedelta

    time_machine.move_to(services.today() + timedelta(days=100))
    url = f"/c/{community.slug}/sharing/items/{item.pk}/"
    assert english_client(borrower).get(url).status_code == 404
    page = english_client(owner).get(url).content.decode()
    assert "This listing left the board" in page
