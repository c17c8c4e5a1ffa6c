"""The demo loads through the services and tells seed 004's story."""

from __future__ import annotations

import pytest

from linli.grants.models import Application, Call, Evaluation, Report


@pytest.mark.django_db
def test_demo_loads_with_calls_awards_reports_and_evaluations(demo, db):
    this = Call.objects.order_by("-year").first()  # this year's, or last year's before August
    assert this is not None and Call.objects.filter(year=this.year - 1).exists()
    assert this.applications.count() == 7
    assert len({a.theme for a in this.applications.all()}) == 5
    assert this.applications.filter(status="awarded").count() == 3
    assert this.awarded_total() <= this.community_cap
    assert Evaluation.objects.filter(outcome="end").exists()
    assert Evaluation.objects.filter(outcome="continue").exists()
    assert Report.objects.filter(status="accepted").exists()
    accepted = Report.objects.filter(status="accepted")
    assert any(r.spending_lines.exclude(receipt="").exists() for r in accepted)
    continued = Application.objects.get(title="邻里互助餐(二期)")
    assert continued.continuation_of.evaluation.outcome == "continue"
    # every page of the demo answers, for the public and for the organiser
    from linli.core.models import Member
    from tests.conftest import client_for

    organiser = Member.objects.filter(community=this.community, role="organiser").first().user
    slug = this.community.slug
    for client in (client_for(None), client_for(organiser)):
        assert client.get(f"/c/{slug}/grants/").status_code == 200
        for call in Call.objects.all():
            assert client.get(call.get_absolute_url()).status_code == 200
        for application in Application.objects.filter(status="awarded"):
            assert client.get(application.get_absolute_url()).status_code == 200
    assert (
        client_for(organiser).get(f"/c/{slug}/grants/calls/{this.pk}/ranking/").status_code == 200
    )
    for application in Application.objects.all():
        assert client_for(organiser).get(application.get_absolute_url()).status_code == 200
