"""API for review boards and contests: boards, contests, results once they may be read, scores
the caller may see, and scoring by board members."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.models import Community, User
from linli.governance import queries as bodies
from linli.governance.models import Body

from . import boards, services
from .models import Application, Contest

router = Router(tags=["reviews"])


class SeatOut(Schema):
    name: str
    role: str
    term_start: str | None
    term_end: str | None


class BoardOut(Schema):
    id: int
    name: str
    purpose: str
    term_months: int
    members: list[SeatOut]


class ContestCriterionOut(Schema):
    id: int
    name: str
    weight: float
    low: int
    high: int
    levels: list[str]


class ContestOut(Schema):
    id: int
    board: int
    title: str
    stage: str
    opens_at: datetime
    closes_at: datetime
    scoring_deadline: datetime
    budget: int
    criteria: list[ContestCriterionOut]


class ContestResultOut(Schema):
    application: int
    title: str
    rank: int
    raw_mean: float | None
    normalised: float | None
    mean_z: float | None
    reviewers: int
    spread_flag: bool
    decided_by: str


class ScoreOut(Schema):
    criterion: int
    reviewer: str
    value: int
    reason: str


class ScoreIn(Schema):
    criterion: int
    value: int
    reason: str


def _community(slug: str) -> Community:
    return get_object_or_404(Community, slug=slug)


def _contest(request: HttpRequest, slug: str, pk: int) -> Contest:
    community = _community(slug)
    return get_object_or_404(services.visible_contests(request.user, community), pk=pk)


@router.get("/communities/{slug}/review-boards", response=list[BoardOut], auth=PUBLIC)
def list_boards(request: HttpRequest, slug: str) -> list[BoardOut]:
    return [
        BoardOut(
            id=b.pk,
            name=b.name,
            purpose=b.charter.purpose,
            term_months=b.charter.term_months,
            members=[
                SeatOut(
                    name=s.member.name,
                    role=s.office,
                    term_start=s.term_start.isoformat() if s.term_start else None,
                    term_end=s.term_end.isoformat() if s.term_end else None,
                )
                for s in boards.serving(b)
            ],
        )
        for b in bodies.bodies(_community(slug)).filter(kind=Body.Kind.REVIEW_BOARD)
    ]


@router.get("/communities/{slug}/contests", response=list[ContestOut], auth=PUBLIC)
def list_contests(request: HttpRequest, slug: str) -> list[ContestOut]:
    return [
        ContestOut(
            id=c.pk,
            board=c.body_id,  # the governance body that is the board
            title=c.title,
            stage=c.stage,
            opens_at=c.opens_at,
            closes_at=c.closes_at,
            scoring_deadline=c.scoring_deadline,
            budget=int(c.budget),
            criteria=[
                ContestCriterionOut(
                    id=k.pk,
                    name=k.name,
                    weight=float(k.weight),
                    low=k.low,
                    high=k.high,
                    levels=k.level_lines(),
                )
                for k in c.criteria.all()
            ],
        )
        for c in services.visible_contests(request.user, _community(slug))
    ]


@router.get(
    "/communities/{slug}/contests/{pk}/results",
    response={200: list[ContestResultOut], 403: dict[str, str]},
    auth=PUBLIC,
)
def contest_results(request: HttpRequest, slug: str, pk: int) -> Status:
    """Public from the public notice on; to the board once every score is in."""
    contest = _contest(request, slug, pk)
    public = contest.stage in (Contest.Stage.NOTICE, Contest.Stage.FINAL, Contest.Stage.DONE)
    on_board = boards.seat_of(
        permissions.member_of(request.user, contest.community), contest.body
    ) is not None or boards.may_run(request.user, contest.body)
    if not (public or (on_board and services.scores_revealed(contest))):
        return Status(403, {"detail": "Results are not published yet."})
    found = services.results(contest)
    return Status(
        200,
        [
            ContestResultOut(
                application=r.application,  # type: ignore[arg-type]
                title=found.applications[r.application].title,  # type: ignore[index]
                rank=r.rank,
                raw_mean=r.raw_mean,
                normalised=r.normalised,
                mean_z=r.mean_z,
                reviewers=len(r.reviewers),
                spread_flag=r.spread_flag,
                decided_by=r.decided_by,
            )
            for r in found.outcome.results
        ],
    )


def _application(request: HttpRequest, slug: str, pk: int, aid: int) -> Application:
    contest = _contest(request, slug, pk)
    return get_object_or_404(Application, pk=aid, contest=contest)


@router.get(
    "/communities/{slug}/contests/{pk}/applications/{aid}/scores",
    response=list[ScoreOut],
    auth=PUBLIC,
)
def application_scores(request: HttpRequest, slug: str, pk: int, aid: int) -> list[ScoreOut]:
    """The scores the caller may see: his own while scores are hidden, everyone's afterwards."""
    application = _application(request, slug, pk, aid)
    rows = services.visible_scores(request.user, application.contest).filter(
        application=application
    )
    return [
        ScoreOut(criterion=s.criterion_id, reviewer=s.reviewer.name, value=s.value, reason=s.reason)
        for s in rows
    ]


@router.post(
    "/communities/{slug}/contests/{pk}/applications/{aid}/scores",
    response={200: list[ScoreOut], 400: dict[str, str]},
    auth=CALLER,
)
def score_application(
    request: HttpRequest, slug: str, pk: int, aid: int, payload: list[ScoreIn]
) -> Status:
    """A board member scores one application: every criterion with a reason."""
    application = _application(request, slug, pk, aid)
    # Forbidden answers 403 and a refusal 400 with its words (linli.core.kit.http).
    saved = services.save_scores(
        cast(User, request.user),  # CALLER: signed in
        application,
        {row.criterion: (row.value, row.reason) for row in payload},
    )
    return Status(
        200,
        [
            ScoreOut(
                criterion=s.criterion_id, reviewer=s.reviewer.name, value=s.value, reason=s.reason
            )
            for s in saved
        ],
    )
