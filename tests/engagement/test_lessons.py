"""Closing with lessons learned; organisers read lessons across projects, filtered by method."""

from __future__ import annotations

import pytest

from linli.core.models import AuditEntry
from linli.core.services import ServiceError
from linli.engagement import services
from linli.engagement.models import Lesson, Project
from tests.conftest import client_for, make_person

from .conftest import finish_equity, make_project


def close(client, community, project, **data):
    payload = {
        "worked": "宣讲会后马上走访",
        "change": "更早联系志愿者",
        "again": "with_changes",
        "methods_again": ["briefings", "courtyard_meetings"],
    }
    payload.update(data)
    return client.post(f"/c/{community.slug}/engagement/{project.pk}/close/", payload)


def test_closing_needs_lessons_and_records_them(community, organiser, open_project):
    client = client_for(organiser)
    assert client.get(f"/c/{community.slug}/engagement/{open_project.pk}/close/").status_code == 200
    response = close(client, community, open_project, worked="")
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    open_project.refresh_from_db()
    assert open_project.status == Project.Status.OPEN
    response = close(client, community, open_project)
    assert response.status_code == 302
    open_project.refresh_from_db()
    assert open_project.status == Project.Status.CLOSED and open_project.closed_at
    lesson = Lesson.objects.get(project=open_project)
    assert lesson.methods_again == ["briefings", "courtyard_meetings"]
    assert AuditEntry.objects.filter(action="engagement.close").exists()
    # lessons can be corrected afterwards
    response = close(client, community, open_project, change="海报和电话同时通知")
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.change == "海报和电话同时通知"


def test_a_method_the_project_did_not_use_is_refused(community, organiser, open_project):
    response = close(client_for(organiser), community, open_project, methods_again=["votes"])
    assert response.status_code == 200
    with pytest.raises(ServiceError, match=r"^请从这个项目用过的方式中选择。$"):
        services.close_project(
            organiser, open_project, services.LessonInput("a", "b", "yes", ["votes"])
        )


def test_a_planning_project_cannot_be_closed(community, organiser, project):
    response = close(client_for(organiser), community, project)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Project.Status.PLANNING


def closed_project(community, organiser, title, methods, methods_again):
    project = make_project(community, organiser, title=title, methods=methods)
    finish_equity(project, organiser)
    services.open_project(organiser, project)
    services.close_project(
        organiser,
        project,
        services.LessonInput(f"{title}有效", f"{title}要改", "yes", methods_again),
    )
    return project


def test_lessons_page_filters_by_method_and_spans_the_organisers_communities(
    community, other_community, organiser, resident
):
    closed_project(community, organiser, "院落美化", ["briefings", "surveys"], ["briefings"])
    closed_project(community, organiser, "共享展板", ["sharing"], ["sharing"])
    elsewhere_organiser = make_person(other_community, "elsewhere@test.org", "organiser")
    closed_project(other_community, elsewhere_organiser, "别处项目", ["surveys"], [])
    client = client_for(organiser)
    page = client.get(f"/c/{community.slug}/engagement/lessons/").content.decode()
    assert "院落美化有效" in page and "共享展板有效" in page
    assert "别处项目" not in page  # not an organiser there
    page = client.get(f"/c/{community.slug}/engagement/lessons/?method=surveys").content.decode()
    assert "院落美化有效" in page and "共享展板有效" not in page
    # an organiser in both communities reads both
    from linli.core.models import Member

    Member.objects.create(
        community=other_community, user=organiser, name="o", role="organiser", status="verified"
    )
    page = client.get(f"/c/{community.slug}/engagement/lessons/?method=surveys").content.decode()
    assert "别处项目有效" in page


def test_residents_never_see_lessons(community, organiser, resident, leader):
    project = closed_project(community, organiser, "院落美化", ["briefings"], ["briefings"])
    for user in (resident, leader, None):
        response = client_for(user).get(f"/c/{community.slug}/engagement/lessons/")
        assert response.status_code == (302 if user is None else 403)
        assert (
            "院落美化有效" not in client_for(user).get(project.get_absolute_url()).content.decode()
        )
