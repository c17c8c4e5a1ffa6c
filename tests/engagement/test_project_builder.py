"""An organiser builds a project: plan, phases, equity plan; bad input is refused clearly."""

from __future__ import annotations

from datetime import timedelta

from linli.core.models import AuditEntry, Partner, Place
from linli.core.services import place_path
from linli.engagement.models import EquityItem, Phase, Project
from tests.conftest import client_for

from .conftest import TODAY


def plan(**overrides):
    data = {
        "title": "院坝改造",
        "purpose": "院坝积水，老人容易滑倒",
        "decision": "院坝先改哪一块",
        "level": "involve",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=60)).isoformat(),
        "stakeholder_groups": "老人\n租户",
        "budget": "80000",
        "methods": ["surveys", "home_visits"],
    }
    data.update(overrides)
    return data


def formset(rows, existing=0):
    data = {
        "phase-TOTAL_FORMS": str(len(rows)),
        "phase-INITIAL_FORMS": str(existing),
        "phase-MIN_NUM_FORMS": "0",
        "phase-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"phase-{i}-{key}"] = value
    return data


def test_organiser_creates_a_project_with_areas_partners_and_a_lead(
    community, organiser, courtyard
):
    partner = Partner.objects.create(community=community, name="西华大学", kind="university")
    building = place_path(community, ["梧桐院", "1栋"])
    lead = organiser.memberships.get()
    client = client_for(organiser)
    page = client.get(f"/c/{community.slug}/engagement/new/").content.decode()
    assert "你的意见会被听取，但决定由居委会作出" in page  # the plain-words promise of "consult"
    response = client.post(
        f"/c/{community.slug}/engagement/new/",
        plan(areas=[courtyard.pk, building.pk], partners=[partner.pk], lead=lead.pk),
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert response.url == f"/c/{community.slug}/engagement/{project.pk}/phases/"
    assert project.status == Project.Status.PLANNING
    assert set(project.areas.all()) == {courtyard, building}
    assert list(project.partners.all()) == [partner]
    assert project.lead == lead and project.budget == 80000
    assert project.stakeholder_list == ["老人", "租户"]
    assert project.methods == ["surveys", "home_visits"]
    assert project.equity_items.count() == 6
    assert not project.equity_items.exclude(state="not_yet").exists()
    assert AuditEntry.objects.filter(action="engagement.create").count() == 1


def test_phases_are_saved_in_date_order_and_can_be_edited(community, organiser, project):
    client = client_for(organiser)
    url = f"/c/{community.slug}/engagement/{project.pk}/phases/"
    assert client.get(url).status_code == 200
    phases = list(project.phases.all())
    rows = [
        {"id": p.pk, "kind": p.kind, "name": p.name, "starts_on": p.starts_on, "ends_on": p.ends_on}
        for p in phases
    ]
    rows[0]["DELETE"] = "on"
    rows.append(
        {
            "kind": "report_back",
            "name": "反馈",
            "starts_on": project.ends_on - timedelta(days=5),
            "ends_on": project.ends_on,
        }
    )
    rows.append(
        {
            "kind": "visit",
            "name": "入户走访",
            "starts_on": project.starts_on,
            "ends_on": project.starts_on + timedelta(days=3),
        }
    )
    response = client.post(url, formset(rows, existing=3))
    assert response.status_code == 302, response.content.decode()
    assert [p.name for p in project.phases.all()] == ["入户走访", "坝坝会", "决定", "反馈"]
    assert [p.order for p in project.phases.all()] == [1, 2, 3, 4]


def test_end_before_start_is_refused_and_nothing_typed_is_lost(community, organiser):
    client = client_for(organiser)
    response = client.post(
        f"/c/{community.slug}/engagement/new/",
        plan(ends_on=(TODAY - timedelta(days=1)).isoformat()),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in page and "院坝积水，老人容易滑倒" in page
    assert not Project.objects.exists()


def test_a_phase_that_ends_before_it_starts_or_lies_outside_the_project_is_refused(
    community, organiser, project
):
    client = client_for(organiser)
    url = f"/c/{community.slug}/engagement/{project.pk}/phases/"
    before = list(project.phases.values_list("name", "starts_on"))
    backwards = {
        "kind": "other",
        "name": "倒着",
        "starts_on": TODAY,
        "ends_on": TODAY - timedelta(days=2),
    }
    response = client.post(url, formset([backwards]))
    assert "error-summary" in response.content.decode()
    too_late = {
        "kind": "implement",
        "name": "施工",
        "starts_on": project.ends_on,
        "ends_on": project.ends_on + timedelta(days=30),
    }
    response = client.post(url, formset([too_late]))
    page = response.content.decode()
    assert response.status_code == 200 and "error-summary" in page
    assert project.ends_on.isoformat() in page
    assert list(project.phases.values_list("name", "starts_on")) == before


def test_narrowing_the_project_around_its_phases_is_refused(community, organiser, project):
    response = client_for(organiser).post(
        f"/c/{community.slug}/engagement/{project.pk}/edit/",
        plan(
            title=project.title,
            starts_on=(project.starts_on + timedelta(days=15)).isoformat(),
            ends_on=project.ends_on.isoformat(),
        ),
    )
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    project.refresh_from_db()
    assert project.title == "院落美化"


def test_an_area_or_partner_of_another_community_is_refused(
    community, other_community, organiser, courtyard
):
    foreign = place_path(other_community, ["别院"])
    foreign_partner = Partner.objects.create(community=other_community, name="别家", kind="ngo")
    client = client_for(organiser)
    for extra in ({"areas": [courtyard.pk, foreign.pk]}, {"partners": [foreign_partner.pk]}):
        response = client.post(f"/c/{community.slug}/engagement/new/", plan(**extra))
        assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not Project.objects.exists()


def test_the_service_refuses_foreign_areas_even_without_the_form(
    community, other_community, organiser
):
    import pytest

    from linli.core.services import ServiceError
    from linli.engagement import services

    foreign = place_path(other_community, ["别院"])
    with pytest.raises(ServiceError, match=r"^只能选择本社区的院落和楼栋。$") as refusal:
        services.create_project(organiser, community, {"title": "x", "level": "inform"}, [foreign])
    assert refusal.value.field == "areas"


def test_a_negative_budget_is_refused(community, organiser):
    response = client_for(organiser).post(f"/c/{community.slug}/engagement/new/", plan(budget="-5"))
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_a_phase_with_a_report_back_cannot_be_removed(community, organiser, open_project):
    from linli.engagement import services

    phase = open_project.phases.first()
    services.save_report_back(
        organiser, open_project, services.ReportInput(phase=phase, heard="听到", did="做了")
    )
    rows = [
        {"id": p.pk, "kind": p.kind, "name": p.name, "starts_on": p.starts_on, "ends_on": p.ends_on}
        for p in open_project.phases.all()
    ]
    rows[0]["DELETE"] = "on"
    response = client_for(organiser).post(
        f"/c/{community.slug}/engagement/{open_project.pk}/phases/", formset(rows, existing=3)
    )
    assert "error-summary" in response.content.decode()
    assert Phase.objects.filter(pk=phase.pk).exists()


def test_a_project_created_elsewhere_reads_a_full_plan_and_saving_stores_it(community, organiser):
    """Reading the plan writes nothing (no GET writes); saving it stores the items it changes."""
    project = Project.objects.create(community=community, title="旧项目", slug="old")
    from linli.engagement import queries, services

    assert len(queries.equity_items(project)) == 6
    assert EquityItem.objects.filter(project=project).count() == 0
    services.save_equity_plan(organiser, project, {"trust": ("done", "居民骨干陪同")})
    assert EquityItem.objects.filter(project=project, topic="trust", state="done").count() == 1


def test_place_choices_are_areas_and_buildings_of_this_community(community, household):
    from linli.engagement import queries

    kinds = set(queries.area_choices(community).values_list("kind", flat=True))
    assert kinds == {Place.Kind.AREA, Place.Kind.BUILDING}
