"""The board itself: seats and terms, joining and leaving, and decisions by the board's vote.

Object-level rules (the permissions table only says who may take part at all):
- officers (chair, vice-chair, secretary) run the board's business: open motions, answer
  objections, move a contest on; organisers (``reviews.manage``) set a board up and may do the
  same, as the community's social workers did in seed 003;
- only members serving (active seat, term not ended) score, vote on motions and inspect;
- a motion passes with more than half of the members serving when it closes voting for it.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.models import Member
from linli.core.notify import notify
from linli.core.permissions import can, member_of
from linli.core.services import ServiceError
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from .models import Board, BoardRole, Motion, MotionVote, Seat

OFFICERS = {BoardRole.CHAIR, BoardRole.VICE_CHAIR, BoardRole.SECRETARY}
SINGLE_ROLES = {BoardRole.CHAIR, BoardRole.VICE_CHAIR}  # one person at a time


def add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def expire_terms(board: Board | None = None) -> int:
    """Seats whose term ended leave the board (kept in the history as 'term ended'). Run by the
    sweep (``tasks.sweep_task``) and before seating someone; never by a page."""
    today = timezone.localdate()
    seats = Seat.objects.all() if board is None else board.seats.all()
    ended = seats.filter(status=Seat.Status.ACTIVE, term_end__lt=today)
    return ended.update(
        status=Seat.Status.LEFT, left_how=Seat.Left.TERM_ENDED, left_at=timezone.now()
    )


def serving(board: Board) -> QuerySet[Seat]:
    """Members serving now. Reads only: a seat past its term no longer serves from the day after
    it ends, even before the sweep writes it into the history."""
    today = timezone.localdate()
    return (
        board.seats.filter(status=Seat.Status.ACTIVE)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .select_related("member")
    )


def seat_of(member: Member | None, board: Board) -> Seat | None:
    if member is None:
        return None
    return serving(board).filter(member=member).first()


def require_seat(member: Member | None, board: Board) -> Seat:
    seat = seat_of(member, board)
    if seat is None:
        raise ServiceError(_("Only members serving on the board can do this."))
    return seat


def may_run(user: Any, board: Board) -> bool:
    seat = seat_of(member_of(user, board.community), board)
    return (seat is not None and seat.role in OFFICERS) or can(
        user, "reviews.manage", board.community
    )


def require_runner(user: Any, board: Board) -> Member:
    """The chair, vice-chair or secretary (or an organiser); returns the acting member."""
    if not may_run(user, board):
        raise ServiceError(_("Only the board's chair, vice-chair or secretary can do this."))
    member = member_of(user, board.community)
    if member is None:
        raise ServiceError(_("Only members of this community can do this."))
    return member


def _verified(member: Member | None, board: Board) -> Member:
    if member is None or member.community_id != board.community_id or not member.is_verified:
        raise ServiceError(_("Only verified residents of this community can serve on the board."))
    return member


def _check_single_role(board: Board, role: str, except_seat: Seat | None = None) -> None:
    if role in SINGLE_ROLES:
        taken = serving(board).filter(role=role)
        if except_seat is not None:
            taken = taken.exclude(pk=except_seat.pk)
        if taken.exists():
            raise ServiceError(
                _("The board already has a %(role)s; they must step down first.")
                % {"role": BoardRole(role).label},
                "role",
            )


def _start_term(seat: Seat) -> None:
    seat.status = Seat.Status.ACTIVE
    seat.term_start = timezone.localdate()
    seat.term_end = add_months(seat.term_start, seat.board.term_months)
    seat.save()
    ledger.record(
        seat.member,
        method=Method.REVIEW,
        channel=Channel.IN_PERSON,
        depth=Depth.LEADING,
        source=seat,
    )


def create_board(user: Any, board: Board) -> Board:
    from linli.core.permissions import require

    require(user, "reviews.manage", board.community)
    board.save()
    audit.log(user, "reviews.board_created", board, community=board.community)
    return board


def seat_founder(user: Any, board: Board, member: Member, role: str, duties: str = "") -> Seat:
    """An organiser seats the founding members chosen at the first meeting."""
    from linli.core.permissions import require

    require(user, "reviews.manage", board.community)
    _verified(member, board)
    if role not in BoardRole.values:
        raise ServiceError(_("Choose one of the listed roles."), "role")
    with transaction.atomic():
        expire_terms(board)
        _check_single_role(board, role)
        if board.seats.filter(
            member=member, status__in=[Seat.Status.ACTIVE, Seat.Status.PROPOSED]
        ).exists():
            raise ServiceError(_("This person already has a seat on the board."), "member")
        seat = Seat(board=board, member=member, role=role, duties=duties, via=Seat.Via.FOUNDING)
        _start_term(seat)
        audit.log(user, "reviews.seat_founding", seat, community=board.community)
    return seat


def propose_member(
    actor: Member | None,
    board: Board,
    candidate: Member | None,
    statement: str,
    role: str = "member",
) -> Motion:
    """A resident applies (actor is the candidate) or a serving member nominates a resident;
    either way the board votes."""
    actor = _verified(actor, board)
    candidate = _verified(candidate, board)
    if candidate.pk != actor.pk and seat_of(actor, board) is None:
        raise ServiceError(_("Only members serving on the board can nominate someone."))
    if not statement.strip():
        raise ServiceError(_("Say in a few words why they should serve."), "statement")
    if role not in BoardRole.values:
        raise ServiceError(_("Choose one of the listed roles."), "role")
    _check_single_role(board, role)
    via = Seat.Via.APPLICATION if candidate.pk == actor.pk else Seat.Via.NOMINATION
    try:
        with transaction.atomic():
            expire_terms(board)
            seat = Seat.objects.create(
                board=board,
                member=candidate,
                role=role,
                via=via,
                statement=statement.strip(),
                nominated_by=None if via == Seat.Via.APPLICATION else actor,
            )
            motion = open_motion(
                actor,
                board,
                Motion.Kind.ADMIT,
                _("Admit %(name)s to the board as %(role)s")
                % {"name": candidate.name, "role": BoardRole(role).label},
                statement.strip(),
                seat=seat,
                check_runner=False,
            )
    except IntegrityError:
        raise ServiceError(
            _("This person already has a seat on the board or is waiting for the vote.")
        ) from None
    return motion


def resign(member: Member | None, board: Board, note: str = "") -> Seat:
    seat = require_seat(member, board)
    seat.status, seat.left_how = Seat.Status.LEFT, Seat.Left.RESIGNED
    seat.left_at, seat.left_note = timezone.now(), note.strip()
    seat.save(update_fields=["status", "left_how", "left_at", "left_note"])
    return seat


def propose_removal(user: Any, board: Board, seat: Seat, reason: str) -> Motion:
    actor = require_runner(user, board)
    if seat.board_id != board.pk or seat.status != Seat.Status.ACTIVE:
        raise ServiceError(_("Choose a member serving on this board."))
    if not reason.strip():
        raise ServiceError(_("Give the reason: the member and the public will read it."), "reason")
    return open_motion(
        actor,
        board,
        Motion.Kind.REMOVE,
        _("Remove %(name)s from the board") % {"name": seat.member.name},
        reason.strip(),
        seat=seat,
        check_runner=False,
    )


# --- Motions ------------------------------------------------------------------------------


def open_motion(
    actor: Member,
    board: Board,
    kind: str,
    title: str,
    text: str = "",
    *,
    contest: Any = None,
    seat: Seat | None = None,
    payload: dict[str, Any] | None = None,
    check_runner: bool = True,
) -> Motion:
    if check_runner and actor.user is not None and not may_run(actor.user, board):
        raise ServiceError(_("Only the board's chair, vice-chair or secretary can do this."))
    if (
        contest is not None
        and board.motions.filter(contest=contest, kind=kind, status=Motion.Status.OPEN).exists()
    ):
        raise ServiceError(_("The board is already voting on this."))
    motion = Motion.objects.create(
        board=board,
        kind=kind,
        title=title,
        text=text,
        contest=contest,
        seat=seat,
        payload=payload or {},
        opened_by=actor,
    )
    for held in serving(board).exclude(member=actor):
        notify(
            held.member,
            "review_board",
            (gettext_lazy("The board votes on: %(title)s"), {"title": title}),
            text[:300],
            url=board.get_absolute_url() + f"#motion-{motion.pk}",
            community=board.community,
        )
    return motion


def voters(motion: Motion) -> QuerySet[Seat]:
    """Members who may vote: those serving, except the subject of a removal."""
    seats = serving(motion.board)
    if motion.kind == Motion.Kind.REMOVE and motion.seat_id:
        seats = seats.exclude(pk=motion.seat_id)
    return seats.exclude(member_id__in=standing_aside(motion))


def standing_aside(motion: Motion) -> set[int]:
    """Members who stand aside on a contest motion: whoever is recused on any of its applications
    (declared, or as an applicant or team member) takes no part in deciding their ranking."""
    if motion.contest_id is None:
        return set()
    from .models import Recusal

    return set(
        Recusal.objects.filter(application__contest_id=motion.contest_id).values_list(
            "member_id", flat=True
        )
    )


def vote(member: Member | None, motion: Motion, choice: str) -> Motion:
    seat = require_seat(member, motion.board)
    if motion.status != Motion.Status.OPEN:
        raise ServiceError(_("Voting on this decision is closed."))
    if seat.member_id in standing_aside(motion):
        raise ServiceError(
            _("You stand aside on an application of this contest, so you do not vote on it.")
        )
    if not voters(motion).filter(pk=seat.pk).exists():
        raise ServiceError(_("You cannot vote on your own removal."))
    if choice not in MotionVote.Choice.values:
        raise ServiceError(_("Choose for, against or abstain."), "choice")
    MotionVote.objects.update_or_create(
        motion=motion, member=seat.member, defaults={"choice": choice}
    )
    if motion.ballots.count() >= voters(motion).count():
        close_motion(motion)
    return motion


def close_motion(motion: Motion, user: Any = None) -> Motion:
    """Count the votes. Called when everyone voted, or by an officer who ends the vote."""
    if user is not None:
        require_runner(user, motion.board)
    if motion.status != Motion.Status.OPEN:
        raise ServiceError(_("Voting on this decision is closed."))
    from . import services  # the effects on contests live with the contests

    with transaction.atomic():
        allowed = set(voters(motion).values_list("member_id", flat=True))
        counted = [b for b in motion.ballots.all() if b.member_id in allowed]
        motion.votes_for = sum(1 for b in counted if b.choice == MotionVote.Choice.FOR)
        motion.votes_against = sum(1 for b in counted if b.choice == MotionVote.Choice.AGAINST)
        motion.abstentions = sum(1 for b in counted if b.choice == MotionVote.Choice.ABSTAIN)
        motion.serving = len(allowed)
        passed = motion.votes_for * 2 > motion.serving
        motion.status = Motion.Status.PASSED if passed else Motion.Status.FAILED
        motion.closed_at = timezone.now()
        motion.save()
        _apply(motion, passed)
        services.apply_motion(motion, passed)
        if user is not None:
            audit.log(user, "reviews.motion_closed", motion, community=motion.board.community)
    return motion


def _apply(motion: Motion, passed: bool) -> None:
    seat = motion.seat
    if seat is None:
        return
    if motion.kind == Motion.Kind.ADMIT:
        if passed:
            try:
                _check_single_role(motion.board, seat.role, except_seat=seat)
            except ServiceError:
                seat.role = BoardRole.MEMBER  # the role was filled meanwhile: he joins as member
            _start_term(seat)
        else:
            seat.status = Seat.Status.REJECTED
            seat.save(update_fields=["status"])
    elif motion.kind == Motion.Kind.REMOVE and passed:
        seat.status, seat.left_how = Seat.Status.LEFT, Seat.Left.REMOVED
        seat.left_at, seat.left_note = timezone.now(), motion.text
        seat.save(update_fields=["status", "left_how", "left_at", "left_note"])
