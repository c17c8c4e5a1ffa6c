"""API for votes: what is on the ballot, casting a ballot, results once they may be shown."""

from __future__ import annotations

import typing
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from linli.api.auth import PUBLIC, VOTER
from linli.core import permissions
from linli.core.models import Community, User
from linli.core.services import ServiceError

from . import services
from .models import Vote

router = Router(tags=["votes"])


class OptionOut(Schema):
    id: int
    number: int
    label: str
    cost: int | None  # whole yuan, knapsack questions


class QuestionOut(Schema):
    id: int
    text: str
    ballot_type: str
    method: str
    max_choices: int | None
    max_score: int
    budget_limit: int | None  # knapsack: the chosen options' costs add up to at most this
    points_total: int | None  # cumulative: points each voter shares out
    max_points_per_option: int | None
    options: list[OptionOut]


class VoteOut(Schema):
    id: int
    title: str
    description: str
    phase: str
    unit: str
    opens_at: datetime
    closes_at: datetime
    results_shown: str
    results_published_at: datetime | None
    areas: list[str]
    questions: list[QuestionOut]


class BallotIn(Schema):
    answers: dict[str, Any]
    change_code: str = ""


class CastOut(Schema):
    change_code: str
    replaced: bool


class VoteResultOut(Schema):
    question: int
    method: str
    ballots: int
    blank: int
    spoiled: int
    winners: list[int]
    counts: dict[str, float]
    supporters: dict[str, int]  # knapsack, cumulative: ballots choosing / giving points to each
    rounds: list[dict[str, Any]]
    pairwise: list[list[int]]
    ballot_file_sha256: str | None


class VoteResultsOut(Schema):
    vote: int
    final: bool
    eligible: int
    voted: int
    questions: list[VoteResultOut]


def _vote_out(vote: Vote) -> VoteOut:
    questions = [
        QuestionOut(
            id=q.pk,
            text=q.text,
            ballot_type=q.ballot_type,
            method=q.method,
            max_choices=q.max_choices,
            max_score=q.max_score,
            budget_limit=q.budget_limit,
            points_total=q.points_total,
            max_points_per_option=q.max_points_per_option,
            options=[
                OptionOut(id=o.pk, number=n, label=o.label, cost=o.cost)
                for n, o in enumerate(q.options.all(), start=1)
            ],
        )
        for q in vote.questions.prefetch_related("options")
    ]
    return VoteOut(
        id=vote.pk,
        title=vote.title,
        description=vote.description,
        phase=vote.phase,
        unit=vote.unit,
        opens_at=vote.opens_at,
        closes_at=vote.closes_at,
        results_shown=vote.results_shown,
        results_published_at=vote.results_published_at,
        areas=[a.name for a in vote.areas.all()],
        questions=questions,
    )


def _visible(request: HttpRequest, slug: str, pk: int) -> Vote:
    community = get_object_or_404(Community, slug=slug)
    if not permissions.can(request.user, "votes.view", community):
        raise HttpError(403, "Not allowed.")
    vote = get_object_or_404(Vote, community=community, pk=pk)
    if vote.status == Vote.Status.DRAFT and not permissions.can(
        request.user, "votes.manage", community
    ):
        raise Http404
    return vote


@router.get("/communities/{slug}/votes", response=list[VoteOut], auth=PUBLIC)
def list_votes(request: HttpRequest, slug: str) -> list[VoteOut]:
    community = get_object_or_404(Community, slug=slug)
    votes = Vote.objects.filter(community=community).prefetch_related("areas")
    if not permissions.can(request.user, "votes.manage", community):
        votes = votes.exclude(status=Vote.Status.DRAFT)
    return [_vote_out(v) for v in votes]


@router.get("/communities/{slug}/votes/{pk}", response=VoteOut, auth=PUBLIC)
def get_vote(request: HttpRequest, slug: str, pk: int) -> VoteOut:
    return _vote_out(_visible(request, slug, pk))


@router.post(
    "/communities/{slug}/votes/{pk}/ballot",
    response={200: CastOut, 400: dict[str, str]},
    auth=VOTER,
)
def cast_ballot(request: HttpRequest, slug: str, pk: int, ballot: BallotIn) -> Status:
    """Cast or replace the caller's ballot. ``answers`` maps question id to the answer: a list
    of option ids (single, approval, knapsack, ranked in order) or ``{option id: score}`` (score)
    or ``{option id: points}`` (cumulative, whole numbers)."""
    vote = _visible(request, slug, pk)
    if not permissions.can(request.user, "votes.cast", vote.community):
        raise HttpError(403, "Only verified residents may vote.")
    try:
        outcome = services.cast(
            typing.cast(User, request.user), vote, ballot.answers, ballot.change_code
        )
    except ServiceError as error:
        return Status(400, {"detail": error.message})
    return Status(200, CastOut(change_code=outcome.code, replaced=outcome.replaced))


@router.get("/communities/{slug}/votes/{pk}/results", response=VoteResultsOut, auth=PUBLIC)
def get_results(request: HttpRequest, slug: str, pk: int) -> VoteResultsOut:
    vote = _visible(request, slug, pk)
    if not services.results_visible(request.user, vote):
        raise HttpError(403, "The results are not published yet.")
    downloadable = services.may_download_ballots(request.user, vote)
    questions = []
    for question, result in services.results(vote):
        questions.append(
            VoteResultOut(
                question=question.pk,
                method=result.method,
                ballots=result.ballots,
                blank=result.blank,
                spoiled=result.spoiled,
                winners=list(result.winners),
                counts={str(k): v for k, v in result.counts.items()},
                supporters={str(k): v for k, v in result.supporters.items()},
                rounds=[
                    {
                        "round": r.number,
                        "counts": {str(k): v for k, v in r.counts.items()},
                        "exhausted": r.exhausted,
                        "eliminated": r.eliminated,
                        "elected": r.elected,
                    }
                    for r in result.rounds
                ],
                pairwise=result.pairwise,
                ballot_file_sha256=services.ballot_file_digest(vote, question)
                if downloadable
                else None,
            )
        )
    return VoteResultsOut(
        vote=vote.pk,
        final=bool(vote.results_published_at),
        eligible=services.eligible_count(vote),
        voted=vote.roll.count(),
        questions=questions,
    )


@router.get("/communities/{slug}/votes/{pk}/ballots/{question}.csv", auth=PUBLIC)
def ballots_csv(request: HttpRequest, slug: str, pk: int, question: int) -> HttpResponse:
    vote = _visible(request, slug, pk)
    if not services.may_download_ballots(request.user, vote):
        raise HttpError(403, "Ballots can be downloaded once the results are published.")
    chosen = get_object_or_404(vote.questions, pk=question)
    return HttpResponse(services.ballot_file(vote, chosen), content_type="text/csv; charset=utf-8")
