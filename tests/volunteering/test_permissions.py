"""Every volunteering page against every role, plus the roles that only exist inside a team:
its leader (a resident), a member, and a resident outside the team. The server decides."""

from __future__ import annotations

from datetime import timedelta

import pytest

from linli.core.models import Member
from linli.volunteering import services
from linli.volunteering.models import Activity, Hours, Impact, Team
from tests.conftest import client_for, make_person

from .conftest import make_activity, member

ROLES = [
    "site_admin",
    "community_admin",
    "organiser",
    "leader",  # a community role "leader", who leads no team
    "team_leader",
    "team_member",
    "resident",
    "pending",
    "outsider",
    "anonymous",
]
OK, LOGIN, DENIED, GONE = 200, 302, 403, 404
EVERYONE = [OK] * 10
LEADS = [OK, OK, OK, DENIED, OK, DENIED, DENIED, DENIED, DENIED, LOGIN]
ORGANISERS = [OK, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, LOGIN]
RESIDENTS = [OK, OK, OK, OK, OK, OK, OK, DENIED, DENIED, LOGIN]
# /mine/ needs a membership of this community: the site admin has none
MINE = [GONE, OK, OK, OK, OK, OK, OK, DENIED, DENIED, LOGIN]

GET_VIEWS = {
    "/c/{slug}/volunteering/": EVERYONE,
    "/c/{slug}/volunteering/teams/{team}/": EVERYONE,
    "/c/{slug}/volunteering/activities/{activity}/": EVERYONE,
    "/c/{slug}/volunteering/mine/": MINE,
    "/c/{slug}/volunteering/teams/new/": ORGANISERS,
    "/c/{slug}/volunteering/report.csv": ORGANISERS,
    "/c/{slug}/volunteering/report.xlsx": ORGANISERS,
    "/c/{slug}/volunteering/volunteers/": ORGANISERS,
    "/c/{slug}/volunteering/teams/{team}/edit/": LEADS,
    "/c/{slug}/volunteering/teams/{team}/members/": LEADS,
    "/c/{slug}/volunteering/teams/{team}/activities/new/": LEADS,
    "/c/{slug}/volunteering/teams/{team}/schedules/new/": LEADS,
    "/c/{slug}/volunteering/teams/{team}/report.csv": LEADS,
    "/c/{slug}/volunteering/teams/{team}/report.xlsx": LEADS,
    "/c/{slug}/volunteering/activities/{activity}/edit/": LEADS,
    "/c/{slug}/volunteering/activities/{activity}/group/": LEADS,
    "/c/{slug}/volunteering/activities/{activity}/check-in/": LEADS,
    "/c/{slug}/volunteering/activities/{activity}/hours/": LEADS,
    "/c/{slug}/volunteering/activities/{activity}/impact/": LEADS,
}


@pytest.fixture
def everyone(people, site_admin, community, team_leader, team_member):  # type: ignore[no-untyped-def]
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    return {
        **people,
        "site_admin": site_admin,
        "pending": pending,
        "team_leader": team_leader,
        "team_member": team_member,
    }


@pytest.fixture
def ids(team, team_leader):  # type: ignore[no-untyped-def]
    return {"team": team.pk, "activity": make_activity(team, team_leader).pk}


@pytest.mark.parametrize("url", list(GET_VIEWS))
def test_each_view_answers_each_role_as_the_rules_say(url, community, everyone, ids):
    target = url.format(slug=community.slug, **ids)
    for role, expected in zip(ROLES, GET_VIEWS[url], strict=True):
        response = client_for(everyone[role]).get(target)
        assert response.status_code == expected, f"{role} on {target}: {response.status_code}"


def test_the_member_list_is_for_the_team_and_organisers(community, everyone, ids):
    url = f"/c/{community.slug}/volunteering/teams/{ids['team']}/"
    for role in ROLES:
        page = client_for(everyone[role]).get(url).content.decode()
        shown = "teammember" in page
        assert shown == (
            role in {"site_admin", "community_admin", "organiser", "team_leader", "team_member"}
        ), role


POSTS = {
    "/c/{slug}/volunteering/teams/{team}/edit/": {
        "name": "改了",
        "purpose": "x",
        "joining": "open",
    },
    "/c/{slug}/volunteering/teams/{team}/members/": {"action": "leader", "membership": "{tm}"},
    "/c/{slug}/volunteering/teams/{team}/activities/new/": {"title": "x", "place": "x"},
    "/c/{slug}/volunteering/activities/{activity}/edit/": {"action": "cancel", "reason": "不办了"},
    "/c/{slug}/volunteering/activities/{activity}/check-in/": {
        "action": "tick",
        "signup": "{signup}",
    },
    "/c/{slug}/volunteering/activities/{activity}/impact/": {
        "metric": "垃圾",
        "amount": "3",
        "unit": "袋",
    },
    "/c/{slug}/volunteering/activities/{activity}/hours/": {
        "action": "one",
        "member": "{member}",
        "hours": "2",
    },
}


