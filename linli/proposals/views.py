"""Proposal pages: list, write, the proposal with its deliberation, answers, agenda, statistics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core import rounding
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can, member_of
from linli.core.services import ServiceError

from . import services
from .forms import (
    AnswerForm,
    CoauthorForm,
    CommentForm,
    HideForm,
    MergeForm,
    ProposalForm,
    ReportForm,
    RulesForm,
)
from .models import Comment, Proposal, Stance


def _proposal(request: AuthedRequest, community: Community, pk: int) -> Proposal:
    member = member_of(request.user, community)
    found = services.visible_to(request.user, community, member).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _fail(request: AuthedRequest, error: ServiceError, form: Any = None) -> None:
    if form is not None:
        form.add_error(error.field if error.field in form.fields else None, error.message)
    else:
        messages.error(request, error.message)


@community_view("proposals.view")
def proposal_list(request: AuthedRequest, community: Community) -> HttpResponse:
    member = member_of(request.user, community)
    rows = (
        services.visible_to(request.user, community, member)
        .exclude(status=Proposal.Status.MERGED)
        .select_related("area")
        .annotate(support_count=Count("supports", distinct=True))
    )
    status = request.GET.get("status", "")
    if status in Proposal.Status.values:
        rows = rows.filter(status=status)
    area = request.GET.get("area", "")
    if area.isdigit():
        rows = rows.filter(area_id=int(area))
    order = "-support_count" if request.GET.get("sort") == "support" else "-published_at"
    page = Paginator(rows.order_by(order, "-created_at"), 20).get_page(request.GET.get("page"))
    context = {
        "community": community,
        "page": page,
        "statuses": [(v, label) for v, label in Proposal.Status.choices if v != "merged"],
        "areas": community.places.filter(kind="area").order_by("name"),
        "status": status,
        "area": area,
        "sort": request.GET.get("sort", ""),
    }
    return render(request, "proposals/list.html", context)


@community_view("proposals.create")
def proposal_create(request: AuthedRequest, community: Community) -> HttpResponse:
    form = ProposalForm(request.POST or None, request.FILES or None, community=community)
    if request.method == "POST" and form.is_valid():
        # The form has put the cleaned values on its instance; the service saves it.
        proposal = form.instance
        proposal.community = community
        try:
            services.save_draft(request.user, proposal, form.cleaned_data.get("photo"))
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("Draft saved. Check the similar proposals, then publish."))
            return redirect(proposal.get_absolute_url())
    return render(request, "proposals/form.html", {"community": community, "form": form})


@community_view("proposals.create")
def proposal_edit(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    proposal = _proposal(request, community, pk)
    member = member_of(request.user, community)
    if not services.may_edit(member, proposal):
        raise Http404
    form = ProposalForm(
        request.POST or None, request.FILES or None, instance=proposal, community=community
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_draft(request.user, form.instance, form.cleaned_data.get("photo"))
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("Saved."))
            return redirect(proposal.get_absolute_url())
    return render(
        request, "proposals/form.html", {"community": community, "form": form, "proposal": proposal}
    )


@community_view("proposals.view")
def proposal_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    proposal = _proposal(request, community, pk)
    return render(request, "proposals/detail.html", _detail(request, community, proposal))


def _detail(
    request: AuthedRequest,
    community: Community,
    proposal: Proposal,
    comment_form: CommentForm | None = None,
) -> dict[str, Any]:
    member = member_of(request.user, community)
    comments = list(
        proposal.comments.filter(parent__isnull=True)
        .select_related("member")
        .prefetch_related("replies__member", "revisions")
    )
    columns = [(stance, [c for c in comments if c.stance == stance.value]) for stance in Stance]
    supported = bool(member and proposal.supports.filter(member=member).exists())
    context = {
        "community": community,
        "proposal": proposal,
        "member": member,
        "may_edit": services.may_edit(member, proposal),
        "similar": services.similar_to(community, f"{proposal.title} {proposal.body}", proposal.pk)
        if proposal.status == Proposal.Status.DRAFT
        else [],
        "columns": columns,
        "supports": proposal.supports.count(),
        "supported": supported,
        "threshold": services.settings_for(community).support_threshold,
        "deadline": services.support_deadline(proposal),
        "history": proposal.history.select_related("actor"),
        "comment_form": comment_form or CommentForm(),
        "coauthor_form": CoauthorForm(),
        "answer_form": AnswerForm(initial={"status": proposal.status}),
        "merge_form": MergeForm(proposal=proposal),
        "moderates": services.may_moderate(request.user, community),
        "answers": can(request.user, "proposals.answer", community),
        "takes_part": can(request.user, "proposals.comment", community),
    }
    return context


@require_POST
@community_view("proposals.create")
def publish(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    proposal = _proposal(request, community, pk)
    try:
        services.publish(request.user, proposal)
    except ServiceError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Your proposal is published. Neighbours can now support it."))
    return redirect(proposal.get_absolute_url())


@require_POST
@community_view("proposals.create")
def add_coauthor(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    proposal = _proposal(request, community, pk)
    form = CoauthorForm(request.POST)
    if form.is_valid():
        try:
            found = services.add_coauthor(request.user, proposal, form.cleaned_data["contact"])
        except ServiceError as error:
            _fail(request, error)
        else:
            messages.success(request, _("%(name)s is now a co-author.") % {"name": found.name})
    else:
        messages.error(request, _("Enter a phone number or email."))
    return redirect(proposal.get_absolute_url())


@require_POST
@community_view("proposals.support")
def support(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    proposal = _proposal(request, community, pk)
    try:
        supporting = services.toggle_support(request.user, proposal)
    except ServiceError as error:
        _fail(request, error)
    else:
        messages.success(
            request,
            _("Thank you for your support.") if supporting else _("Your support is withdrawn."),
        )
    return redirect(proposal.get_absolute_url())


@require_POST
@community_view("proposals.comment")
def comment(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    proposal = _proposal(request, community, pk)
    form = CommentForm(request.POST)
    parent = None
    if request.POST.get("parent", "").isdigit():
        parent = Comment.objects.filter(pk=int(request.POST["parent"])).first()
    if form.is_valid():
        try:
            created = services.comment(
                request.user,
                proposal,
                form.cleaned_data["body"],
                form.cleaned_data["stance"],
                parent,
            )
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("Your comment is posted."))
            return redirect(proposal.get_absolute_url() + f"#comment-{created.pk}")
    # show the page again with the errors and what was typed
    context = _detail(request, community, proposal, form)
    return render(request, "proposals/detail.html", context, status=400)


def _comment(community: Community, cid: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("proposal"),
        pk=cid,
        proposal__community=community,
        proposal__published_at__isnull=False,
    )


@community_view("proposals.comment")
def comment_edit(request: AuthedRequest, community: Community, cid: int) -> HttpResponse:
    target = _comment(community, cid)
    member = member_of(request.user, community)
    if member is None or member.pk != target.member_id:
        raise Http404
    form = CommentForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(
                request.user,
                Comment.objects.get(pk=target.pk),
                form.cleaned_data["body"],
                form.cleaned_data["stance"],
            )
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(
                request, _("Your comment is updated; the earlier version stays in its history.")
            )
            return redirect(target.proposal.get_absolute_url() + f"#comment-{target.pk}")
    return render(
        request,
        "proposals/comment_form.html",
        {"community": community, "form": form, "comment": target},
    )


@community_view("proposals.view")
def comment_history(request: AuthedRequest, community: Community, cid: int) -> HttpResponse:
    target = _comment(community, cid)
    return render(
        request,
        "proposals/comment_history.html",
        {"community": community, "comment": target, "revisions": target.revisions.all()},
    )


@community_view("proposals.report")
def comment_report(request: AuthedRequest, community: Community, cid: int) -> HttpResponse:
    target = _comment(community, cid)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report(request.user, target, form.cleaned_data["reason"])
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("Thank you. A moderator will look at the comment."))
            return redirect(target.proposal.get_absolute_url())
    return render(
        request,
        "proposals/comment_action.html",
        {"community": community, "form": form, "comment": target, "action": "report"},
    )


@community_view("proposals.moderate")
def comment_hide(request: AuthedRequest, community: Community, cid: int) -> HttpResponse:
    target = _comment(community, cid)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hide(request.user, target, form.cleaned_data["reason"])
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("The comment is hidden; the reason is shown in its place."))
            return redirect(target.proposal.get_absolute_url())
    return render(
        request,
        "proposals/comment_action.html",
        {"community": community, "form": form, "comment": target, "action": "hide"},
    )


@require_POST
@community_view("proposals.answer")
def answer(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    proposal = _proposal(request, community, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(
                proposal, form.cleaned_data["status"], form.cleaned_data["answer"], request.user
            )
        except ServiceError as error:
            _fail(request, error)
        else:
            messages.success(request, _("The answer is published and residents are told."))
    else:
        messages.error(request, _("Choose the new status."))
    return redirect(proposal.get_absolute_url())


@require_POST
@community_view("proposals.merge")
def merge(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    proposal = _proposal(request, community, pk)
    form = MergeForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            target = services.merge(request.user, proposal, form.cleaned_data["target"])
        except ServiceError as error:
            _fail(request, error)
        else:
            messages.success(request, _("Merged. Supports and comments moved here."))
            return redirect(target.get_absolute_url())
    else:
        messages.error(request, _("Choose the proposal to merge into."))
    return redirect(proposal.get_absolute_url())


@community_view("proposals.agenda")
def agenda(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "proposals/agenda.html",
        {
            "community": community,
            "rows": services.agenda(community),
            "threshold": services.settings_for(community).support_threshold,
            "reports": Comment.objects.filter(
                proposal__community=community, reports__resolved=False, hidden_reason=""
            )
            .distinct()
            .select_related("proposal", "member"),
        },
    )


@community_view("proposals.view")
def answer_stats(request: AuthedRequest, community: Community) -> HttpResponse:
    stats = services.answer_stats(community)
    whole = sum(n for _label, n in stats.by_status)
    bars = [(label, n, rounding.bar_width(n, whole)) for label, n in stats.by_status]
    return render(
        request, "proposals/answers.html", {"community": community, "stats": stats, "bars": bars}
    )


@community_view("community.edit")
def rules(request: AuthedRequest, community: Community) -> HttpResponse:
    """The community's proposal rules: supports needed for the agenda and days to collect them."""
    form = RulesForm(request.POST or None, instance=services.settings_for(community))
    if request.method == "POST" and form.is_valid():
        services.update_rules(request.user, community, **form.cleaned_data)
        messages.success(request, _("Settings saved."))
        return redirect("proposals:settings", community.slug)
    return render(request, "proposals/rules.html", {"community": community, "form": form})
