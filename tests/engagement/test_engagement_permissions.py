"""Every engagement view against every role. Planning projects are invisible to residents."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from linli.engagement import services
from linli.engagement.models import Project, ReportBack
from tests.conftest import client_for, make_person

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
OK, LOGIN, DENIED, GONE = 200, 302, 403, 404
MANAGER = [OK, OK, OK, DENIED, DENIED, DENIED, DENIED, LOGIN]
EVERYONE = [OK] * 8

GET_VIEWS = {
    "/c/{slug}/engagement/": EVERYONE,
    "/c/{slug}/engagement/{open}/": EVERYONE,
    "/c/{slug}/engagement/{planning}/": [OK, OK, OK, GONE, GONE, GONE, GONE, GONE],
    "/c/{slug}/engagement/{closed}/": EVERYONE,
    "/c/{slug}/engagement/manage/": MANAGER,
    "/c/{slug}/engagement/lessons/": MANAGER,
    "/c/{slug}/engagement/new/": MANAGER,
    "/c/{slug}/engagement/{planning}/organise/": MANAGER,
    "/c/{slug}/engagement/{open}/organise/": MANAGER,
    "/c/{slug}/engagement/{planning}/edit/": MANAGER,
    "/c/{slug}/engagement/{planning}/phases/": MANAGER,
    "/c/{slug}/engagement/{planning}/equity/": MANAGER,
    "/c/{slug}/engagement/{planning}/open/": MANAGER,
    "/c/{slug}/engagement/{open}/report-back/": MANAGER,
    "/c/{slug}/engagement/{open}/report-back/{draft}/": MANAGER,
    "/c/{slug}/engagement/{open}/close/": MANAGER,
    "/c/{slug}/engagement/{closed}/close/": MANAGER,
}


@pytest.fixture
def everyone(people, site_admin, community):
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    return {**people, "site_admin": site_admin, "pending": pending}


@pytest.fixture
def ids(community, organiser, project, open_project):
    from tests.engagement.conftest import make_project
    from tests.engagement.test_lessons import closed_project

    planning = make_project(community, organiser, title="筹备中的项目")
    closed = closed_project(community, organiser, "已结束", ["briefings"], [])
    draft = services.save_report_back(
        organiser,
        open_project,
        services.ReportInput(open_project.phases.first(), "听到", "做了"),
    )
    return {
        "open": open_project.pk,
        "planning": planning.pk,
        "closed": closed.pk,
        "draft": draft.pk,
    }


@pytest.mark.parametrize("url", list(GET_VIEWS))
def test_each_view_answers_each_role_as_the_rules_say(url, community, everyone, ids):
    target = url.format(slug=community.slug, **ids)
    for role, expected in zip(ROLES, GET_VIEWS[url], strict=True):
        response = client_for(everyone[role]).get(target)
        assert response.status_code == expected, f"{role} on {target}: {response.status_code}"


def test_planning_projects_are_not_listed_for_residents(community, everyone, ids):
    for role in ["leader", "resident", "pending", "outsider", "anonymous"]:
        page = client_for(everyone[role]).get(f"/c/{community.slug}/engagement/").content.decode()
        assert "筹备中的项目" not in page, role
        assert "已结束" in page


POSTS = {
    "/c/{slug}/engagement/new/": {"title": "x", "level": "inform"},
    "/c/{slug}/engagement/{planning}/edit/": {"title": "x", "level": "inform"},
    "/c/{slug}/engagement/{planning}/open/": {"reason": "急"},
    "/c/{slug}/engagement/{planning}/equity/": {"languages-state": "done", "languages-answer": "x"},
    "/c/{slug}/engagement/{open}/report-back/": {"heard": "x", "did": "y", "publish": "1"},
    "/c/{slug}/engagement/{open}/close/": {"worked": "a", "change": "b", "again": "yes"},
}


@pytest.mark.parametrize("url", list(POSTS))
def test_nobody_below_organiser_can_change_anything(url, community, everyone, ids):
    target = url.format(slug=community.slug, **ids)
    for role in ["leader", "resident", "pending", "outsider", "anonymous"]:
        response = client_for(everyone[role]).post(target, POSTS[url])
        # Only the visitor is sent to sign in; a signed-in person who may not is refused.
        assert response.status_code == (LOGIN if role == "anonymous" else DENIED), (
            f"{role} on {target}: {response.status_code}"
        )
    assert Project.objects.get(pk=ids["planning"]).status == Project.Status.PLANNING
    assert Project.objects.get(pk=ids["open"]).status == Project.Status.OPEN
    assert not ReportBack.objects.filter(
        published_at__isnull=False, project_id=ids["open"]
    ).exists()


def test_an_organiser_of_another_community_has_no_power_here(community, other_community, ids):
    foreign = make_person(other_community, "foreign@test.org", "organiser")
    client = client_for(foreign)
    assert client.get(f"/c/{community.slug}/engagement/manage/").status_code == DENIED
    assert client.get(f"/c/{community.slug}/engagement/{ids['planning']}/").status_code == GONE
    # and a project id from this community under the other community's address is not found
    assert (
        client.get(f"/c/{other_community.slug}/engagement/{ids['open']}/organise/").status_code
        == GONE
    )
