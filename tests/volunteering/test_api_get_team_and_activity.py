"""The API's get_team and get_activity (issue 24: no test requested them): public reads of one
team and one activity, the same for every caller, and not found through another community."""

from __future__ import annotations

import pytest

from tests.conftest import client_for

from .conftest import make_activity

pytestmark = pytest.mark.django_db


def test_one_team_and_one_activity_read_the_same_by_everyone(
    community, other_community, team, team_leader, team_member, resident, outsider, organiser
):
    activity = make_activity(team, team_leader, capacity=3)
    base = f"/api/communities/{community.slug}/volunteering"
    teams, activities = [], []
    for user in (None, outsider, resident, team_member, organiser):
        team_response = client_for(user).get(f"{base}/teams/{team.pk}")
        activity_response = client_for(user).get(f"{base}/activities/{activity.pk}")
        assert (team_response.status_code, activity_response.status_code) == (200, 200)
        teams.append(team_response.json())
        activities.append(activity_response.json())
    assert teams == [teams[0]] * 5 and activities == [activities[0]] * 5
    assert (teams[0]["id"], teams[0]["name"], teams[0]["members"]) == (team.pk, "护绿队", 2)
    assert (teams[0]["verified_hours"], teams[0]["impact"]) == ("0", [])
    got = activities[0]
    assert (got["id"], got["team"], got["title"]) == (activity.pk, team.pk, activity.title)
    assert (got["capacity"], got["places_left"], got["status"]) == (3, 3, activity.status)
    other = f"/api/communities/{other_community.slug}/volunteering"
    assert client_for(None).get(f"{other}/teams/{team.pk}").status_code == 404
    assert client_for(None).get(f"{other}/activities/{activity.pk}").status_code == 404
    assert client_for(None).get(f"{base}/activities/{activity.pk + 1000}").status_code == 404
