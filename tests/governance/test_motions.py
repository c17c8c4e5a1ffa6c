"""Motions decided online, or by a show of hands / paper ballot recorded by the secretary with the
count and the names of those present and confirmed by a second officer; both paths audited; the
quorum from attendance."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from linli.core.audit import AuditEntry
from linli.core.kit import Refused
from linli.governance import services
from linli.governance.models import Motion
from linli.participation.models import Act


def open_(board, method=Motion.Method.HANDS, **extra):
    return services.open_motion(
        board.chair,
        board.body,
        kind=Motion.Kind.DECISION,
        method=method,
        title="Plant the wall garden",
        **extra,
    )


def members(board, *names):
    return [board.seats[name].member for name in names]


def test_show_of_hands_recorded_then_confirmed_by_a_second_officer(board):
    motion = open_(board)
    services.record_count(
        board.secretary,
        motion,
        present=members(board, "chair", "secretary", "wang", "li"),
        votes_for=3,
        votes_against=1,
        abstentions=0,
    )
    assert motion.status == Motion.Status.RECORDED
    with pytest.raises(Refused, match="second officer"):
        services.confirm_count(board.secretary, motion)
    services.confirm_count(board.vice, motion)
    motion.refresh_from_db()
    assert motion.status == Motion.Status.PASSED
    assert (motion.recorded_by, motion.confirmed_by) == (board.secretary, board.vice)
    assert sorted(m.name for m in motion.present.all()) == sorted(
        m.name for m in members(board, "chair", "secretary", "wang", "li")
    )
    actions = list(
        AuditEntry.objects.filter(object_type="governance.motion").values_list("action", flat=True)
    )
    assert "governance.count_recorded" in actions and "governance.motion_decided" in actions
    wang = board.seats["wang"].member  # no account: the ledger row is his, entered by the secretary
    act = Act.objects.get(member=wang, source_type="governance.motion")
    assert act.channel == "in_person"


def test_a_member_without_an_office_cannot_record_or_confirm(board, resident):
    motion = open_(board)
    with pytest.raises(PermissionDenied, match=r"^governance\.record_count$"):
        services.record_count(
            resident,
            motion,
            present=members(board, "wang"),
            votes_for=1,
            votes_against=0,
            abstentions=0,
        )
    services.record_count(
        board.secretary,
        motion,
        present=members(board, "chair", "wang", "li"),
        votes_for=3,
        votes_against=0,
        abstentions=0,
    )
    with pytest.raises(PermissionDenied, match=r"^governance\.confirm_count$"):
        services.confirm_count(board.organiser, motion)  # staff run bodies but do not confirm


def test_a_count_that_does_not_add_up_is_refused_and_nothing_is_saved(board):
    motion = open_(board)
    with pytest.raises(Refused, match="does not add up"):
        services.record_count(
            board.secretary,
            motion,
            present=members(board, "chair", "wang"),
            votes_for=3,
            votes_against=0,
            abstentions=0,
        )
    motion.refresh_from_db()
    assert motion.status == Motion.Status.OPEN and not motion.present.exists()


def test_without_quorum_nothing_is_adopted(board):
    motion = open_(board)
    services.record_count(
        board.secretary,
        motion,
        present=members(board, "chair", "wang"),
        votes_for=2,
        votes_against=0,
        abstentions=0,
    )
    services.confirm_count(board.vice, motion)
    assert motion.status == Motion.Status.NO_QUORUM


def test_online_vote_closed_by_an_officer(board):
    motion = open_(board, method=Motion.Method.ONLINE)
    services.vote(board.chair, motion, "for")
    services.vote(board.vice, motion, "for")
    services.vote(board.secretary, motion, "against")
    with pytest.raises(Refused, match="decided at a meeting"):
        services.record_count(
            board.secretary,
            motion,
            present=members(board, "chair"),
            votes_for=1,
            votes_against=0,
            abstentions=0,
        )
    services.close_vote(board.chair, motion)
    assert (motion.status, motion.votes_for, motion.votes_against, motion.entitled) == (
        Motion.Status.PASSED,
        2,
        1,
        5,
    )
    with pytest.raises(Refused, match=r"^This motion is not open for an online vote\.$"):
        services.vote(board.chair, motion, "against")


def test_only_members_serving_vote(board, resident, organiser):
    motion = open_(board, method=Motion.Method.ONLINE)
    for outsider in (resident, organiser):
        with pytest.raises(PermissionDenied, match=r"^governance\.vote$"):
            services.vote(outsider, motion, "for")
