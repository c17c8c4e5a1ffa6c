"""API for engagement projects: the published projects of a community and their record.

Anyone may read open and closed projects. Projects still being planned are invisible (404) except
to organisers. The equity plan's internal notes, draft report-backs and lessons are organiser-only
fields: for everyone else they are null.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from linli.api.auth import PUBLIC
from linli.core import permissions
from linli.core.models import Community

from . import queries
from .equity import PUBLIC_TOPICS
from .links import linked_items
from .models import Project, ReportBack

router = Router(tags=["engagement"])


class PhaseOut(Schema):
    order: int
    kind: str
    name: str
    description: str
    starts_on: date
    ends_on: date
    state: str


class ReportBackOut(Schema):
    id: int
    phase: str
    heard: str
    did: str
    decided: str
    published_at: datetime | None


class EquityItemOut(Schema):
    topic: str
    state: str
    answer: str


class LinkOut(Schema):
    title: str
    url: str
    status: str
    is_open: bool
    kind: str


class LessonOut(Schema):
    worked: str
    change: str
    again: str
    methods_again: list[str]


class ProjectSummaryOut(Schema):
    id: int
    slug: str
    title: str
    status: str
    level: str
    starts_on: date | None
    ends_on: date | None
    url: str


class ProjectOut(ProjectSummaryOut):
    purpose: str
    decision: str
    level_promise: str
    where_it_stands: str
    areas: list[str]
    stakeholder_groups: list[str]
    partners: list[str]
    budget: Decimal | None
    methods: list[str]
    lead: str | None
    phases: list[PhaseOut]
    report_backs: list[ReportBackOut]
    linked: list[LinkOut]
    support: list[EquityItemOut]
    # organiser-only
    equity_plan: list[EquityItemOut] | None = None
    drafts: list[ReportBackOut] | None = None
    opened_despite: str | None = None
    lesson: LessonOut | None = None


def _community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    permissions.require(request.user, "engagement.view", community)  # Forbidden: 403
    return community


def _summary(project: Project) -> dict[str, object]:
    return {
        "id": project.pk,
        "slug": project.slug,
        "title": project.title,
        "status": project.status,
        "level": project.level,
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "url": project.get_absolute_url(),
    }


def _report(report: ReportBack) -> ReportBackOut:
    return ReportBackOut(
        id=report.pk,
        phase=report.phase.name,
        heard=report.heard,
        did=report.did,
        decided=report.decided,
        published_at=report.published_at,
    )


@router.get("/communities/{slug}/projects", response=list[ProjectSummaryOut], auth=PUBLIC)
def list_projects(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    """Open and closed projects, newest first."""
    community = _community(request, slug)
    return [_summary(p) for p in Project.objects.of(community).published()]


@router.get("/communities/{slug}/projects/{pk}", response=ProjectOut, auth=PUBLIC)
def get_project(request: HttpRequest, slug: str, pk: int) -> ProjectOut:
    community = _community(request, slug)
    project = queries.visible_project(request.user, community, pk)
    items = queries.equity_items(project)
    out = ProjectOut(
        **_summary(project),  # type: ignore[arg-type]
        purpose=project.purpose,
        decision=project.decision,
        level_promise=str(project.level_promise),
        where_it_stands=queries.where_it_stands(project),
        areas=[place.label for place in project.areas.select_related("parent")],
        stakeholder_groups=project.stakeholder_list,
        partners=[partner.name for partner in project.partners.all()],
        budget=project.budget,
        methods=list(project.methods),
        lead=project.lead.name if project.lead else None,
        phases=[
            PhaseOut(
                order=row.phase.order,
                kind=row.phase.kind,
                name=row.phase.name,
                description=row.phase.description,
                starts_on=row.phase.starts_on,
                ends_on=row.phase.ends_on,
                state=row.state.value,
            )
            for row in queries.phase_rows(project)
        ],
        report_backs=[_report(r) for r in queries.published_report_backs(project)],
        linked=[LinkOut(**vars(item)) for item in linked_items(project)],
        support=[
            EquityItemOut(topic=i.topic, state=i.state, answer=i.answer)
            for i in items
            if i.topic in PUBLIC_TOPICS and i.state == i.State.DONE
        ],
    )
    if permissions.can(request.user, "engagement.manage", community):
        out.equity_plan = [
            EquityItemOut(topic=i.topic, state=i.state, answer=i.answer) for i in items
        ]
        out.drafts = [_report(r) for r in queries.draft_report_backs(project)]
        out.opened_despite = project.opened_despite
        lesson = queries.lesson_of(project)
        if lesson is not None:
            out.lesson = LessonOut(
                worked=lesson.worked,
                change=lesson.change,
                again=lesson.again,
                methods_again=list(lesson.methods_again),
            )
    return out
