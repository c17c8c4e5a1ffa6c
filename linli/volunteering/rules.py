"""Who may do what in volunteering, beyond the role table: named rules (declared in
``VolunteeringConfig.kit``; see ``linli.core.permissions``).

Leading a team is not a community role: organisers lead every team, and a resident leads the
teams where they are an active leader. A certificate is issued for oneself, or by an organiser
for any resident (many have no account)."""

from __future__ import annotations

from typing import Any

from linli.core.models import Member
from linli.core.permissions import Rule, can, member_of

from .models import Team, TeamMember


def leads(user: Any, team: Team) -> bool:
    """Organisers lead every team; a resident leads the teams where they are an active leader."""
    if can(user, "volunteering.manage", team.community):
        return True
    member = member_of(user, team.community)
    if member is None:
        return False
    return TeamMember.objects.filter(
        team=team, member=member, role=TeamMember.Role.LEADER, status=TeamMember.Status.ACTIVE
    ).exists()


def _own_or_organiser(user: Any, member: Member) -> bool:
    own = member.user_id is not None and member.user_id == getattr(user, "pk", None)
    return own or can(user, "volunteering.manage", member.community)


RULES: dict[str, Rule] = {
    # A team's leaders edit it, plan its activities, verify its hours and answer requests to join.
    "volunteering.lead_team": Rule("volunteering.take_part", who=(leads,)),
    # On a member: their certificate of verified hours.
    "volunteering.issue_certificate": Rule("volunteering.take_part", who=(_own_or_organiser,)),
}
