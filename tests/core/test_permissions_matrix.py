"""Every core view against every role: the server decides, whatever the page shows."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from tests.conftest import client_for

ROLES = ["community_admin", "organiser", "leader", "resident", "outsider", "anonymous"]
OK, LOGIN, DENIED = 200, 302, 403

# url template -> expected status per role, in ROLES order
GET_VIEWS = {
    "/c/{slug}/": [OK, OK, OK, OK, OK, OK],
    "/c/{slug}/notices/": [OK, OK, OK, OK, OK, OK],
    "/c/{slug}/partners/": [OK, OK, OK, OK, OK, OK],
    "/c/{slug}/manage/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/manage/members/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/manage/members/new/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/manage/households/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/manage/households/import/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/manage/households/letters.pdf": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/manage/addresses/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/manage/partners/new/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/manage/notices/new/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/manage/audit/": [OK, DENIED, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/participation/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/me/": [OK, OK, OK, OK, OK, LOGIN],
    "/me/notifications/": [OK, OK, OK, OK, OK, LOGIN],
    "/me/api-tokens/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
}


@pytest.mark.parametrize("url", list(GET_VIEWS))
def test_each_view_answers_each_role_as_the_rules_say(url, community, people):
    for role, expected in zip(ROLES, GET_VIEWS[url], strict=True):
        response = client_for(people[role]).get(url.format(slug=community.slug))
        assert response.status_code == expected, f"{role} on {url}: {response.status_code}"


def test_site_admin_may_do_everything(community, site_admin):
    client = client_for(site_admin)
    for url in GET_VIEWS:
        assert client.get(url.format(slug=community.slug)).status_code == OK, url


def test_pending_member_is_not_a_resident_yet(community):
    from tests.conftest import make_person

    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    from linli.core import permissions

    assert permissions.standing(pending, community) == permissions.Standing.MEMBER
    assert not permissions.can(pending, "budgeting.propose", community)
    assert permissions.can(pending, "community.view", community)


POST_VIEWS = [
    "/c/{slug}/manage/members/{member}/decide/",
    "/c/{slug}/manage/members/{member}/role/",
    "/c/{slug}/manage/notices/new/",
    "/c/{slug}/manage/partners/new/",
    "/c/{slug}/manage/addresses/",
]


@pytest.mark.parametrize("url", POST_VIEWS)
def test_residents_and_outsiders_cannot_change_anything(url, community, people):
    member = Member.objects.filter(community=community, role="resident").first()
    for role in ["leader", "resident", "outsider"]:
        response = client_for(people[role]).post(
            url.format(slug=community.slug, member=member.pk),
            {
                "decision": "approve",
                "role": "community_admin",
                "title": "x",
                "body": "y",
                "name": "p",
                "kind": "ngo",
                "area": "A",
                "area_type": "other",
            },
        )
        assert response.status_code == DENIED, f"{role} on {url}"
    member.refresh_from_db()
    assert member.role == "resident"


def test_organiser_of_another_community_has_no_power_here(community, other_community):
    from tests.conftest import make_person

    foreign_organiser = make_person(other_community, "foreign@test.org", "organiser")
    client = client_for(foreign_organiser)
    assert client.get(f"/c/{community.slug}/manage/members/").status_code == DENIED
    assert client.get(f"/c/{other_community.slug}/manage/members/").status_code == OK
