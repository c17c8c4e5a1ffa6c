"""Every feedback page against every role, pending members included, and POSTs by people who
may not."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from linli.feedback import services
from linli.feedback.models import Item, MeToo
from tests.conftest import client_for, make_person

from .conftest import rain

ROLES = ["community_admin", "organiser", "leader", "resident", "pending", "outsider", "anonymous"]
OK, LOGIN, DENIED = 200, 302, 403

GET_VIEWS = {
    "/c/{slug}/feedback/": [OK, OK, OK, OK, OK, OK, OK],
    "/c/{slug}/feedback/summary/": [OK, OK, OK, OK, OK, OK, OK],
    "/c/{slug}/feedback/{item}/": [OK, OK, OK, OK, OK, OK, OK],
    "/c/{slug}/feedback/report/": [OK, OK, OK, OK, DENIED, DENIED, LOGIN],
    "/c/{slug}/feedback/manage/": [OK, OK, DENIED, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/feedback/manage/new/": [OK, OK, DENIED, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/feedback/manage/{item}/": [OK, OK, DENIED, DENIED, DENIED, DENIED, LOGIN],
}


@pytest.fixture
def everyone(people, community):
    return {**people, "pending": make_person(community, "p@test.org", status=Member.Status.PENDING)}


@pytest.fixture
def item(community, leader, wutong) -> Item:
    return services.report(leader, community, rain(place=wutong)).report.item


@pytest.mark.parametrize("url", list(GET_VIEWS))
def test_each_page_answers_each_role_as_the_rules_say(url, community, everyone, item):
    for role, expected in zip(ROLES, GET_VIEWS[url], strict=True):
        response = client_for(everyone[role]).get(url.format(slug=community.slug, item=item.pk))
        assert response.status_code == expected, f"{role} on {url}: {response.status_code}"


@pytest.mark.parametrize("role", ["leader", "resident", "pending", "outsider", "anonymous"])
def test_only_organisers_may_route_answer_or_close(role, community, everyone, item):
    client = client_for(everyone[role])
    url = f"/c/{community.slug}/feedback/manage/{item.pk}/"
    for step, data in [
        ("route", {"title": "x", "responsible": "committee"}),
        ("answer", {"answer": "好"}),
        ("close", {"report_back": "做了"}),
        ("proposal", {"title": "x", "body": "y"}),
    ]:
        expected = LOGIN if role == "anonymous" else DENIED
        assert client.post(url, {"step": step, **data}).status_code == expected, step
    item.refresh_from_db()
    assert item.status == Item.Status.NEW and not item.answer and item.proposal is None


@pytest.mark.parametrize(
    "role,expected", [("pending", DENIED), ("outsider", DENIED), ("anonymous", LOGIN)]
)
def test_me_too_needs_a_verified_resident(role, expected, community, everyone, item):
    response = client_for(everyone[role]).post(f"/c/{community.slug}/feedback/{item.pk}/me-too/")
    assert response.status_code == expected and not MeToo.objects.exists()


def test_me_too_counts_the_signed_in_resident_whatever_the_form_says(
    community, resident, leader, item
):
    leader_member = Member.objects.get(user=leader)
    client_for(resident).post(
        f"/c/{community.slug}/feedback/{item.pk}/me-too/", {"member": leader_member.pk}
    )
    assert [m.member.user for m in MeToo.objects.all()] == [resident]


def test_an_item_of_another_community_is_not_found_here(
    community, other_community, item, organiser
):
    assert (
        client_for(organiser).get(f"/c/{other_community.slug}/feedback/{item.pk}/").status_code
        == 404
    )


def test_organisers_route_answer_and_close_through_the_page(community, organiser, item):
    client = client_for(organiser)
    url = f"/c/{community.slug}/feedback/manage/{item.pk}/"
    assert (
        client.post(
            url, {"step": "route", "title": "梧桐院积水", "responsible": "property"}
        ).status_code
        == 302
    )
    assert (
        client.post(url, {"step": "close", "report_back": "做了"}).status_code == 400
    )  # no answer yet
    assert client.post(url, {"step": "answer", "answer": "物业下周来"}).status_code == 302
    assert client.post(url, {"step": "close", "report_back": "疏通了"}).status_code == 302
    item.refresh_from_db()
    assert item.status == Item.Status.CLOSED and item.title == "梧桐院积水"


def test_a_report_s_text_stays_with_organisers_and_its_author(community, leader, resident, item):
    text = item.reports.get().text
    assert (
        text
        not in client_for(resident).get(f"/c/{community.slug}/feedback/{item.pk}/").content.decode()
    )
    assert (
        text in client_for(leader).get(f"/c/{community.slug}/feedback/{item.pk}/").content.decode()
    )
