"""Every budgeting page and action against every role: the server decides."""

from __future__ import annotations

import pytest

from linli.budgeting import services
from linli.budgeting.models import Idea
from linli.tracking import queries as tracking
from tests.conftest import client_for

from .conftest import closed_process, make_process, make_voters, member

ROLES = ["community_admin", "organiser", "leader", "resident", "outsider", "anonymous"]
OK, LOGIN, DENIED, GONE = 200, 302, 403, 404
EVERYONE = [OK] * 6
MANAGERS = [OK, OK, DENIED, DENIED, DENIED, LOGIN]
RESIDENTS = [OK, OK, OK, OK, DENIED, LOGIN]


@pytest.fixture
def world(community, organiser, resident):  # type: ignore[no-untyped-def]
    open_ideas = make_process(community, organiser, phase="ideas")
    idea = services.submit_idea(resident, open_ideas, Idea(title="长椅", body="加长椅"))
    closed, ideas = closed_process(community, organiser, make_voters(community, 4))
    draft = make_process(community, organiser, phase="ideas")
    draft.status = "draft"
    draft.save(update_fields=["status"])
    return {
        "p": open_ideas.pk,
        "i": idea.pk,
        "c": closed.pk,
        "f": ideas[0].pk,
        "d": draft.pk,
    }


GET_VIEWS = {
    "/c/{slug}/budget/": EVERYONE,
    "/c/{slug}/budget/new/": MANAGERS,
    "/c/{slug}/budget/{p}/": EVERYONE,
    "/c/{slug}/budget/{p}/edit/": MANAGERS,
    "/c/{slug}/budget/{p}/setup/": MANAGERS,
    "/c/{slug}/budget/{p}/ideas/new/": RESIDENTS,
    "/c/{slug}/budget/ideas/{i}/": EVERYONE,
    "/c/{slug}/budget/{c}/": EVERYONE,
    "/c/{slug}/budget/{c}/results/": EVERYONE,
    "/c/{slug}/budget/{c}/results.pb": EVERYONE,
    "/c/{slug}/budget/projects/{f}/": EVERYONE,
    "/c/{slug}/budget/{d}/": [OK, OK, GONE, GONE, GONE, GONE],
    "/c/{slug}/budget/{p}/results/": [GONE, GONE, GONE, GONE, GONE, GONE],
}


@pytest.mark.django_db
def test_each_page_answers_each_role(community, people, world) -> None:  # type: ignore[no-untyped-def]
    for url, expected in GET_VIEWS.items():
        for role, status in zip(ROLES, expected, strict=True):
            response = client_for(people[role]).get(url.format(slug=community.slug, **world))
            assert response.status_code == status, f"{role} on {url}: {response.status_code}"


POST_ACTIONS = {
    "/c/{slug}/budget/ideas/{i}/review/": MANAGERS,
    "/c/{slug}/budget/ideas/{i}/cost/": MANAGERS,
    "/c/{slug}/budget/ideas/{i}/decide-appeal/": MANAGERS,
    "/c/{slug}/budget/{p}/open-vote/": MANAGERS,
    "/c/{slug}/budget/{p}/compute/": MANAGERS,
    "/c/{slug}/budget/{p}/publish-results/": MANAGERS,
    "/c/{slug}/budget/{p}/publish/": MANAGERS,
    "/c/{slug}/budget/projects/{f}/owner/": MANAGERS,
}


@pytest.mark.django_db
def test_each_action_refuses_who_may_not(community, people, world) -> None:  # type: ignore[no-untyped-def]
    for url, expected in POST_ACTIONS.items():
        for role, status in zip(ROLES, expected, strict=True):
            if status == OK:
                continue  # allowed callers are tested with real data elsewhere
            response = client_for(people[role]).post(url.format(slug=community.slug, **world), {})
            assert response.status_code == status, f"{role} on {url}: {response.status_code}"


@pytest.mark.django_db
def test_only_owner_team_and_staff_record_progress(
    community, people, world, organiser, leader
) -> None:  # type: ignore[no-untyped-def]
    url = f"/c/{community.slug}/budget/projects/{world['f']}/milestone/"
    data = {"title": "采购", "due": "2026-06-01"}
    for role in ["leader", "resident", "outsider"]:
        # Progress is the owner's and team's: to anyone else the tracking endpoint does not exist.
        assert client_for(people[role]).post(url, data).status_code == GONE, role
    idea = Idea.objects.get(pk=world["f"])
    services.set_owner(organiser, idea, owner=member(leader))
    assert client_for(leader).post(url, data).status_code == 302
    assert tracking.milestones(idea).count() == 1


@pytest.mark.django_db
def test_named_reviewer_reviews_through_the_page(
    community, people, world, organiser, leader
) -> None:  # type: ignore[no-untyped-def]
    url = f"/c/{community.slug}/budget/ideas/{world['i']}/review/"
    data = {"feasible": "yes", "cost": "5000", "note": "可行"}
    assert client_for(leader).post(url, data).status_code == DENIED
    idea = Idea.objects.get(pk=world["i"])
    idea.process.reviewers.add(member(leader))
    assert client_for(leader).post(url, data).status_code == 302
    idea.refresh_from_db()
    assert idea.status == Idea.Status.FEASIBLE and idea.cost == 5000
