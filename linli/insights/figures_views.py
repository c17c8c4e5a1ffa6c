"""The community's figures: the public dashboard with before and after from repeated survey
questions, the open data (CSV, JSON), the annual report PDF and the district overview. Pages read
through ``figures`` and ``before_after``; choosing a repeated question is a POST to a command."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.shortcuts import render as render_page
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can

from . import before_after, figures, services
from .forms import RepeatedQuestionForm
from .models import RepeatedQuestion


def _year(request: AuthedRequest) -> int:
    this_year = date.today().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if 2000 <= year <= this_year else this_year


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _rows(now: figures.YearFigures, before: figures.YearFigures) -> list[dict[str, Any]]:
    words = {key: (w, key in figures.PARTS) for key, w, _p in figures.FIGURES}
    return [
        {
            "words": words[key][0],
            "part": words[key][1],
            "money": key in figures.MONEY,
            "now": now.values[key],
            "before": before.values.get(key),
        }
        for key in now.shown()
    ]


def _page(
    request: AuthedRequest, community: Community, form: RepeatedQuestionForm | None = None
) -> HttpResponse:
    year = _year(request)
    shown = figures.year_figures(community, year)
    before = figures.year_figures(community, year - 1)
    may_choose = can(request.user, "insights.manage", community)
    if may_choose and form is None:
        form = RepeatedQuestionForm(community=community)
    context = {
        "community": community,
        "year": year,
        "years": list(range(date.today().year, date.today().year - 5, -1)),
        "rows": _rows(shown, before),
        "rate": shown.participation_rate,
        "rate_before": before.participation_rate,
        "comparisons": before_after.for_community(community),
        "repeated_form": form if may_choose else None,
    }
    return render_page(
        request, "insights/figures.html", context, status=400 if form and form.errors else 200
    )


@community_view("insights.figures")
def figures_page(request: AuthedRequest, community: Community) -> HttpResponse:
    return _page(request, community)


@require_POST
@community_view("insights.manage")
def choose_repeated(request: AuthedRequest, community: Community) -> HttpResponse:
    form = RepeatedQuestionForm(request.POST, community=community)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: services.choose_repeated_question(
                request.user, community, data["before"], data["after"], data["weighting"] or ""
            ),
            _("The before and after comparison is published."),
            form,
        ):
            return redirect("insights:figures", community.slug)
    return _page(request, community, form)


@require_POST
@community_view("insights.manage")
def drop_repeated(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = get_object_or_404(RepeatedQuestion, community=community, pk=pk)
    attempt(
        request,
        lambda: services.drop_repeated_question(request.user, item),
        _("The comparison is no longer shown."),
    )
    return redirect("insights:figures", community.slug)


@community_view("insights.figures")
def figures_export(request: AuthedRequest, community: Community, fmt: str) -> HttpResponse:
    this_year = date.today().year
    found = [figures.year_figures(community, y) for y in range(this_year - 4, this_year + 1)]
    if fmt == "json":
        return JsonResponse(
            {
                "threshold": 5,
                "figures": figures.rows(found),
                "before_after": [c.as_dict() for c in before_after.for_community(community)],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    return _download(
        figures.as_csv(found), "text/csv; charset=utf-8", f"{community.slug}-figures.csv"
    )


@community_view("insights.district")
def district(request: AuthedRequest, community: Community) -> HttpResponse:
    year = _year(request)
    communities = Community.objects.filter(district=community.district).order_by("name")
    found = [figures.year_figures(c, year) for c in communities]
    keys = found[0].shown() if found else []
    words = {key: w for key, w, _p in figures.FIGURES}
    context = {
        "community": community,
        "year": year,
        "columns": [words[k] for k in keys],
        "rows": [
            {
                "community": f.community,
                "rate": f.participation_rate,
                "values": [f.values.get(k) for k in keys],
            }
            for f in found
        ],
    }
    return render_page(request, "insights/district.html", context)


@community_view("insights.view")
def annual_report(request: AuthedRequest, community: Community) -> HttpResponse:
    from .report import annual_report as build

    year = _year(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    pdf = build(community, year, language)
    return _download(pdf, "application/pdf", f"{community.slug}-{year}-report.pdf")
