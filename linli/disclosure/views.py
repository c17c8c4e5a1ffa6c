"""Public pages of the disclosure register and 公示, and the printable posters."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt, form_page
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can

from . import delivery, finance, poster, queries, services
from .forms import DeliveryForm, ObjectionForm
from .models import Category, Newsletter


@community_view("disclosure.view")
def register(request: AuthedRequest, community: Community) -> HttpResponse:
    category = request.GET.get("category", "")
    if category not in Category.values:
        category = ""
    return render(
        request,
        "disclosure/register.html",
        {
            "community": community,
            "entries": queries.published(community, category),
            "categories": Category.choices,
            "category": category,
            "publicities": queries.publicities(community)[:20],
            "newsletters": Newsletter.objects.filter(community=community)[:3],
            "may_manage": can(request.user, "disclosure.manage", community),
            "may_read": can(request.user, "disclosure.read", community),
        },
    )


@community_view("disclosure.view")
def entry(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.entry_in(request.user, community, pk)
    return render(
        request,
        "disclosure/entry.html",
        {
            "community": community,
            "entry": found,
            "reach": queries.reach(found),
            "has_read": queries.has_read(request.member, found),  # type: ignore[attr-defined]
            "may_mark": can(request.user, "disclosure.mark_read", found),
        },
    )


@require_POST
@community_view("disclosure.read")
def mark_read(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.entry_in(request.user, community, pk)
    attempt(request, lambda: services.mark_read(request.user, found), _("Thank you for reading."))
    return redirect(found)


@community_view("disclosure.view")
def entry_poster(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.entry_in(request.user, community, pk)
    return _pdf(poster.notice_poster(found), f"notice-{found.pk}.pdf")


@community_view("disclosure.view")
def publicity(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.publicity_in(community, pk)
    form = ObjectionForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services.object_to(request.user, found, data["text"]),
        "disclosure/publicity.html",
        {
            "community": community,
            "publicity": found,
            "objections": found.objections.select_related("member"),
            "waiting_for": queries.waiting_for(found),
            "may_object": can(request.user, "disclosure.object", found),
            "may_manage": can(request.user, "disclosure.manage", community),
        },
        to=lambda _objection: found,
    )


@community_view("disclosure.view")
def publicity_poster(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.publicity_in(community, pk)
    return _pdf(poster.publicity_poster(found), f"publicity-{found.pk}.pdf")


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@community_view("disclosure.view")
def finance_page(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "disclosure/finance.html",
        {"community": community, "years": finance.years(community)},
    )


@community_view("disclosure.read")
def delivery_choice(request: AuthedRequest, community: Community) -> HttpResponse:
    """A resident chooses each notice and 公示 at once, or a daily or weekly digest."""
    member = request.member  # type: ignore[attr-defined]
    if member is None:  # a site administrator passes the role check without a membership
        return render(request, "403.html", status=403)
    form = DeliveryForm(request.POST or None, initial={"mode": delivery.mode_of(member)})
    if request.method == "POST" and form.is_valid():
        services.choose_delivery(request.user, member, form.cleaned_data["mode"])
        messages.success(request, _("Your choice was saved."))
        return redirect("disclosure:register", community.slug)
    return render(
        request,
        "disclosure/delivery.html",
        {"community": community, "form": form},
        status=400 if request.method == "POST" else 200,
    )
