"""The equity plan: unfinished items are warnings; opening anyway needs a reason, kept and audited."""

from __future__ import annotations

import pytest

from linli.core.models import AuditEntry
from linli.core.services import ServiceError
from linli.engagement import queries, services
from linli.engagement.models import EquityItem, Project
from tests.conftest import client_for

from .conftest import finish_equity


def equity_post(project, **states):
    data = {}
    for topic in EquityItem.Topic.values:
        state, answer = states.get(topic, ("not_yet", ""))
        data[f"{topic}-state"] = state
        data[f"{topic}-answer"] = answer
    return data


def test_unfinished_items_show_as_warnings_on_the_organiser_page(community, organiser, project):
    client = client_for(organiser)
    url = f"/c/{community.slug}/engagement/{project.pk}/organise/"
    page = client.get(url).content.decode()
    assert page.count("警告") >= 6 or page.count("Warning:") >= 6
    response = client.post(
        f"/c/{community.slug}/engagement/{project.pk}/equity/",
        equity_post(
            project,
            languages=("done", "海报用大字，四川话宣讲"),
            access=("not_needed", "全部在院坝平地"),
        ),
    )
    assert response.status_code == 302
    assert len(queries.unfinished_equity(project)) == 4
    client.cookies.load({"linli_language": "en"})
    page = client.get(url).content.decode()
    assert "The equity plan has 4 unfinished items" in page
    assert page.count("Warning:") == 4


def test_done_or_not_needed_needs_a_written_answer(community, organiser, project):
    client = client_for(organiser)
    response = client.post(
        f"/c/{community.slug}/engagement/{project.pk}/equity/",
        equity_post(project, languages=("done", "  "), times=("done", "周六下午")),
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert "周六下午" in response.content.decode()  # nothing typed is lost
    assert len(queries.unfinished_equity(project)) == 6
    with pytest.raises(ServiceError, match=r"^请写明怎样做到，或为什么不需要。$"):
        services.save_equity_plan(organiser, project, {"trust": ("not_needed", "")})


def test_opening_with_an_unfinished_plan_needs_a_reason(community, organiser, project):
    client = client_for(organiser)
    url = f"/c/{community.slug}/engagement/{project.pk}/open/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    project.refresh_from_db()
    assert project.status == Project.Status.PLANNING
    response = client.post(url, {"reason": "坝坝会时间已通知，不能推迟"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN and project.opened_at
    assert project.opened_despite == "坝坝会时间已通知，不能推迟"
    entry = AuditEntry.objects.get(action="engagement.open_anyway")
    assert entry.after["reason"] == "坝坝会时间已通知，不能推迟"
    assert sorted(entry.after["unfinished"]) == sorted(EquityItem.Topic.values)
    assert entry.actor == organiser and entry.community == community
    # the organiser page keeps saying so
    page = client.get(f"/c/{community.slug}/engagement/{project.pk}/organise/").content.decode()
    assert "坝坝会时间已通知，不能推迟" in page


def test_a_finished_plan_opens_without_a_reason(community, organiser, project):
    finish_equity(project, organiser)
    response = client_for(organiser).post(
        f"/c/{community.slug}/engagement/{project.pk}/open/", {"reason": ""}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN and project.opened_despite == ""
    assert AuditEntry.objects.filter(action="engagement.open").exists()
    assert not AuditEntry.objects.filter(action="engagement.open_anyway").exists()


def test_a_project_without_phases_cannot_open(community, organiser):
    project = services.create_project(organiser, community, {"title": "无阶段", "level": "inform"})
    with pytest.raises(ServiceError, match=r"^请先添加至少一个阶段，让居民知道项目进行到哪一步。$"):
        services.open_project(organiser, project, "急")


def test_an_open_project_cannot_be_opened_twice(open_project, organiser):
    with pytest.raises(ServiceError, match=r"^只有筹备中的项目可以开放。$"):
        services.open_project(organiser, open_project)


def test_residents_see_the_support_but_not_the_organisers_notes(
    community, organiser, open_project, resident
):
    page = client_for(resident).get(open_project.get_absolute_url()).content.decode()
    assert "计划：support" in page and "计划：languages" in page
    assert "计划：left_out" not in page and "计划：trust" not in page
