"""The API's get_call (issue 24: no test requested it): an open call is public to every caller
with its figures; a draft is there only for those who manage grants; another community's call
is not found through this community."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from linli.grants import services
from linli.grants.models import Call
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _get(user, slug: str, pk: int):  # type: ignore[no-untyped-def]
    return client_for(user).get(f"/api/communities/{slug}/grant-calls/{pk}")


def test_an_open_call_is_public_and_a_draft_only_for_its_managers(
    community, other_community, call, organiser, community_admin, resident, outsider
):
    for user in (None, outsider, resident, organiser):
        response = _get(user, community.slug, call.pk)
        assert response.status_code == 200
        body = response.json()
        assert (body["id"], body["title"], body["status"]) == (call.pk, call.title, "open")
        assert (body["accepting"], body["awarded_total"]) == (True, 0)
        assert body["opens_on"] == call.opens_on.isoformat()
    assert _get(None, other_community.slug, call.pk).status_code == 404
    today = timezone.localdate()
    draft = services.save_call(
        organiser,
        Call(
            community=community,
            title="2027年公益创投",
            year=today.year + 1,
            description="下一年",
            themes=["people"],
            opens_on=today + timedelta(days=300),
            closes_on=today + timedelta(days=320),
            review_by=today + timedelta(days=330),
            award_by=today + timedelta(days=340),
        ),
        panel=[],
    )
    assert draft.status == Call.Status.DRAFT
    for user in (None, outsider, resident):
        assert _get(user, community.slug, draft.pk).status_code == 404
    for user in (organiser, community_admin):
        response = _get(user, community.slug, draft.pk)
        assert (response.status_code, response.json()["status"]) == (200, "draft")
