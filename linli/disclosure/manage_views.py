"""Organisers' pages: add a notice to the register, record paper-board postings, answer
objections to a 公示."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.kit import Refused
from linli.core.models import Community

from . import queries, services
from .forms import AnswerForm, BoardForm, EntryForm
from .models import Objection


@community_view("disclosure.manage")
def manage(request: AuthedRequest, community: Community) -> HttpResponse:
    form = EntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.add_entry(request.user, community, form.service_input())
        except Refused as error:
            field = (
                "attachment" if error.field in ("attachment", "receipt", "image") else error.field
            )
            form.add_error(field if field in form.fields else None, error.message)
        else:
            if added.is_published:
                messages.success(
                    request,
                    _("Published; %(n)d residents were notified by their settings.")
                    % {"n": added.notified},
                )
            else:
                messages.success(request, _("Scheduled; it will be published at the time set."))
            return redirect("disclosure:manage", community.slug)
    return render(
        request,
        "disclosure/manage/manage.html",
        {
            "community": community,
            "form": form,
            "scheduled": queries.scheduled(community),
            "published": queries.published(community)[:30],
        },
        status=400 if request.method == "POST" else 200,
    )


@community_view("disclosure.manage")
def board(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    entry = queries.entry_in(request.user, community, pk)
    form = BoardForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_board(
                request.user, entry, form.cleaned_data["place"], form.cleaned_data["posted_on"]
            )
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Recorded: posted on the board."))
            return redirect(entry)
    return render(
        request,
        "disclosure/manage/board.html",
        {"community": community, "entry": entry, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@community_view("disclosure.manage")
def answer(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    publicity = queries.publicity_in(community, pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        objection = get_object_or_404(
            Objection, publicity=publicity, pk=form.cleaned_data["objection"]
        )
        try:
            services.answer_objection(
                request.user, publicity, objection, form.cleaned_data["answer"]
            )
        except Refused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The answer is published."))
        return redirect(publicity)
    return redirect(publicity)
