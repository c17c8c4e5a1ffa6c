"""`next` never sends anyone off the site (open redirect): every view checks it with one helper."""

from __future__ import annotations

import pytest

from linli.meetings import services
from tests.conftest import client_for
from tests.meetings.conftest import make_meeting


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_action_status_ignores_a_next_that_leaves_the_site(community, organiser, target):
    meeting = make_meeting(community, organiser)
    item = services.add_action_item(organiser, meeting, text="买油漆", owner_name="墙绘队")
    response = client_for(organiser).post(
        f"/c/{community.slug}/meetings/actions/{item.pk}/status/",
        {"status": "done", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/c/{community.slug}/meetings/actions/"


def test_action_status_follows_a_next_on_the_site(community, organiser):
    meeting = make_meeting(community, organiser)
    item = services.add_action_item(organiser, meeting, text="买油漆", owner_name="墙绘队")
    target = f"/c/{community.slug}/meetings/{meeting.pk}/"
    response = client_for(organiser).post(
        f"/c/{community.slug}/meetings/actions/{item.pk}/status/",
        {"status": "done", "next": target},
    )
    assert response["Location"] == target


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_language_switch_ignores_a_next_that_leaves_the_site(client, db, target):
    response = client.post("/language/", {"language": "en", "next": target})
    assert response.status_code == 302
    assert "evil" not in response["Location"]
