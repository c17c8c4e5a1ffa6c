"""Organisers' pages: the project builder, phases, equity plan, opening, report-backs, closing
with lessons, and the lessons learned across projects."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from linli.core.attempt import on_form
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.kit import Refused
from linli.core.models import Community

from . import queries, services
from .forms import EquityForm, LessonForm, OpenForm, PhaseFormSet, ProjectForm, ReportBackForm
from .links import linked_items
from .models import Method, Project, ReportBack


def _organise(project: Project) -> Any:
    return redirect("engagement:organise", project.community.slug, project.pk)


def _saved(request: AuthedRequest, done: str, project: Project) -> Any:
    """Say what was done and go back to the project's organiser page."""
    messages.success(request, done)
    return _organise(project)


@community_view("engagement.manage")
def manage_list(request: AuthedRequest, community: Community) -> HttpResponse:
    projects = queries.projects_for_organisers(community)
    groups = [
        (status, label, [p for p in projects if p.status == status])
        for status, label in Project.Status.choices
    ]
    return render(
        request, "engagement/manage/list.html", {"community": community, "groups": groups}
    )


def _project_form_page(
    request: AuthedRequest, community: Community, project: Project | None
) -> HttpResponse:
    # The form gets its own copy, so a refused save leaves the project object untouched.
    instance = Project.objects.get(pk=project.pk) if project else None
    form = ProjectForm(request.POST or None, instance=instance, community=community)
    if request.method == "POST" and form.is_valid():
        areas, partners = list(form.cleaned_data["areas"]), list(form.cleaned_data["partners"])
        if project is None:
            created = on_form(
                form,
                lambda: services.create_project(
                    request.user, community, form.service_fields(), areas, partners
                ),
            )
            if created is not None:
                messages.success(request, _("Project created. Now set its phases."))
                return redirect("engagement:phases", community.slug, created.value.pk)
        else:
            editing = project
            if on_form(
                form,
                lambda: services.update_project(
                    request.user, editing, form.service_fields(), areas, partners
                ),
            ):
                return _saved(request, _("Saved."), project)
    return render(
        request,
        "engagement/manage/project_form.html",
        {"community": community, "form": form, "project": project},
    )


@community_view("engagement.manage")
def project_create(request: AuthedRequest, community: Community) -> HttpResponse:
    return _project_form_page(request, community, None)


