"""Organisers' pages: add a notice to the register, record paper-board postings, answer
objections to a 公示."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from linli.core.attempt import form_page
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
    return form_page(
        request,
        form,
        lambda _data: services.add_entry(request.user, community, form.service_input()),
        "disclosure/manage/manage.html",
        {
            "community": community,
            "scheduled": queries.scheduled(community),
            "published": queries.published(community)[:30],
        },
        to=lambda _added: reverse("disclosure:manage", args=[community.slug]),
        said=_said,
        # the form has one file field for what the entry calls attachment, receipt or image
        field=lambda name: "attachment" if name in ("attachment", "receipt", "image") else name,
    )


def _said(added: Any) -> str:
    if added.is_published:
        return _("Published; %(n)d residents were notified by their settings.") % {
            "n": added.notified
        }
    return _("Scheduled; it will be published at the time set.")


@community_view("disclosure.manage")
def board(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    entry = queries.entry_in(request.user, community, pk)
    form = BoardForm(request.POST or None, community=community)
    return form_page(
        request,
        form,
        lambda data: services.record_board(request.user, entry, data["place"], data["posted_on"]),
        "disclosure/manage/board.html",
        {"community": community, "entry": entry},
        to=lambda _posted: entry,
        said=_("Recorded: posted on the board."),
        field=lambda _name: None,  # every refusal here is about the whole posting
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
