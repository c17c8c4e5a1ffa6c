"""A shared computer (the community centre's, a family phone): a change code replaces only its
holder's ballot, is never pre-filled for another account, and logging out deletes it.

The attack (issue 15): the first voter's change-code cookie survived logout and was pre-filled
for the next person, whose "replace my ballot" deleted the first voter's ballot."""

from __future__ import annotations

import re

import pytest

from linli.core.models import Member, Role
from linli.core.services import ServiceError
from linli.votes import services
from linli.votes.models import Ballot
from tests.conftest import client_for, make_person
from tests.votes.helpers import make_vote, option_ids, qkey


def member(user, community):
    return Member.objects.get(user=user, community=community)


@pytest.fixture
def vote(community, organiser):
    return make_vote(community, organiser)


@pytest.fixture
def neighbour(community, household):
    return make_person(community, "neighbour@test.org", Role.RESIDENT, household)


def box(vote):
    return sorted(
        str(c) for c in Ballot.objects.filter(vote=vote).values_list("choices", flat=True)
    )


def test_it_refuses_another_voters_change_code(vote, community, resident, neighbour):
    a, b, c = option_ids(vote)
    first = services.cast(resident, vote, {qkey(vote): [a]})
    services.cast(neighbour, vote, {qkey(vote): [b]})
    before = box(vote)
    with pytest.raises(ServiceError, match="does not match your ballot"):
        services.cast(neighbour, vote, {qkey(vote): [c]}, first.code)
    assert box(vote) == before  # the first voter's ballot is still there, nothing was added
    # and the holder can still use it
    assert services.cast(resident, vote, {qkey(vote): [c]}, first.code).replaced
    assert box(vote) == sorted([str({qkey(vote): [b]}), str({qkey(vote): [c]})])


def _field_value(page: str) -> str | None:
    match = re.search(r'name="change_code" id="change_code" value="([^"]*)"', page)
    return match.group(1) if match else None


def test_logging_out_deletes_the_change_code_cookie(vote, community, resident):
    a, _b, _c = option_ids(vote)
    device = client_for(resident)
    url = f"/c/{community.slug}/votes/{vote.pk}/"
    device.post(url, {f"q{qkey(vote)}": str(a)})
    cookie = f"linli_vote_{vote.pk}"
    assert device.cookies[cookie].value
    response = device.post("/accounts/logout/")
    assert response.cookies[cookie].value == ""
    assert response.cookies[cookie]["max-age"] == 0


def test_the_next_account_on_the_device_never_gets_the_code_pre_filled(
    vote, community, resident, neighbour
):
    a, b, _c = option_ids(vote)
    services.cast(neighbour, vote, {qkey(vote): [b]})
    device = client_for(resident)
    url = f"/c/{community.slug}/votes/{vote.pk}/"
    device.post(url, {f"q{qkey(vote)}": str(a)})
    assert _field_value(device.get(url).content.decode())  # the voter's own device: filled in
    device.force_login(neighbour)  # the next person, the cookie still in the browser
    assert _field_value(device.get(url).content.decode()) == ""
    device.force_login(resident)
    assert _field_value(device.get(url).content.decode())
