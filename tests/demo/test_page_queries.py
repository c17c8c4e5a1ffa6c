"""Staff pages on the loaded demo: how many queries and how long each takes (issue 22 item 15).
The query counts are pinned so they do not grow with the data (N+1 queries show up here first)."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from linli.core.models import Community, User
from linli.meetings.models import Meeting
from linli.volunteering.models import Activity

pytestmark = pytest.mark.django_db


def _pages() -> list[tuple[str, str]]:
    community = Community.objects.order_by("pk").first()
    assert community is not None
    slug = community.slug
    activity = Activity.objects.filter(team__community=community).order_by("-pk").first()
    meeting = Meeting.objects.filter(community=community).order_by("-pk").first()
    pages = [("new team form", f"/c/{slug}/volunteering/teams/new/")]
    if activity is not None:
        pages += [
            ("volunteer hours", f"/c/{slug}/volunteering/activities/{activity.pk}/hours/"),
            ("volunteer check-in", f"/c/{slug}/volunteering/activities/{activity.pk}/check-in/"),
        ]
    if meeting is not None:
        pages += [
            ("meeting minutes", f"/c/{slug}/meetings/{meeting.pk}/minutes/"),
            ("meeting check-in", f"/c/{slug}/meetings/{meeting.pk}/check-in/"),
        ]
    return pages


def test_staff_pages_take_few_queries_on_the_demo(demo: None) -> None:
    client = Client()
    client.force_login(User.objects.get(email="organiser@example.org"))
    report = []
    for name, url in _pages():
        client.get(url)  # warm caches (templates, translations)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            took = time.perf_counter() - started
        report.append((name, url, response.status_code, len(queries), round(took, 3)))
    for row in report:
        print("PAGE", *row)
    for name, url, status, count, took in report:
        assert status == 200, (name, url, status)
        assert count <= LIMITS[name], (name, count)


# Measured on the demo (bench/RESULTS.md); a little room, but far below one query per resident.
LIMITS = {
    "new team form": 12,
    "volunteer hours": 20,
    "volunteer check-in": 12,
    "meeting minutes": 14,
    "meeting check-in": 15,
}
