"""Who may do what in a resident body, and when: named rules beside the role table (declared in
``GovernanceConfig.kit``; see ``linli.core.permissions``).

A seat, not a community role, lets one vote; an office (chair, vice-chair, secretary) lets one run
the body's business. Organisers (``governance.manage``) set bodies up and may run them too, as the
community's social workers do while a body finds its feet - but they never vote or confirm a count:
the members decide."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule, can

from . import queries
from .models import Body, Motion


def _body(target: Any) -> Body:
    return target if isinstance(target, Body) else target.body


def _seated(user: Any, target: Any) -> bool:
    return queries.seat_of_user(_body(target), user) is not None


def _officer(user: Any, target: Any) -> bool:
    return queries.is_officer(_body(target), user)


def _officer_or_organiser(user: Any, target: Any) -> bool:
    body = _body(target)
    return queries.is_officer(body, user) or can(user, "governance.manage", body.community)


def _open_online(motion: Motion) -> bool:
    return motion.status == Motion.Status.OPEN and motion.method == Motion.Method.ONLINE


def _open_at_meeting(motion: Motion) -> bool:
    return motion.status == Motion.Status.OPEN and motion.method != Motion.Method.ONLINE


def _recorded(motion: Motion) -> bool:
    return motion.status == Motion.Status.RECORDED


def _open_resolution(resolution: Any) -> bool:
    return not resolution.is_closed


def _owner_or_runner(user: Any, resolution: Any) -> bool:
    owner = resolution.owner
    own = owner.user_id is not None and owner.user_id == user.pk
    return own or _officer_or_organiser(user, resolution)


def _published_or_member(user: Any, target: Any) -> bool:
    """Minutes and resolutions are public once published; before, the body's own."""
    sitting = getattr(target, "sitting", target)
    if sitting.is_published:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return _seated(user, sitting) or _officer_or_organiser(user, sitting)


RULES: dict[str, Rule] = {
    # A body's meetings: members read the agenda and the record before it is published.
    "governance.see_meeting": Rule("governance.view", who=(_published_or_member,)),
    "governance.follow_up": Rule(
        "governance.take_part",
        who=(_owner_or_runner,),
        when=((_open_resolution, _("This resolution is closed: done or dropped.")),),
    ),
    "governance.run_body": Rule("governance.take_part", who=(_officer_or_organiser,)),
    "governance.close_vote": Rule(
        "governance.take_part",
        who=(_officer_or_organiser,),
        when=((_open_online, _("Only a motion open for an online vote can be closed.")),),
    ),
    "governance.vote": Rule(
        "governance.take_part",
        who=(_seated,),
        when=((_open_online, _("This motion is not open for an online vote.")),),
    ),
    "governance.record_count": Rule(
        "governance.take_part",
        who=(_officer,),
        when=((_open_at_meeting, _("Only an open motion decided at a meeting is recorded.")),),
    ),
    "governance.confirm_count": Rule(
        "governance.take_part",
        who=(_officer,),
        when=((_recorded, _("There is no recorded count waiting for confirmation.")),),
    ),
    # A resident applies to join; a serving member nominates (checked by the command).
    "governance.propose_member": Rule("governance.take_part"),
    "governance.resign": Rule(
        "governance.take_part",
        who=(
            lambda user, seat: seat.member.user_id is not None and seat.member.user_id == user.pk,
        ),
    ),
    # A member declares his own conflict; an officer or organiser records one for a member
    # without an account who declared it at a meeting.
    "governance.declare_conflict": Rule(
        "governance.take_part",
        who=(lambda user, body: _seated(user, body) or _officer_or_organiser(user, body),),
    ),
}
