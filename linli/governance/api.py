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

from . import queries, services
from .models import Body, Motion

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


class BodyOut(Schema):
    id: int
    kind: str
    name: str
    charter: BodyCharterOut
    serving: list[BodySeatOut]


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
