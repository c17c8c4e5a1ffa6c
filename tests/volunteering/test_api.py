"""The API: teams with impact, activities with free places, sign-up and cancel, my hours."""

from __future__ import annotations

from datetime import timedelta

from linli.volunteering import services
from tests.conftest import client_for

from .conftest import make_activity


def test_teams_activities_sign_up_and_hours(
    community, team, team_leader, team_member, time_machine
):
    activity = make_activity(team, team_leader, capacity=1)
    services.add_impact(team_leader, activity, "垃圾", "12", "袋")
    teams = client_for(None).get(f"/api/communities/{community.slug}/volunteering/teams").json()
    assert teams[0]["name"] == "护绿队" and teams[0]["members"] == 2
    impact = teams[0]["impact"][0]
    assert (impact["metric"], impact["unit"], float(impact["amount"])) == ("垃圾", "袋", 12)
    rows = client_for(None).get(f"/api/communities/{community.slug}/volunteering/activities").json()
    assert rows[0]["places_left"] == 1
    url = f"/api/communities/{community.slug}/volunteering/activities/{activity.pk}"
    client = client_for(team_member)
    response = client.post(url + "/sign-up")
    assert response.status_code == 201 and response.json()["status"] == "confirmed"
    assert client.post(url + "/sign-up").status_code == 400
    early = client.post(url + "/hours", {"hours": "2"}, content_type="application/json")
    assert early.status_code == 400 and "started" in early.json()["detail"]
    time_machine.move_to(activity.starts_at + timedelta(hours=1), tick=False)
    logged = client.post(url + "/hours", {"hours": "2"}, content_type="application/json")
    assert logged.status_code == 201 and logged.json()["status"] == "claimed"
    mine = client.get(f"/api/communities/{community.slug}/volunteering/my-hours").json()
    assert float(mine["verified_total"]) == 0 and float(mine["entries"][0]["hours"]) == 2


def test_refusals(community, team, team_leader, team_member, outsider):
    activity = make_activity(team, team_leader)
    url = f"/api/communities/{community.slug}/volunteering/activities/{activity.pk}/sign-up"
    assert client_for(None).post(url).status_code == 401
    assert client_for(outsider).post(url).status_code == 403
    assert client_for(team_member).delete(url).status_code == 404
    client_for(team_member).post(url)
    assert client_for(team_member).delete(url).json()["status"] == "cancelled"
    bad = client_for(team_member).post(
        url.replace("sign-up", "hours"), {"hours": "x"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert (
        client_for(None).get(f"/api/communities/{community.slug}/volunteering/my-hours").status_code
        == 401
    )
