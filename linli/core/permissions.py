"""The one place that decides what a role may do in a community.

Each action names the least standing it needs. Standing grows with the role a person holds in the
community; site administrators stand above all. Views and API calls ask ``can`` or ``require``.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from .models import Member, Role

if TYPE_CHECKING:
    from .models import Community


class Standing(IntEnum):
    PUBLIC = 0  # anyone, signed in or not
    SIGNED_IN = 1  # any account
    MEMBER = 5  # any membership, even one waiting for approval
    RESIDENT = 10  # a verified member
    LEADER = 20
    BOARD_MEMBER = 30
    ORGANISER = 40
    COMMUNITY_ADMIN = 50
    SITE_ADMIN = 100


ROLE_STANDING = {
    Role.RESIDENT: Standing.RESIDENT,
    Role.LEADER: Standing.LEADER,
    Role.BOARD_MEMBER: Standing.BOARD_MEMBER,
    Role.ORGANISER: Standing.ORGANISER,
    Role.COMMUNITY_ADMIN: Standing.COMMUNITY_ADMIN,
}

RULES: dict[str, Standing] = {
    # --- core ---
    "community.view": Standing.PUBLIC,
    "community.take_part": Standing.RESIDENT,
    "community.edit": Standing.COMMUNITY_ADMIN,
    "community.manage": Standing.ORGANISER,
    "members.view": Standing.ORGANISER,
    "members.approve": Standing.ORGANISER,
    "members.edit": Standing.ORGANISER,
    "members.set_role": Standing.COMMUNITY_ADMIN,
    "members.record_without_account": Standing.ORGANISER,
    "households.view": Standing.ORGANISER,
    "households.import": Standing.ORGANISER,
    "households.print_invitations": Standing.ORGANISER,
    "places.manage": Standing.ORGANISER,
    "partners.view": Standing.PUBLIC,
    "partners.manage": Standing.ORGANISER,
    "notices.manage": Standing.ORGANISER,
    "audit.view": Standing.COMMUNITY_ADMIN,
    "ledger.view": Standing.ORGANISER,
    "api.token": Standing.ORGANISER,
    # --- engagement (issue 3) ---
    "engagement.view": Standing.PUBLIC,  # published projects; planning ones only for organisers
    "engagement.manage": Standing.ORGANISER,
    "engagement.lessons": Standing.ORGANISER,
    # --- surveys (issue 3) ---
    "surveys.view": Standing.PUBLIC,  # published surveys; open-link ones may be answered by anyone
    "surveys.respond": Standing.RESIDENT,
    "surveys.enter_paper": Standing.LEADER,
    "surveys.results": Standing.ORGANISER,  # full results with written answers, and exports
    "surveys.manage": Standing.ORGANISER,
    # --- meetings (issue 4) ---
    "meetings.view": Standing.PUBLIC,  # published meetings, published minutes and action items
    "meetings.register": Standing.RESIDENT,
    "meetings.check_in": Standing.LEADER,  # resident leaders help at the door
    "meetings.register_others": Standing.ORGANISER,  # phone sign-ups entered by staff
    "meetings.manage": Standing.ORGANISER,
    "meetings.skills": Standing.ORGANISER,  # a resident's trainings and skills
    # --- proposals and votes (issue 5) ---
    "proposals.view": Standing.PUBLIC,
    "proposals.create": Standing.RESIDENT,
    "proposals.support": Standing.RESIDENT,
    "proposals.comment": Standing.RESIDENT,
    "proposals.report": Standing.RESIDENT,
    "proposals.moderate": Standing.ORGANISER,
    "proposals.answer": Standing.ORGANISER,
    "proposals.merge": Standing.ORGANISER,
    "proposals.agenda": Standing.ORGANISER,
    "votes.view": Standing.PUBLIC,
    "votes.cast": Standing.RESIDENT,
    "votes.booth": Standing.LEADER,
    "votes.enter_paper": Standing.LEADER,
    "votes.manage": Standing.ORGANISER,
    # --- budgeting (issue 6) ---
    # Reviewers named on a process and a funded project's owner and team are object-level rules
    # in linli/budgeting/services.py (is_reviewer, may_track).
    "budgeting.view": Standing.PUBLIC,  # published processes, ideas, reviews, results, progress
    "budgeting.propose": Standing.RESIDENT,  # submit ideas, appeal a rejection once
    "budgeting.review": Standing.ORGANISER,  # feasibility review and costing
    "budgeting.manage": Standing.ORGANISER,  # set up, open the vote, outcome, implementation
    # --- reviews (issue 7) ---
    # Board roles (chair, vice-chair, secretary, member) are object-level rules in
    # linli/reviews/boards.py: a seat on the board, not a community role, lets one score and vote.
    "reviews.view": Standing.PUBLIC,  # boards, contests past their draft, notices, showcase
    "reviews.take_part": Standing.RESIDENT,  # apply, sign support, object, serve on a board
    "reviews.enter_paper": Standing.LEADER,  # copy paper support sheets
    "reviews.manage": Standing.ORGANISER,  # set up a board and its founding members
    # --- sharing ---
    # Who owns an item or takes part in a loan is checked per object in linli/sharing/services.py.
    "sharing.view": Standing.PUBLIC,  # the board (flats only for residents) and the summary
    "sharing.take_part": Standing.RESIDENT,  # list items, borrow, confirm, thank
    "sharing.poster": Standing.LEADER,  # print the board as a poster for the gate
    "sharing.mediate": Standing.ORGANISER,  # mediate problems, full statistics
    # --- volunteering ---
    # Team leaders are not a community role: leading a team is checked in volunteering.services.
    "volunteering.view": Standing.PUBLIC,  # teams, activities, impact; member lists only to members
    "volunteering.take_part": Standing.RESIDENT,  # join, sign up, log own hours, certificate
    "volunteering.manage": Standing.ORGANISER,  # start teams; lead every team; community reports
    # --- volunteering and sharing (issue 8) ---
    # --- grants (issue 6, 公益创投) ---
    # Panel seats, the applicant's lead and team are object-level rules in linli/grants/services.py.
    "grants.view": Standing.PUBLIC,  # published calls, awarded projects, reports, evaluations
    "grants.apply": Standing.RESIDENT,  # apply for a group, report on a grant, score on a panel
    "grants.manage": Standing.ORGANISER,  # calls, panels, awards, agreements, report review
}


def member_of(user: Any, community: Community) -> Member | None:
    """The user's membership in the community, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return None
    cache: dict[int, Member | None] = user.__dict__.setdefault("_linli_members", {})
    if community.pk not in cache:
        cache[community.pk] = Member.objects.filter(community=community, user=user).first()
    return cache[community.pk]


