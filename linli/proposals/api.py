"""API for proposals: published proposals, their supports and answers; supporting as a resident."""

from __future__ import annotations

import typing
from datetime import datetime

from django.db.models import Count
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.models import Community, User
from linli.core.services import ServiceError

from . import queries, services
from .models import Proposal

router = Router(tags=["proposals"])


class ProposalOut(Schema):
    id: int
    title: str
    body: str
    status: str
    answer: str
    category: str
    area: str | None
    supports: int
    published_at: datetime | None
    first_answered_at: datetime | None
    merged_into: int | None


class SupportOut(Schema):
    supporting: bool


def _out(p: Proposal) -> ProposalOut:
    return ProposalOut(
        id=p.pk,
        title=p.title,
        body=p.body,
        status=p.status,
        answer=p.answer,
        category=p.category,
        area=p.area.name if p.area else None,
        supports=getattr(p, "support_count", None) or p.supports.count(),
        published_at=p.published_at,
        first_answered_at=p.first_answered_at,
        merged_into=p.merged_into_id,
    )


def _published(slug: str) -> tuple[Community, object]:
    community = get_object_or_404(Community, slug=slug)
    rows = (
        queries.published(community)
        .select_related("area")
        .annotate(support_count=Count("supports"))
    )
    return community, rows


@router.get("/communities/{slug}/proposals", response=list[ProposalOut], auth=PUBLIC)
def list_proposals(request: HttpRequest, slug: str, status: str | None = None) -> list[ProposalOut]:
    _community, rows = _published(slug)
    if status:
        rows = rows.filter(status=status)  # type: ignore[attr-defined]
    return [_out(p) for p in rows]  # type: ignore[attr-defined]


@router.get("/communities/{slug}/proposals/{pk}", response=ProposalOut, auth=PUBLIC)
def get_proposal(request: HttpRequest, slug: str, pk: int) -> ProposalOut:
    _community, rows = _published(slug)
    return _out(get_object_or_404(rows, pk=pk))  # type: ignore[arg-type]


@router.post(
    "/communities/{slug}/proposals/{pk}/support",
    response={200: SupportOut, 400: dict[str, str]},
    auth=CALLER,
)
def toggle_support(request: HttpRequest, slug: str, pk: int) -> Status:
    """Support the proposal, or withdraw the caller's support."""
    community, rows = _published(slug)
    if not permissions.can(request.user, "proposals.support", community):
        raise HttpError(403, "Only verified residents may support proposals.")
    proposal: Proposal = get_object_or_404(rows, pk=pk)  # type: ignore[arg-type]
    try:
        supporting = services.toggle_support(typing.cast(User, request.user), proposal)
    except ServiceError as error:
        return Status(400, {"detail": error.message})
    return Status(200, SupportOut(supporting=supporting))
