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
