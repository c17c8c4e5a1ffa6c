"""The secretary's page for paper score sheets: most members of a board score on paper and sign
the sheet; an officer copies it in with its photo, marked as entered for the member. The same
rules as online scoring apply - scoring open, the member serving and not standing aside on the
application - and the page keeps scoring blind: it shows no one's scores, only who has a sheet
entered for this application."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community, Member

from . import boards, paper_scores
from .forms import SheetForm
from .views import _application


@community_view("reviews.take_part")
def sheet(request: AuthedRequest, community: Community, pk: int, aid: int) -> HttpResponse:
    application = _application(request, community, pk, aid)
    contest = application.contest
    if not boards.may_run(request.user, contest.body):
        raise Http404
    aside = boards.conflicts(contest).filter(subject_id=application.pk).values("member_id")
    reviewers = Member.objects.filter(
        pk__in=boards.serving(contest.body).values("member_id")
    ).exclude(pk__in=aside)
    form = SheetForm(
        request.POST or None,
        request.FILES or None,
        criteria=list(contest.criteria.all()),
        reviewers=reviewers.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: paper_scores.enter_paper_scores(
                request.user, application, data["reviewer"], form.scores(), data["sheet"]
            ),
            _("The sheet is entered, marked as entered for the member, with its photo."),
            form,
        ):
            return redirect(request.path)
    return render(
        request,
        "reviews/sheet.html",
        {
            "community": community,
            "contest": contest,
            "application": application,
            "form": form,
            "entered": application.score_sheets.select_related("reviewer", "entered_by"),
            "aside": boards.conflicts(contest).filter(subject_id=application.pk),
        },
    )
