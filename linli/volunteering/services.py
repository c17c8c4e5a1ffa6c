"""Everything that changes volunteer teams: joining, activities and recurring shifts, sign-up with
a waiting list, group sign-up, reminders, check-in, hours with verification and correction
requests, impact and milestones. Each action checks permission, writes, writes the ledger and the
audit log, in one transaction.

Team leaders are not a community role: whether someone leads a team is checked here, on the
server, for every action (``require_lead``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit, waitlist
from linli.core.kit import Refused, command
from linli.core.kit import audit as audit_entry
from linli.core.models import Community, Member, User
from linli.core.notify import notify
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of, require
from linli.core.services import ServiceError
from linli.engagement.links import LinkedItem
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from . import recognition, recurrence, reports, rules
from .models import (
    Activity,
    Certificate,
    Correction,
    Hours,
    Impact,
    Milestone,
    Schedule,
    SignUp,
    Team,
    TeamMember,
)

# --- Reading and who may do what ------------------------------------------------------------------


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


def require_lead(user: Any, team: Team) -> None:
    require(user, "volunteering.lead_team", team)


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


# --- Teams ----------------------------------------------------------------------------------------


@transaction.atomic
def save_team(actor: Any, team: Team, before: dict[str, Any] | None = None) -> Team:
    """Organisers start teams; a team's leaders may edit it afterwards."""
    if team.pk is None:
        require(actor, "volunteering.manage", team.community)
        team.created_by = actor
    else:
        require_lead(actor, team)
    if Team.objects.filter(community=team.community, name=team.name).exclude(pk=team.pk).exists():
        raise ServiceError(_("A team with this name already exists."), "name")
    created = team.pk is None
    team.save()
    audit.log(
        actor,
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


@transaction.atomic
def join(actor: Any, team: Team, member: Member, skills: str = "") -> TeamMember:
    """Join an open team, ask to join one by approval, or accept an invitation."""
    require(actor, "volunteering.take_part", team.community)
    if member.user_id != getattr(actor, "pk", None):
        raise PermissionDenied("volunteering.take_part")
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


@transaction.atomic
def leave(actor: Any, tm: TeamMember) -> TeamMember:
    if tm.member.user_id != getattr(actor, "pk", None):
        require_lead(actor, tm.team)
    if tm.is_leader and _leaders(tm.team).count() == 1:
        raise ServiceError(_("A team needs a leader: name another leader before leaving."))
    tm.status = TeamMember.Status.LEFT
    tm.save(update_fields=["status"])
    if tm.role == TeamMember.Role.LEADER:
        ledger.withdraw(tm.member, method=Method.VOLUNTEERING, source=tm.team)
    return tm


def _leaders(team: Team) -> QuerySet[Member]:
    return Member.objects.filter(
        volunteer_teams__team=team,
        volunteer_teams__role=TeamMember.Role.LEADER,
        volunteer_teams__status=TeamMember.Status.ACTIVE,
    )


@transaction.atomic
def decide_join(actor: Any, tm: TeamMember, accept: bool) -> TeamMember:
    require_lead(actor, tm.team)
    if tm.status != TeamMember.Status.PENDING:
        raise ServiceError(_("This request was already answered."))
    if accept:
        _activate(tm)
    else:
        tm.status = TeamMember.Status.DECLINED
        tm.save(update_fields=["status"])
    audit.log(
        actor,
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


@transaction.atomic
def add_members(actor: Any, team: Team, members: list[Member], *, invite: bool) -> int:
    """A leader invites residents (they accept on the team page) or, for people who signed a
    paper form, adds them at once."""
    require_lead(actor, team)
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
    audit.log(
        actor,
        "volunteering.invited" if invite else "volunteering.members_added",
        team,
        community=team.community,
        after={"members": [m.pk for m in members]},
    )
    return added


@transaction.atomic
def set_role(actor: Any, tm: TeamMember, role: str) -> TeamMember:
    require_lead(actor, tm.team)
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
    audit.log(
        actor,
        "volunteering.role",
        tm,
        community=tm.team.community,
        before=before,
        after={"role": role},
    )
    return tm


# --- Activities and schedules ------------------------------------------------------------------


def _check_project(activity: Activity) -> None:
    if activity.project_id and activity.project.community_id != activity.team.community_id:  # type: ignore[union-attr]
        raise ServiceError(_("This project belongs to another community."), "project")


@transaction.atomic
def save_activity(actor: Any, activity: Activity, before: dict[str, Any] | None = None) -> Activity:
    require_lead(actor, activity.team)
    _check_project(activity)
    if activity.ends_at <= activity.starts_at:
        raise ServiceError(_("The end must be after the start."), "ends_at")
    if activity.pk and activity.capacity is not None:
        taken = held(activity)
        if activity.capacity < taken:
            raise ServiceError(
                _("%(count)s people already have a place: the number of places cannot be lower.")
                % {"count": taken},
                "capacity",
            )
    created = activity.pk is None
    if created:
        activity.created_by = actor
    activity.save()
    audit.log(
        actor,
        "volunteering.activity_created" if created else "volunteering.activity_edited",
        activity,
        community=activity.team.community,
        before=before,
        after=audit.snapshot(activity),
    )
    if not created and before and before.get("starts_at") != audit.snapshot(activity)["starts_at"]:
        activity.signups.update(reminded_48h_at=None)
        _tell_signed_up(
            activity,
            (gettext_lazy("Changed: %(title)s"), {"title": activity.title}),
            (
                gettext_lazy("%(title)s is now on %(when)s, %(where)s."),
                {"title": activity.title, "when": local_time(activity), "where": activity.place},
            ),
        )
    elif not created and activity.capacity is not None:
        offer_next(_lock(activity))
    return activity


@dataclass(frozen=True)
class Regenerated:
    created: int
    updated: int
    removed: int
    kept: list[Activity]


@transaction.atomic
def save_schedule(actor: Any, schedule: Schedule) -> Regenerated:
    """Save a recurring schedule and (re)generate its future shifts. Idempotent: running it again
    makes nothing new (one shift per team, schedule and start, also enforced by the database)."""
    team = schedule.team
    require_lead(actor, team)
    if schedule.end_time <= schedule.start_time:
        raise ServiceError(_("The end must be after the start."), "end_time")
    if schedule.until < schedule.starts_on:
        raise ServiceError(_("The last day must not be before the first day."), "until")
    created = schedule.pk is None
    schedule.save()
    result = regenerate(actor, schedule)
    audit.log(
        actor,
        "volunteering.schedule_created" if created else "volunteering.schedule_edited",
        schedule,
        community=team.community,
        after={**audit.snapshot(schedule), "created": result.created, "removed": result.removed},
    )
    return result


def regenerate(actor: Any, schedule: Schedule) -> Regenerated:
    team = schedule.team
    wanted = recurrence.occurrences(
        weekday=schedule.weekday,
        start=schedule.start_time,
        end=schedule.end_time,
        first_day=schedule.starts_on,
        last_day=schedule.until,
        zone=team.community.timezone or "Asia/Shanghai",
        every_weeks=schedule.every_weeks,
    )
    ends = dict(wanted)
    shifts = {
        a.starts_at: a
        for a in Activity.objects.filter(schedule=schedule).annotate(
            people=Count("signups", filter=~Q(signups__status=SignUp.Status.CANCELLED))
        )
    }
    plan = recurrence.plan(
        [start for start, _end in wanted],
        {start: a.people > 0 for start, a in shifts.items()},  # type: ignore[attr-defined]
        timezone.now(),
    )
    for start in plan.create:
        Activity.objects.get_or_create(
            team=team,
            schedule=schedule,
            starts_at=start,
            defaults={
                "title": schedule.title,
                "description": schedule.description,
                "place": schedule.place,
                "ends_at": ends[start],
                "capacity": schedule.capacity,
                "skills_needed": schedule.skills_needed,
                "created_by": actor,
            },
        )
    updated = 0
    for start in plan.move:
        shift = shifts[start]
        fields = {
            "title": schedule.title,
            "description": schedule.description,
            "place": schedule.place,
            "ends_at": ends[start],
            "skills_needed": schedule.skills_needed,
        }
        # Never take places away from people who already have them.
        if schedule.capacity is None or schedule.capacity >= held(shift):
            fields["capacity"] = schedule.capacity
        if any(getattr(shift, k) != v for k, v in fields.items()):
            Activity.objects.filter(pk=shift.pk).update(**fields)
            updated += 1
    Activity.objects.filter(schedule=schedule, starts_at__in=plan.remove).delete()
    return Regenerated(
        created=len(plan.create),
        updated=updated,
        removed=len(plan.remove),
        kept=[shifts[s] for s in plan.kept],
    )


@transaction.atomic
def cancel_activity(actor: Any, activity: Activity, reason: str) -> Activity:
    require_lead(actor, activity.team)
    if not reason.strip():
        raise ServiceError(
            _("Say why the activity is cancelled: volunteers will read it."), "reason"
        )
    if activity.status == Activity.Status.CANCELLED:
        raise ServiceError(_("This activity is already cancelled."))
    activity.status = Activity.Status.CANCELLED
    activity.save(update_fields=["status"])
    audit.log(
        actor,
        "volunteering.activity_cancelled",
        activity,
        community=activity.team.community,
        after={"reason": reason.strip()},
    )
    _tell_signed_up(
        activity,
        (gettext_lazy("Cancelled: %(title)s"), {"title": activity.title}),
        (
            gettext_lazy("%(title)s on %(when)s is cancelled. The reason: %(reason)s"),
            {"title": activity.title, "when": local_time(activity), "reason": reason.strip()},
        ),
    )
    return activity


def _tell_signed_up(activity: Activity, title: Any, body: Any) -> None:
    for signup in activity.signups.filter(
        status__in=[*SignUp.HOLDING, SignUp.Status.WAITING]
    ).select_related("member__user"):
        notify(
            signup.member,
            "volunteer_signups",
            title,
            body,
            url=activity.get_absolute_url(),
            community=activity.team.community,
        )


# --- Sign-up, waiting list, group sign-up -------------------------------------------------------


def _lock(activity: Activity) -> Activity:
    """Take the activity's row lock so sign-ups for one shift queue behind each other and two
    people can never both take the last place (PostgreSQL row lock; on SQLite the write lock of
    the IMMEDIATE transaction does the same)."""
    return (
        Activity.objects.select_for_update().select_related("team__community").get(pk=activity.pk)
    )


def may_sign_up(member: Member | None, activity: Activity) -> bool:
    """Shifts of an open team are open to every resident; other teams' shifts to their members."""
    if member is None or member.status != Member.Status.VERIFIED:
        return False
    if activity.team.joining == Team.Joining.OPEN:
        return True
    tm = membership(activity.team, member)
    return tm is not None and tm.status == TeamMember.Status.ACTIVE


def _takes_signups(activity: Activity) -> None:
    if activity.status != Activity.Status.PUBLISHED:
        raise ServiceError(_("This activity is cancelled."))
    if activity.has_started:
        raise ServiceError(_("This activity has already started."))


def _prepare(activity: Activity, member: Member) -> SignUp:
    signup = SignUp.objects.select_for_update().filter(activity=activity, member=member).first()
    if signup is not None and signup.status not in (SignUp.Status.CANCELLED, SignUp.Status.EXPIRED):
        raise ServiceError(
            _("%(name)s is already signed up for this activity.") % {"name": member.name}
        )
    signup = signup or SignUp(activity=activity, member=member)
    signup.queued_at = timezone.now()
    signup.offer_token, signup.offer_expires_at = "", None
    signup.reminded_48h_at = None
    return signup


@transaction.atomic
def sign_up(actor: Any, activity: Activity, member: Member) -> SignUp:
    """The actor signs themselves up: a place if one is free, else the waiting list."""
    community = activity.team.community
    require(actor, "volunteering.take_part", community)
    if member.user_id != getattr(actor, "pk", None):
        raise PermissionDenied("volunteering.take_part")
    _verified_resident(member, community)
    activity = _lock(activity)
    _takes_signups(activity)
    if not may_sign_up(member, activity):
        raise ServiceError(_("This activity is for members of the team. Join the team first."))
    _release_expired_offers(activity)
    signup = _prepare(activity, member)
    left = places_left(activity)
    waiting_ahead = activity.signups.filter(status=SignUp.Status.WAITING).exists()
    signup.status = (
        SignUp.Status.CONFIRMED
        if left is None or (left > 0 and not waiting_ahead)
        else SignUp.Status.WAITING
    )
    signup.save()
    if activity.team.joining == Team.Joining.OPEN and not is_member(actor, activity.team):
        tm, _created = TeamMember.objects.get_or_create(
            team=activity.team, member=member, defaults={"status": TeamMember.Status.ACTIVE}
        )
        if tm.status != TeamMember.Status.ACTIVE:
            _activate(tm)
    _tell_signed(signup)
    return signup


@transaction.atomic
def sign_up_group(actor: Any, activity: Activity, members: list[Member]) -> list[SignUp]:
    """A leader signs up several team members at once: all of them, or nobody when there are not
    enough free places (a half-signed-up group helps no one)."""
    require_lead(actor, activity.team)
    if not members:
        raise ServiceError(_("Choose at least one person."), "members")
    activity = _lock(activity)
    _takes_signups(activity)
    _release_expired_offers(activity)
    for member in members:
        _verified_resident(member, activity.team.community)
        if not may_sign_up(member, activity):
            raise ServiceError(
                _("%(name)s is not in the team: nobody was signed up.") % {"name": member.name},
                "members",
            )
    signups = [_prepare(activity, member) for member in members]
    left = places_left(activity)
    if activity.signups.filter(status=SignUp.Status.WAITING).exists():
        left = 0 if left is not None else None
    if left is not None and left < len(signups):
        raise ServiceError(
            _(
                "Only %(left)s places are free for %(count)s people, so nobody was signed up. "
                "Choose fewer people or raise the number of places."
            )
            % {"left": left, "count": len(signups)},
            "members",
        )
    for signup in signups:
        signup.status = SignUp.Status.CONFIRMED
        signup.signed_up_by = actor
        signup.save()
        _tell_signed(signup)
    audit.log(
        actor,
        "volunteering.group_signed_up",
        activity,
        community=activity.team.community,
        after={"members": [m.pk for m in members]},
    )
    return signups


@transaction.atomic
def cancel_signup(actor: Any, signup: SignUp) -> SignUp:
    activity = signup.activity
    if signup.member.user_id != getattr(actor, "pk", None):
        require_lead(actor, activity.team)
    activity = _lock(activity)
    signup = SignUp.objects.select_for_update().get(pk=signup.pk)
    if signup.status in (SignUp.Status.CANCELLED, SignUp.Status.EXPIRED):
        return signup
    if activity.has_started:
        raise ServiceError(_("The activity has started: it can no longer be cancelled."))
    freed = signup.holds_place
    signup.status = SignUp.Status.CANCELLED
    signup.offer_token, signup.offer_expires_at = "", None
    signup.save(update_fields=["status", "offer_token", "offer_expires_at"])
    if freed:
        offer_next(activity)
    return signup


def offer_next(activity: Activity) -> list[SignUp]:
    """Offer each free place to the next person waiting; they confirm by a secret link in time."""
    offered: list[SignUp] = []
    now = timezone.now()
    if activity.starts_at <= now or activity.status != Activity.Status.PUBLISHED:
        return offered
    offered = waitlist.offer_places(
        activity.signups.filter(status=SignUp.Status.WAITING),
        places_left(activity),
        activity.starts_at,
        now,
    )
    for signup in offered:
        notify(
            signup.member,
            "volunteer_signups",
            (gettext_lazy("A place is free for you: %(title)s"), {"title": activity.title}),
            (
                gettext_lazy(
                    "A place has become free at %(title)s on %(when)s. It is kept for you until "
                    "%(until)s: open the link to confirm. After that it goes to the next person."
                ),
                {
                    "title": activity.title,
                    "when": local_time(activity),
                    "until": local_time(activity, signup.offer_expires_at),
                },
            ),
            url=reverse(
                "volunteering:offer",
                args=[activity.team.community.slug, activity.pk, signup.offer_token],
            ),
            community=activity.team.community,
        )
    return offered


def _release_expired_offers(activity: Activity) -> int:
    expired = waitlist.expire_offers(
        activity.signups.filter(status=SignUp.Status.OFFERED), timezone.now()
    )
    if expired:
        offer_next(activity)
    return expired


def offer_for(activity: Activity, token: str) -> SignUp | None:
    if not token:
        return None
    return (
        SignUp.objects.select_related("member", "activity__team__community")
        .filter(activity=activity, offer_token=token)
        .first()
    )


@transaction.atomic
def answer_offer(activity: Activity, token: str, accept: bool) -> SignUp:
    """The secret link is the proof: a resident without an account can confirm too."""
    activity = _lock(activity)
    signup = offer_for(activity, token)
    try:
        waitlist.check_offer(signup, timezone.now())
    except waitlist.OfferLapsed:
        _release_expired_offers(activity)
        raise
    assert signup is not None  # check_offer refuses a missing one
    waitlist.answer_offer(signup, accept)
    if accept:
        _tell_signed(signup)
    else:
        offer_next(activity)
    return signup


def _tell_signed(signup: SignUp) -> None:
    activity = signup.activity
    if signup.status == SignUp.Status.CONFIRMED:
        title = (gettext_lazy("You have a place: %(title)s"), {"title": activity.title})
        body = (
            gettext_lazy(
                "See you at %(title)s on %(when)s, %(where)s. Your check-in code is %(code)s."
            ),
            {
                "title": activity.title,
                "when": local_time(activity),
                "where": activity.place,
                "code": signup.code,
            },
        )
    else:
        title = (gettext_lazy("On the waiting list: %(title)s"), {"title": activity.title})
        body = (
            gettext_lazy(
                "%(title)s on %(when)s is full. You are on the waiting list: if a place becomes "
                "free you will get a link to confirm it."
            ),
            {"title": activity.title, "when": local_time(activity)},
        )
    notify(
        signup.member,
        "volunteer_signups",
        title,
        body,
        url=activity.get_absolute_url(),
        community=activity.team.community,
    )


# --- Reminders and the sweep --------------------------------------------------------------------


def send_reminders(now: datetime | None = None) -> int:
    """Send every 48-hour reminder that is due. Each is claimed by a conditional update before it
    is sent, so two sweeps at once still send it once."""
    now = now or timezone.now()
    sent = 0
    soon = SignUp.objects.filter(
        status=SignUp.Status.CONFIRMED,
        reminded_48h_at__isnull=True,
        activity__status=Activity.Status.PUBLISHED,
        activity__starts_at__gt=now,
        activity__starts_at__lte=now + recognition.REMINDER_BEFORE,
    ).select_related("activity__team__community", "member__user")
    for signup in soon:
        with transaction.atomic():
            claimed = SignUp.objects.filter(pk=signup.pk, reminded_48h_at__isnull=True).update(
                reminded_48h_at=now
            )
            if claimed:
                activity = signup.activity
                notify(
                    signup.member,
                    "volunteer_reminders",
                    (gettext_lazy("In two days: %(title)s"), {"title": activity.title}),
                    (
                        gettext_lazy(
                            "%(title)s starts on %(when)s, %(where)s. Your check-in code is "
                            "%(code)s. If you cannot come, please cancel on the page so someone "
                            "else can have your place."
                        ),
                        {
                            "title": activity.title,
                            "when": local_time(activity),
                            "where": activity.place,
                            "code": signup.code,
                        },
                    ),
                    url=activity.get_absolute_url(),
                    community=activity.team.community,
                )
                sent += 1
    return sent


def sweep(now: datetime | None = None) -> dict[str, int]:
    """The periodic job: hand expired offers on, then send due reminders."""
    released = 0
    for activity in Activity.objects.filter(
        status=Activity.Status.PUBLISHED,
        signups__status=SignUp.Status.OFFERED,
        signups__offer_expires_at__lte=now or timezone.now(),
    ).distinct():
        with transaction.atomic():
            released += _release_expired_offers(_lock(activity))
    return {"offers_released": released, "reminders_sent": send_reminders(now)}


# --- Check-in and out ---------------------------------------------------------------------------

_CODE = re.compile(r"([A-Z2-9]{10})\s*$")


def read_code(raw: str) -> str:
    """The code from what the scanner or the keyboard gave: a bare code or the QR's address."""
    text = (raw or "").strip()
    if "code=" in text:
        text = text.split("code=", 1)[1].split("&", 1)[0]
    text = text.upper().replace(" ", "").replace("-", "")
    match = _CODE.search(text)
    return match.group(1) if match else text


def checkin_url(signup: SignUp) -> str:
    activity = signup.activity
    path = reverse("volunteering:checkin", args=[activity.team.community.slug, activity.pk])
    return f"{settings.SITE_URL}{path}?code={signup.code}"


@transaction.atomic
def check_in(actor: Any, activity: Activity, raw_code: str) -> SignUp:
    require_lead(actor, activity.team)
    code = read_code(raw_code)
    if not code:
        raise ServiceError(_("Type or scan a check-in code."), "code")
    signup = (
        SignUp.objects.select_for_update()
        .select_related("member", "activity")
        .filter(code=code)
        .first()
    )
    if signup is None:
        raise ServiceError(
            _("This code is not known. Check it, or tick the name in the list."), "code"
        )
    if signup.activity_id != activity.pk:
        raise ServiceError(
            _("This code is for another activity (%(title)s), not this one.")
            % {"title": signup.activity.title},
            "code",
        )
    return _mark_in(actor, signup)


def _mark_in(actor: Any, signup: SignUp) -> SignUp:
    if signup.checked_in_at is not None:
        raise ServiceError(
            _("%(name)s is already checked in (%(time)s).")
            % {
                "name": signup.member.name,
                "time": local_time(signup.activity, signup.checked_in_at),
            },
            "code",
        )
    if signup.status != SignUp.Status.CONFIRMED:
        raise ServiceError(
            _("%(name)s has no place (%(status)s).")
            % {"name": signup.member.name, "status": signup.get_status_display()},
            "code",
        )
    signup.checked_in_at = timezone.now()
    signup.checked_in_by = actor
    signup.save(update_fields=["checked_in_at", "checked_in_by"])
    return signup


@transaction.atomic
def tick(actor: Any, signup: SignUp) -> SignUp:
    """The leader ticks a name in the list instead of scanning."""
    require_lead(actor, signup.activity.team)
    signup = (
        SignUp.objects.select_for_update().select_related("member", "activity").get(pk=signup.pk)
    )
    return _mark_in(actor, signup)


@transaction.atomic
def check_out(actor: Any, signup: SignUp) -> SignUp:
    require_lead(actor, signup.activity.team)
    if signup.checked_in_at is None:
        raise ServiceError(_("Check the person in before checking them out."))
    if signup.checked_out_at is not None:
        raise ServiceError(_("This person is already checked out."))
    signup.checked_out_at = timezone.now()
    signup.save(update_fields=["checked_out_at"])
    return signup


def suggested_hours(signup: SignUp) -> Decimal:
    """Checked in and out: the time between, to the half hour; otherwise the shift's length."""
    if signup.checked_in_at and signup.checked_out_at:
        seconds = (signup.checked_out_at - signup.checked_in_at).total_seconds()
        half_hours = max(1, round(seconds / 1800))
        return Decimal(half_hours) / 2
    return signup.activity.length_hours


# --- Hours ---------------------------------------------------------------------------------------


def parse_hours(raw: Any, field: str = "hours") -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ServiceError(_("Write the hours as a number, e.g. 2 or 1.5."), field) from None
    if not value.is_finite() or value < Decimal("0.5") or value > 24:
        raise ServiceError(_("Hours must be between 0.5 and 24."), field)
    if (value * 2) % 1:
        raise ServiceError(_("Hours are counted in half hours, e.g. 1.5."), field)
    return value


@transaction.atomic
def log_hours(
    actor: Any,
    activity: Activity,
    member: Member,
    hours: Any,
    note: str = "",
    *,
    source: str = Hours.Source.SELF,
) -> Hours:
    """A volunteer claims their hours, or a leader records them (verified at once: the leader
    is the one who verifies)."""
    community = activity.team.community
    value = parse_hours(hours)
    own = member.user_id is not None and member.user_id == getattr(actor, "pk", None)
    by_leader = leads(actor, activity.team)
    if source == Hours.Source.SELF:
        require(actor, "volunteering.take_part", community)
        if not own:
            raise PermissionDenied("volunteering.take_part")
        signup = signup_of(activity, member)
        if signup is None or signup.status != SignUp.Status.CONFIRMED:
            raise ServiceError(_("Only people who signed up for this activity can log hours."))
    else:
        require_lead(actor, activity.team)
        _verified_resident(member, community)
    if not activity.has_started:
        raise ServiceError(_("Hours can be logged once the activity has started."))
    if activity.status == Activity.Status.CANCELLED:
        raise ServiceError(_("This activity is cancelled."))
    if value > activity.length_hours + 2 and not by_leader:
        raise ServiceError(
            _(
                "That is longer than the activity (%(hours)s hours). Ask the leader if you stayed longer."
            )
            % {"hours": activity.length_hours},
            "hours",
        )
    entry = Hours.objects.select_for_update().filter(activity=activity, member=member).first()
    if entry is not None:
        if entry.status == Hours.Status.VERIFIED:
            raise ServiceError(
                _(
                    "Hours of %(name)s for this activity are already verified. Ask for a correction instead."
                )
                % {"name": member.name},
                "hours",
            )
        if source == Hours.Source.SELF and entry.status == Hours.Status.DECLINED:
            raise ServiceError(_("The leader declined these hours. Ask for a correction instead."))
    entry = entry or Hours(activity=activity, member=member)
    entry.hours, entry.note, entry.source = value, note.strip()[:200], source
    entry.logged_by, entry.logged_at = actor, timezone.now()
    entry.status = Hours.Status.CLAIMED
    entry.decline_reason = ""
    entry.save()
    if source != Hours.Source.SELF:
        _verify(actor, entry)
    return entry


@transaction.atomic
def paper_sheet(actor: Any, activity: Activity, rows: list[tuple[Member, Any]]) -> list[Hours]:
    """Hours from a paper sign-in sheet, all lines or none (a wrong line keeps the sheet)."""
    require_lead(actor, activity.team)
    if not rows:
        raise ServiceError(_("Add at least one line."))
    seen: set[int] = set()
    for member, _hours in rows:
        if member.pk in seen:
            raise ServiceError(_("%(name)s is on the sheet twice.") % {"name": member.name})
        seen.add(member.pk)
    return [
        log_hours(actor, activity, member, hours, source=Hours.Source.PAPER)
        for member, hours in rows
    ]


def _verify(actor: Any, entry: Hours) -> None:
    entry.status = Hours.Status.VERIFIED
    entry.decided_by, entry.decided_at = actor, timezone.now()
    entry.decline_reason = ""
    entry.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    ledger.record(
        entry.member,
        method=Method.VOLUNTEERING,
        channel=Channel.IN_PERSON,
        depth=Depth.INVOLVED,
        source=entry.activity,
        project=entry.activity.project,
        occurred_at=entry.activity.starts_at,
        recorded_by=actor,
    )
    _check_milestones(entry.member)


@transaction.atomic
def decide_hours(actor: Any, entry: Hours, verify: bool, reason: str = "") -> Hours:
    require_lead(actor, entry.activity.team)
    entry = Hours.objects.select_for_update().select_related("member", "activity").get(pk=entry.pk)
    if entry.status != Hours.Status.CLAIMED:
        raise ServiceError(_("These hours were already decided."))
    if verify:
        _verify(actor, entry)
    else:
        if not reason.strip():
            raise ServiceError(_("Say why: the volunteer will read it."), "reason")
        entry.status = Hours.Status.DECLINED
        entry.decided_by, entry.decided_at = actor, timezone.now()
        entry.decline_reason = reason.strip()[:300]
        entry.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    audit.log(
        actor,
        "volunteering.hours_verified" if verify else "volunteering.hours_declined",
        entry,
        community=entry.activity.team.community,
        after={"hours": str(entry.hours), "reason": entry.decline_reason},
    )
    notify(
        entry.member,
        "volunteer_hours",
        (
            gettext_lazy("Your hours are verified: %(title)s")
            if verify
            else gettext_lazy("Your hours were declined: %(title)s"),
            {"title": entry.activity.title},
        ),
        entry.decline_reason,
        url=reverse("volunteering:mine", args=[entry.activity.team.community.slug]),
        community=entry.activity.team.community,
    )
    return entry


@transaction.atomic
def request_correction(actor: Any, entry: Hours, new_hours: Any, reason: str) -> Correction:
    """A volunteer never edits recorded hours: they ask, and the leader decides."""
    if entry.member.user_id is None or entry.member.user_id != getattr(actor, "pk", None):
        raise PermissionDenied("volunteering.correction")
    value = parse_hours(new_hours, "new_hours")
    if not reason.strip():
        raise ServiceError(_("Say why the hours should change."), "reason")
    if value == entry.hours and entry.status != Hours.Status.DECLINED:
        raise ServiceError(_("These are already the recorded hours."), "new_hours")
    if entry.corrections.filter(status=Correction.Status.PENDING).exists():
        raise ServiceError(_("A request to correct these hours is already waiting."))
    correction = Correction.objects.create(
        entry=entry,
        old_hours=entry.hours,
        new_hours=value,
        reason=reason.strip()[:300],
        requested_by=actor,
    )
    for leader in _leaders(entry.activity.team):
        notify(
            leader,
            "volunteer_hours",
            (
                gettext_lazy("%(name)s asks to correct hours: %(title)s"),
                {"name": entry.member.name, "title": entry.activity.title},
            ),
            correction.reason,
            url=reverse(
                "volunteering:hours",
                args=[entry.activity.team.community.slug, entry.activity.pk],
            ),
            community=entry.activity.team.community,
        )
    return correction


@transaction.atomic
def decide_correction(
    actor: Any, correction: Correction, accept: bool, answer: str = ""
) -> Correction:
    entry = correction.entry
    require_lead(actor, entry.activity.team)
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    if correction.status != Correction.Status.PENDING:
        raise ServiceError(_("This request was already answered."))
    if not accept and not answer.strip():
        raise ServiceError(_("Say why: the volunteer will read it."), "answer")
    correction.status = Correction.Status.ACCEPTED if accept else Correction.Status.DECLINED
    correction.decided_by, correction.decided_at = actor, timezone.now()
    correction.answer = answer.strip()[:300]
    correction.save()
    if accept:
        before = audit.snapshot(entry, ["hours", "status"])
        entry.hours = correction.new_hours
        entry.save(update_fields=["hours"])
        _verify(actor, entry)
        audit.log(
            actor,
            "volunteering.hours_corrected",
            entry,
            community=entry.activity.team.community,
            before=before,
            after=audit.snapshot(entry, ["hours", "status"]),
        )
    notify(
        entry.member,
        "volunteer_hours",
        (
            gettext_lazy("Your correction was accepted: %(title)s")
            if accept
            else gettext_lazy("Your correction was declined: %(title)s"),
            {"title": entry.activity.title},
        ),
        correction.answer,
        url=reverse("volunteering:mine", args=[entry.activity.team.community.slug]),
        community=entry.activity.team.community,
    )
    return correction


def _check_milestones(member: Member) -> list[Milestone]:
    """Celebrate each milestone once: the unique row is the proof it was told."""
    total = verified_total(member)
    already = set(member.volunteer_milestones.values_list("threshold", flat=True))
    made = []
    for threshold in recognition.reached(total, already):
        milestone, created = Milestone.objects.get_or_create(member=member, threshold=threshold)
        if not created:
            continue
        made.append(milestone)
        notify(
            member,
            "volunteer_hours",
            (
                gettext_lazy("%(hours)s hours of volunteering: thank you!"),
                {"hours": threshold},
            ),
            (
                gettext_lazy(
                    "You have given %(hours)s verified hours to your neighbours. Your certificate "
                    "is ready on your volunteering page."
                ),
                {"hours": threshold},
            ),
            url=reverse("volunteering:mine", args=[member.community.slug]),
            community=member.community,
        )
    return made


# --- Certificates ------------------------------------------------------------------------------


@command("volunteering.issue_certificate", on="member")
def issue_certificate(actor: User, member: Member, start: date, end: date) -> Certificate:
    """Issue a certificate of the verified hours in a period (by a resident for themselves, or
    by an organiser for anyone); the PDF is then downloaded from it as often as needed."""
    if end < start:
        raise Refused(_("Choose a period: a start and an end day."), "end")
    issued = Certificate.objects.create(
        member=member,
        period_start=start,
        period_end=end,
        total_hours=reports.verified_total(member, start, end),
    )
    if member.user_id != actor.pk:
        audit_entry("volunteering.certificate_issued", issued, community=member.community)
    return issued


# --- Impact --------------------------------------------------------------------------------------


@transaction.atomic
def add_impact(actor: Any, activity: Activity, metric: str, amount: Any, unit: str) -> Impact:
    require_lead(actor, activity.team)
    if not metric.strip():
        raise ServiceError(_("Say what was achieved, e.g. rubbish collected."), "metric")
    if not unit.strip():
        raise ServiceError(_("Give a unit, e.g. bags or m²."), "unit")
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise ServiceError(_("Write a number."), "amount") from None
    if not value.is_finite() or value < 0 or value >= 10**9:
        raise ServiceError(_("Write a number."), "amount")
    impact = Impact.objects.create(
        activity=activity,
        metric=metric.strip()[:100],
        amount=value,
        unit=unit.strip()[:20],
        entered_by=actor,
    )
    audit.log(
        actor,
        "volunteering.impact",
        impact,
        community=activity.team.community,
        after=audit.snapshot(impact),
    )
    return impact


@transaction.atomic
def remove_impact(actor: Any, impact: Impact) -> None:
    require_lead(actor, impact.activity.team)
    audit.log(
        actor,
        "volunteering.impact_removed",
        impact,
        community=impact.activity.team.community,
        before=audit.snapshot(impact),
    )
    impact.delete()


# --- Home page and projects -------------------------------------------------------------------


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
        .select_related("household__flat")
        .order_by("name")
    )