@pytest.mark.parametrize("url", list(POSTS))
def test_nobody_but_a_leader_changes_a_team(
    url, community, everyone, ids, team, team_member, time_machine
):
    activity = Activity.objects.get(pk=ids["activity"])
    signup = services.sign_up(team_member, activity, member(team_member))
    tm = team.memberships.get(member=member(team_member))
    time_machine.move_to(activity.starts_at + timedelta(minutes=5), tick=False)
    target = url.format(slug=community.slug, **ids)
    data = {
        k: v.format(tm=tm.pk, signup=signup.pk, member=member(team_member).pk)
        for k, v in POSTS[url].items()
    }
    for role in ["leader", "team_member", "resident", "pending", "outsider", "anonymous"]:
        response = client_for(everyone[role]).post(target, data)
        # Only the visitor is sent to sign in; a signed-in person who may not is refused.
        assert response.status_code == (LOGIN if role == "anonymous" else DENIED), (
            f"{role} on {target}: {response.status_code}"
        )
    team.refresh_from_db()
    activity.refresh_from_db()
    tm.refresh_from_db()
    signup.refresh_from_db()
    assert team.name == "护绿队" and tm.role == "member" and activity.status == "published"
    assert (
        signup.checked_in_at is None and not Impact.objects.exists() and not Hours.objects.exists()
    )
    assert Activity.objects.count() == 1


def test_a_leader_of_one_team_has_no_power_over_another(
    community, organiser, everyone, ids, team_member
):
    from .conftest import make_team

    other = make_team(community, organiser, team_member, name="墙绘队")
    client = client_for(everyone["team_leader"])
    assert (
        client.get(f"/c/{community.slug}/volunteering/teams/{other.pk}/members/").status_code
        == DENIED
    )
    assert (
        client_for(team_member)
        .get(f"/c/{community.slug}/volunteering/teams/{other.pk}/members/")
        .status_code
        == OK
    )


def test_an_organiser_of_another_community_has_no_power_here(community, other_community, ids):
    foreign = make_person(other_community, "foreign@test.org", "organiser")
    client = client_for(foreign)
    assert (
        client.get(f"/c/{community.slug}/volunteering/teams/{ids['team']}/members/").status_code
        == DENIED
    )
    assert (
        client.get(f"/c/{other_community.slug}/volunteering/teams/{ids['team']}/").status_code
        == GONE
    )


def test_team_leadership_ends_with_the_role(community, team, team_leader, team_member):
    tm = team.memberships.get(member=member(team_member))
    services.set_role(team_leader, tm, "leader")
    assert services.leads(team_member, team)
    services.set_role(team_leader, tm, "member")
    assert not services.leads(team_member, team)
    lone = team.memberships.get(member=member(team_leader))
    from linli.core.services import ServiceError

    with pytest.raises(ServiceError, match="needs a leader"):
        services.set_role(team_leader, lone, "member")


def test_joining_by_invitation(community, organiser, team_leader, resident):
    from linli.core.services import ServiceError

    from .conftest import make_team

    team = make_team(community, organiser, team_leader, Team.Joining.INVITATION, name="开心农场")
    with pytest.raises(ServiceError, match="invitation only"):
        services.join(resident, team, member(resident))
    services.add_members(team_leader, team, [member(resident)], invite=True)
    assert services.join(resident, team, member(resident)).status == "active"


def test_only_verified_residents_join_and_sign_up(community, everyone, ids):
    from linli.volunteering.models import SignUp, TeamMember

    team_url = f"/c/{community.slug}/volunteering/teams/{ids['team']}/"
    activity_url = f"/c/{community.slug}/volunteering/activities/{ids['activity']}/"
    before = TeamMember.objects.count()
    # Refused on the activity's page (400) to members who may not, sent to sign in when signed out.
    for role, signing_up in [("pending", 400), ("outsider", 400), ("anonymous", 302)]:
        client = client_for(everyone[role])
        assert client.post(team_url, {"skills": "x"}).status_code == 302
        assert client.post(activity_url, {"action": "sign_up"}).status_code == signing_up, role
    assert TeamMember.objects.count() == before and not SignUp.objects.exists()
    assert (
        client_for(everyone["resident"]).post(activity_url, {"action": "sign_up"}).status_code
        == 302
    )
    assert SignUp.objects.get().member.user == everyone["resident"]