@community_view("engagement.manage")
def project_edit(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    project = queries.managed_project(request.user, community, pk)
    return _project_form_page(request, community, project)


@community_view("engagement.manage")
def organise(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    project = queries.managed_project(request.user, community, pk)
    unfinished = queries.unfinished_equity(project)
    context = {
        "community": community,
        "project": project,
        "unfinished": unfinished,
        "equity": queries.equity_items(project),
        "where": queries.where_it_stands(project),
        "phases": queries.phase_rows(project),
        "links": linked_items(project),
        "people": queries.participants(project).count(),
        "report_backs": project.report_backs.select_related("phase").order_by("-created_at"),
        "lesson": queries.lesson_of(project),
        "open_form": OpenForm(),
        "budget": queries.budget_text(project.budget),
    }
    return render(request, "engagement/manage/organise.html", context)


@community_view("engagement.manage")
def phases(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    project = queries.managed_project(request.user, community, pk)
    formset = PhaseFormSet(
        request.POST or None,
        queryset=project.phases.all(),
        form_kwargs={"project": project},
        prefix="phase",
    )
    error = ""
    if request.method == "POST" and formset.is_valid():
        try:
            services.save_phases(request.user, project, formset.rows())  # type: ignore[attr-defined]
        except Refused as refusal:
            error = refusal.message
        else:
            messages.success(request, _("Phases saved."))
            return _organise(project)
    return render(
        request,
        "engagement/manage/phases.html",
        {"community": community, "project": project, "formset": formset, "error": error},
    )


@community_view("engagement.manage")
def equity(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    project = queries.managed_project(request.user, community, pk)
    form = EquityForm(request.POST or None, items=queries.equity_items(project))
    if request.method == "POST" and form.is_valid():
        plan = on_form(
            form,
            lambda: services.save_equity_plan(request.user, project, form.answers()),
            field=lambda item: f"{item}-answer",
        )
        if plan:
            return _saved(request, _("Equity plan saved."), project)
    return render(
        request,
        "engagement/manage/equity.html",
        {"community": community, "project": project, "form": form},
    )


@community_view("engagement.manage")
def open_project(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    project = queries.managed_project(request.user, community, pk)
    form = OpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opening = on_form(
            form, lambda: services.open_project(request.user, project, form.cleaned_data["reason"])
        )
        if opening:
            return _saved(request, _("The project is open. Residents can see it now."), project)
    return render(
        request,
        "engagement/manage/open.html",
        {
            "community": community,
            "project": project,
            "form": form,
            "unfinished": queries.unfinished_equity(project),
        },
        status=400 if request.method == "POST" else 200,
    )


@community_view("engagement.manage")
def report_back(
    request: AuthedRequest, community: Community, pk: int, report_pk: int | None = None
) -> HttpResponse:
    project = queries.managed_project(request.user, community, pk)
    report = get_object_or_404(ReportBack, project=project, pk=report_pk) if report_pk else None
    if report is not None and report.is_published:
        messages.info(request, _("A published report-back stays as it is."))
        return _organise(project)
    initial: dict[str, Any] = {}
    if report is not None:
        initial = {
            "phase": report.phase,
            "heard": report.heard,
            "did": report.did,
            "decided": report.decided,
        }
    else:
        current = queries.current_phases(project)
        if current:
            initial = {"phase": current[0]}
    form = ReportBackForm(request.POST or None, initial=initial, project=project)
    people = queries.participants(project).count()
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST
        saved = on_form(
            form,
            lambda: services.save_report_back(
                request.user, project, form.service_input(), report=report, publish=publish
            ),
        )
        if saved is not None:
            if publish:
                done = _("Published. %(n)s people who took part were notified.") % {
                    "n": saved.value.notified
                }
            else:
                done = _("Draft saved. Residents do not see it yet.")
            return _saved(request, done, project)
    return render(
        request,
        "engagement/manage/report_back.html",
        {
            "community": community,
            "project": project,
            "form": form,
            "report": report,
            "people": people,
        },
    )


@community_view("engagement.manage")
def close(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """Close an open project with its lessons, or correct the lessons of a closed one."""
    project = queries.managed_project(request.user, community, pk)
    if project.status == Project.Status.PLANNING:
        messages.error(request, _("A project being planned is not closed; open it first."))
        return _organise(project)
    lesson = queries.lesson_of(project)
    initial = (
        {
            "worked": lesson.worked,
            "change": lesson.change,
            "again": lesson.again,
            "methods_again": lesson.methods_again,
        }
        if lesson
        else {"methods_again": project.methods}
    )
    form = LessonForm(request.POST or None, initial=initial, project=project)
    if request.method == "POST" and form.is_valid():
        if project.status == Project.Status.OPEN:
            closing = on_form(
                form, lambda: services.close_project(request.user, project, form.service_input())
            )
            if closing:
                done = _("The project is closed. Thank you for the lessons.")
                return _saved(request, done, project)
        elif on_form(
            form, lambda: services.save_lesson(request.user, project, form.service_input())
        ):
            return _saved(request, _("Lessons saved."), project)
    return render(
        request,
        "engagement/manage/close.html",
        {"community": community, "project": project, "form": form},
    )


@community_view("engagement.lessons")
def lessons(request: AuthedRequest, community: Community) -> HttpResponse:
    """Lessons from every closed project in the communities the organiser works in."""
    lessons = queries.lessons_for(request.user)
    method = request.GET.get("method", "")
    rows = []
    labels = dict(Method.choices)
    for lesson in lessons:
        project = lesson.project
        if method in Method.values and method not in project.methods:
            continue
        rows.append(
            {
                "lesson": lesson,
                "project": project,
                "methods": [
                    {"label": labels.get(m, m), "again": m in lesson.methods_again}
                    for m in project.methods
                ],
                "again_for_method": method in lesson.methods_again if method else None,
            }
        )
    return render(
        request,
        "engagement/manage/lessons.html",
        {
            "community": community,
            "rows": rows,
            "method": method if method in Method.values else "",
            "method_label": labels.get(method, ""),
            "methods": Method.choices,
        },
    )
