"""API of the supervision committee: its queries with their due dates and public answers. The
same queries as the pages; raising and answering stay on the pages."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from linli.api.auth import PUBLIC
from linli.core import permissions
from linli.core.models import Community

from . import queries
from .models import Query

router = Router(tags=["supervision"])


class SupervisionQueryOut(Schema):
    id: int
    body: str
    subject: str
    subject_title: str
    question: str
    asked_by: str
    asked_at: datetime
    due_on: date
    status: str
    overdue: bool
    answer: str
    answered_at: datetime | None


def _query(query: Query) -> dict[str, object]:
    return {
        "id": query.pk,
        "body": query.body.name,
        "subject": query.subject,
        "subject_title": query.subject_title,
        "question": query.question,
        "asked_by": query.asked_by.name,
        "asked_at": query.asked_at,
        "due_on": query.due_on,
        "status": query.status,
        "overdue": query.is_overdue,
        "answer": query.answer,
        "answered_at": query.answered_at,
    }


@router.get(
    "/communities/{slug}/supervision/queries", response=list[SupervisionQueryOut], auth=PUBLIC
)
def list_supervision_queries(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    community = get_object_or_404(Community, slug=slug)
    permissions.require(request.user, "supervision.view", community)
    return [_query(q) for q in queries.queries_of(community)]
