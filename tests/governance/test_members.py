"""Joining and leaving a body as its charter says: a resident applies or a member nominates one
and the body decides; a member steps down; an officer puts a removal to the body (the member does
not vote on it) or records a resignation; terms end by the sweep, and the history keeps every
seat. The pages for each, with their permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from linli.core.kit import Refused
from linli.core.models import Member
from linli.governance import members, queries, services
from linli.governance.models import Motion, Seat
from linli.governance.tasks import sweep_task
from linli.participation.models import Act, Depth
from tests.conftest import client_for


def me(user) -> Member:
    return Member.objects.get(user=user)


def hands(board, motion, votes_for, against=0):
    present = [s.member for s in queries.serving(board.body)]
    services.record_count(
        board.secretary,
        motion,
        present=present,
        votes_for=votes_for,
        votes_against=against,
        abstentions=0,
    )
    services.confirm_count(board.vice, motion)
    motion.refresh_from_db()


def test_a_resident_applies_and_the_body_admits_him(board, resident):
    motion = members.propose_member(
        resident,
        board.body,
        statement="我想为院子出力",
        constituency="courtyard",
        method=Motion.Method.HANDS,
    )
    assert motion.kind == Motion.Kind.ADMIT and motion.payload["via"] == "application"
    with pytest.raises(Refused, match="already deciding"):
        members.propose_member(resident, board.body, statement="再来", constituency="courtyard")
    hands(board, motion, votes_for=4)
    seat = queries.seat_of(board.body, me(resident))
    assert motion.status == Motion.Status.PASSED and seat is not None
    assert Act.objects.get(member=me(resident), source_type="governance.seat").depth == (
        Depth.COLLABORATING
    )


def test_only_members_serving_nominate_and_a_filled_office_is_refused(board, resident, outsider):
    wang = board.seats["wang"].member
    with pytest.raises(Refused, match="Only members serving"):
        members.propose_member(
            resident, board.body, candidate=wang, statement="x", constituency="party"
        )
    with pytest.raises(Refused, match="already has a chair"):
        members.propose_member(
            resident, board.body, statement="x", constituency="courtyard", office="chair"
        )
    with pytest.raises(PermissionDenied, match=r"^governance\.propose_member$"):
        members.propose_member(outsider, board.body, statement="x", constituency="courtyard")
    nominated = members.propose_member(
        board.vice,
        board.body,
        candidate=me(resident),
        statement="热心",
        constituency="courtyard",
    )
    assert nominated.payload["via"] == "nomination" and nominated.payload["nominated_by"]


def test_removal_is_decided_by_the_others_and_leaves_history(board, resident):
    wang = board.seats["wang"]
    with pytest.raises(PermissionDenied, match=r"^governance\.run_body$"):
        members.propose_removal(resident, board.body, wang, "缺席")
    with pytest.raises(Refused, match="reason"):
        members.propose_removal(board.chair, board.body, wang, " ")
    removal = members.propose_removal(
        board.chair, board.body, wang, "三次无故缺席", Motion.Method.HANDS
    )
    assert not queries.entitled(removal).filter(pk=wang.pk).exists()
    hands(board, removal, votes_for=3)
    wang.refresh_from_db()
    assert (wang.status, wang.left_how, wang.left_note) == ("left", "removed", "三次无故缺席")


def test_a_member_steps_down_and_terms_end_by_the_sweep(board, resident):
    vice_seat = board.seats["vice"]
    with pytest.raises(PermissionDenied, match=r"^governance\.resign$"):
        members.resign(resident, vice_seat)  # not his seat
    members.resign(board.vice, vice_seat, "工作调动")
    vice_seat.refresh_from_db()
    assert (vice_seat.status, vice_seat.left_how) == ("left", "resigned")
    li = board.seats["li"]
    Seat.objects.filter(pk=li.pk).update(term_end=timezone.localdate() - timedelta(days=1))
    assert queries.seat_of(board.body, li.member) is None  # a read: no longer serving...
    assert Seat.objects.get(pk=li.pk).status == "serving"  # ...and nothing written
    assert sweep_task.call() == {"terms_ended": 1}
    assert Seat.objects.get(pk=li.pk).left_how == "term_ended"
    assert board.body.seats.count() == 5  # the history keeps every seat


def test_the_pages(board, resident, community):
    base = f"/c/{community.slug}/governance/{board.body.pk}/"
    assert client_for(resident).get(base + "join/").status_code == 200
    assert client_for(resident).get(base + "resign/").status_code == 404  # no seat
    assert client_for(resident).get(base + "remove/").status_code == 403
    assert client_for(board.vice).get(base + "resign/").status_code == 200
    assert client_for(board.chair).get(base + "remove/").status_code == 200
    response = client_for(resident).post(
        base + "join/", {"statement": "", "constituency": "courtyard", "office": "member"}
    )
    assert response.status_code == 200  # the form again, nothing lost
    response = client_for(resident).post(
        base + "join/",
        {"statement": "我想参加", "constituency": "courtyard", "office": "member"},
    )
    motion = board.body.motions.get(kind="admit")
    assert response.status_code == 302 and response["Location"] == motion.get_absolute_url()
    wang = board.seats["wang"]
    client_for(board.secretary).post(
        base + "resignation/", {"seat": wang.pk, "reason": "在会上口头辞去"}
    )
    wang.refresh_from_db()
    assert (wang.status, wang.left_note) == ("left", "在会上口头辞去")
    body_page = client_for(board.chair).get(board.body.get_absolute_url()).content.decode()
    assert "remove/" in body_page and "resignation/" in body_page
