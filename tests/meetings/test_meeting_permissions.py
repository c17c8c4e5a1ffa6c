"""Every meetings page against every role; drafts are invisible below organiser."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from linli.meetings import services
from linli.meetings.models import Meeting, Registration
from tests.conftest import client_for, make_person

from .conftest import english_client, make_meeting, member

ROLES = [
    "site_admin",
    "community_admin",
    "organiser",
    "leader",
    "resident",
    "pending",
    "outsider",
    "anonymous",
]
OK, LOGIN, DENIED, GONE = 200, 302, 403, 404
EVERYONE = [OK] * 8
MANAGER = [OK, OK, OK, DENIED, DENIED, DENIED, DENIED, LOGIN]
DOOR = [OK, OK, OK, OK, DENIED, DENIED, DENIED, LOGIN]
RESIDENTS = [OK, OK, OK, OK, OK, DENIED, DENIED, LOGIN]

GET_VIEWS = {
    "/c/{slug}/meetings/": EVERYONE,
    "/c/{slug}/meetings/{published}/": EVERYONE,
    "/c/{slug}/meetings/{published}/event.ics": EVERYONE,
    "/c/{slug}/meetings/{draft}/": [OK, OK, OK, GONE, GONE, GONE, GONE, GONE],
    "/c/{slug}/meetings/actions/": EVERYONE,
    "/c/{slug}/meetings/trainings/{training}/": EVERYONE,
    "/c/{slug}/meetings/mine/": [GONE, OK, OK, OK, OK, DENIED, DENIED, LOGIN],
    "/c/{slug}/meetings/new/": MANAGER,
    "/c/{slug}/meetings/trainings/new/": MANAGER,
    "/c/{slug}/meetings/trainings/{training}/edit/": MANAGER,
    "/c/{slug}/meetings/{published}/edit/": MANAGER,
    "/c/{slug}/meetings/{published}/people/": MANAGER,
    "/c/{slug}/meetings/{published}/cancel/": MANAGER,
    "/c/{slug}/meetings/{published}/invite/": MANAGER,
    "/c/{slug}/meetings/{published}/minutes/": MANAGER,
    "/c/{slug}/meetings/{published}/register-for/": MANAGER,
    "/c/{slug}/meetings/people/{person}/": MANAGER,
    "/c/{slug}/meetings/{published}/check-in/": DOOR,
}


@pytest.fixture
def everyone(people, site_admin, community):
    pending = make_person(community, "pending@test.org", status=Member.Status.PENDING)
    return {**people, "site_admin": site_admin, "pending": pending}


@pytest.fixture
def ids(community, organiser, resident):
    from linli.meetings.models import Training

    published = make_meeting(community, organiser)
    draft = make_meeting(community, organiser, publish=False, title="草稿会议")
    training = Training.objects.create(community=community, title="培训")
    return {
        "published": published.pk,
        "draft": draft.pk,
        "training": training.pk,
        "person": member(resident).pk,
    }


@pytest.mark.parametrize("url", list(GET_VIEWS))
def test_each_view_answers_each_role_as_the_rules_say(url, community, everyone, ids):
    target = url.format(slug=community.slug, **ids)
    for role, expected in zip(ROLES, GET_VIEWS[url], strict=True):
        response = client_for(everyone[role]).get(target)
        assert response.status_code == expected, f"{role} on {target}: {response.status_code}"


def test_drafts_are_not_listed_below_organiser(community, everyone, ids):
    for role in ["leader", "resident", "pending", "outsider", "anonymous"]:
        page = client_for(everyone[role]).get(f"/c/{community.slug}/meetings/").content.decode()
        assert "草稿会议" not in page, role


POSTS = {
    "/c/{slug}/meetings/new/": {"kind": "briefing", "title": "x"},
    "/c/{slug}/meetings/{published}/edit/": {"kind": "briefing", "title": "改了"},
    "/c/{slug}/meetings/{published}/cancel/": {"reason": "不开了"},
    "/c/{slug}/meetings/{draft}/publish/": {},
    "/c/{slug}/meetings/{published}/minutes/": {"action": "publish", "summary": "x"},
    "/c/{slug}/meetings/{published}/register-for/": {"member": "0", "channel": "phone"},
}


@pytest.mark.parametrize("url", list(POSTS))
def test_nobody_below_organiser_can_change_a_meeting(url, community, everyone, ids):
    target = url.format(slug=community.slug, **ids)
    for role in ["leader", "resident", "pending", "outsider", "anonymous"]:
        response = client_for(everyone[role]).post(target, POSTS[url])
        # Only the visitor is sent to sign in; a signed-in person who may not is refused.
        assert response.status_code == (LOGIN if role == "anonymous" else DENIED), (
            f"{role} on {target}: {response.status_code}"
        )
    published = Meeting.objects.get(pk=ids["published"])
    assert published.status == "published" and published.title == "梧桐院宣讲会"
    assert Meeting.objects.get(pk=ids["draft"]).status == "draft"
    assert not hasattr(published, "minutes") or published.minutes is None


def test_registration_needs_a_verified_resident(community, everyone, ids):
    url = f"/c/{community.slug}/meetings/{ids['published']}/"
    for role in ["pending", "outsider"]:
        response = client_for(everyone[role]).post(url, {})
        assert response.status_code == 403, role
    assert client_for(None).post(url, {}).status_code == 302
    assert not Registration.objects.exists()
    assert client_for(everyone["resident"]).post(url, {}).status_code == 302
    assert Registration.objects.count() == 1


def test_an_organiser_of_another_community_has_no_power_here(community, other_community, ids):
    foreign = make_person(other_community, "foreign@test.org", "organiser")
    client = client_for(foreign)
    assert (
        client.get(f"/c/{community.slug}/meetings/{ids['published']}/people/").status_code == DENIED
    )
    assert client.get(f"/c/{community.slug}/meetings/{ids['draft']}/").status_code == GONE
    assert (
        client.get(f"/c/{other_community.slug}/meetings/{ids['published']}/people/").status_code
        == GONE
    )


def test_a_resident_cannot_cancel_someone_elses_registration(community, ids, resident, leader):
    meeting = Meeting.objects.get(pk=ids["published"])
    registration = services.register(leader, meeting, member(leader))
    with pytest.raises(Exception, match="register_others"):
        services.cancel_registration(resident, registration)


@pytest.mark.parametrize("status", ["done", "no-such-status", ""])
def test_action_status_checks_the_person_before_the_form(community, organiser, resident, status):
    """Someone who may not move an action is forbidden (403) whatever they sent, a bad status
    included; nothing changes and no "status not known" message is given to them."""
    from linli.meetings.models import ActionItem

    meeting = make_meeting(community, organiser)
    item = services.add_action_item(organiser, meeting, text="买油漆", owner_name="墙绘队")
    url = f"/c/{community.slug}/meetings/actions/{item.pk}/status/"
    response = client_for(resident).post(url, {"status": status})
    assert response.status_code == DENIED
    assert ActionItem.objects.get(pk=item.pk).status == ActionItem.Status.OPEN


def test_the_owner_of_an_action_is_told_a_bad_status_and_may_set_a_good_one(
    community, organiser, resident
):
    from linli.meetings.models import ActionItem

    meeting = make_meeting(community, organiser)
    item = services.add_action_item(organiser, meeting, text="买油漆", owner=member(resident))
    url = f"/c/{community.slug}/meetings/actions/{item.pk}/status/"
    client = english_client(resident)
    page = client.post(url, {"status": "no-such-status"}, follow=True).content.decode()
    assert "This status is not known." in page
    assert ActionItem.objects.get(pk=item.pk).status == ActionItem.Status.OPEN
    assert client.post(url, {"status": "done"}).status_code == 302
    assert ActionItem.objects.get(pk=item.pk).status == ActionItem.Status.DONE
