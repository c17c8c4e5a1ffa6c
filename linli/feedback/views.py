"""Residents' pages: the items, one item with its answer and "me too", reporting a problem, my
reports, and the monthly summary. Thin: forms shape input, commands write, queries read."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt, form_page
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can

from . import agenda, queries, services
from .forms import ReportForm


@community_view("feedback.view")
def item_list(request: AuthedRequest, community: Community) -> HttpResponse:
    items = list(queries.public_items(community).order_by("-report_count", "-updated_at"))
    return render(
        request,
        "feedback/list.html",
        {
            "community": community,
            "open_items": [i for i in items if i.is_open],
            "closed_items": [i for i in items if not i.is_open],
            "mine": queries.mine(request.member)[:20],  # type: ignore[attr-defined]
            "may_report": can(request.user, "feedback.report", community),
            "may_manage": can(request.user, "feedback.manage", community),
        },
    )


@community_view("feedback.view")
def item_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = queries.item_in(community, pk)
    member = request.member  # type: ignore[attr-defined]
    return render(
        request,
        "feedback/item.html",
        {
            "community": community,
            "item": item,
            "courtyards": queries.by_courtyard(item),
            "households": queries.households_behind(item),
            "my_reports": queries.mine(member, item),
            "counted": queries.counted(member, item),
            "may_me_too": can(request.user, "feedback.me_too", item),
            "may_manage": can(request.user, "feedback.manage", community),
            "may_read_agenda": agenda.may_read_agenda(request.user, item),
        },
    )


@community_view("feedback.report")
def report(request: AuthedRequest, community: Community) -> HttpResponse:
    form = ReportForm(request.POST or None, request.FILES or None, community=community)
    return form_page(
        request,
        form,
        lambda _data: services.report(request.user, community, form.service_input()),
        "feedback/report.html",
        {"community": community},
        to=lambda filed: filed.report.item,
        said=_thanks,
    )


def _thanks(filed: services.Filed) -> str:
    if filed.joined:
        return _(
            "Thank you. Others reported the same problem, so your report was added to this item."
        )
    return _("Thank you. Your report is received; you can follow it here.")


@require_POST
@community_view("feedback.report")
def me_too(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = queries.item_in(community, pk)
    attempt(
        request,
        lambda: services.me_too(request.user, item),
        _("Thank you. You are counted as affected too."),
    )
    return redirect(item)


@community_view("feedback.view")
def summary(request: AuthedRequest, community: Community) -> HttpResponse:
    months = queries.months_with_reports(community)
    chosen = request.GET.get("month", "")
    month = _parse_month(chosen) if chosen else (months[0] if months else None)
    if chosen and month is None:
        raise Http404
    return render(
        request,
        "feedback/summary.html",
        {
            "community": community,
            "months": months,
            "summary": queries.monthly_summary(community, month) if month else None,
        },
    )


def _parse_month(text: str) -> date | None:
    try:
        year, month = (int(part) for part in text.split("-", 1))
        return date(year, month, 1)
    except ValueError:
        return None
