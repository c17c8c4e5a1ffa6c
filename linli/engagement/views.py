"""Residents' pages: the list of projects, and a project in plain words - where it stands, what
is open now, what was decided, and the full record of what we heard and what we did."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can

from . import queries
from .equity import GUIDE_BY_TOPIC, PUBLIC_TOPICS
from .links import linked_items
from .models import Project


@community_view("engagement.view")
def project_list(request: AuthedRequest, community: Community) -> HttpResponse:
    projects = queries.published_projects(community)
    rows = {
        status: [
            {"project": p, "where": queries.where_it_stands(p)}
            for p in projects
            if p.status == status
        ]
        for status in (Project.Status.OPEN, Project.Status.CLOSED)
    }
    return render(
        request,
        "engagement/list.html",
        {
            "community": community,
            "open_rows": rows[Project.Status.OPEN],
            "closed_rows": rows[Project.Status.CLOSED],
            "is_organiser": can(request.user, "engagement.manage", community),
        },
    )


@community_view("engagement.view")
def project_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    project = queries.visible_project(request.user, community, pk)
    items = linked_items(project)
    report_backs = list(queries.published_report_backs(project))
    support = [
        {"item": item, "guide": GUIDE_BY_TOPIC[item.topic]}
        for item in queries.equity_items(project)
        if item.topic in PUBLIC_TOPICS and item.state == item.State.DONE
    ]
    member = request.member  # type: ignore[attr-defined]
    context = {
        "community": community,
        "project": project,
        "where": queries.where_it_stands(project),
        "phases": queries.phase_rows(project),
        "open_links": [i for i in items if i.is_open],
        "other_links": [i for i in items if not i.is_open],
        "report_backs": report_backs,
        "decisions": [r for r in report_backs if r.decided],
        "support": support,
        "areas": project.areas.select_related("parent"),
        "partners": project.partners.all(),
        "budget": queries.budget_text(project.budget),
        "took_part": queries.took_part(project, member),
        "is_organiser": can(request.user, "engagement.manage", community),
    }
    return render(request, "engagement/detail.html", context)
