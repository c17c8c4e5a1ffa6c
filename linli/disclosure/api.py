"""API for the disclosure register: published notices, 公示 with their objections and public
answers, objecting for those the 公示 allows, and the finance page's figures. The same queries,
rules and commands as the pages; who objected is never named, as on the pages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import cast

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.models import Community, User

from . import finance, queries, services
from .models import Entry, Objection, Publicity

router = Router(tags=["disclosure"])


class NoticeAttachmentOut(Schema):
    title: str
    url: str
    is_pdf: bool


class NoticeOut(Schema):
    id: int
    category: str
    title: str
    published_at: datetime
    reads: int
    url: str
    poster_url: str


class NoticeDetailOut(NoticeOut):
    body: str
    attachments: list[NoticeAttachmentOut]


class PublicityObjectionOut(Schema):
    id: int
    text: str
    created_at: datetime
    answer: str
    answered_at: datetime | None


class PublicityOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    starts_on: date
    ends_on: date
    finalised_at: datetime | None
    objections: int
    unanswered: int
    url: str


class PublicityDetailOut(PublicityOut):
    becomes_final: str
    who_may_object: str
    waiting_for: str
    objection_list: list[PublicityObjectionOut]


class PublicityObjectionIn(Schema):
    text: str


class FinanceRowOut(Schema):
    source: str
    title: str
    url: str
    awarded: Decimal
    spent: Decimal | None
    receipts: int


class FinanceYearOut(Schema):
    year: int
    awarded: Decimal
    spent: Decimal
    rows: list[FinanceRowOut]


def _community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    permissions.require(request.user, "disclosure.view", community)
    return community


def _notice(entry: Entry) -> dict[str, object]:
    return {
        "id": entry.pk,
        "category": entry.category,
        "title": entry.title,
        "published_at": entry.publish_at,
        "reads": getattr(entry, "reads", 0),
        "url": entry.get_absolute_url(),
        "poster_url": entry.get_absolute_url() + "poster.pdf",
    }


def _publicity(found: Publicity) -> dict[str, object]:
    return {
        "id": found.pk,
        "kind": found.kind,
        "title": found.title,
        "status": found.status,
        "starts_on": found.starts_on,
        "ends_on": found.ends_on,
        "finalised_at": found.finalised_at,
        "objections": getattr(found, "objection_count", 0),
        "unanswered": getattr(found, "unanswered", 0),
        "url": found.get_absolute_url(),
    }


def _objection(objection: Objection) -> dict[str, object]:
    return {
        "id": objection.pk,
        "text": objection.text,
        "created_at": objection.created_at,
        "answer": objection.answer,
        "answered_at": objection.answered_at,
    }


@router.get("/communities/{slug}/notices", response=list[NoticeOut], auth=PUBLIC)
def list_notices(request: HttpRequest, slug: str, category: str = "") -> list[dict[str, object]]:
    """Published notices, newest first; ``category`` narrows them (plans, finances...)."""
    community = _community(request, slug)
    return [_notice(entry) for entry in queries.published(community, category)]


@router.get("/communities/{slug}/notices/{pk}", response=NoticeDetailOut, auth=PUBLIC)
def get_notice(request: HttpRequest, slug: str, pk: int) -> dict[str, object]:
    community = _community(request, slug)
    entry = queries.entry_in(request.user, community, pk)  # 404 unless published (or organiser)
    return {
        **_notice(entry),
        "reads": entry.readings.count(),
        "body": entry.body,
        "attachments": [
            {"title": a.title, "url": a.file.url, "is_pdf": a.is_pdf}
            for a in entry.attachments.all()
        ],
    }


@router.get("/communities/{slug}/publicity", response=list[PublicityOut], auth=PUBLIC)
def list_publicities(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    """Every decision put under public notice (公示), the open ones and the final ones."""
    community = _community(request, slug)
    return [_publicity(p) for p in queries.publicities(community)]


@router.get("/communities/{slug}/publicity/{pk}", response=PublicityDetailOut, auth=PUBLIC)
def get_publicity(request: HttpRequest, slug: str, pk: int) -> dict[str, object]:
    community = _community(request, slug)
    found = queries.publicity_in(community, pk)
    return {
        **_publicity(found),
        "becomes_final": found.becomes_final,
        "who_may_object": found.who_may_object,
        "waiting_for": queries.waiting_for(found),
        "objection_list": [_objection(o) for o in found.objections.all()],
    }


@router.post(
    "/communities/{slug}/publicity/{pk}/objections",
    response={201: PublicityObjectionOut},
    auth=CALLER,
)
def object_to_publicity(
    request: HttpRequest, slug: str, pk: int, data: PublicityObjectionIn
) -> tuple[int, dict[str, object]]:
    """Object during the notice period; the answer is published on the 公示 for everyone."""
    community = _community(request, slug)
    found = queries.publicity_in(community, pk)
    objection = services.object_to(cast(User, request.user), found, data.text)  # CALLER
    return 201, _objection(objection)


@router.get("/communities/{slug}/finance", response=list[FinanceYearOut], auth=PUBLIC)
def finance_years(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    """All money residents decided on, per year, newest first (the finance page)."""
    community = _community(request, slug)
    return [
        {
            "year": year.year,
            "awarded": year.awarded,
            "spent": year.spent,
            "rows": [vars(row) for row in year.rows],
        }
        for year in finance.years(community)
    ]
