"""Who may do what in volunteering, beyond the role table: named rules (declared in
``VolunteeringConfig.kit``; see ``linli.core.permissions``).

Leading a team is not a community role: organisers lead every team, and a resident leads the
teams where they are an active leader. A certificate is issued for oneself, or by an organiser
for any resident (many have no account)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.models import Member
from linli.core.permissions import Rule, can, member_of

from .models import Activity, Team, TeamMember


def team_of(obj: Any) -> Team:
    """The team a thing belongs to: the team itself, a membership, a schedule or an activity, or
    what belongs to an activity (a sign-up, hours and their corrections, impact)."""
    while not isinstance(obj, Team):
        for parent in ("team", "activity", "entry"):
            if hasattr(obj, parent):
                obj = getattr(obj, parent)
                break
        else:
            raise TypeError(f"{obj!r} belongs to no team")
    return obj


def leads(user: Any, obj: Any) -> bool:
    """Organisers lead every team; a resident leads the teams where they are an active leader."""
    team = team_of(obj)
    if can(user, "volunteering.manage", team.community):
        return True
    member = member_of(user, team.community)
    if member is None:
        return False
    return TeamMember.objects.filter(
        team=team, member=member, role=TeamMember.Role.LEADER, status=TeamMember.Status.ACTIVE
    ).exists()


def _may_edit_team(user: Any, team: Team) -> bool:
    """Organisers start teams; a team's leaders edit it afterwards."""
    if team.pk is None:
        return can(user, "volunteering.manage", team.community)
    return leads(user, team)


def _own_or_leader(user: Any, obj: Any) -> bool:
    """Their own membership or sign-up, for the person; anyone's, for the team's leaders."""
    own = obj.member.user_id is not None and obj.member.user_id == getattr(user, "pk", None)
    return own or leads(user, obj)


def _is_published(activity: Activity) -> bool:
    return activity.status == Activity.Status.PUBLISHED


def _own_or_organiser(user: Any, member: Member) -> bool:
    own = member.user_id is not None and member.user_id == getattr(user, "pk", None)
    return own or can(user, "volunteering.manage", member.community)


RULES: dict[str, Rule] = {
    # On a team or anything of it: its leaders edit it, plan its activities, check people in,
    # verify hours and answer requests to join.
    "volunteering.lead_team": Rule("volunteering.take_part", who=(leads,)),
    "volunteering.edit_team": Rule("volunteering.take_part", who=(_may_edit_team,)),
    # On a membership or a sign-up: the person leaves or cancels; leaders may do it for them.
    "volunteering.withdraw": Rule("volunteering.view", who=(_own_or_leader,)),
    # On an activity: sign-ups are taken while it is published and has not started.
    "volunteering.sign_up_for": Rule(
        "volunteering.take_part",
        when=(
            (_is_published, _("This activity is cancelled.")),
            (lambda activity: not activity.has_started, _("This activity has already started.")),
        ),
    ),
    # On a member: their certificate of verified hours.
    "volunteering.issue_certificate": Rule("volunteering.take_part", who=(_own_or_organiser,)),
}
