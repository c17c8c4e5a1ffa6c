"""The API's toggle_support (issue 24: no test requested it): a verified resident supports a
published proposal and withdraws; the anonymous caller, an outsider and a pending member are
refused and the count does not move; a draft is not found."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from linli.proposals import services
from linli.proposals.models import Proposal, Support
from tests.conftest import client_for, make_person

pytestmark = pytest.mark.django_db


def _member(user) -> Member:  # type: ignore[no-untyped-def]
    return Member.objects.get(user=user)


def test_a_verified_resident_toggles_support_and_no_one_else_does(
    community, resident, leader, outsider
):
    published = services.publish(
        resident,
        services.save_draft(resident, Proposal(community=community, title="加装电梯", body="难")),
    )
    draft = services.save_draft(resident, Proposal(community=community, title="草稿", body="草"))
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    url = f"/api/communities/{community.slug}/proposals/{published.pk}/support"
    supporters = lambda: list(Support.objects.values_list("member__name", flat=True))  # noqa: E731
    before = supporters()
    assert client_for(None).post(url).status_code == 401
    for refused in (outsider, pending):
        response = client_for(refused).post(url)
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "Only verified residents may support proposals."},
        )
    assert supporters() == before
    response = client_for(leader).post(url)
    assert (response.status_code, response.json()) == (200, {"supporting": True})
    assert supporters() == [*before, "leader"]
    response = client_for(leader).post(url)
    assert (response.status_code, response.json()) == (200, {"supporting": False})
    assert supporters() == before
    draft_url = f"/api/communities/{community.slug}/proposals/{draft.pk}/support"
    assert client_for(leader).post(draft_url).status_code == 404
    assert supporters() == before
