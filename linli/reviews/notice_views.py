"""Pages of a contest's result: the results, the public notice (公示) with objections and the
board's answers, the notice poster, and the showcase of finished work."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core import rounding
from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can, member_of
from linli.disclosure import queries as disclosure_queries
from linli.disclosure.models import Objection

from . import boards, services
from .forms import (
    AnswerForm,
    ObjectionForm,
)
from .notice import publicity_of
from .views import Stage, _application, _board, _contest, _form_errors  # noqa: F401


@community_view("reviews.view")
def results(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """Raw and normalised results side by side. Board members see them once every score is in;
    everyone sees them from the public notice on."""
    contest = _contest(request, community, pk)
    public = contest.stage in (Stage.NOTICE, Stage.FINAL, Stage.DONE)
    on_board = boards.seat_of(member_of(request.user, community), contest.body) is not None
    if not (
        public
        or (
            (on_board or boards.may_run(request.user, contest.body))
            and services.scores_revealed(contest)
        )
    ):
        return render(
            request,
            "reviews/results_hidden.html",
            {"community": community, "contest": contest},
            status=403,
        )
    found = services.results(contest)
    rows = []
    top = max((r.normalised or 0 for r in found.outcome.results), default=0) or 1
    for r in found.outcome.results:
        rows.append(
            {
                "result": r,
                "application": found.applications[r.application],
                "criteria": [(c, r.criterion_means.get(c.pk)) for c in found.criteria],
                "reviewers": [
                    (found.names.get(k, "?"), v, r.z_scores[k]) for k, v in r.totals.items()
                ],
                "bar": rounding.bar_width(max(r.normalised or 0, 0), top),
            }
        )
    return render(
        request,
        "reviews/results.html",
        {
            "community": community,
            "contest": contest,
            "rows": rows,
            "criteria": found.criteria,
            "outcome": found.outcome,
            "neutral": [found.names.get(k, "?") for k in found.outcome.neutral_reviewers],
            "runs": boards.may_run(request.user, contest.body),
        },
    )


@community_view("reviews.view")
def notice(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    contest = _contest(request, community, pk)
    if contest.stage not in (Stage.NOTICE, Stage.FINAL, Stage.DONE):
        raise Http404
    apps = {a.pk: a for a in contest.applications.select_related("area")}
    ranked = [(row, apps.get(row["application"])) for row in contest.ranking]
    publicity = publicity_of(contest)
    reasons = services.visible_scores(request.user, contest).order_by(
        "application_id", "criterion__position", "reviewer__name"
    )
    by_app: dict[int, list[Any]] = {}
    for s in reasons:
        by_app.setdefault(s.application_id, []).append(s)
    return render(
        request,
        "reviews/notice.html",
        {
            "community": community,
            "contest": contest,
            "ranked": [(row, app, by_app.get(app.pk, [])) for row, app in ranked if app],
            "publicity": publicity,
            "objections": publicity.objections.all() if publicity else [],
            "waiting_for": disclosure_queries.waiting_for(publicity) if publicity else "",
            "open": services.notice_open(contest),
            "takes_part": can(request.user, "reviews.take_part", community),
            "runs": boards.may_run(request.user, contest.body),
            "objection_form": ObjectionForm(contest=contest),
            "answer_form": AnswerForm(),
        },
    )


@require_POST
@community_view("reviews.take_part")
def object_to(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    contest = _contest(request, community, pk)
    form = ObjectionForm(request.POST, contest=contest)
    if form.is_valid():
        attempt(
            request,
            lambda: services.object_to(
                request.user,
                contest,
                form.cleaned_data["reason"],
                form.cleaned_data["application"],
            ),
            _("Your objection is received. The board will answer it publicly."),
        )
    else:
        _form_errors(request, form)
    return redirect(services.notice_url(contest) + "#objections")


@require_POST
@community_view("reviews.take_part")
def answer(request: AuthedRequest, community: Community, pk: int, oid: int) -> HttpResponse:
    contest = _contest(request, community, pk)
    objection = get_object_or_404(Objection, pk=oid, publicity=publicity_of(contest))
    form = AnswerForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.answer_objection(request.user, objection, form.cleaned_data["answer"]),
            _("The answer is published."),
        )
    else:
        _form_errors(request, form)
    return redirect(services.notice_url(contest) + f"#objection-{objection.pk}")


@community_view("reviews.view")
def poster(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    from .poster import notice_poster

    contest = _contest(request, community, pk)
    if contest.stage not in (Stage.NOTICE, Stage.FINAL, Stage.DONE):
        raise Http404
    response = HttpResponse(
        notice_poster(contest, publicity_of(contest), get_language() or "zh-hans"),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="notice-{contest.pk}.pdf"'
    return response


@community_view("reviews.view")
def showcase(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "reviews/showcase.html",
        {"community": community, "works": services.showcase_works(community)},
    )
