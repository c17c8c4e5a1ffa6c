"""Organisers' pages: the queue of open items, entering a report that came by phone, visit,
坝坝会 or team leader, and routing, answering, closing and handing on an item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from linli.core.attempt import form_page
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.kit import Refused
from linli.core.models import Community

from . import queries, services
from .forms import AgendaForm, AnswerForm, CloseForm, ProposalForm, RouteForm, StaffReportForm
from .models import Item


@community_view("feedback.manage")
def queue(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "feedback/manage/queue.html",
        {"community": community, "rows": queries.queue(community)},
    )


@community_view("feedback.manage")
def enter(request: AuthedRequest, community: Community) -> HttpResponse:
    form = StaffReportForm(request.POST or None, request.FILES or None, community=community)
    return form_page(
        request,
        form,
        lambda data: services.enter_report(
            request.user,
            community,
            form.service_input(),
            channel=data["channel"],
            member=data["member"],
            caller=data["caller"],
        ),
        "feedback/manage/enter.html",
        {"community": community},
        to=lambda filed: reverse(
            "feedback:manage_item", args=[community.slug, filed.report.item_id]
        ),
        said=_("The report is entered. Route the item now if you can."),
    )


def _step(
    request: AuthedRequest,
    item: Item,
    form: forms.Form,
    run: Callable[[dict[str, Any]], Any],
    done: str,
) -> bool:
    """Run one command from a bound form; a refusal goes onto the form, whatever was typed stays."""
    if not form.is_valid():
        return False
    try:
        run(form.cleaned_data)
    except Refused as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    messages.success(request, done)
    return True


@community_view("feedback.manage")
def manage_item(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """One item for organisers: its reports, and the forms for each next step. A POST names the
    step in ``step``; only that form is bound."""
    item = queries.item_in(community, pk)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    route_initial = {
        "title": item.title,
        "responsible": item.responsible,
        "name": item.responsible_name,
        "partner": item.partner,
        "due_on": item.due_on,
    }
    data = request.POST if step else None
    forms_by_step: dict[str, forms.Form] = {
        "route": RouteForm(
            data if step == "route" else None, initial=route_initial, community=community
        ),
        "answer": AnswerForm(data if step == "answer" else None, initial={"answer": item.answer}),
        "close": CloseForm(data if step == "close" else None),
        "proposal": ProposalForm(
            data if step == "proposal" else None,
            initial={"title": item.title or item.heading, "body": _proposal_body(item)},
        ),
        "agenda": AgendaForm(data if step == "agenda" else None, community=community),
    }
    user = request.user
    runs: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
        "route": (
            lambda d: services.route(
                user,
                item,
                d["responsible"],
                name=d["name"],
                partner=d["partner"],
                due_on=d["due_on"],
                title=d["title"],
            ),
            _("Routed. The answer is due on the date shown."),
        ),
        "answer": (
            lambda d: services.answer(user, item, d["answer"]),
            _("The answer is published and everyone behind the item was told."),
        ),
        "close": (
            lambda d: services.close(user, item, d["report_back"]),
            _("Closed with the report-back; everyone behind the item was told."),
        ),
        "proposal": (
            lambda d: services.make_proposal(user, item, d["title"], d["body"]),
            _("The proposal is published."),
        ),
        "agenda": (
            lambda d: services.send_to_agenda(user, item, d["body"]),
            _("Sent to that body's agenda."),
        ),
    }
    if step in runs:
        run, done = runs[step]
        if _step(request, item, forms_by_step[step], run, done):
            return redirect("feedback:manage_item", community.slug, item.pk)
    return render(
        request,
        "feedback/manage/item.html",
        {
            "community": community,
            "item": item,
            "reports": queries.reports_of(item),
            "courtyards": queries.by_courtyard(item),
            "households": queries.households_behind(item),
            "forms": forms_by_step,
            "step": step,
        },
        status=400 if step else 200,
    )


def _proposal_body(item: Item) -> str:
    return _(
        "%(n)d reports from residents about the same problem, gathered by the community office."
    ) % {"n": queries.report_count(item)}
