"""The API lists published projects; organiser-only fields stay hidden from everyone else."""

from __future__ import annotations

from linli.engagement import services
from tests.conftest import client_for

from .conftest import make_project


def test_list_shows_open_and_closed_projects_only(
    community, organiser, project, open_project, resident
):
    planning = make_project(community, organiser, title="筹备中的项目")
    for user in (None, resident, organiser):
        rows = client_for(user).get(f"/api/communities/{community.slug}/projects").json()
        assert [r["id"] for r in rows] == [open_project.pk]
        assert planning.pk not in [r["id"] for r in rows]


def test_detail_hides_organiser_fields_from_others(
    community, organiser, open_project, resident, outsider
):
    services.save_report_back(
        organiser, open_project, services.ReportInput(open_project.phases.first(), "草稿", "草稿")
    )
    services.save_report_back(
        organiser,
        open_project,
        services.ReportInput(open_project.phases.first(), "听到了", "做到了", "先修排水"),
        publish=True,
    )
    url = f"/api/communities/{community.slug}/projects/{open_project.pk}"
    for user in (None, resident, outsider):
        data = client_for(user).get(url).json()
        assert data["title"] == "院落美化" and data["level"] == "consult"
        assert [r["heard"] for r in data["report_backs"]] == ["听到了"]
        assert [p["state"] for p in data["phases"]] == ["done", "now", "upcoming"]
        assert {i["topic"] for i in data["support"]} == {"languages", "access", "support", "times"}
        for hidden in ("equity_plan", "drafts", "opened_despite", "lesson"):
            assert data[hidden] is None, hidden
    data = client_for(organiser).get(url).json()
    assert len(data["equity_plan"]) == 6
    assert [d["heard"] for d in data["drafts"]] == ["草稿"]


def test_planning_projects_are_not_found_except_for_organisers(
    community, organiser, project, resident
):
    url = f"/api/communities/{community.slug}/projects/{project.pk}"
    assert client_for(None).get(url).status_code == 404
    assert client_for(resident).get(url).status_code == 404
    assert client_for(organiser).get(url).status_code == 200


def test_unknown_community_is_not_found(db):
    assert client_for(None).get("/api/communities/nowhere/projects").status_code == 404


def test_api_token_of_an_organiser_sees_organiser_fields(community, organiser, open_project):
    from linli.core.api_tokens import create_token

    token = create_token(organiser, "script")
    response = client_for(None).get(
        f"/api/communities/{community.slug}/projects/{open_project.pk}",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.json()["equity_plan"] is not None
