"""The supervision committee: its members read the books and the audit log, raise formal
queries, and staff answer them in public; overdue queries show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from linli.core.kit import Forbidden, Refused
from linli.core.models import Community, Member, User
from linli.core.permissions import can
from linli.governance import services as governance
from linli.governance.models import Body, Constituency, Office
from linli.supervision import books, services
from linli.supervision.models import Query
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def committee(community: Community, organiser: User, resident: User) -> Body:
    body = governance.create_body(
        organiser,
        community,
        kind=Body.Kind.SUPERVISION,
        name="监督委员会",
        charter={"purpose": "监督", "quorum_percent": 50, "majority": "simple"},
    )
    member = Member.objects.get(user=resident, community=community)
    governance.seat_member(organiser, body, member, Constituency.RESIDENT, Office.CHAIR)
    return body


def test_only_members_of_the_committee_read_the_books(
    committee, community, resident, leader, organiser, outsider
) -> None:
    assert can(resident, "supervision.read_books", community)
    assert can(organiser, "supervision.read_books", community)
    assert not can(leader, "supervision.read_books", community)
    assert not can(outsider, "supervision.read_books", community)
    assert can(resident, "supervision.raise_query", community)
    assert not can(organiser, "supervision.raise_query", community)
    slug = community.slug
    for name in ("supervision:books", "supervision:audit"):
        assert client_for(resident).get(reverse(name, args=[slug])).status_code == 200
        assert client_for(leader).get(reverse(name, args=[slug])).status_code == 403


def test_a_seat_that_ends_closes_the_books(committee, community, resident, organiser) -> None:
    seat = committee.seats.get()
    governance.record_resignation(organiser, seat, "搬走了")
    assert not can(resident, "supervision.read_books", community)


def test_query_answered_in_public(committee, community, resident, organiser, leader) -> None:
    query = services.raise_query(resident, community, subject="", question="公示栏多久更新一次？")
    assert query.due_on == timezone.localdate() + timedelta(days=15)
    assert query.body == committee and query.is_open
    with pytest.raises(Forbidden, match=r"^supervision\.answer_query$"):
        services.answer(leader, query, "x")
    with pytest.raises(Refused, match=r"^Write the answer; it is published as written\.$"):
        services.answer(organiser, query, "  ")
    services.answer(organiser, query, "每月第一周更新。")
    query.refresh_from_db()
    assert query.status == Query.Status.ANSWERED and not query.answered_late
    with pytest.raises(Refused, match=r"^This query is already answered\.$"):
        services.answer(organiser, query, "again")
    page = client_for(None).get(query.get_absolute_url()).content.decode()
    assert "每月第一周更新。" in page


def test_overdue_is_shown(committee, community, resident) -> None:
    query = services.raise_query(
        resident,
        community,
        subject="",
        question="?",
        due_on=timezone.localdate() + timedelta(days=2),
    )
    with time_machine.travel(timezone.now() + timedelta(days=5)):
        assert query.is_overdue
        page = client_for(None).get(reverse("supervision:index", args=[community.slug]))
        assert '<strong class="warning">' in page.content.decode()


def test_query_must_name_a_line_of_this_community(committee, community, resident) -> None:
    with pytest.raises(
        Refused, match=r"^Choose a spending line, an award or a decision of this community\.$"
    ):
        services.raise_query(resident, community, subject="budgeting_spending:999", question="?")
    with pytest.raises(
        Refused, match=r"^Choose a spending line, an award or a decision of this community\.$"
    ):
        services.raise_query(resident, community, subject="core_user:1", question="?")
    with pytest.raises(Refused, match=r"^Write the question the staff must answer\.$"):
        services.raise_query(resident, community, subject="", question=" ")
    with pytest.raises(Refused, match=r"^The answer is due on a later day\.$"):
        services.raise_query(
            resident, community, subject="", question="?", due_on=timezone.localdate()
        )


def test_query_on_a_decision(committee, community, resident, organiser) -> None:
    motion = governance.open_motion(
        organiser, committee, kind="decision", method="hands", title="每季度查账一次"
    )
    governance.record_count(
        resident,
        motion,
        present=[committee.seats.get().member],
        votes_for=1,
        votes_against=0,
        abstentions=0,
    )
    key = f"governance_motion:{motion.pk}"
    assert books.find(community, key) is None  # not decided yet: not a decision
    assert books.find(community, "governance_motion:abc") is None
    line = books.Line(key, "", "", Decimal(0), None, "")
    assert line.key == key


def test_receipt_is_served_to_members_only(committee, community, resident, leader) -> None:
    url = reverse("supervision:receipt", args=[community.slug, "budgeting_spending", 1])
    assert client_for(resident).get(url).status_code == 404
    assert client_for(leader).get(url).status_code == 403


def test_the_api_lists_queries_with_overdue(committee, community, resident) -> None:
    services.raise_query(
        resident,
        community,
        subject="",
        question="?",
        due_on=timezone.localdate() + timedelta(days=1),
    )
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        listing = client_for(None).get(f"/api/communities/{community.slug}/supervision/queries")
    assert listing.status_code == 200 and listing.json()[0]["overdue"] is True
