"""API for resident bodies: bodies with their charter and members serving, motions with their
count and who stood aside, and an online vote. The same queries and commands as the pages; how
each member voted is never published."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.models import Community

from . import queries, services, sittings
from .models import Body, BodyMeeting, Motion

router = Router(tags=["governance"])


class BodySeatOut(Schema):
    name: str
    office: str
    constituency: str
    term_end: date


class BodyCharterOut(Schema):
    version: int
    purpose: str
    powers: str
    quorum_percent: int
    majority: str
    term_months: int
    join_rules: str
    leave_rules: str
    courtyard_conflicts: bool
    seat_plan: dict[str, list[int]]


class BodyYearOut(Schema):
    year: int
    issues_resolved: int


class BodyOut(Schema):
    id: int
    kind: str
    name: str
    charter: BodyCharterOut
    serving: list[BodySeatOut]
    issues_resolved: list[BodyYearOut]


class BodyStoodAsideOut(Schema):
    name: str
    reason: str


class BodyMotionOut(Schema):
    id: int
    body: int
    kind: str
    method: str
    title: str
    text: str
    status: str
    votes_for: int
    votes_against: int
    abstentions: int
    entitled: int
    present: list[str]
    stood_aside: list[BodyStoodAsideOut]
    closed_at: datetime | None


class BodyVoteIn(Schema):
    choice: str


def _community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    permissions.require(request.user, "governance.view", community)
    return community


def _body(body: Body) -> dict[str, object]:
    charter = body.charter
    return {
        "id": body.pk,
        "kind": body.kind,
        "name": body.name,
        "charter": {name: getattr(charter, name) for name in services.CHARTER_FIELDS}
        | {"version": charter.version},
        "issues_resolved": [
            {"year": year, "issues_resolved": count}
            for year, count in sittings.resolved_by_year(body)
        ],
        "serving": [
            {
                "name": seat.member.name,
                "office": seat.office,
                "constituency": seat.constituency,
                "term_end": seat.term_end,
            }
            for seat in queries.serving(body)
        ],
    }


def _motion(motion: Motion) -> dict[str, object]:
    stood_aside = motion.stood_aside or [
        {"name": c.member.name, "reason": c.reason} for c in queries.motion_conflicts(motion)
    ]
    return {
        "id": motion.pk,
        "body": motion.body_id,
        "kind": motion.kind,
        "method": motion.method,
        "title": motion.title,
        "text": motion.text,
        "status": motion.status,
        "votes_for": motion.votes_for,
        "votes_against": motion.votes_against,
        "abstentions": motion.abstentions,
        "entitled": motion.entitled,
        "present": [m.name for m in motion.present.all()],
        "stood_aside": stood_aside,
        "closed_at": motion.closed_at,
    }


@router.get("/communities/{slug}/bodies", response=list[BodyOut], auth=PUBLIC)
def list_bodies(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    return [_body(body) for body in queries.bodies(_community(request, slug))]


@router.get("/communities/{slug}/bodies/{pk}/motions", response=list[BodyMotionOut], auth=PUBLIC)
def list_motions(request: HttpRequest, slug: str, pk: int) -> list[dict[str, object]]:
    body = queries.body_in(_community(request, slug), pk)
    return [_motion(motion) for motion in body.motions.all()]


@router.post("/communities/{slug}/motions/{pk}/vote", response=BodyMotionOut, auth=CALLER)
def vote(request: HttpRequest, slug: str, pk: int, data: BodyVoteIn) -> dict[str, object]:
    motion = queries.motion_in(_community(request, slug), pk)
    services.vote(request.user, motion, data.choice)
    return _motion(motion)


# --- A body's meetings ----------------------------------------------------------------------


class BodyAgendaItemOut(Schema):
    position: int
    kind: str
    title: str
    url: str
    minutes: str
    quorate: bool
    present: int
    entitled: int
    stood_aside: list[BodyStoodAsideOut]


class BodyResolutionOut(Schema):
    id: int
    text: str
    owner: str
    due_on: date
    status: str
    overdue: bool
    report_back: str
    closed_at: datetime | None


class BodyMeetingOut(Schema):
    id: int
    body: int
    meeting: int
    title: str
    starts_at: datetime
    place: str
    published_at: datetime | None
    quorate: bool
    present: int
    entitled: int
    agenda: list[BodyAgendaItemOut]
    resolutions: list[BodyResolutionOut]


def _sitting(sitting: BodyMeeting) -> dict[str, object]:
    whole = sittings.quorum(sitting)
    agenda = []
    for item in sitting.items.select_related("motion").order_by("position", "pk"):
        on_item = sittings.quorum(sitting, item)
        agenda.append(
            {
                "position": item.position,
                "kind": item.kind,
                "title": item.title,
                "url": item.url,
                "minutes": item.minutes,
                "quorate": on_item.met,
                "present": on_item.present,
                "entitled": on_item.entitled,
                "stood_aside": [
                    {"name": c.member.name, "reason": c.reason} for c in on_item.stood_aside
                ],
            }
        )
    return {
        "id": sitting.pk,
        "body": sitting.body_id,
        "meeting": sitting.meeting_id,
        "title": sitting.meeting.title,
        "starts_at": sitting.meeting.starts_at,
        "place": sitting.meeting.place,
        "published_at": sitting.published_at,
        "quorate": whole.met,
        "present": whole.present,
        "entitled": whole.entitled,
        "agenda": agenda,
        "resolutions": [
            {
                "id": r.pk,
                "text": r.text,
                "owner": r.owner.name,
                "due_on": r.due_on,
                "status": r.status,
                "overdue": r.is_overdue,
                "report_back": r.report_back,
                "closed_at": r.closed_at,
            }
            for r in sitting.resolutions.select_related("owner")
        ],
    }


@router.get("/communities/{slug}/body-meetings", response=list[BodyMeetingOut], auth=PUBLIC)
def list_body_meetings(
    request: HttpRequest, slug: str, body: int | None = None
) -> list[dict[str, object]]:
    """Meetings of the community's bodies (or of one, ``?body=``): agenda, quorum, minutes and
    resolutions. Published ones for everyone; before publication, for the body's members and
    officers and the organisers - the same rule as the pages."""
    community = _community(request, slug)
    found = BodyMeeting.objects.filter(body__community=community).select_related(
        "meeting", "body__community"
    )
    if body is not None:
        found = found.filter(body_id=body)
    return [
        _sitting(sitting)
        for sitting in found.order_by("-meeting__starts_at", "-pk")
        if permissions.can(request.user, "governance.see_meeting", sitting)
    ]
