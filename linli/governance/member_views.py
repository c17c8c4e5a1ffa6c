"""Pages for joining and leaving a body: a resident applies (or a member nominates one), a member
steps down, an officer puts a removal to the body or records the resignation a member without an
account gave at a meeting. Each page changes state only through a command."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import require

from . import members, queries, services
from .forms import JoinForm, ResignForm, SeatChoiceForm
from .models import Body


def _page(request: AuthedRequest, community: Community, body: Body, form, heading, intro):  # type: ignore[no-untyped-def]
    return render(
        request,
        "governance/member_form.html",
        {"community": community, "body": body, "form": form, "heading": heading, "intro": intro},
    )


@community_view("governance.take_part")
def join(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    body = queries.body_in(community, pk)
    require(request.user, "governance.propose_member", body)
    form = JoinForm(request.POST or None, community=community)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = attempt(
            request,
            lambda: members.propose_member(
                request.user,
                body,
                candidate=data["candidate"],
                statement=data["statement"],
                constituency=data["constituency"],
                office=data["office"],
            ),
            _("The body will decide on it; you can follow the motion here."),
            form,
        )
        if made:
            return redirect(made.value.get_absolute_url())
    return _page(
        request,
        community,
        body,
        form,
        _("Join %(body)s") % {"body": body.name},
        body.charter.join_rules,
    )


@community_view("governance.take_part")
def resign(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    body = queries.body_in(community, pk)
    seat = queries.seat_of(body, request.member)  # type: ignore[arg-type]
    if seat is None:
        raise Http404
    form = ResignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        if attempt(
            request,
            lambda: members.resign(request.user, seat, note),
            _("You have stepped down. Thank you for your service."),
            form,
        ):
            return redirect(body.get_absolute_url())
    return _page(
        request,
        community,
        body,
        form,
        _("Step down from %(body)s") % {"body": body.name},
        body.charter.leave_rules,
    )


@community_view("governance.take_part")
def remove(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    body = queries.body_in(community, pk)
    require(request.user, "governance.run_body", body)
    form = SeatChoiceForm(request.POST or None, seats=queries.serving(body))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = attempt(
            request,
            lambda: members.propose_removal(
                request.user, body, data["seat"], data["reason"], data["method"]
            ),
            _("The removal is put to the body; the member does not vote on it."),
            form,
        )
        if made:
            return redirect(made.value.get_absolute_url())
    return _page(
        request,
        community,
        body,
        form,
        _("Put a member's removal to the body"),
        body.charter.leave_rules,
    )


@community_view("governance.take_part")
def record_resignation(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    body = queries.body_in(community, pk)
    require(request.user, "governance.run_body", body)
    form = SeatChoiceForm(request.POST or None, seats=queries.serving(body), with_method=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: services.record_resignation(request.user, data["seat"], data["reason"]),
            _("The resignation is recorded in the body's history."),
            form,
        ):
            return redirect(body.get_absolute_url())
    return _page(
        request,
        community,
        body,
        form,
        _("Record a member's resignation"),
        _("For a member who stepped down at a meeting or in writing, e.g. without an account."),
    )
