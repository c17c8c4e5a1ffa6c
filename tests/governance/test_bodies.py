"""Bodies of any kind: the charter adopted and amended by the body, seats by constituency against
the charter's plan, members without an account, offices, terms and the history of seats."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from linli.core.audit import AuditEntry
from linli.core.kit import Refused
from linli.core.models import Member
from linli.governance import queries, services
from linli.governance.models import Body, Constituency, Motion, Office, Seat
from linli.governance.tasks import sweep_task
from linli.participation.models import Act

from .conftest import CHARTER, offline


def test_a_body_is_set_up_with_its_founding_charter(board):
    charter = board.body.charter
    assert charter.version == 1 and charter.purpose == CHARTER["purpose"]
    assert charter.seat_plan == {"courtyard": [2, 4], "staff": [0, 1]}
    assert AuditEntry.objects.filter(action="governance.body_created").count() == 1


def test_a_charter_needs_a_purpose_and_a_sane_plan(community, organiser):
    for bad, field, message in [
        ({"purpose": " "}, "purpose", r"^Write the purpose of the body\.$"),
        ({"quorum_percent": 0}, "quorum_percent", r"^The quorum is a percentage from 1 to 100\.$"),
        (
            {"seat_plan": {"courtyard": [3, 1]}},
            "seat_plan",
            r"^In the seat plan, the most seats cannot be fewer than the fewest\.$",
        ),
        (
            {"seat_plan": {"martians": [0, 1]}},
            "seat_plan",
            r"^The seat plan names an unknown constituency\.$",
        ),
    ]:
        with pytest.raises(Refused, match=message) as refused:
            services.create_body(
                organiser, community, kind="other", name="x", charter=CHARTER | bad
            )
        assert refused.value.field == field
    assert not Body.objects.exists()


def test_members_without_an_account_hold_seats_and_earn_ledger_rows(board):
    wang = board.seats["wang"].member
    assert wang.user is None
    assert queries.seat_of(board.body, wang) is not None
    assert Act.objects.filter(member=wang, source_type="governance.seat").exists()


def test_one_chair_at_a_time_and_the_seat_plan_is_kept(board, community, organiser):
    with pytest.raises(Refused, match="already has a chair"):
        services.seat_member(
            organiser, board.body, offline(community, "赵"), Constituency.COURTYARD, Office.CHAIR
        )
    with pytest.raises(Refused, match="no more seats"):
        services.seat_member(organiser, board.body, offline(community, "钱"), Constituency.STAFF)
    services.seat_member(organiser, board.body, offline(community, "孙"), Constituency.COURTYARD)
    assert [i.constituency for i in queries.imbalances(board.body)] == []


def test_a_pending_member_cannot_hold_a_seat(board, community, organiser):
    pending = offline(community, "待审")
    Member.objects.filter(pk=pending.pk).update(status=Member.Status.PENDING)
    pending.refresh_from_db()
    with pytest.raises(Refused, match="verified"):
        services.seat_member(organiser, board.body, pending, Constituency.COURTYARD)


def test_the_body_amends_its_charter_by_a_motion(board):
    motion = services.open_motion(
        board.secretary,
        board.body,
        kind=Motion.Kind.CHARTER,
        method=Motion.Method.ONLINE,
        title="Raise the quorum",
        payload={"charter": {"quorum_percent": 60}},
    )
    for who in (board.chair, board.secretary, board.vice):
        services.vote(who, motion, "for")
    services.close_vote(board.chair, motion)
    charter = board.body.charter
    assert motion.status == Motion.Status.PASSED
    assert (charter.version, charter.quorum_percent, charter.adopted_by) == (2, 60, motion)
    assert board.body.charters.count() == 2  # the first version stays


def test_terms_end_by_the_sweep_and_pages_never_write(board, community):
    with time_machine.travel(timezone.now() + timedelta(days=800)):
        assert not queries.serving(board.body).exists()  # read: already not serving
        Client().get(board.body.get_absolute_url())
        assert Seat.objects.filter(status=Seat.Status.SERVING).count() == 5  # the GET wrote nothing
        assert sweep_task.call() == {"terms_ended": 5}
        assert sweep_task.call() == {"terms_ended": 0}
    assert set(Seat.objects.values_list("left_how", flat=True)) == {Seat.Left.TERM_ENDED}


def test_a_removal_is_decided_without_the_member_s_vote_and_kept_in_history(board):
    wang = board.seats["wang"]
    motion = services.open_motion(
        board.chair,
        board.body,
        kind=Motion.Kind.REMOVE,
        method=Motion.Method.HANDS,
        title="Remove 王阿姨",
        text="Absent four times.",
        seat=wang,
    )
    assert wang not in queries.entitled(motion)
    present = [s.member for s in board.seats.values()]
    services.record_count(
        board.secretary, motion, present=present, votes_for=3, votes_against=1, abstentions=0
    )
    services.confirm_count(board.chair, motion)
    wang.refresh_from_db()
    assert (wang.status, wang.left_how) == (Seat.Status.LEFT, Seat.Left.REMOVED)
    assert wang in queries.history(board.body)