def standing(user: Any, community: Community) -> Standing:
    if user is None or not user.is_authenticated:
        return Standing.PUBLIC
    if user.is_superuser:
        return Standing.SITE_ADMIN
    member = member_of(user, community)
    if member is None or member.status in (Member.Status.DECLINED, Member.Status.LEFT):
        return Standing.SIGNED_IN
    if member.status == Member.Status.PENDING:
        return Standing.MEMBER
    return ROLE_STANDING[Role(member.role)]


def can(user: Any, action: str, community: Community) -> bool:
    if action not in RULES:
        raise KeyError(f"unknown action {action!r}: add it to linli.core.permissions.RULES")
    return standing(user, community) >= RULES[action]


def require(user: Any, action: str, community: Community) -> None:
    if not can(user, action, community):
        raise PermissionDenied(action)


def grantable_roles(user: Any, community: Community) -> list[str]:
    """The roles ``user`` may give someone in ``community``: the one check every path asks.

    Anyone who may add residents may give the resident role. Any other role needs the standing to
    set roles (``members.set_role``), and never a role above the giver's own standing. Recording a
    resident, approving a request, joining with a code, claiming a record and the role form all
    end here, so a role cannot be smuggled in by a path that forgot to ask.
    """
    own = standing(user, community)
    if own < RULES["members.set_role"]:
        return [Role.RESIDENT]
    return [role for role in Role.values if ROLE_STANDING[Role(role)] <= own]


def needs_sign_in(user: Any, action: str) -> bool:
    """True when the only thing missing is signing in (so a view can offer the login page)."""
    return not user.is_authenticated and RULES[action] > Standing.PUBLIC
