"""Organiser and reviewer pages: set up a process, review ideas, answer appeals, open the vote,
compute and publish the outcome, name owners of funded projects."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.kit import Forbidden
from linli.core.models import Community
from linli.core.services import ServiceError

from . import services
from .forms import (
    AppealDecisionForm,
    CostForm,
    MergeForm,
    OwnerForm,
    ProcessForm,
    ProposalForm,
    ReviewForm,
    SubBudgetForm,
)
from .models import Idea, Process
from .views import form_error, visible_idea


def _process(community: Community, pk: int) -> Process:
    return get_object_or_404(Process, community=community, pk=pk)


@community_view("budgeting.manage")
def process_edit(
    request: AuthedRequest, community: Community, pk: int | None = None
) -> HttpResponse:
    process = _process(community, pk) if pk else None
    form = ProcessForm(request.POST or None, instance=process, community=community)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.community = community
        try:
            services.save_process(
                request.user, saved, form.cleaned_data["areas"], form.cleaned_data["reviewers"]
            )
        except ServiceError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Budget process saved."))
            return redirect("budgeting:setup", community.slug, saved.pk)
    return render(
        request,
        "budgeting/manage/process_form.html",
        {"community": community, "form": form, "process": process},
    )


@community_view("budgeting.manage")
def setup(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """Sub-budgets, proposals brought in, publishing."""
    process = _process(community, pk)
    sub_form = SubBudgetForm(request.POST or None, community=community, prefix="sub")
    proposal_form = ProposalForm(community=community, prefix="proposal")
    if request.method == "POST" and sub_form.is_valid():
        try:
            services.set_sub_budget(
                request.user,
                process,
                sub_form.cleaned_data["amount"],
                area=sub_form.cleaned_data["area"],
                theme=sub_form.cleaned_data["theme"],
            )
        except ServiceError as error:
            form_error(sub_form, error)
        else:
            messages.success(request, _("Sub-budget saved."))
            return redirect("budgeting:setup", community.slug, process.pk)
    context = {
        "community": community,
        "process": process,
        "sub_form": sub_form,
        "proposal_form": proposal_form,
        "sub_budgets": process.sub_budgets.select_related("area"),
    }
    return render(request, "budgeting/manage/setup.html", context)


@require_POST
@community_view("budgeting.manage")
def publish(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    process = _process(community, pk)
    try:
        services.publish(request.user, process)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("budgeting:setup", community.slug, pk)
    messages.success(request, _("The process is published."))
    return redirect(process.get_absolute_url())


@require_POST
@community_view("budgeting.manage")
def bring_proposal(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    process = _process(community, pk)
    form = ProposalForm(request.POST, community=community, prefix="proposal")
    if form.is_valid():
        try:
            idea = services.import_proposal(request.user, process, form.cleaned_data["proposal"])
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The proposal is now an idea of this process."))
            return redirect(idea.get_absolute_url())
    else:
        messages.error(request, _("Choose a proposal."))
    return redirect("budgeting:setup", community.slug, pk)


def _review_post(request: AuthedRequest, community: Community, pk: int, what: str) -> HttpResponse:
    idea = visible_idea(request, community, pk)
    if not services.is_reviewer(request.user, idea.process):
        raise Forbidden("budgeting.review")
    try:
        if what == "review":
            form = ReviewForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                services.review_idea(
                    request.user,
                    idea,
                    feasible=data["feasible"],
                    note=data["note"],
                    cost=data["cost"],
                    cost_reason=data["cost_reason"],
                )
                messages.success(request, _("Review saved; the author is told."))
            else:
                messages.error(request, _("Choose a verdict."))
        elif what == "merge":
            merge = MergeForm(request.POST, idea=idea)
            if merge.is_valid():
                services.merge_idea(request.user, idea, merge.cleaned_data["into"])
                messages.success(request, _("Idea merged."))
        elif what == "cost":
            cost = CostForm(request.POST)
            if cost.is_valid():
                services.set_cost(
                    request.user, idea, cost.cleaned_data["cost"], cost.cleaned_data["cost_reason"]
                )
                messages.success(request, _("Cost changed; the reason is shown on the idea."))
            else:
                messages.error(request, _("Give the cost and the reason."))
        elif what == "appeal":
            decision = AppealDecisionForm(request.POST)
            if decision.is_valid():
                services.decide_appeal(
                    request.user,
                    idea,
                    upheld=decision.cleaned_data["upheld"],
                    answer=decision.cleaned_data["answer"],
                    cost=decision.cleaned_data["cost"],
                )
                messages.success(request, _("Appeal answered; the author is told."))
            else:
                messages.error(request, _("Choose a decision and write the public answer."))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect(idea.get_absolute_url())


@require_POST
@community_view("budgeting.propose")  # named reviewers are members; the rest is checked inside
def review(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    return _review_post(request, community, pk, "review")


@require_POST
@community_view("budgeting.propose")  # named reviewers are members; the rest is checked inside
def merge(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    return _review_post(request, community, pk, "merge")


@require_POST
@community_view("budgeting.manage")
def cost(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    return _review_post(request, community, pk, "cost")


@require_POST
@community_view("budgeting.manage")
def decide_appeal(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    return _review_post(request, community, pk, "appeal")


@require_POST
@community_view("budgeting.manage")
def open_vote(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    process = _process(community, pk)
    try:
        vote = services.open_vote(request.user, process)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(process.get_absolute_url())
    messages.success(
        request, _("The ballot is made and published: residents vote on the vote's page.")
    )
    return redirect(vote.get_absolute_url())


@require_POST
@community_view("budgeting.manage")
def compute(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    process = _process(community, pk)
    try:
        services.compute_outcome(request.user, process)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(process.get_absolute_url())
    messages.success(request, _("Outcome computed. Check it, then publish it."))
    return redirect("budgeting:results", community.slug, pk)


@require_POST
@community_view("budgeting.manage")
def publish_results(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    process = _process(community, pk)
    try:
        services.publish_outcome(request.user, process)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Results published."))
    return redirect("budgeting:results", community.slug, pk)


@require_POST
@community_view("budgeting.manage")
def set_owner(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    idea = get_object_or_404(Idea, process__community=community, pk=pk)
    form = OwnerForm(request.POST, community=community)
    if form.is_valid():
        try:
            services.set_owner(
                request.user,
                idea,
                owner=form.cleaned_data["owner"],
                partner=form.cleaned_data["owner_partner"],
                team=form.cleaned_data["team"],
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Owner and team saved."))
    return redirect("budgeting:project", community.slug, idea.pk)
