"""Every opinions page against every role. A private conversation is invisible (404) to those
outside the community; the public read a public one's results but sign in to vote."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from linli.opinions import services
from tests.conftest import client_for, make_person
from tests.opinions.conftest import make_conversation

ROLES = [
    "site_admin",
    "community_admin",
    "organiser",
    "leader",
    "resident",
    "pending",
    "outsider",
    "anonymous",
]
OK, LOGIN, DENIED, GONE, REDIRECT = 200, 302, 403, 404, 302
MANAGER = [OK, OK, OK, DENIED, DENIED, DENIED, DENIED, LOGIN]
EVERYONE = [OK] * 8
MEMBERS = [OK, OK, OK, OK, OK, GONE, GONE, GONE]

GET_VIEWS = {
    "/c/{slug}/opinions/": EVERYONE,
    "/c/{slug}/opinions/{open}/": EVERYONE,
    "/c/{slug}/opinions/{open}/results/": EVERYONE,
    "/c/{slug}/opinions/{closed}/report/": EVERYONE,
    "/c/{slug}/opinions/{private}/": MEMBERS,
    "/c/{slug}/opinions/{private}/results/": MEMBERS,
    "/c/{slug}/opinions/new/": MANAGER,
    "/c/{slug}/opinions/{open}/edit/": MANAGER,
    "/c/{slug}/opinions/{open}/moderate/": MANAGER,
    "/c/{slug}/opinions/{open}/sheet/": MANAGER,
    "/c/{slug}/opinions/{open}/paper/": MANAGER,
    "/c/{slug}/opinions/{open}/close/": MANAGER,
    "/c/{slug}/opinions/{open}/export.zip": MANAGER,
    "/c/{slug}/opinions/{closed}/close/": MANAGER,
}


@pytest.fixture
def everyone(people, site_admin, community):
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    return {**people, "site_admin": site_admin, "pending": pending}


@pytest.fixture
def ids(community, organiser):
    open_one = make_conversation(organiser, community)
    private = make_conversation(organiser, community, title="内部讨论", is_public=False)
    closed = make_conversation(organiser, community, title="已结束")
    services.close_conversation(organiser, closed, "我们会开协商会。")
    return {"open": open_one.pk, "private": private.pk, "closed": closed.pk}


@pytest.mark.parametrize("url", list(GET_VIEWS))
def test_each_view_answers_each_role_as_the_rules_say(url, community, everyone, ids):
    target = url.format(slug=community.slug, **ids)
    for role, expected in zip(ROLES, GET_VIEWS[url], strict=True):
        response = client_for(everyone[role]).get(target)
        assert response.status_code == expected, f"{role} on {target}: {response.status_code}"


VOTE = [REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, DENIED, DENIED, LOGIN]


def test_voting_by_role(community, everyone, ids):
    """Residents and above vote (a site administrator without membership is refused: 400)."""
    from linli.opinions.models import Statement

    statement = Statement.objects.filter(conversation_id=ids["open"]).first()
    target = f"/c/{community.slug}/opinions/{ids['open']}/vote/"
    for role, expected in zip(ROLES, VOTE, strict=True):
        response = client_for(everyone[role]).post(
            target, {"statement": statement.pk, "choice": "1"}
        )
        wanted = 400 if role == "site_admin" else expected
        assert response.status_code == wanted, f"{role}: {response.status_code}"
        if expected == LOGIN and role == "anonymous":
            assert "login" in response["Location"]


def test_a_get_never_votes(community, resident, ids):
    response = client_for(resident).get(f"/c/{community.slug}/opinions/{ids['open']}/vote/")
    assert response.status_code == 405
