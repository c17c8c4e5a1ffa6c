"""The API: a consultation measured (small cells withheld) and the open flags, for organisers."""

from __future__ import annotations

from linli.insights import services
from tests.conftest import client_for


def test_an_organiser_reads_the_measure_and_the_flags(fair_world):
    client = client_for(fair_world.organiser)
    slug = fair_world.community.slug
    body = client.get(
        f"/api/communities/{slug}/insights/measure/project:{fair_world.project.pk}"
    ).json()
    dims = {d["dimension"]: d for d in body["dimensions"]}
    assert dims["area"]["baseline"] == 40 and body["overall"] == 0.0
    services.sweep()
    flags = client.get(f"/api/communities/{slug}/insights/flags").json()
    assert {f["group"] for f in flags} >= {"bo", "tenant"}


def test_a_resident_may_not_read_them(fair_world, resident):
    client = client_for(resident)
    slug = fair_world.community.slug
    assert client.get(f"/api/communities/{slug}/insights/flags").status_code == 403
    assert client.get(f"/api/communities/{slug}/insights/measure/project:1").status_code == 403


def test_anyone_reads_the_figures_through_the_api(fair_world):
    from datetime import date

    from tests.conftest import client_for as anyone

    slug = fair_world.community.slug
    data = anyone(None).get(f"/api/communities/{slug}/insights/figures").json()
    assert data["year"] == date.today().year and data["threshold"] == 5
    values = {f["key"]: f["value"] for f in data["figures"]}
    assert values["households_taking_part"] == 17 and "money_decided" in values
    assert data["before_after"] == []
