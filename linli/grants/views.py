"""Pages for micro-grant calls. Each view checks the permission table through its decorator; the
object-level rules (the lead, the team, the panel, the states, the caps) are in the services."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can
from linli.tracking import queries as tracking

from . import services
from .agreement import agreement_pdf as make_pdf
from .forms import (
    AcceptForm,
    ApplicationForm,
    AwardForm,
    BudgetLineForm,
    CallForm,
    ConflictForm,
    CriterionForm,
    DeclineForm,
    EvaluationForm,
    MilestoneForm,
    PhotoForm,
    ReportForm,
    ReportReviewForm,
    ScoreForm,
    TeamForm,
)
from .models import Application, BudgetLine, Call, Criterion, Report, Review

S = Application.Status


def _call(request: AuthedRequest, community: Community, pk: int) -> Call:
    found = services.visible_calls(request.user, community).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _application(
    request: AuthedRequest, community: Community, aid: int, public_ok: bool = False
) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("call", "call__community", "lead", "area", "partner"),
        pk=aid,
        call__community=community,
    )
    if services.may_read(request.user, request.member, application):
        return application
    if public_ok and services.is_public(application):
        return application
    if not request.user.is_authenticated:
        raise Http404
    raise PermissionDenied


def _form(
    request: AuthedRequest, community: Community, form: Any, heading: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "grants/form.html",
        {"community": community, "form": form, "heading": heading, **extra},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- Index and calls --------------------------------------------------------------------------


@community_view("grants.view")
def index(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "grants/index.html",
        {
            "community": community,
            "calls": services.visible_calls(request.user, community),
            "projects": services.awarded(community).select_related("evaluation"),
            "manages": can(request.user, "grants.manage", community),
        },
    )


@community_view("grants.manage")
def call_create(request: AuthedRequest, community: Community) -> HttpResponse:
    form = CallForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        call = form.save(commit=False)
        call.community = community
        if attempt(
            request,
            lambda: services.save_call(
                request.user, call, form.cleaned_data["areas"], form.cleaned_data["panel"]
            ),
            _("The call is saved as a draft. Check the criteria, then open it."),
            form,
        ):
            return redirect(call.get_absolute_url())
    return _form(request, community, form, _("New call for projects"))


@community_view("grants.manage")
def call_edit(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    call = _call(request, community, pk)
    form = CallForm(request.POST or None, instance=call, community=community)
    if request.method == "POST" and form.is_valid():
        edited = form.save(commit=False)
        if attempt(
            request,
            lambda: services.save_call(
                request.user, edited, form.cleaned_data["areas"], form.cleaned_data["panel"]
            ),
            _("Saved."),
            form,
        ):
            return redirect(call.get_absolute_url())
    return _form(request, community, form, _("Edit the call"))


@community_view("grants.view")
def call_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    call = _call(request, community, pk)
    member = request.member
    manages = can(request.user, "grants.manage", community)
    mine = Application.objects.filter(call=call, lead=member) if member else []
    panel_queue = []
    if services.on_panel(member, call) and call.status == Call.Status.REVIEW:
        pairs = services.recused_pairs(call)
        done = set(
            Review.objects.filter(application__call=call, panelist=member)
            .exclude(scores=None)
            .values_list("application_id", flat=True)
        )
        panel_queue = [
            (a, (member.pk, a.pk) in pairs, a.pk in done)  # type: ignore[union-attr]
            for a in services.reviewed(call)
        ]
    return render(
        request,
        "grants/call.html",
        {
            "community": community,
            "call": call,
            "manages": manages,
            "criteria": call.criteria.all(),
            "areas": call.areas.all(),
            "panel": call.panel.all(),
            "accepting": services.accepting(call),
            # Instead of a button that cannot work yet: when it opens (or that it closed).
            "not_yet": call.status in (Call.Status.DRAFT, Call.Status.OPEN)
            and timezone.localdate() < call.opens_on,
            "closed_for_applications": timezone.localdate() > call.closes_on,
            "can_apply": can(request.user, "grants.apply", community),
            "mine": mine,
            "panel_queue": panel_queue,
            "awarded": call.applications.filter(status=S.AWARDED),
            "awarded_total": call.awarded_total(),
            "cap_left": services.cap_left(call),
            "all_applications": call.applications.exclude(status=S.DRAFT) if manages else [],
            "criterion_form": CriterionForm(),
        },
    )


@community_view("grants.manage")
@require_POST
def criterion_add(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    call = _call(request, community, pk)
    form = CriterionForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.add_criterion(
                request.user, call, form.cleaned_data["name"], form.cleaned_data["weight"]
            ),
            _("Criterion added."),
        )
    else:
        messages.error(request, _("Give the criterion a name and a weight from 1 to 10."))
    return redirect(call.get_absolute_url() + "#criteria")


@community_view("grants.manage")
@require_POST
def criterion_delete(
    request: AuthedRequest, community: Community, pk: int, cid: int
) -> HttpResponse:
    call = _call(request, community, pk)
    criterion = get_object_or_404(Criterion, pk=cid, call=call)
    attempt(
        request, lambda: services.remove_criterion(request.user, criterion), _("Criterion removed.")
    )
    return redirect(call.get_absolute_url() + "#criteria")


@community_view("grants.manage")
@require_POST
def step(request: AuthedRequest, community: Community, pk: int, action: str) -> HttpResponse:
    call = _call(request, community, pk)
    attempt(request, lambda: services.step(request.user, call, action), _("Done."))
    return redirect(call.get_absolute_url())


@community_view("grants.apply")
def apply(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    call = _call(request, community, pk)
    form = ApplicationForm(request.POST or None, call=call, member=request.member)
    if request.method == "POST" and form.is_valid():
        application = form.save(commit=False)
        application.call = call
        if attempt(
            request,
            lambda: services.start(request.user, application),
            _("Draft saved. Add the budget lines and the team, then submit."),
            form,
        ):
            return redirect(application.get_absolute_url())
    elif request.method == "GET" and not services.accepting(call):
        messages.error(request, _("This call is not taking applications now."))
    return _form(request, community, form, _("Apply: %(call)s") % {"call": call.title}, call=call)


@community_view("grants.manage")
def ranking(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    call = _call(request, community, pk)
    blind = not services.scores_visible(request.user, request.member, call)
    rows = []
    if not blind:
        result, suggested = services.suggestion(call)
        by_pk: dict[Hashable, Application] = {a.pk: a for a in services.reviewed(call)}
        suggestion_by = {s.key: s for s in suggested}
        rows = [
            {"r": r, "a": by_pk[r.application], "s": suggestion_by.get(r.application)}
            for r in result.results
        ]
    names = {c.pk: c.name for c in call.criteria.all()}
    return render(
        request,
        "grants/ranking.html",
        {
            "community": community,
            "call": call,
            "rows": rows,
            "blind": blind,
            "names": names,
            "all_in": services.all_in(call),
            "cap_left": services.cap_left(call),
            "awarded_community": services.community_awarded(community, call.year),
        },
    )


# --- One application --------------------------------------------------------------------------


@community_view("grants.view")
def application_detail(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid, public_ok=True)
    call = application.call
    member = request.member
    full = services.may_read(request.user, member, application)
    manages = can(request.user, "grants.manage", community)
    lead = member is not None and application.lead_id == member.pk
    team_entry = tracking.team(application).filter(member=member).first() if member else None
    own_review = (
        Review.objects.filter(application=application, panelist=member).first() if member else None
    )
    reviews = []
    if full and services.scores_visible(request.user, member, call):
        reviews = list(
            application.reviews.select_related("panelist").prefetch_related("scores__criterion")
        )
    agreement = getattr(application, "agreement", None)
    evaluation = getattr(application, "evaluation", None)
    return render(
        request,
        "grants/application.html",
        {
            "community": community,
            "a": application,
            "call": call,
            "full": full,
            "manages": manages,
            "lead": lead,
            "team_entry": team_entry,
            "draft": application.status == S.DRAFT,
            "lines": application.budget_lines.all(),
            "requested": application.requested(),
            "team": tracking.team(application) if full else services.team_named(application),
            "photos": tracking.photos(application),
            "on_panel": services.on_panel(member, call),
            "own_review": own_review,
            "auto_recused": member is not None and services.auto_conflict(member, application),
            "reviews": reviews,
            "criteria": call.criteria.all(),
            "agreement": agreement,
            "evaluation": evaluation,
            "milestones": tracking.milestones(application),
            "categories": dict(BudgetLine.Category.choices),
            "reports": [
                (r, ReportReviewForm(auto_id=f"id_r{r.pk}_%s"))
                for r in application.reports.prefetch_related("spending_lines").select_related(
                    "milestone"
                )
            ],
            "spent": application.spent(),
            "line_form": BudgetLineForm(auto_id="id_line_%s"),
            "team_form": TeamForm(community=community, auto_id="id_team_%s"),
            "photo_form": PhotoForm(auto_id="id_photo_%s"),
            "award_form": AwardForm(
                auto_id="id_award_%s",
                initial={"amount": min(application.requested(), call.project_cap)},
            ),
            "decline_form": DeclineForm(auto_id="id_decline_%s"),
            "milestone_form": MilestoneForm(auto_id="id_ms_%s"),
            "accept_form": AcceptForm(
                auto_id="id_accept_%s", initial={"name": member.name if member else ""}
            ),
            "evaluation_form": EvaluationForm(auto_id="id_eval_%s"),
            "can_report": full
            and services.on_team(member, application)
            and agreement is not None
            and agreement.complete,
        },
    )


@community_view("grants.apply")
def application_edit(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    form = ApplicationForm(
        request.POST or None, instance=application, call=application.call, member=request.member
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: services.update(request.user, form.instance),
            _("Saved."),
            form,
        )
    ):
        return redirect(application.get_absolute_url())
    return _form(request, community, form, _("Edit the application"), call=application.call)


def _post_form(
    request: AuthedRequest,
    application: Application,
    form: Any,
    action: Callable[[Any], Any],
    done: str,
    anchor: str = "",
) -> HttpResponse:
    """Small forms on the application page: on an error, the page is shown again with the form
    bound, so nothing typed is lost."""
    if form.is_valid() and attempt(request, lambda: action(form.cleaned_data), done, form):
        return redirect(application.get_absolute_url() + anchor)
    if not form.errors:
        form.add_error(None, _("Please correct the form."))
    return _form(
        request,
        application.call.community,
        form,
        application.title,
        call=application.call,
        action=request.path,
    )


@community_view("grants.apply")
@require_POST
def budget_add(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    return _post_form(
        request,
        application,
        BudgetLineForm(request.POST),
        lambda d: services.add_budget_line(
            request.user, application, d["category"], d["item"], d["amount"]
        ),
        _("Budget line added."),
        "#budget",
    )


@community_view("grants.apply")
@require_POST
def budget_delete(request: AuthedRequest, community: Community, aid: int, lid: int) -> HttpResponse:
    application = _application(request, community, aid)
    line = get_object_or_404(application.budget_lines, pk=lid)
    attempt(
        request,
        lambda: services.remove_budget_line(request.user, line),
        _("Budget line removed."),
    )
    return redirect(application.get_absolute_url() + "#budget")


@community_view("grants.apply")
@require_POST
def team_add(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    return _post_form(
        request,
        application,
        TeamForm(request.POST, community=community),
        lambda d: services.add_team_member(request.user, application, d["member"], d["task"]),
        _("Added. They are named only after they agree."),
        "#team",
    )


@community_view("grants.apply")
@require_POST
def consent(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    agree = request.POST.get("agree") == "yes"
    attempt(
        request,
        lambda: services.consent(request.user, application, agree),
        _("Thank you: you are named on the team.") if agree else _("You are no longer named."),
    )
    return redirect(application.get_absolute_url() + "#team")


@community_view("grants.apply")
@require_POST
def photo_add(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    return _post_form(
        request,
        application,
        PhotoForm(request.POST, request.FILES),
        lambda d: services.add_photo(request.user, application, d["image"], d["caption"]),
        _("Photo added."),
        "#photos",
    )


@community_view("grants.apply")
@require_POST
def submit(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    attempt(
        request,
        lambda: services.submit(request.user, application),
        _("Submitted. We sent you a confirmation."),
    )
    return redirect(application.get_absolute_url())


@community_view("grants.apply")
@require_POST
def withdraw(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    attempt(
        request,
        lambda: services.withdraw(request.user, application),
        _("The application is withdrawn."),
    )
    return redirect(application.get_absolute_url())


@community_view("grants.apply")
def score(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    call = application.call
    if not services.on_panel(request.member, call):
        raise PermissionDenied
    review = Review.objects.filter(application=application, panelist=request.member).first()
    initial: dict[str, Any] = {}
    if review:
        initial = {f"c{s.criterion_id}": s.value for s in review.scores.all()} | {
            "comment": review.comment
        }
    form = ScoreForm(request.POST or None, call=call, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: services.score(
                request.user, application, form.values(), form.cleaned_data["comment"]
            ),
            _("Your scores are saved."),
            form,
        )
    ):
        return redirect(call.get_absolute_url())
    return render(
        request,
        "grants/score.html",
        {
            "community": community,
            "a": application,
            "call": call,
            "form": form,
            "conflict_form": ConflictForm(),
            "auto_recused": services.auto_conflict(request.member, application),  # type: ignore[arg-type]
            "recused": bool(review and review.recused),
            "lines": application.budget_lines.all(),
            "requested": application.requested(),
        },
        status=400 if form.errors else 200,
    )


@community_view("grants.apply")
@require_POST
def conflict(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    form = ConflictForm(request.POST)
    reason = form.data.get("conflict", "")
    attempt(
        request,
        lambda: services.declare_conflict(request.user, application, reason),
        _("You are recused from this application; your scores for it are deleted."),
    )
    return redirect(application.call.get_absolute_url())


@community_view("grants.manage")
@require_POST
def award(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    form = AwardForm(request.POST)
    if form.is_valid() and attempt(
        request,
        lambda: services.award(
            request.user, application, form.cleaned_data["amount"], form.cleaned_data["note"]
        ),
        _("Awarded. Now set the milestones of the agreement."),
        form,
    ):
        return redirect(application.get_absolute_url() + "#agreement")
    return _form(
        request,
        community,
        form,
        _("Award: %(title)s") % {"title": application.title},
        call=application.call,
        action=request.path,
    )


@community_view("grants.manage")
@require_POST
def decline(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    return _post_form(
        request,
        application,
        DeclineForm(request.POST),
        lambda d: services.decline(request.user, application, d["note"]),
        _("Not awarded; the applicants are told why."),
    )


@community_view("grants.manage")
@require_POST
def milestone_add(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    return _post_form(
        request,
        application,
        MilestoneForm(request.POST),
        lambda d: services.add_milestone(request.user, application, d["title"], d["due"]),
        _("Milestone added."),
        "#agreement",
    )


@community_view("grants.apply")
def agreement_pdf(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    if not hasattr(application, "agreement"):
        raise Http404
    response = HttpResponse(
        make_pdf(application, get_language() or "zh-hans"), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="grant-agreement-{application.pk}.pdf"'
    return response


@community_view("grants.apply")
@require_POST
def accept(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    return _post_form(
        request,
        application,
        AcceptForm(request.POST),
        lambda d: services.accept_agreement(request.user, application, d["name"]),
        _("You accepted the agreement."),
        "#agreement",
    )


@community_view("grants.manage")
@require_POST
def countersign(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    attempt(request, lambda: services.countersign(request.user, application), _("Countersigned."))
    return redirect(application.get_absolute_url() + "#agreement")


@community_view("grants.apply")
def report_create(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    if not services.on_team(request.member, application):
        raise PermissionDenied
    form = ReportForm(request.POST or None, request.FILES or None, application=application)
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        if attempt(
            request,
            lambda: services.submit_report(request.user, application, report, form.spending()),
            _("Report sent to the community staff."),
            form,
        ):
            return redirect(application.get_absolute_url() + "#reports")
    return _form(
        request,
        community,
        form,
        _("Report on %(title)s") % {"title": application.title},
        call=application.call,
        multipart=True,
    )


@community_view("grants.manage")
@require_POST
def report_review(request: AuthedRequest, community: Community, aid: int, rid: int) -> HttpResponse:
    application = _application(request, community, aid)
    report = get_object_or_404(Report, pk=rid, application=application)
    return _post_form(
        request,
        application,
        ReportReviewForm(request.POST),
        lambda d: services.review_report(
            request.user, report, d["decision"] == "accept", d["note"]
        ),
        _("The team is told."),
        "#reports",
    )


@community_view("grants.manage")
@require_POST
def evaluate(request: AuthedRequest, community: Community, aid: int) -> HttpResponse:
    application = _application(request, community, aid)
    return _post_form(
        request,
        application,
        EvaluationForm(request.POST),
        lambda d: services.evaluate(
            request.user, application, d["outcome"], d["reason"], d["conditions"]
        ),
        _("Evaluation published."),
        "#evaluation",
    )
