"""The budgeting API: public reads, results with explanations, progress, submitting an idea."""

from __future__ import annotations

import json

import pytest

from linli.budgeting.models import Idea
from tests.conftest import client_for

from .conftest import closed_process, english_client, make_process, make_voters


@pytest.mark.django_db
def test_results_and_progress(community, organiser) -> None:  # type: ignore[no-untyped-def]
    process, _ideas = closed_process(community, organiser, make_voters(community, 4))
    client = english_client(None)
    listing = client.get(f"/api/communities/{community.slug}/budget").json()
    assert [p["id"] for p in listing] == [process.pk]
    results = client.get(f"/api/communities/{community.slug}/budget/{process.pk}/results").json()
    assert results["spent"] == 90_000
    funded = [r for r in results["projects"] if r["funded"]]
    assert len(funded) == 2 and funded[0]["explanation"].startswith("Funded")
    progress = client.get(f"/api/communities/{community.slug}/budget/{process.pk}/progress").json()
    assert {p["title"] for p in progress} == {"健身角", "雨棚"}
    projects = client.get(f"/api/communities/{community.slug}/budget/{process.pk}/projects").json()
    assert len(projects) == 3


@pytest.mark.django_db
def test_submit_an_idea(community, organiser, resident, outsider) -> None:  # type: ignore[no-untyped-def]
    process = make_process(community, organiser)
    url = f"/api/communities/{community.slug}/budget/{process.pk}/ideas"
    body = json.dumps({"title": "长椅", "body": "院坝加长椅", "estimated_cost": 3000})
    assert client_for(None).post(url, body, content_type="application/json").status_code == 401
    assert client_for(outsider).post(url, body, content_type="application/json").status_code == 403
    response = client_for(resident).post(url, body, content_type="application/json")
    assert response.status_code == 201
    assert Idea.objects.get().author.user == resident  # type: ignore[union-attr]


@pytest.mark.django_db
def test_draft_process_hidden(community, organiser) -> None:  # type: ignore[no-untyped-def]
    process = make_process(community, organiser)
    process.status = "draft"
    process.save(update_fields=["status"])
    assert (
        client_for(None).get(f"/api/communities/{community.slug}/budget/{process.pk}").status_code
        == 404
    )
    assert (
        client_for(organiser)
        .get(f"/api/communities/{community.slug}/budget/{process.pk}")
        .status_code
        == 200
    )
