"""The demo's surveys: an open anonymous one with paper answers, a closed one with results."""

from __future__ import annotations

from linli.participation.models import Act
from linli.surveys.models import Survey


def test_demo_surveys(demo, db):
    grounds = Survey.objects.get(title__en__startswith="Courtyard grounds")
    assert grounds.mode == "anonymous" and grounds.project is not None and grounds.is_open
    assert grounds.responses.count() >= 60
    # The survey's own demo enters 18 forms (HS-...); the insights demo adds the door-to-door
    # answers its follow-up brought to the open survey (ZX...), and nothing else arrives off line.
    assert grounds.responses.filter(paper_ref__startswith="HS-").count() == 18
    off_line = grounds.responses.exclude(channel="online")
    assert off_line.count() == 18 + off_line.filter(paper_ref__startswith="ZX").count()
    assert not grounds.responses.exclude(member=None).exists()
    meals = Survey.objects.get(title__en__startswith="Meals")
    assert meals.results_published_at and meals.phase() == "closed"
    assert Act.objects.filter(method="survey").count() >= 90
    assert Survey.objects.filter(status="draft").exists()
