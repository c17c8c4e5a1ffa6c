"""Ledger rows for what people do in a body, under the method "governance" (not "review"), each
at its depth: members collaborate, officers and the secretary who records a count lead, voters
are involved, commenters are consulted."""

from __future__ import annotations

from linli.core.models import Member
from linli.governance import services
from linli.governance.models import Motion
from linli.participation.models import Act, Depth


def depth_of(member, source_type: str) -> int:
    return Act.objects.get(member=member, method="governance", source_type=source_type).depth


def test_seats_at_their_depth(board):
    assert depth_of(board.seats["chair"].member, "governance.seat") == Depth.LEADING
    assert depth_of(board.seats["wang"].member, "governance.seat") == Depth.COLLABORATING
    assert not Act.objects.filter(method="review").exists()


def test_the_secretary_leads_and_those_present_are_involved(board):
    motion = services.open_motion(
        board.chair,
        board.body,
        kind=Motion.Kind.DECISION,
        method=Motion.Method.PAPER,
        title="Mend the gate",
    )
    present = [board.seats[n].member for n in ("chair", "secretary", "vice", "wang")]
    services.record_count(
        board.secretary, motion, present=present, votes_for=4, votes_against=0, abstentions=0
    )
    services.confirm_count(board.vice, motion)
    secretary = Member.objects.get(user=board.secretary)
    vice = Member.objects.get(user=board.vice)
    assert depth_of(secretary, "governance.motion") == Depth.LEADING
    assert depth_of(vice, "governance.motion") == Depth.LEADING
    wang = board.seats["wang"].member
    act = Act.objects.get(member=wang, method="governance", source_type="governance.motion")
    assert (act.depth, act.channel, act.recorded_by) == (Depth.INVOLVED, "paper", board.secretary)
    li = board.seats["li"].member  # absent: no row
    assert not Act.objects.filter(member=li, source_type="governance.motion").exists()


def test_an_online_vote_is_involved(board):
    motion = services.open_motion(
        board.chair,
        board.body,
        kind=Motion.Kind.DECISION,
        method=Motion.Method.ONLINE,
        title="Paint the benches",
    )
    services.vote(board.vice, motion, "for")
    act = Act.objects.get(member__user=board.vice, source_type="governance.motion")
    assert (act.depth, act.channel) == (Depth.INVOLVED, "online")
