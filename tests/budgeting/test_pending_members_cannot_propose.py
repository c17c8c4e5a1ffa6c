"""A member waiting for approval is not yet a verified resident: no budget ideas from them."""

from __future__ import annotations

import pytest

from linli.budgeting import services
from linli.budgeting.models import Idea
from linli.core import permissions
from linli.core.kit import Forbidden
from linli.core.kit.standing import Standing
from linli.core.models import Member, Role
from tests.conftest import make_person

from .conftest import english_client, make_process


@pytest.fixture
def pending(community):  # type: ignore[no-untyped-def]
    return make_person(community, "pending@test.org", Role.RESIDENT, status=Member.Status.PENDING)


def test_proposing_needs_a_verified_resident():
    assert permissions.RULES["budgeting.propose"] == Standing.RESIDENT


def test_a_pending_member_cannot_submit_an_idea(community, organiser, pending):
    process = make_process(community, organiser, "ideas")
    with pytest.raises(Forbidden, match=r"^budgeting\.propose$"):
        services.submit_idea(pending, process, Idea(title="路灯", body="院里太黑"))
    assert not Idea.objects.filter(process=process).exists()


def test_a_pending_member_gets_403_from_the_idea_form(community, organiser, pending):
    process = make_process(community, organiser, "ideas")
    client = english_client(pending)
    url = f"/c/{community.slug}/budget/{process.pk}/ideas/new/"
    assert client.get(url).status_code == 403
    response = client.post(url, {"title": "路灯", "body": "院里太黑"})
    assert response.status_code == 403
    assert not Idea.objects.filter(process=process).exists()


def test_a_verified_resident_can_submit_an_idea(community, organiser, resident):
    process = make_process(community, organiser, "ideas")
    idea = services.submit_idea(resident, process, Idea(title="路灯", body="院里太黑"))
    assert Idea.objects.get(process=process) == idea
