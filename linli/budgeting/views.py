"""Resident pages: processes, ideas (submit, appeal), results with reasons, implementation progress
(with the tracking forms for the owner and team)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core import rounding
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can, member_of
from linli.core.services import ServiceError
from linli.tracking import queries as tracking

from . import explain, interop, services
from .forms import (
    AppealDecisionForm,
    AppealForm,
    CostForm,
    DoneForm,
    IdeaForm,
    MergeForm,
    MilestoneForm,
    OwnerForm,
    ReviewForm,
    SpendingForm,
)
from .models import Idea, Process, Update


def form_error(form: Any, error: ServiceError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def visible_process(request: AuthedRequest, community: Community, pk: int) -> Process:
    process = get_object_or_404(
        Process.objects.select_related("community", "vote", "project"), community=community, pk=pk
    )
    if process.status == Process.Status.DRAFT and not can(
        request.user, "budgeting.manage", community
    ):
        raise Http404
    return process


def visible_idea(request: AuthedRequest, community: Community, pk: int) -> Idea:
    idea = get_object_or_404(
        Idea.objects.select_related("process__community", "area", "author", "option"),
        process__community=community,
        pk=pk,
    )
    visible_process(request, community, idea.process_id)
    return idea


@community_view("budgeting.view")
def process_list(request: AuthedRequest, community: Community) -> HttpResponse:
    processes = services.visible_processes(request.user, community)
    return render(
        request,
        "budgeting/list.html",
        {
            "community": community,
            "processes": processes,
            "manages": can(request.user, "budgeting.manage", community),
        },
    )


@community_view("budgeting.view")
def process_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    process = visible_process(request, community, pk)
    ideas = list(process.ideas.select_related("area").exclude(status=Idea.Status.MERGED))
    context = {
        "community": community,
        "process": process,
        "ideas": ideas,
        "projects": [i for i in ideas if i.status == Idea.Status.FEASIBLE],
        "sub_budgets": process.sub_budgets.select_related("area"),
        "manages": can(request.user, "budgeting.manage", community),
        "reviews": services.is_reviewer(request.user, process),
        "may_propose": process.phase == "ideas"
        and can(request.user, "budgeting.propose", community),
        "funded": [(i, services.progress(i)) for i in services.funded(process)],
        "updates": Update.objects.filter(idea__process=process).select_related("idea")[:10],
        "results_visible": services.results_visible(request.user, process),
        "phases": phase_rows(process),
        "now": timezone.now(),
    }
    return render(request, "budgeting/detail.html", context)


def phase_rows(process: Process) -> list[dict[str, Any]]:
    current = process.phase
    rows = [
        ("ideas", _("Collect ideas"), process.ideas_open_at),
        ("review", _("Feasibility review"), process.review_starts_at),
        ("vote", _("Vote"), process.vote_opens_at),
        ("results", _("Results"), process.vote_closes_at),
        ("implementation", _("Implementation"), process.implementation_starts_at),
    ]
    return [
        {"key": k, "label": label, "starts": when, "current": k == current}
        for k, label, when in rows
    ]


@community_view("budgeting.propose")
def idea_new(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    process = visible_process(request, community, pk)
    if process.phase != "ideas":
        messages.error(request, _("Ideas are collected only during the idea phase."))
        return redirect(process.get_absolute_url())
    form = IdeaForm(request.POST or None, request.FILES or None, community=community)
    if request.method == "POST" and form.is_valid():
        idea = form.save(commit=False)
        try:
            services.submit_idea(request.user, process, idea, form.cleaned_data.get("photo_upload"))
        except ServiceError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("Thank you! Your idea is in; the review team will look at it.")
            )
            return redirect(idea.get_absolute_url())
    return render(
        request,
        "budgeting/idea_form.html",
        {"community": community, "process": process, "form": form},
    )


@community_view("budgeting.view")
def idea_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    idea = visible_idea(request, community, pk)
    process = idea.process
    member = member_of(request.user, community)
    manages = can(request.user, "budgeting.manage", community)
    reviews = services.is_reviewer(request.user, process)
    before_vote = process.vote_id is None and process.phase in ("ideas", "review")
    context = {
        "community": community,
        "process": process,
        "idea": idea,
        "is_author": member is not None and idea.author_id == member.pk,
        "appeal_form": AppealForm() if idea.may_appeal and before_vote else None,
        "review_form": ReviewForm(initial={"cost": idea.cost or idea.estimated_cost})
        if reviews and before_vote and idea.status != Idea.Status.MERGED
        else None,
        "cost_form": CostForm(initial={"cost": idea.cost})
        if manages and before_vote and idea.status == Idea.Status.FEASIBLE
        else None,
        "merge_form": MergeForm(idea=idea)
        if reviews and before_vote and idea.status == Idea.Status.SUBMITTED
        else None,
        "decision_form": AppealDecisionForm(initial={"cost": idea.cost or idea.estimated_cost})
        if manages and before_vote and idea.appealed_at and idea.appeal_upheld is None
        else None,
    }
    return render(request, "budgeting/idea.html", context)


@require_POST
@community_view("budgeting.propose")
def idea_appeal(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    idea = visible_idea(request, community, pk)
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            services.appeal(request.user, idea, form.cleaned_data["text"])
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your appeal is in. The organisers will answer it here."))
            return redirect(idea.get_absolute_url())
    else:
        messages.error(request, _("Write why the idea should be reconsidered."))
    return redirect(idea.get_absolute_url())


@community_view("budgeting.view")
def results(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    process = visible_process(request, community, pk)
    if not services.results_visible(request.user, process):
        raise Http404
    context = results_context(process)
    context.update(
        community=community,
        manages=can(request.user, "budgeting.manage", community),
    )
    return render(request, "budgeting/results.html", context)


def results_context(process: Process) -> dict[str, Any]:
    outcome = services.outcome_of(process)
    assert outcome is not None
    ideas = {i.key: i for i in process.ideas.filter(option__isnull=False).select_related("area")}
    labels = services.group_labels(process)
    rows = []
    left = process.budget - sum((ideas[k].cost or 0) for k in outcome.selected if k in ideas)
    for entry in outcome.data["explanations"]:
        idea = ideas.get(entry["project"])
        if idea is None:
            continue
        votes = int(entry["numbers"].get("votes", 0))
        rows.append(
            {
                "idea": idea,
                "funded": entry["funded"],
                "votes": votes,
                "bar": rounding.bar_width(votes, outcome.ballots),
                "cost": idea.cost or 0,
                "why": explain.sentence(entry["code"], entry["numbers"], labels, left),
                "code": entry["code"],
            }
        )
    rows.sort(key=lambda r: (not r["funded"], -r["votes"]))
    spent = sum(r["cost"] for r in rows if r["funded"])
    groups = []
    for sub in process.sub_budgets.select_related("area"):
        used = sum(r["cost"] for r in rows if r["funded"] and sub.group in r["idea"].groups)
        groups.append(
            {"label": sub.label, "amount": sub.amount, "used": used, "left": sub.amount - used}
        )
    return {
        "process": process,
        "outcome": outcome,
        "rows": rows,
        "spent": spent,
        "left": process.budget - spent,
        "groups": groups,
        "rule_summary": explain.rule_summary(outcome.rule),
        "tie_break": explain.tie_break(),
        "completed_greedily": str(outcome.data.get("rule", "")).endswith("_greedy"),
    }


@community_view("budgeting.view")
def results_pb(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    process = visible_process(request, community, pk)
    if not services.results_visible(request.user, process):
        raise Http404
    response = HttpResponse(interop.export_text(process), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="linli-budget-{process.pk}.pb"'
    return response


@community_view("budgeting.view")
def project_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    idea = visible_idea(request, community, pk)
    if idea not in services.funded(idea.process):
        raise Http404
    tracks = services.may_track(request.user, idea) and idea.work != Idea.Work.DONE
    context = {
        "community": community,
        "process": idea.process,
        "idea": idea,
        "progress": services.progress(idea),
        "milestones": tracking.milestones(idea),
        "spending": tracking.spending(idea),
        "sees_receipts": services.may_see_receipts(request.user, idea),
        "tracks": tracks,
        "team": tracking.team_named(idea),
        "manages": can(request.user, "budgeting.manage", community),
        "owner_form": OwnerForm(
            community=community,
            initial={
                "owner": idea.owner,
                "owner_partner": idea.owner_partner,
                "team": tracking.residents(idea),
            },
        ),
        "milestone_form": MilestoneForm() if tracks else None,
        "spending_form": SpendingForm() if tracks else None,
        "done_form": DoneForm() if tracks else None,
    }
    return render(request, "budgeting/project.html", context)


@require_POST
@community_view("budgeting.view")
def project_track(request: AuthedRequest, community: Community, pk: int, what: str) -> HttpResponse:
    """One endpoint for the owner's and team's updates: milestone, milestone done, spending, done."""
    idea = visible_idea(request, community, pk)
    if not services.may_track(request.user, idea):
        raise Http404
    try:
        if what == "milestone":
            form: Any = MilestoneForm(request.POST)
            if form.is_valid():
                services.add_milestone(
                    request.user, idea, form.cleaned_data["title"], form.cleaned_data["due"]
                )
                messages.success(request, _("Milestone added."))
        elif what == "milestone-done":
            milestone = get_object_or_404(
                tracking.milestones(idea), pk=request.POST.get("milestone")
            )
            services.milestone_done(request.user, milestone)
            messages.success(request, _("Milestone marked done."))
            form = None
        elif what == "spending":
            form = SpendingForm(request.POST, request.FILES)
            if form.is_valid():
                _entry, over = services.add_spending(
                    request.user,
                    idea,
                    amount=form.cleaned_data["amount"],
                    what=form.cleaned_data["what"],
                    spent_on=form.cleaned_data["spent_on"],
                    receipt=form.cleaned_data["receipt"],
                )
                messages.success(request, _("Spending recorded."))
                if over:
                    messages.warning(request, _("Spending is now above the project's budget."))
        elif what == "done":
            form = DoneForm(request.POST, request.FILES)
            if form.is_valid():
                services.mark_done(
                    request.user,
                    idea,
                    form.cleaned_data["final_note"],
                    form.cleaned_data["final_photo"],
                )
                messages.success(request, _("The project is marked done."))
        else:
            raise Http404
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("budgeting:project", community.slug, idea.pk)
    if form is not None and not form.is_valid():
        # Show the form again with what was typed and the errors.
        context = {
            "community": community,
            "process": idea.process,
            "idea": idea,
            "progress": services.progress(idea),
            "milestones": tracking.milestones(idea),
            "spending": tracking.spending(idea),
            "sees_receipts": True,
            "team": tracking.team_named(idea),
            "tracks": True,
            "manages": can(request.user, "budgeting.manage", community),
            "owner_form": OwnerForm(community=community),
            "milestone_form": form if what == "milestone" else MilestoneForm(),
            "spending_form": form if what == "spending" else SpendingForm(),
            "done_form": form if what == "done" else DoneForm(),
        }
        return render(request, "budgeting/project.html", context, status=400)
    return redirect("budgeting:project", community.slug, idea.pk)
