"""Joining and leaving a body, as its charter says members do: a resident applies or a serving
member nominates one, and the body decides by a motion (online, or at a meeting by a show of
hands recorded by the secretary); a member steps down; an officer puts a removal to the body or
records the resignation of a member without an account. Founding members are seated by the
organisers (``services.seat_member``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from linli.core.kit import Refused, command
from linli.core.models import Member
from linli.core.permissions import member_of

from . import queries
from .models import Body, Constituency, Motion, Office, Seat
from .services import SINGLE_OFFICES, _leave, put_motion


@command("governance.propose_member", on="body")
def propose_member(
    actor: Any,
    body: Body,
    *,
    candidate: Member | None = None,
    statement: str,
    constituency: str,
    office: str = Office.MEMBER,
    method: str = Motion.Method.ONLINE,
) -> Motion:
    """A resident applies to serve (``candidate`` is himself) or a serving member nominates
    someone - with or without an account; either way the body votes on admitting them."""
    own = member_of(actor, body.community)
    candidate = candidate or own
    if candidate is None or own is None:
        raise Refused(_("Only residents of this community can do this."))
    if candidate != own and queries.seat_of(body, own) is None:
        raise Refused(_("Only members serving on the body nominate someone."), "candidate")
    if candidate.community_id != body.community_id or not candidate.is_verified:
        raise Refused(_("Only verified residents of this community hold a seat."), "candidate")
    if queries.seat_of(body, candidate) is not None:
        raise Refused(_("This person already holds a seat on the body."), "candidate")
    if not statement.strip():
        raise Refused(_("Say in a few words why they should serve."), "statement")
    if constituency not in Constituency.values:
        raise Refused(_("Choose one of the listed constituencies."), "constituency")
    if office not in Office.values:
        raise Refused(_("Choose one of the listed offices."), "office")
    if office in SINGLE_OFFICES and queries.serving(body).filter(office=office).exists():
        raise Refused(
            _("The body already has a %(office)s; they must step down first.")
            % {"office": Office(office).label},
            "office",
        )
    waiting = queries.open_motions(body).filter(kind=Motion.Kind.ADMIT)
    if any(m.payload.get("member") == candidate.pk for m in waiting):
        raise Refused(_("The body is already deciding on this person joining."), "candidate")
    via = "application" if candidate == own else "nomination"
    return put_motion(
        actor,
        body,
        kind=Motion.Kind.ADMIT,
        method=method,
        title=_("Admit %(name)s as %(office)s")
        % {"name": candidate.name, "office": Office(office).label},
        text=statement.strip(),
        payload={
            "member": candidate.pk,
            "constituency": constituency,
            "office": office,
            "via": via,
            "nominated_by": "" if via == "application" else own.name,
        },
    )


@command("governance.resign", on="seat", lock=True)
def resign(actor: Any, seat: Seat, note: str = "") -> Seat:
    """A member steps down from his own seat; the history keeps his term and his words."""
    if seat.status != Seat.Status.SERVING:
        raise Refused(_("This member no longer serves."))
    return _leave(seat, Seat.Left.RESIGNED, note)


@command("governance.run_body", on="body")
def propose_removal(
    actor: Any, body: Body, seat: Seat, reason: str, method: str = Motion.Method.ONLINE
) -> Motion:
    """An officer puts a member's removal to the body, with the reason the member and the public
    read; the member does not vote on it."""
    if seat.body_id != body.pk or seat.status != Seat.Status.SERVING:
        raise Refused(_("Choose a member serving on this body."), "seat")
    if not reason.strip():
        raise Refused(_("Give the reason: the member and the public will read it."), "reason")
    if queries.open_motions(body).filter(kind=Motion.Kind.REMOVE, seat=seat).exists():
        raise Refused(_("The body is already deciding on this member's removal."), "seat")
    return put_motion(
        actor,
        body,
        kind=Motion.Kind.REMOVE,
        method=method,
        title=_("Remove %(name)s from the body") % {"name": seat.member.name},
        text=reason.strip(),
        seat=seat,
    )


__all__ = ["propose_member", "propose_removal", "resign"]
