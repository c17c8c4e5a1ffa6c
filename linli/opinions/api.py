"""API for opinion mapping: conversations and their analysis, the next statement for the caller,
voting and writing a statement. The same queries and commands as the pages; permissions are
checked inside (403 "may not", 400 "not now / bad input", 404 for what the caller may not see).
Schema names carry the ``Opinion`` prefix: OpenAPI names are unique across the project."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.models import Community

from . import queries, services
from .models import Conversation, Statement

router = Router(tags=["opinions"])


class OpinionStatementOut(Schema):
    id: int
    number: int
    text: str


class OpinionSaidOut(Schema):
    statement: int
    direction: str
    percent: int


class OpinionGroupOut(Schema):
    group: int
    name: str
    size: int
    representative: list[OpinionSaidOut]


class OpinionAnalysisOut(Schema):
    computed_at: datetime
    participants: int
    in_groups: int
    statements: int
    votes: int
    groups: list[OpinionGroupOut]
    consensus: list[OpinionSaidOut]


class OpinionConversationSummaryOut(Schema):
    id: int
    title: str
    question: str
    status: str
    project: int | None
    url: str


class OpinionConversationOut(OpinionConversationSummaryOut):
    description: str
    statements: list[OpinionStatementOut]
    analysis: OpinionAnalysisOut | None


class OpinionNextOut(Schema):
    statement: OpinionStatementOut | None
    voted: int
    total: int


class OpinionVoteIn(Schema):
    statement: int
    choice: int


class OpinionVoteOut(Schema):
    statement: int
    choice: int


class OpinionStatementIn(Schema):
    text: str


class OpinionSubmittedOut(Schema):
    id: int
    number: int
    status: str
    similar: list[OpinionStatementOut]


def _community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    permissions.require(request.user, "opinions.view", community)
    return community


def _conversation(request: HttpRequest, slug: str, pk: int) -> Conversation:
    return queries.visible_conversation(request.user, _community(request, slug), pk)


def _statement(statement: Statement) -> dict[str, object]:
    return {"id": statement.pk, "number": statement.number, "text": statement.text}


def _summary(conversation: Conversation) -> dict[str, object]:
    return {
        "id": conversation.pk,
        "title": conversation.title,
        "question": conversation.question,
        "status": conversation.status,
        "project": conversation.project_id,
        "url": conversation.get_absolute_url(),
    }


def _said(said: queries.Said) -> dict[str, object]:
    return {"statement": said.statement.pk, "direction": said.direction, "percent": said.percent}


@router.get(
    "/communities/{slug}/conversations",
    response=list[OpinionConversationSummaryOut],
    auth=PUBLIC,
)
def list_conversations(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    community = _community(request, slug)
    return [_summary(c) for c in queries.visible_conversations(request.user, community)]


@router.get("/communities/{slug}/conversations/{pk}", response=OpinionConversationOut, auth=PUBLIC)
def get_conversation(request: HttpRequest, slug: str, pk: int) -> dict[str, object]:
    conversation = _conversation(request, slug, pk)
    found = queries.results(conversation)
    analysis = None
    if found.analysis is not None:
        analysis = {
            "computed_at": found.analysis.computed_at,
            "participants": found.analysis.participants,
            "in_groups": found.analysis.in_groups,
            "statements": found.analysis.statements,
            "votes": found.analysis.votes,
            "groups": [
                {
                    "group": card.group,
                    "name": card.name,
                    "size": card.size,
                    "representative": [_said(s) for s in card.representative],
                }
                for card in found.groups
            ],
            "consensus": [_said(s) for s in found.consensus],
        }
    return {
        **_summary(conversation),
        "description": conversation.description,
        "statements": [_statement(s) for s in queries.accepted_statements(conversation)],
        "analysis": analysis,
    }


@router.get("/communities/{slug}/conversations/{pk}/next", response=OpinionNextOut, auth=CALLER)
def next_statement(request: HttpRequest, slug: str, pk: int) -> dict[str, object]:
    conversation = _conversation(request, slug, pk)
    permissions.require(request.user, "opinions.take_part", conversation.community)
    member = permissions.member_of(request.user, conversation.community)
    statement = queries.next_statement(conversation, member)
    done = queries.progress(conversation, member)
    return {
        "statement": _statement(statement) if statement else None,
        "voted": done.voted,
        "total": done.total,
    }


@router.post("/communities/{slug}/conversations/{pk}/votes", response=OpinionVoteOut, auth=CALLER)
def vote(request: HttpRequest, slug: str, pk: int, payload: OpinionVoteIn) -> dict[str, int]:
    conversation = _conversation(request, slug, pk)
    statement = conversation.statements.filter(pk=payload.statement).first()
    if statement is None:
        raise Http404
    cast = services.vote(request.user, conversation, statement, payload.choice)  # type: ignore[arg-type]
    return {"statement": statement.pk, "choice": cast.choice}


@router.post(
    "/communities/{slug}/conversations/{pk}/statements",
    response={201: OpinionSubmittedOut},
    auth=CALLER,
)
def submit_statement(
    request: HttpRequest, slug: str, pk: int, payload: OpinionStatementIn
) -> tuple[int, dict[str, object]]:
    conversation = _conversation(request, slug, pk)
    similar = queries.similar_statements(conversation, payload.text)
    statement = services.submit_statement(request.user, conversation, payload.text)  # type: ignore[arg-type]
    return 201, {
        "id": statement.pk,
        "number": statement.number,
        "status": statement.status,
        "similar": [_statement(s) for s in similar if s.pk != statement.pk],
    }
