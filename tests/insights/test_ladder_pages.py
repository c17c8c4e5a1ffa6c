"""The depth ladder: a resident sees their own (linked from /me), organisers see anyone's and
the community's transitions, courtyards and cohorts with small counts withheld."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.core.models import Member
from linli.participation.models import Act
from tests.conftest import client_for


def _act(member, depth, days_ago, source):
    Act.objects.create(
        member=member,
        household=member.household,
        community=member.community,
        method="meeting",
        channel="in_person",
        depth=depth,
        occurred_at=timezone.now() - timedelta(days=days_ago),
        source_type="test",
        source_id=source,
    )


def test_a_resident_sees_their_own_ladder_from_their_page(community, resident):
    member = Member.objects.get(user=resident)
    _act(member, 1, 400, "a")
    _act(member, 3, 10, "b")
    client = client_for(resident)
    assert f"/c/{community.slug}/insights/ladder/me/".encode() in client.get("/me/").content
    page = client.get(f"/c/{community.slug}/insights/ladder/me/")
    assert page.status_code == 200
    assert page.context["level_after"] != page.context["level_before"]
    assert len(page.context["acts"]) == 2


def test_a_resident_may_not_see_another_resident_or_the_community(community, resident, leader):
    other = Member.objects.get(user=leader)
    client = client_for(resident)
    assert client.get(f"/c/{community.slug}/insights/ladder/members/{other.pk}/").status_code == 403
    assert client.get(f"/c/{community.slug}/insights/ladder/").status_code == 403


def test_an_outsider_has_no_ladder_here(community, outsider):
    assert client_for(outsider).get(f"/c/{community.slug}/insights/ladder/me/").status_code == 403


def test_organisers_see_a_resident_and_the_community(fair_world):
    members = list(fair_world.members.values())
    for number, member in enumerate(members):
        _act(member, 1, 300, f"old{number}")
        if number < 12:
            _act(member, 3, 5, f"new{number}")
    client = client_for(fair_world.organiser)
    slug = fair_world.community.slug
    assert client.get(f"/c/{slug}/insights/ladder/members/{members[0].pk}/").status_code == 200
    page = client.get(f"/c/{slug}/insights/ladder/")
    assert page.status_code == 200
    moves = page.context["transitions"]["moves"]
    assert moves["up"] is None or moves["up"] >= 12
    assert page.context["transitions"]["total"] in (None, len(members) + 1)  # and the organiser
    cohorts = page.context["cohorts"]
    assert all(
        cell is None or cell == 0 or cell >= 5 for row in cohorts["rows"] for cell in row["cells"]
    )
