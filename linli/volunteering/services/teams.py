"""Volunteer teams: start one, join, leave, answer requests to join, invite, name leaders."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.kit import Forbidden, command
from linli.core.kit import audit as audit_entry
from linli.core.models import Community, Member, User
from linli.core.notify import notify
from linli.core.permissions import require
from linli.core.services import ServiceError
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from ..models import (
    Team,
    TeamMember,
)
from ..queries import _leaders


def require_lead(user: Any, team: Team) -> None:
    require(user, "volunteering.lead_team", team)


@command("volunteering.edit_team", on="team")
def save_team(actor: User, team: Team, before: dict[str, Any] | None = None) -> Team:
    """Organisers start teams; a team's leaders may edit it afterwards."""
    if team.pk is None:
        team.created_by = actor
    if Team.objects.filter(community=team.community, name=team.name).exclude(pk=team.pk).exists():
        raise ServiceError(_("A team with this name already exists."), "name")
    created = team.pk is None
    team.save()
    audit_entry(
        "volunteering.team_created" if created else "volunteering.team_edited",
        team,
        community=team.community,
        before=before,
        after=audit.snapshot(team),
    )
    return team


@command("volunteering.manage", on="team")
def start_team(actor: User, team: Team, leader: Member) -> Team:
    """An organiser starts a team with its first leader, who leads it at once."""
    save_team(actor, team)
    tm = TeamMember.objects.create(
        team=team, member=leader, role=TeamMember.Role.LEADER, status=TeamMember.Status.INVITED
    )
    _activate(tm)
    return team


def _verified_resident(member: Member, community: Community) -> None:
    if member.community_id != community.pk or member.status != Member.Status.VERIFIED:
        raise ServiceError(_("Only verified residents of this community can volunteer."))


def _activate(tm: TeamMember) -> None:
    tm.status = TeamMember.Status.ACTIVE
    tm.joined_at = tm.joined_at or timezone.now()
    tm.save()
    if tm.role == TeamMember.Role.LEADER:
        _record_leading(tm)


def _record_leading(tm: TeamMember, actor: Any = None) -> None:
    ledger.record(
        tm.member,
        method=Method.VOLUNTEERING,
        channel=Channel.IN_PERSON,
        depth=Depth.LEADING,
        source=tm.team,
        recorded_by=actor,
    )


@command("volunteering.take_part", on="team")
def join(actor: User, team: Team, member: Member, skills: str = "") -> TeamMember:
    """Join an open team, ask to join one by approval, or accept an invitation."""
    if member.user_id != getattr(actor, "pk", None):
        raise Forbidden("volunteering.take_part")
    _verified_resident(member, team.community)
    tm = TeamMember.objects.select_for_update().filter(team=team, member=member).first()
    if tm is not None and tm.status in (TeamMember.Status.ACTIVE, TeamMember.Status.PENDING):
        raise ServiceError(_("You are already in this team or have asked to join."))
    invited = tm is not None and tm.status == TeamMember.Status.INVITED
    if team.joining == Team.Joining.INVITATION and not invited:
        raise ServiceError(_("This team takes new members by invitation only."))
    tm = tm or TeamMember(team=team, member=member)
    tm.skills = skills.strip()[:200]
    if team.joining == Team.Joining.APPROVAL and not invited:
        tm.status = TeamMember.Status.PENDING
        tm.save()
        for leader in _leaders(team):
            notify(
                leader,
                "volunteer_team",
                (
                    gettext_lazy("%(name)s asks to join %(team)s"),
                    {"name": member.name, "team": team.name},
                ),
                url=reverse("volunteering:members", args=[team.community.slug, team.pk]),
                community=team.community,
            )
    else:
        _activate(tm)
    return tm


@command("volunteering.withdraw", on="tm")
def leave(actor: User, tm: TeamMember) -> TeamMember:
    if tm.is_leader and _leaders(tm.team).count() == 1:
        raise ServiceError(_("A team needs a leader: name another leader before leaving."))
    tm.status = TeamMember.Status.LEFT
    tm.save(update_fields=["status"])
    if tm.role == TeamMember.Role.LEADER:
        ledger.withdraw(tm.member, method=Method.VOLUNTEERING, source=tm.team)
    return tm


@command("volunteering.lead_team", on="tm")
def decide_join(actor: User, tm: TeamMember, accept: bool) -> TeamMember:
    if tm.status != TeamMember.Status.PENDING:
        raise ServiceError(_("This request was already answered."))
    if accept:
        _activate(tm)
    else:
        tm.status = TeamMember.Status.DECLINED
        tm.save(update_fields=["status"])
    audit_entry(
        "volunteering.join_accepted" if accept else "volunteering.join_declined",
        tm,
        community=tm.team.community,
    )
    notify(
        tm.member,
        "volunteer_team",
        (
            gettext_lazy("Welcome to %(team)s")
            if accept
            else gettext_lazy("Your request to join %(team)s was not accepted"),
            {"team": tm.team.name},
        ),
        url=tm.team.get_absolute_url(),
        community=tm.team.community,
    )
    return tm


@command("volunteering.lead_team", on="team")
def add_members(actor: User, team: Team, members: list[Member], *, invite: bool) -> int:
    """A leader invites residents (they accept on the team page) or, for people who signed a
    paper form, adds them at once."""
    added = 0
    for member in members:
        _verified_resident(member, team.community)
        tm, _created = TeamMember.objects.get_or_create(
            team=team, member=member, defaults={"status": TeamMember.Status.INVITED}
        )
        if tm.status == TeamMember.Status.ACTIVE:
            continue
        added += 1
        if invite:
            tm.status = TeamMember.Status.INVITED
            tm.save(update_fields=["status"])
            notify(
                member,
                "volunteer_team",
                (gettext_lazy("You are invited to join %(team)s"), {"team": team.name}),
                team.purpose,
                url=team.get_absolute_url(),
                community=team.community,
            )
        else:
            _activate(tm)
    audit_entry(
        "volunteering.invited" if invite else "volunteering.members_added",
        team,
        community=team.community,
        after={"members": [m.pk for m in members]},
    )
    return added


@command("volunteering.lead_team", on="tm")
def set_role(actor: User, tm: TeamMember, role: str) -> TeamMember:
    if role not in TeamMember.Role.values:
        raise ServiceError(_("This role is not known."), "role")
    if tm.status != TeamMember.Status.ACTIVE:
        raise ServiceError(_("Only people in the team can be made leaders."))
    if tm.is_leader and role != TeamMember.Role.LEADER and _leaders(tm.team).count() == 1:
        raise ServiceError(_("A team needs a leader: name another leader first."))
    before = audit.snapshot(tm, ["role"])
    tm.role = role
    tm.save(update_fields=["role"])
    if role == TeamMember.Role.LEADER:
        _record_leading(tm, actor)
    else:
        ledger.withdraw(tm.member, method=Method.VOLUNTEERING, source=tm.team)
    audit_entry(
        "volunteering.role",
        tm,
        community=tm.team.community,
        before=before,
        after={"role": role},
    )
    return tm
