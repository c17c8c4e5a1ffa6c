"""API for conventions: each convention with its latest text and the text in force, and a
resident's comment on an article. The same queries and commands as the pages."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.models import Community

from . import queries, services
from .models import Convention, Version

router = Router(tags=["conventions"])


class ConventionArticleOut(Schema):
    id: int
    position: int
    text: str


class ConventionVersionOut(Schema):
    number: int
    status: str
    preamble: str
    note: str
    how: str
    outcome: str
    adopted_at: datetime | None
    articles: list[ConventionArticleOut]


class ConventionOut(Schema):
    id: int
    title: str
    area: str | None
    latest: ConventionVersionOut
    in_force: ConventionVersionOut | None


class ConventionCommentIn(Schema):
    convention: int
    text: str
    article: int | None = None


class ConventionCommentOut(Schema):
    id: int
    article: int | None
    text: str
    channel: str


def _community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    permissions.require(request.user, "conventions.view", community)
    return community


def _version(version: Version | None) -> dict[str, object] | None:
    if version is None:
        return None
    return {
        "number": version.number,
        "status": version.status,
        "preamble": version.preamble,
        "note": version.note,
        "how": version.how,
        "outcome": version.outcome,
        "adopted_at": version.adopted_at,
        "articles": [
            {"id": a.pk, "position": a.position, "text": a.text} for a in version.articles.all()
        ],
    }


def _convention(convention: Convention) -> dict[str, object]:
    return {
        "id": convention.pk,
        "title": convention.title,
        "area": convention.area.name if convention.area else None,
        "latest": _version(convention.latest),
        "in_force": _version(convention.in_force),
    }


@router.get("/communities/{slug}/conventions", response=list[ConventionOut], auth=PUBLIC)
def list_conventions(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    return [_convention(c) for c in queries.conventions(_community(request, slug))]


@router.post("/communities/{slug}/convention-comments", response=ConventionCommentOut, auth=CALLER)
def comment_on_convention(
    request: HttpRequest, slug: str, data: ConventionCommentIn
) -> dict[str, object]:
    """A resident's own comment on a convention, on one of its articles (``article``) or on the
    whole (no ``article``)."""
    convention = queries.convention_in(_community(request, slug), data.convention)
    article = queries.article_in(convention, data.article) if data.article else None
    made = services.comment(request.user, convention, data.text, article=article)
    return {"id": made.pk, "article": made.article_id, "text": made.text, "channel": made.channel}
