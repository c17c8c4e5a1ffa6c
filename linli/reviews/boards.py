"""A contest's review board (评审会) is a resident body of the ``governance`` module: its seats,
officers, motions and conflicts of interest live there. This file is how contests ask it:

- officers (chair, vice-chair, secretary) run the contest's business - draft the rules, open
  scoring, publish the notice, answer objections, inspect; organisers (``reviews.manage``) may
  too, as the community's social workers did in seed 003;
- only members serving score, inspect and vote; the rules and the ranking are motions of the
  body about the contest ("contest decisions"), decided as its charter says;
- a member's conflict with an application (declared, or found: applicant, team member, the same
  courtyard where the charter says so) is a governance conflict on that application: he does not
  score it, inspect it, answer objections about it nor vote on the ranking of its contest.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from linli.core.kit import Forbidden, Refused
from linli.core.models import Member
from linli.core.permissions import can, member_of
from linli.governance import queries as bodies
from linli.governance import services as governance
from linli.governance.models import OFFICERS, Body, Conflict, Motion, Seat

APPLICATION = "reviews.application"
CONTEST = "reviews.contest"
RUBRIC, RANKING = "rubric", "ranking"


def serving(body: Body) -> QuerySet[Seat]:
    return bodies.serving(body)


def seat_of(member: Member | None, body: Body) -> Seat | None:
    return bodies.seat_of(body, member)


def require_seat(member: Member | None, body: Body) -> Seat:
    seat = seat_of(member, body)
    if seat is None:
        raise Forbidden("reviews.serve", _("Only members serving on the board can do this."))
    return seat


def may_run(user: Any, body: Body) -> bool:
    return bodies.is_officer(body, user) or can(user, "reviews.manage", body.community)


def require_runner(user: Any, body: Body) -> Member:
    """The chair, vice-chair or secretary (or an organiser); returns the acting member."""
    if not may_run(user, body):
        raise Forbidden(
            "reviews.run_board", _("Only the board's chair, vice-chair or secretary can do this.")
        )
    member = member_of(user, body.community)
    if member is None:
        raise Forbidden("reviews.run_board", _("Only members of this community can do this."))
    return member


def officers(body: Body) -> QuerySet[Seat]:
    return serving(body).filter(office__in=OFFICERS)


# --- Conflicts ----------------------------------------------------------------------------


def conflicts(contest: Any) -> QuerySet[Conflict]:
    """Every conflict on an application of the contest."""
    return Conflict.objects.filter(
        body=contest.body,
        subject_type=APPLICATION,
        subject_id__in=list(contest.applications.values_list("pk", flat=True)),
    ).select_related("member")


def conflict_on(member: Member | None, application: Any) -> Conflict | None:
    if member is None:
        return None
    return bodies.stands_aside(application.contest.body, member, application)


# --- Contest decisions --------------------------------------------------------------------


def open_contest_motion(
    user: Any,
    contest: Any,
    action: str,
    title: str,
    text: str,
    payload: dict[str, Any],
    method: str = Motion.Method.ONLINE,
) -> Motion:
    """Put the contest's rules or ranking to the board: voted online, or at its meeting by a show
    of hands or paper ballot that the secretary records (most members have no account)."""
    waiting = bodies.open_motions(contest.body).filter(
        kind=Motion.Kind.CONTEST, subject_type=CONTEST, subject_id=contest.pk
    )
    if any(m.payload.get("contest_action") == action for m in waiting):
        raise Refused(_("The board is already voting on this."))
    return governance.open_motion(
        user,
        contest.body,
        kind=Motion.Kind.CONTEST,
        method=method,
        title=title,
        text=text,
        subject=contest,
        payload=payload | {"contest_action": action},
    )


def contest_motions(contest: Any) -> QuerySet[Motion]:
    return contest.body.motions.filter(
        kind=Motion.Kind.CONTEST, subject_type=CONTEST, subject_id=contest.pk
    )
