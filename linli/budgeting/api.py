"""API for participatory budgeting: processes, ideas, projects, published results with the reason
for each project, implementation progress; residents may submit an idea."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.bad_input import MAX_YUAN
from linli.core.models import Community
from linli.core.services import ServiceError
from linli.tracking import queries as tracking

from . import explain, services
from .models import Idea, Process

router = Router(tags=["budgeting"])


class ProcessOut(Schema):
    id: int
    title: str
    phase: str
    budget: int
    ballot_type: str
    rule: str
    project_cap: int | None
    area_cap: int | None
    ideas_open_at: datetime
    review_starts_at: datetime
    vote_opens_at: datetime
    vote_closes_at: datetime
    implementation_starts_at: datetime
    vote: int | None
    sub_budgets: list[dict[str, str | int]]


class IdeaOut(Schema):
    id: int
    title: str
    body: str
    status: str
    area: str | None
    theme: str
    estimated_cost: int | None
    cost: int | None
    cost_reason: str
    review_note: str
    appeal_text: str
    appeal_answer: str
    proposal: int | None


class IdeaIn(Schema):
    title: str
    body: str
    estimated_cost: int | None = Field(None, ge=0, le=MAX_YUAN)
    theme: str = ""


class BudgetResultOut(Schema):
    project: int
    title: str
    cost: int
    funded: bool
    votes: int
    code: str
    explanation: str


class BudgetResultsOut(Schema):
    rule: str
    computed_at: datetime
    published_at: datetime | None
    ballots: int
    budget: int
    spent: int
    tie_break: str
    projects: list[BudgetResultOut]


class BudgetMilestoneOut(Schema):
    title: str
    due: date
    done_on: date | None


class ProgressOut(Schema):
    project: int
    title: str
    status: str
    budget: float
    spent: float
    milestones: list[BudgetMilestoneOut]


def _community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    if not permissions.can(request.user, "budgeting.view", community):
        raise HttpError(403, "forbidden")
    return community


def _process(request: HttpRequest, community: Community, pk: int) -> Process:
    process = get_object_or_404(Process, community=community, pk=pk)
    if process.status == Process.Status.DRAFT and not permissions.can(
        request.user, "budgeting.manage", community
    ):
        raise Http404
    return process


def _process_out(p: Process) -> ProcessOut:
    return ProcessOut(
        id=p.pk,
        title=p.title,
        phase=p.phase,
        budget=p.budget,
        ballot_type=p.ballot_type,
        rule=p.rule,
        project_cap=p.project_cap,
        area_cap=p.area_cap,
        ideas_open_at=p.ideas_open_at,
        review_starts_at=p.review_starts_at,
        vote_opens_at=p.vote_opens_at,
        vote_closes_at=p.vote_closes_at,
        implementation_starts_at=p.implementation_starts_at,
        vote=p.vote_id,
        sub_budgets=[
            {"label": s.label, "group": s.group, "amount": s.amount} for s in p.sub_budgets.all()
        ],
    )


def _idea_out(i: Idea) -> IdeaOut:
    return IdeaOut(
        id=i.pk,
        title=i.title,
        body=i.body,
        status=i.status,
        area=i.area.name if i.area else None,
        theme=i.theme,
        estimated_cost=i.estimated_cost,
        cost=i.cost,
        cost_reason=i.cost_reason,
        review_note=i.review_note,
        appeal_text=i.appeal_text,
        appeal_answer=i.appeal_answer,
        proposal=i.proposal_id,
    )


@router.get("/communities/{slug}/budget", response=list[ProcessOut], auth=PUBLIC)
def list_processes(request: HttpRequest, slug: str) -> list[ProcessOut]:
    community = _community(request, slug)
    return [_process_out(p) for p in services.visible_processes(request.user, community)]


@router.get("/communities/{slug}/budget/{pk}", response=ProcessOut, auth=PUBLIC)
def get_process(request: HttpRequest, slug: str, pk: int) -> ProcessOut:
    return _process_out(_process(request, _community(request, slug), pk))


@router.get("/communities/{slug}/budget/{pk}/ideas", response=list[IdeaOut], auth=PUBLIC)
def list_ideas(request: HttpRequest, slug: str, pk: int) -> list[IdeaOut]:
    process = _process(request, _community(request, slug), pk)
    return [_idea_out(i) for i in process.ideas.select_related("area")]


@router.post("/communities/{slug}/budget/{pk}/ideas", response={201: IdeaOut}, auth=CALLER)
def submit_idea(request: HttpRequest, slug: str, pk: int, data: IdeaIn) -> tuple[int, IdeaOut]:
    community = _community(request, slug)
    process = _process(request, community, pk)
    if not permissions.can(request.user, "budgeting.propose", community):
        raise HttpError(403, "forbidden")
    idea = Idea(
        title=data.title[:120], body=data.body, estimated_cost=data.estimated_cost, theme=data.theme
    )
    if not idea.title.strip() or not idea.body.strip():
        raise HttpError(400, "title and body are required")
    try:
        services.submit_idea(request.user, process, idea)  # type: ignore[arg-type]
    except ServiceError as error:
        raise HttpError(400, error.message) from error
    return 201, _idea_out(idea)


@router.get("/communities/{slug}/budget/{pk}/projects", response=list[IdeaOut], auth=PUBLIC)
def list_projects(request: HttpRequest, slug: str, pk: int) -> list[IdeaOut]:
    process = _process(request, _community(request, slug), pk)
    return [_idea_out(i) for i in services.projects(process)]


@router.get("/communities/{slug}/budget/{pk}/results", response=BudgetResultsOut, auth=PUBLIC)
def get_results(request: HttpRequest, slug: str, pk: int) -> BudgetResultsOut:
    process = _process(request, _community(request, slug), pk)
    if not services.results_visible(request.user, process):
        raise Http404
    outcome = services.outcome_of(process)
    assert outcome is not None
    ideas = {i.key: i for i in process.ideas.filter(option__isnull=False)}
    labels = services.group_labels(process)
    rows = []
    left = process.budget - sum((ideas[k].cost or 0) for k in outcome.selected if k in ideas)
    for entry in outcome.data["explanations"]:
        idea = ideas.get(entry["project"])
        if idea is None:
            continue
        rows.append(
            BudgetResultOut(
                project=idea.pk,
                title=idea.title,
                cost=idea.cost or 0,
                funded=entry["funded"],
                votes=int(entry["numbers"].get("votes", 0)),
                code=entry["code"],
                explanation=explain.sentence(entry["code"], entry["numbers"], labels, left),
            )
        )
    return BudgetResultsOut(
        rule=outcome.rule,
        computed_at=outcome.computed_at,
        published_at=outcome.published_at,
        ballots=outcome.ballots,
        budget=process.budget,
        spent=sum(r.cost for r in rows if r.funded),
        tie_break=explain.tie_break(),
        projects=rows,
    )


@router.get("/communities/{slug}/budget/{pk}/progress", response=list[ProgressOut], auth=PUBLIC)
def get_progress(request: HttpRequest, slug: str, pk: int) -> list[ProgressOut]:
    process = _process(request, _community(request, slug), pk)
    result = []
    for idea in services.funded(process):
        progress = services.progress(idea)
        result.append(
            ProgressOut(
                project=idea.pk,
                title=idea.title,
                status=idea.work,
                budget=float(progress["budget"]),
                spent=float(progress["spent"]),
                milestones=[
                    BudgetMilestoneOut(
                        title=m.title,
                        due=m.due,  # type: ignore[arg-type]  # budgeting's always have one
                        done_on=m.done_on,
                    )
                    for m in tracking.milestones(idea)
                ],
            )
        )
    return result
