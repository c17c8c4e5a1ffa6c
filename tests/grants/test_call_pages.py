"""An organiser sets up a call through the pages; the home page and the engagement project list
it while it is open."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from linli.core.open_now import open_items
from linli.engagement.links import linked_items
from linli.engagement.models import Project
from linli.grants.models import Call


def _data(today, **extra):  # type: ignore[no-untyped-def]
    return {
        "title": "2026年社区营造公益创投",
        "year": today.year,
        "description": "人文地景产",
        "themes": ["people", "landscape"],
        "project_cap": 100_000,
        "community_cap": 300_000,
        "min_residents": 3,
        "ngos_may_apply": "on",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=10)).isoformat(),
        "review_by": (today + timedelta(days=20)).isoformat(),
        "award_by": (today + timedelta(days=30)).isoformat(),
        "scale_high": 10,
        **extra,
    }


def test_an_organiser_sets_up_and_opens_a_call(
    community, organiser, panelists, en_client_for, resident
):
    client = en_client_for(organiser)
    today = timezone.localdate()
    project = Project.objects.create(
        community=community, title="院落微更新", slug="yuanluo", status="open"
    )
    response = client.post(
        f"/c/{community.slug}/grants/calls/new/",
        _data(today, panel=[m.pk for m in panelists], project=project.pk),
    )
    call = Call.objects.get()
    assert response.status_code == 302 and call.themes == ["people", "landscape"]
    assert call.criteria.count() == 5 and call.panel.count() == 3
    client.post(f"/c/{community.slug}/grants/calls/{call.pk}/step/open/")
    call.refresh_from_db()
    assert call.status == "open"
    items = open_items(community, None)
    assert any(i.title == call.title for i in items)
    assert [i.title for i in linked_items(project)] == [call.title]
    page = en_client_for(resident).get(call.get_absolute_url()).content.decode()
    assert "Apply for a grant" in page and "100,000 yuan" in page


def test_bad_call_input_is_refused_and_kept(community, organiser, en_client_for):
    client = en_client_for(organiser)
    today = timezone.localdate()
    response = client.post(
        f"/c/{community.slug}/grants/calls/new/",
        _data(today, project_cap=120_000, closes_on=(today - timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "2026年社区营造公益创投" in html and "100000" in html
    response = client.post(
        f"/c/{community.slug}/grants/calls/new/",
        _data(today, closes_on=(today - timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    assert "The dates must follow each other" in response.content.decode()
    assert not Call.objects.exists()


def test_an_application_with_an_unoffered_theme_keeps_what_was_typed(call, resident, en_client_for):
    call.themes = ["culture"]
    call.save()
    client = en_client_for(resident)
    response = client.post(
        f"/c/{call.community.slug}/grants/calls/{call.pk}/apply/",
        {
            "kind": "group",
            "group_name": "护绿队",
            "title": "院落花园",
            "theme": "landscape",
            "goals": "把荒地变成花园",
            "activities": "4月 种植",
            "results": "20户",
            "other_funding": 0,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "把荒地变成花园" in html and "Select a valid choice" in html
