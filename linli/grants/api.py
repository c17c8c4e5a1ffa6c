"""API for micro-grants: calls, funded projects and their progress. Public data only: team
members appear only with their consent, panel scores and private contact details never."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from linli.api.auth import PUBLIC
from linli.core.models import Community
from linli.tracking import queries as tracking

from . import services
from .models import Application, Call, Report

router = Router(tags=["grants"])


class GrantCriterionOut(Schema):
    name: str
    weight: int


class CallOut(Schema):
    id: int
    title: str
    year: int
    status: str
    themes: list[str]
    project_cap: int
    community_cap: int
    opens_on: date
    closes_on: date
    review_by: date
    award_by: date
    accepting: bool
    criteria: list[GrantCriterionOut]
    awarded_total: int


class GrantMilestoneOut(Schema):
    title: str
    due: date
    reported: bool


class GrantProjectOut(Schema):
    id: int
    call: int
    year: int
    title: str
    group: str
    theme: str
    awarded: int
    spent: int
    team: list[str]
    milestones: list[GrantMilestoneOut]
    reports_accepted: int
    final_report: bool
    evaluation: str | None
    evaluation_reason: str | None


def _community(slug: str) -> Community:
    return get_object_or_404(Community, slug=slug)


def _call_out(c: Call) -> CallOut:
    return CallOut(
        id=c.pk,
        title=c.title,
        year=c.year,
        status=c.status,
        themes=list(c.themes),
        project_cap=c.project_cap,
        community_cap=c.community_cap,
        opens_on=c.opens_on,
        closes_on=c.closes_on,
        review_by=c.review_by,
        award_by=c.award_by,
        accepting=services.accepting(c),
        criteria=[GrantCriterionOut(name=k.name, weight=k.weight) for k in c.criteria.all()],
        awarded_total=c.awarded_total(),
    )


@router.get("/communities/{slug}/grant-calls", response=list[CallOut], auth=PUBLIC)
def list_calls(request: HttpRequest, slug: str) -> list[CallOut]:
    return [_call_out(c) for c in services.visible_calls(request.user, _community(slug))]


@router.get("/communities/{slug}/grant-calls/{pk}", response=CallOut, auth=PUBLIC)
def get_call(request: HttpRequest, slug: str, pk: int) -> CallOut:
    return _call_out(
        get_object_or_404(services.visible_calls(request.user, _community(slug)), pk=pk)
    )


def _project_out(a: Application) -> GrantProjectOut:
    accepted = a.reports.filter(status=Report.Status.ACCEPTED)
    evaluation = getattr(a, "evaluation", None)
    return GrantProjectOut(
        id=a.pk,
        call=a.call_id,
        year=a.call.year,
        title=a.title,
        group=a.group_name,
        theme=a.theme,
        awarded=a.award_amount or 0,
        spent=int(a.spent()),
        team=[t.shown_name for t in services.team_named(a)],
        milestones=[
            GrantMilestoneOut(
                title=m.title,
                due=m.due,  # type: ignore[arg-type]  # a grant's milestones always have one
                reported=accepted.filter(milestone=m).exists(),
            )
            for m in tracking.milestones(a)
        ],
        reports_accepted=accepted.count(),
        final_report=accepted.filter(kind=Report.Kind.FINAL).exists(),
        evaluation=evaluation.outcome if evaluation else None,
        evaluation_reason=evaluation.reason if evaluation else None,
    )


@router.get("/communities/{slug}/grant-projects", response=list[GrantProjectOut], auth=PUBLIC)
def list_projects(request: HttpRequest, slug: str) -> list[GrantProjectOut]:
    return [_project_out(a) for a in services.awarded(_community(slug))]


@router.get("/communities/{slug}/grant-projects/{pk}", response=GrantProjectOut, auth=PUBLIC)
def get_project(request: HttpRequest, slug: str, pk: int) -> GrantProjectOut:
    return _project_out(get_object_or_404(services.awarded(_community(slug)), pk=pk))
