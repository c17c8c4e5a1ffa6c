"""What people read about volunteer teams, shifts and hours: selections and totals that change
nothing (pages, the API and the commands read through these; a GET never writes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import waitlist
from linli.core.models import Community, Member
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of
from linli.engagement.links import LinkedItem

from . import rules
from .models import (
    Activity,
    Hours,
    Impact,
    SignUp,
    Team,
    TeamMember,
)


def zone(community: Community) -> ZoneInfo:
    return ZoneInfo(community.timezone or "Asia/Shanghai")


def local_time(activity: Activity, moment: datetime | None = None) -> str:
    """A time in the community's zone, written the same in every language."""
    return timezone.localtime(moment or activity.starts_at, zone(activity.team.community)).strftime(
        "%Y-%m-%d %H:%M"
    )


def membership(team: Team, member: Member | None) -> TeamMember | None:
    if member is None:
        return None
    return TeamMember.objects.filter(team=team, member=member).first()


def is_member(user: Any, team: Team) -> bool:
    tm = membership(team, member_of(user, team.community))
    return tm is not None and tm.status == TeamMember.Status.ACTIVE


leads = rules.leads


def sees_members(user: Any, team: Team) -> bool:
    """The member list (names, skills) is for the team and the organisers only."""
    return leads(user, team) or is_member(user, team)


def led_teams(user: Any, community: Community) -> QuerySet[Team]:
    teams = Team.objects.filter(community=community)
    if can(user, "volunteering.manage", community):
        return teams
    member = member_of(user, community)
    return teams.filter(
        memberships__member=member,
        memberships__role=TeamMember.Role.LEADER,
        memberships__status=TeamMember.Status.ACTIVE,
    )


def active_members(team: Team) -> QuerySet[TeamMember]:
    return team.memberships.filter(status=TeamMember.Status.ACTIVE).select_related(
        "member__household__flat"
    )


def held(activity: Activity) -> int:
    return activity.signups.filter(status__in=SignUp.HOLDING).count()


def places_left(activity: Activity) -> int | None:
    return waitlist.places_left(activity.capacity, held(activity))


def signup_of(activity: Activity, member: Member | None) -> SignUp | None:
    if member is None:
        return None
    return SignUp.objects.filter(activity=activity, member=member).first()


def upcoming(team: Team) -> QuerySet[Activity]:
    return team.activities.filter(
        status=Activity.Status.PUBLISHED, ends_at__gt=timezone.now()
    ).annotate(
        taken=Count("signups", filter=Q(signups__status__in=SignUp.HOLDING)),
        waiting=Count("signups", filter=Q(signups__status=SignUp.Status.WAITING)),
    )


def verified_total(member: Member, start: date | None = None, end: date | None = None) -> Decimal:
    rows = Hours.objects.filter(member=member, status=Hours.Status.VERIFIED)
    if start:
        rows = rows.filter(activity__starts_at__date__gte=start)
    if end:
        rows = rows.filter(activity__starts_at__date__lte=end)
    return rows.aggregate(total=Sum("hours"))["total"] or Decimal(0)


def team_hours(team: Team) -> Decimal:
    return Hours.objects.filter(activity__team=team, status=Hours.Status.VERIFIED).aggregate(
        total=Sum("hours")
    )["total"] or Decimal(0)


@dataclass(frozen=True)
class ImpactTotal:
    metric: str
    unit: str
    amount: Decimal
    activities: int


def impact_totals(team: Team) -> list[ImpactTotal]:
    rows = (
        Impact.objects.filter(activity__team=team)
        .values("metric", "unit")
        .annotate(amount=Sum("amount"), activities=Count("activity", distinct=True))
        .order_by("metric", "unit")
    )
    return [
        ImpactTotal(row["metric"], row["unit"], row["amount"], row["activities"]) for row in rows
    ]


def _leaders(team: Team) -> QuerySet[Member]:
    return Member.objects.filter(
        volunteer_teams__team=team,
        volunteer_teams__role=TeamMember.Role.LEADER,
        volunteer_teams__status=TeamMember.Status.ACTIVE,
    )


def may_sign_up(member: Member | None, activity: Activity) -> bool:
    """Shifts of an open team are open to every resident; other teams' shifts to their members."""
    if member is None or member.status != Member.Status.VERIFIED:
        return False
    if activity.team.joining == Team.Joining.OPEN:
        return True
    tm = membership(activity.team, member)
    return tm is not None and tm.status == TeamMember.Status.ACTIVE


def suggested_hours(signup: SignUp) -> Decimal:
    """Checked in and out: the time between, to the half hour; otherwise the shift's length."""
    if signup.checked_in_at and signup.checked_out_at:
        seconds = (signup.checked_out_at - signup.checked_in_at).total_seconds()
        half_hours = max(1, round(seconds / 1800))
        return Decimal(half_hours) / 2
    return signup.activity.length_hours


def open_items(community: Community, user: Any) -> list[OpenItem]:
    """Shifts this week that still have free places."""
    now = timezone.now()
    items = []
    for activity in (
        Activity.objects.filter(
            team__community=community,
            status=Activity.Status.PUBLISHED,
            starts_at__gt=now,
            starts_at__lte=now + timedelta(days=7),
        )
        .select_related("team__community")
        .annotate(taken=Count("signups", filter=Q(signups__status__in=SignUp.HOLDING)))
    ):
        if activity.capacity is not None and activity.taken >= activity.capacity:  # type: ignore[attr-defined]
            continue
        items.append(
            OpenItem(
                kind=str(_("Volunteering")),
                title=f"{activity.team.name} · {activity.title}",
                url=activity.get_absolute_url(),
                closes_at=activity.starts_at,
                summary=" · ".join([local_time(activity), activity.place]),
            )
        )
    return items


def project_items(project: Any) -> list[LinkedItem]:
    items = []
    for activity in Activity.objects.filter(project=project).select_related("team__community"):
        if activity.status == Activity.Status.CANCELLED:
            status = _("cancelled")
        elif activity.is_past:
            status = _("took place on %(when)s") % {"when": local_time(activity)}
        else:
            status = _("on %(when)s") % {"when": local_time(activity)}
        items.append(
            LinkedItem(
                title=f"{activity.team.name} · {activity.title}",
                url=activity.get_absolute_url(),
                status=status,
                is_open=activity.status == Activity.Status.PUBLISHED and not activity.is_past,
                kind=str(_("Volunteering")),
            )
        )
    return items


def residents(community: Community) -> QuerySet[Member]:
    return (
        Member.objects.filter(community=community, status=Member.Status.VERIFIED)
        # the whole address (flat < unit < building < courtyard) in one query, not four per person
        .select_related("household__flat__parent__parent__parent")
        .order_by("name")
    )
