"""API for feedback: the public items of a community and their answers; reporting and "me too"
for residents. The same queries and commands as the pages; a report's text stays with organisers
and its author."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.models import Community, Place, User

from . import queries, services
from .models import Item

router = Router(tags=["feedback"])


class FeedbackCourtyardOut(Schema):
    courtyard: str
    reports: int
    households: int


class FeedbackItemOut(Schema):
    id: int
    title: str
    category: str
    area: str | None
    status: str
    reports: int
    me_too: int
    responsible: str
    due_on: date | None
    answer: str
    answered_at: datetime | None
    report_back: str
    closed_at: datetime | None
    url: str


class FeedbackItemDetailOut(FeedbackItemOut):
    by_courtyard: list[FeedbackCourtyardOut]


class FeedbackReportIn(Schema):
    category: str
    text: str
    place_id: int | None = None


class FeedbackFiledOut(Schema):
    item: FeedbackItemOut
    joined: bool


def _community(request: HttpRequest, slug: str, action: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    permissions.require(request.user, action, community)
    return community


def _out(item: Item) -> dict[str, object]:
    return {
        "id": item.pk,
        "title": item.heading,
        "category": item.category,
        "area": item.area.name if item.area else None,
        "status": item.status,
        "reports": getattr(item, "report_count", 0),
        "me_too": getattr(item, "me_too_count", 0),
        "responsible": item.responsible,
        "due_on": item.due_on,
        "answer": item.answer,
        "answered_at": item.answered_at,
        "report_back": item.report_back,
        "closed_at": item.closed_at,
        "url": item.get_absolute_url(),
    }


@router.get("/communities/{slug}/feedback", response=list[FeedbackItemOut], auth=PUBLIC)
def list_items(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    community = _community(request, slug, "feedback.view")
    return [_out(item) for item in queries.public_items(community)]


@router.get("/communities/{slug}/feedback/{pk}", response=FeedbackItemDetailOut, auth=PUBLIC)
def get_item(request: HttpRequest, slug: str, pk: int) -> dict[str, object]:
    community = _community(request, slug, "feedback.view")
    item = queries.item_in(community, pk)
    return {**_out(item), "by_courtyard": [vars(row) for row in queries.by_courtyard(item)]}


@router.post("/communities/{slug}/feedback", response={201: FeedbackFiledOut}, auth=CALLER)
def report(
    request: HttpRequest, slug: str, data: FeedbackReportIn
) -> tuple[int, dict[str, object]]:
    community = _community(request, slug, "feedback.report")
    place = get_object_or_404(Place, pk=data.place_id) if data.place_id else None
    filed = services.report(
        cast(User, request.user),  # CALLER: signed in
        community,
        services.ReportInput(category=data.category, text=data.text, place=place),
    )
    item = queries.item_in(community, filed.report.item_id)
    return 201, {"item": _out(item), "joined": filed.joined}


@router.post(
    "/communities/{slug}/feedback/{pk}/me-too", response={201: FeedbackItemOut}, auth=CALLER
)
def me_too(request: HttpRequest, slug: str, pk: int) -> tuple[int, dict[str, object]]:
    community = _community(request, slug, "feedback.view")
    item = queries.item_in(community, pk)
    services.me_too(cast(User, request.user), item)  # CALLER: signed in
    return 201, _out(queries.item_in(community, pk))
