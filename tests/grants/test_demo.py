"""The demo loads through the services and tells seed 004's story."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from linli.grants.models import Application, Call, Evaluation, Report, Spending


@pytest.mark.django_db
def test_demo_loads_with_calls_awards_reports_and_evaluations(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    this = Call.objects.get(year=2026)
    assert this.applications.count() == 7
    assert len({a.theme for a in this.applications.all()}) == 5
    assert this.applications.filter(status="awarded").count() == 3
    assert this.awarded_total() <= this.community_cap
    assert Evaluation.objects.filter(outcome="end").exists()
    assert Evaluation.objects.filter(outcome="continue").exists()
    assert Report.objects.filter(status="accepted").exists()
    assert Spending.objects.exclude(receipt="").exists()
    continued = Application.objects.get(title="邻里互助餐(二期)")
    assert continued.continuation_of.evaluation.outcome == "continue"
