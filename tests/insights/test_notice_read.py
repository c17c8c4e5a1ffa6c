""" "Informed": reading a notice is recorded once, by a POST (button or beacon), never by a GET."""

from __future__ import annotations

import pytest

from linli.core.models import Member, Notice
from linli.participation.models import Act
from tests.conftest import client_for


@pytest.fixture
def notice(community, organiser):
    return Notice.objects.create(community=community, title="停水通知", body="周六停水。")


def test_viewing_the_notices_records_nothing(community, resident, notice):
    page = client_for(resident).get(f"/c/{community.slug}/notices/")
    assert page.status_code == 200 and b"notice-read.js" in page.content
    assert not Act.objects.exists()


def test_reading_is_recorded_once_at_the_first_rung(community, resident, notice):
    client = client_for(resident)
    url = f"/c/{community.slug}/insights/notices/{notice.pk}/read/"
    assert client.post(url).status_code == 302
    assert client.post(url, HTTP_X_LINLI_BEACON="1").status_code == 204
    act = Act.objects.get()
    assert (act.member, act.depth, act.source_type) == (
        Member.objects.get(user=resident),
        1,
        "core.notice",
    )
    assert client.get(url).status_code == 405


def test_only_residents_record_reading(community, outsider, notice):
    url = f"/c/{community.slug}/insights/notices/{notice.pk}/read/"
    assert client_for(outsider).post(url).status_code == 403
    assert client_for(None).post(url).status_code == 302
    assert not Act.objects.exists()
