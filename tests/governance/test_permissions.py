"""Role x page tables, pending members included: everyone reads a body and its motions; only
organisers set bodies up; only officers (or organisers) put motions; a seat, not a role, lets one
vote; only an officer records a count and a second officer confirms it. Every check is on the
server: a POST without the right answers 403 and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from linli.core.models import Member
from linli.governance import services
from linli.governance.models import Body, Motion
from tests.conftest import client_for, make_person

ROLES = ["community_admin", "organiser", "leader", "resident", "pending", "outsider", "anonymous"]


@pytest.fixture
def everyone(people, community):
    pending = make_person(community, "pending@example.org", status=Member.Status.PENDING)
    return people | {"pending": pending}


def status(user, url, data=None):
    client = client_for(user)
    return (client.post(url, data) if data is not None else client.get(url)).status_code


READ = {role: 200 for role in ROLES}
MANAGE = {
    "community_admin": 200,
    "organiser": 200,
    "leader": 403,
    "resident": 403,
    "pending": 403,
    "outsider": 403,
    "anonymous": 302,
}


@pytest.mark.parametrize("role", ROLES)
def test_reading_is_public(role, everyone, board, community):
    motion = services.open_motion(
        board.chair, board.body, kind="decision", method="hands", title="x"
    )
    for url in (
        reverse("governance:index", args=[community.slug]),
        board.body.get_absolute_url(),
        motion.get_absolute_url(),
    ):
        assert status(everyone[role], url) == READ[role], url


@pytest.mark.parametrize("role", ROLES)
def test_setting_up_a_body_is_for_organisers(role, everyone, board, community):
    assert (
        status(everyone[role], reverse("governance:body_create", args=[community.slug]))
        == (MANAGE[role])
    )
    seat_url = reverse("governance:seat_create", args=[community.slug, board.body.pk])
    assert status(everyone[role], seat_url) == MANAGE[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_and_organisers_put_a_motion(role, everyone, board, community):
    url = reverse("governance:motion_create", args=[community.slug, board.body.pk])
    # the leader chairs the board; residents without an office may not
    expected = {"leader": 200, "organiser": 200, "community_admin": 200, "anonymous": 302}
    assert status(everyone[role], url) == expected.get(role, 403)


@pytest.mark.parametrize("role", ROLES)
def test_no_one_without_a_seat_votes_or_records(role, everyone, board):
    online = services.open_motion(
        board.chair, board.body, kind="decision", method="online", title="o"
    )
    hands = services.open_motion(
        board.chair, board.body, kind="decision", method="hands", title="h"
    )
    user = everyone[role]
    vote = status(user, online.get_absolute_url(), {"vote": "1", "choice": "for"})
    record = status(
        user,
        hands.get_absolute_url(),
        {
            "record": "1",
            "present": [board.seats["wang"].member.pk],
            "votes_for": 1,
            "votes_against": 0,
            "abstentions": 0,
        },
    )
    if role == "leader":  # the chair
        assert (vote, record) == (302, 302)
    else:
        assert (vote, record) == (403, 403)
        assert not online.ballots.exists()
        hands.refresh_from_db()
        assert hands.status == Motion.Status.OPEN


def test_the_paper_path_through_the_pages(board):
    motion = services.open_motion(
        board.chair, board.body, kind="decision", method="hands", title="h"
    )
    present = [s.member.pk for s in board.seats.values()]
    page = client_for(board.secretary).get(motion.get_absolute_url())
    assert 'name="record"' in page.content.decode()
    answer = client_for(board.secretary).post(
        motion.get_absolute_url(),
        {"record": "1", "present": present, "votes_for": 9, "votes_against": 0, "abstentions": 0},
    )
    assert answer.status_code == 200 and 'class="error-summary"' in answer.content.decode()
    motion.refresh_from_db()
    assert motion.status == Motion.Status.OPEN  # refused: nothing saved
    client_for(board.secretary).post(
        motion.get_absolute_url(),
        {"record": "1", "present": present, "votes_for": 4, "votes_against": 1, "abstentions": 0},
    )
    assert (
        "Confirm the count"
        not in client_for(board.secretary).get(motion.get_absolute_url()).content.decode()
    )
    client_for(board.vice).post(motion.get_absolute_url(), {"confirm": "1"})
    motion.refresh_from_db()
    assert motion.status == Motion.Status.PASSED and motion.confirmed_by == board.vice


def test_a_body_set_up_through_the_page(community, organiser):
    answer = client_for(organiser).post(
        reverse("governance:body_create", args=[community.slug]),
        {
            "kind": Body.Kind.SUPERVISION,
            "name": "社区监督委员会",
            "purpose": "监督社区资金使用",
            "quorum_percent": 50,
            "majority": "simple",
            "term_months": 36,
        },
    )
    body = Body.objects.get()
    assert answer.status_code == 302 and body.charter.purpose == "监督社区资金使用"


def test_the_api_lists_bodies_and_takes_a_seated_member_s_vote(board, community, resident):
    online = services.open_motion(
        board.chair, board.body, kind="decision", method="online", title="o"
    )
    listing = client_for(None).get(f"/api/communities/{community.slug}/bodies")
    assert listing.status_code == 200 and listing.json()[0]["name"] == "评审会"
    url = f"/api/communities/{community.slug}/motions/{online.pk}/vote"
    assert (
        client_for(resident)
        .post(url, {"choice": "for"}, content_type="application/json")
        .status_code
        == 403
    )
    ok = client_for(board.chair).post(url, {"choice": "for"}, content_type="application/json")
    assert ok.status_code == 200 and online.ballots.count() == 1
    wrong = client_for(board.vice).post(url, {"choice": "maybe"}, content_type="application/json")
    assert wrong.status_code == 400
