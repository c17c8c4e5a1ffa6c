"""API for volunteering: teams and their impact, activities with free places, signing the caller
up and cancelling, logging the caller's hours and reading them back. Leadership actions stay on
the web pages; every endpoint checks permission inside."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.http_types import AuthedRequest
from linli.core.models import Community, Member
from linli.core.services import ServiceError

from . import services
from .models import Activity, Hours, SignUp, Team

router = Router(tags=["volunteering"])


class ImpactOut(Schema):
    metric: str
    unit: str
    amount: Decimal


class TeamOut(Schema):
    id: int
    name: str
    purpose: str
    joining: str
    skills_wanted: list[str]
    members: int
    verified_hours: Decimal
    impact: list[ImpactOut]


class ActivityOut(Schema):
    id: int
    team: int
    title: str
    status: str
    starts_at: datetime
    ends_at: datetime
    place: str
    capacity: int | None
    places_left: int | None
    skills_needed: str
    project: int | None


class SignUpOut(Schema):
    status: str
    code: str | None


class HoursIn(Schema):
    hours: str
    note: str = ""


class HoursOut(Schema):
    activity: int
    title: str
    day: datetime
    hours: Decimal
    status: str
    decline_reason: str


class MyHoursOut(Schema):
    verified_total: Decimal
    entries: list[HoursOut]


def _community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    if not permissions.can(request.user, "volunteering.view", community):
        raise HttpError(403, "forbidden")
    return community


def _resident(request: HttpRequest, community: Community) -> Member:
    if not permissions.can(request.user, "volunteering.take_part", community):
        raise HttpError(403, "forbidden")
    member = permissions.member_of(request.user, community)
    if member is None:
        raise HttpError(403, "forbidden")
    return member


def _team_out(team: Team) -> TeamOut:
    return TeamOut(
        id=team.pk,
        name=team.name,
        purpose=team.purpose,
        joining=team.joining,
        skills_wanted=team.skill_list,
        members=services.active_members(team).count(),
        verified_hours=services.team_hours(team),
        impact=[
            ImpactOut(metric=i.metric, unit=i.unit, amount=i.amount)
            for i in services.impact_totals(team)
        ],
    )


def _activity_out(activity: Activity) -> ActivityOut:
    return ActivityOut(
        id=activity.pk,
        team=activity.team_id,
        title=activity.title,
        status=activity.status,
        starts_at=activity.starts_at,
        ends_at=activity.ends_at,
        place=activity.place,
        capacity=activity.capacity,
        places_left=services.places_left(activity),
        skills_needed=activity.skills_needed,
        project=activity.project_id,
    )


@router.get("/communities/{slug}/volunteering/teams", response=list[TeamOut], auth=PUBLIC)
def list_teams(request: HttpRequest, slug: str) -> list[TeamOut]:
    community = _community(request, slug)
    return [_team_out(t) for t in Team.objects.filter(community=community)]


@router.get("/communities/{slug}/volunteering/teams/{pk}", response=TeamOut, auth=PUBLIC)
def get_team(request: HttpRequest, slug: str, pk: int) -> TeamOut:
    community = _community(request, slug)
    return _team_out(get_object_or_404(Team, community=community, pk=pk))


@router.get("/communities/{slug}/volunteering/activities", response=list[ActivityOut], auth=PUBLIC)
def list_activities(request: HttpRequest, slug: str) -> list[ActivityOut]:
    """Activities that have not ended yet, soonest first."""
    community = _community(request, slug)
    rows = Activity.objects.filter(team__community=community, ends_at__gt=timezone.now()).order_by(
        "starts_at"
    )[:200]
    return [_activity_out(a) for a in rows]


def _activity(community: Community, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("team__community"), team__community=community, pk=pk
    )


@router.get("/communities/{slug}/volunteering/activities/{pk}", response=ActivityOut, auth=PUBLIC)
def get_activity(request: HttpRequest, slug: str, pk: int) -> ActivityOut:
    community = _community(request, slug)
    return _activity_out(_activity(community, pk))


def _signup_out(signup: SignUp) -> SignUpOut:
    return SignUpOut(
        status=signup.status,
        code=signup.code if signup.status == SignUp.Status.CONFIRMED else None,
    )


@router.post(
    "/communities/{slug}/volunteering/activities/{pk}/sign-up",
    response={201: SignUpOut},
    auth=CALLER,
)
def sign_up(request: AuthedRequest, slug: str, pk: int) -> tuple[int, SignUpOut]:
    community = _community(request, slug)
    activity = _activity(community, pk)
    member = _resident(request, community)
    try:
        signup = services.sign_up(request.user, activity, member)
    except ServiceError as error:
        raise HttpError(400, error.message) from error
    return 201, _signup_out(signup)


@router.delete(
    "/communities/{slug}/volunteering/activities/{pk}/sign-up", response=SignUpOut, auth=CALLER
)
def cancel(request: AuthedRequest, slug: str, pk: int) -> SignUpOut:
    community = _community(request, slug)
    activity = _activity(community, pk)
    signup = services.signup_of(activity, _resident(request, community))
    if signup is None:
        raise Http404
    try:
        return _signup_out(services.cancel_signup(request.user, signup))
    except ServiceError as error:
        raise HttpError(400, error.message) from error


def _hours_out(entry: Hours) -> HoursOut:
    return HoursOut(
        activity=entry.activity_id,
        title=entry.activity.title,
        day=entry.activity.starts_at,
        hours=entry.hours,
        status=entry.status,
        decline_reason=entry.decline_reason,
    )


@router.post(
    "/communities/{slug}/volunteering/activities/{pk}/hours",
    response={201: HoursOut},
    auth=CALLER,
)
def log_hours(request: AuthedRequest, slug: str, pk: int, data: HoursIn) -> tuple[int, HoursOut]:
    community = _community(request, slug)
    activity = _activity(community, pk)
    member = _resident(request, community)
    try:
        entry = services.log_hours(request.user, activity, member, data.hours, data.note)
    except ServiceError as error:
        raise HttpError(400, error.message) from error
    return 201, _hours_out(entry)


@router.get("/communities/{slug}/volunteering/my-hours", response=MyHoursOut, auth=CALLER)
def my_hours(request: HttpRequest, slug: str) -> MyHoursOut:
    community = _community(request, slug)
    member = _resident(request, community)
    entries = Hours.objects.filter(member=member).select_related("activity")
    return MyHoursOut(
        verified_total=services.verified_total(member),
        entries=[_hours_out(e) for e in entries],
    )
