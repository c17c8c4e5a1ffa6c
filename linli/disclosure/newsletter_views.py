"""Newsletter pages: compose with a preview, the history with counts per segment, one issue (with
"I have read it"), its printable A4 sheet, the resident's choice and the unsubscribe link."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt, on_form
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.kit import Refused
from linli.core.models import Community
from linli.core.permissions import can

from . import newsletters, poster
from .models import Newsletter
from .newsletter_forms import NewsletterChoiceForm, NewsletterForm


@community_view("disclosure.manage")
def compose(request: AuthedRequest, community: Community) -> HttpResponse:
    offered = newsletters.candidates(community)
    form = NewsletterForm(request.POST or None, community=community, offered=offered)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "send" in request.POST:
            sent = on_form(
                form,
                lambda: newsletters.send_newsletter(
                    request.user,
                    community,
                    data["title"],
                    data["intro"],
                    data["items"],
                    form.segment(),
                ),
            )
            if sent is not None:
                messages.success(
                    request,
                    _("Sent to %(n)d residents by their settings.") % {"n": sent.value.sent_to},
                )
                return redirect("disclosure:newsletters", community.slug)
        else:
            try:
                found = newsletters.recipients(community, form.segment())
            except Refused as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                picked = [c for c in offered if c.key in data["items"]]
                preview = {
                    "items": picked,
                    "counts": newsletters.count_rows(found.counts),
                    "reached": len(found.members),
                }
    return render(
        request,
        "disclosure/newsletters/compose.html",
        {"community": community, "form": form, "preview": preview, "offered": offered},
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )


@community_view("disclosure.manage")
def history(request: AuthedRequest, community: Community) -> HttpResponse:
    issues = [
        (issue, newsletters.count_rows(issue.counts), issue.readings.count())
        for issue in Newsletter.objects.filter(community=community)[:50]
    ]
    return render(
        request,
        "disclosure/newsletters/history.html",
        {"community": community, "issues": issues},
    )


def _issue(community: Community, pk: int) -> Newsletter:
    return get_object_or_404(Newsletter, community=community, pk=pk)


@community_view("disclosure.view")
def newsletter(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    issue = _issue(community, pk)
    member = getattr(request, "member", None)
    return render(
        request,
        "disclosure/newsletters/newsletter.html",
        {
            "community": community,
            "issue": issue,
            "may_read": member is not None and can(request.user, "disclosure.read", community),
            "has_read": member is not None and issue.readings.filter(member=member).exists(),
            "readings": issue.readings.count(),
            "stop_url": newsletters.unsubscribe_url(member) if member is not None else "",
            "may_manage": can(request.user, "disclosure.manage", community),
        },
    )


@require_POST
@community_view("disclosure.read")
def mark_read(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    issue = _issue(community, pk)
    attempt(
        request,
        lambda: newsletters.mark_newsletter_read(request.user, issue),
        _("Thank you for reading."),
    )
    return redirect(issue)


@community_view("disclosure.view")
def sheet(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    issue = _issue(community, pk)
    response = HttpResponse(poster.newsletter_sheet(issue), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="newsletter-{issue.pk}.pdf"'
    return response


@community_view("disclosure.read")
def choice(request: AuthedRequest, community: Community) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    if member is None:  # a site administrator passes the role check without a membership
        return render(request, "403.html", status=403)
    form = NewsletterChoiceForm(
        request.POST if request.method == "POST" else None,
        initial={"wanted": not newsletters.opted_out(member)},
    )
    if request.method == "POST" and form.is_valid():
        newsletters.choose_newsletters(request.user, member, form.cleaned_data["wanted"])
        messages.success(request, _("Your choice was saved."))
        return redirect("disclosure:register", community.slug)
    return render(
        request,
        "disclosure/newsletters/choice.html",
        {"community": community, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@community_view("disclosure.view")
def unsubscribe(request: HttpRequest, community: Community, token: str) -> HttpResponse:
    """GET asks, POST stops the newsletters - no sign-in needed, the link is signed."""
    member = newsletters.member_for_token(community, token)
    done = False
    if member is not None and request.method == "POST":
        done = bool(
            attempt(
                request,
                lambda: newsletters.unsubscribe(request.user, community, token),
                _("You will get no more newsletters."),
            )
        )
    return render(
        request,
        "disclosure/newsletters/unsubscribe.html",
        {"community": community, "member": member, "done": done},
        status=200 if member is not None else 400,
    )
