"""A member waiting for approval is not yet a verified resident: no grant applications from them
(issue 24: the role tables had no row where a pending member and a resident differ in grants)."""

from __future__ import annotations

import pytest

from linli.core import permissions
from linli.core.kit import Forbidden
from linli.core.kit.standing import Standing
from linli.core.models import Member, Role
from linli.grants.models import Application
from tests.conftest import make_person

from .helpers import draft


@pytest.fixture
def pending(community):  # type: ignore[no-untyped-def]
    user = make_person(community, "pending@test.org", Role.RESIDENT, status=Member.Status.PENDING)
    return Member.objects.get(user=user)


def test_applying_needs_a_verified_resident():
    assert permissions.RULES["grants.apply"] == Standing.RESIDENT


def test_a_pending_member_cannot_start_an_application(call, pending):
    # the command asks the role table first: a pending member is not a resident
    with pytest.raises(Forbidden, match=r"^grants\.apply$"):
        draft(call, pending, amount=0)
    assert not Application.objects.exists()


def test_a_pending_member_gets_403_from_the_application_form(
    call, community, pending, en_client_for
):
    client = en_client_for(pending.user)
    url = f"/c/{community.slug}/grants/calls/{call.pk}/apply/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "group", "title": "院落花园"}).status_code == 403
    assert not Application.objects.exists()


def test_a_verified_resident_may_open_the_form(call, community, resident, en_client_for):
    assert (
        en_client_for(resident)
        .get(f"/c/{community.slug}/grants/calls/{call.pk}/apply/")
        .status_code
        == 200
    )
