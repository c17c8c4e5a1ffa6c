"""The API: published meetings, the online link only for people with a place, register, cancel."""

from __future__ import annotations

from linli.meetings.models import Meeting
from tests.conftest import client_for

from .conftest import make_meeting


def test_list_and_detail_hide_drafts_and_the_link(community, organiser, resident):
    meeting = make_meeting(
        community, organiser, format=Meeting.Format.HYBRID, online_url="https://m.example.org/x"
    )
    make_meeting(community, organiser, publish=False, title="草稿")
    rows = client_for(None).get(f"/api/communities/{community.slug}/meetings").json()
    assert [r["id"] for r in rows] == [meeting.pk] and rows[0]["online_url"] is None
    url = f"/api/communities/{community.slug}/meetings/{meeting.pk}"
    client = client_for(resident)
    assert client.get(url).json()["online_url"] is None
    response = client.post(
        url + "/registration",
        {"needs": [{"kind": "interpreter", "detail": "藏语"}]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed" and response.json()["code"]
    assert client.get(url).json()["online_url"] == "https://m.example.org/x"
    again = client.post(url + "/registration", {}, content_type="application/json")
    assert again.status_code == 400
    assert client.delete(url + "/registration").json()["status"] == "cancelled"


def test_bad_needs_and_outsiders_are_refused(community, organiser, resident, outsider):
    meeting = make_meeting(community, organiser)
    url = f"/api/communities/{community.slug}/meetings/{meeting.pk}/registration"
    bad = client_for(resident).post(
        url, {"needs": [{"kind": "interpreter"}]}, content_type="application/json"
    )
    assert bad.status_code == 400 and "哪种语言" in bad.json()["detail"]
    assert client_for(outsider).post(url, {}, content_type="application/json").status_code == 403
    assert client_for(None).post(url, {}, content_type="application/json").status_code == 401
