"""Every disclosure page against every role, pending members included."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from linli.disclosure import services
from linli.disclosure.models import Category, Reading
from tests.conftest import client_for, make_person

ROLES = ["community_admin", "organiser", "leader", "resident", "pending", "outsider", "anonymous"]
OK, LOGIN, DENIED = 200, 302, 403

GET_VIEWS = {
    "/c/{slug}/disclosure/": [OK] * 7,
    "/c/{slug}/disclosure/finance/": [OK] * 7,
    "/c/{slug}/disclosure/{entry}/": [OK] * 7,
    "/c/{slug}/disclosure/{entry}/poster.pdf": [OK] * 7,
    "/c/{slug}/disclosure/manage/": [OK, OK, DENIED, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/disclosure/manage/{entry}/board/": [OK, OK, DENIED, DENIED, DENIED, DENIED, LOGIN],
}


@pytest.fixture
def everyone(people, community):
    return {**people, "pending": make_person(community, "p@test.org", status=Member.Status.PENDING)}


@pytest.fixture
def entry(community, organiser):
    return services.add_entry(
        organiser, community, services.EntryInput(Category.PLANS, "计划", "明年的计划")
    )


@pytest.mark.parametrize("url", list(GET_VIEWS))
def test_each_page_answers_each_role_as_the_rules_say(url, community, everyone, entry):
    for role, expected in zip(ROLES, GET_VIEWS[url], strict=True):
        response = client_for(everyone[role]).get(url.format(slug=community.slug, entry=entry.pk))
        assert response.status_code == expected, f"{role} on {url}: {response.status_code}"


@pytest.mark.parametrize("role", ["leader", "resident", "pending", "outsider", "anonymous"])
def test_only_organisers_add_notices_or_record_boards(role, community, everyone, entry, household):
    client = client_for(everyone[role])
    base = f"/c/{community.slug}/disclosure/manage/"
    client.post(base, {"category": "plans", "title": "x", "body": "y"})
    client.post(f"{base}{entry.pk}/board/", {"place": household.area.pk, "posted_on": "2026-12-01"})
    assert entry.community.disclosure_entries.count() == 1 and not entry.postings.exists()


def test_a_read_receipt_is_the_signed_in_resident_s_own(community, resident, leader, entry):
    leader_member = Member.objects.get(user=leader)
    client_for(resident).post(
        f"/c/{community.slug}/disclosure/{entry.pk}/read/", {"member": leader_member.pk}
    )
    assert [r.member.user for r in Reading.objects.all()] == [resident]
