"""Residents' pages: the list of conversations, a conversation one statement at a time (vote,
write a statement), the results (map, table, groups, consensus) and the report-back. Views read
through ``queries`` and change state only through ``services`` (POST only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.kit import Refused
from linli.core.models import Community
from linli.core.permissions import can, require

from . import queries, services
from .forms import StatementForm
from .models import Conversation, Statement


@community_view("opinions.view")
def conversation_list(request: AuthedRequest, community: Community) -> HttpResponse:
    conversations = list(queries.visible_conversations(request.user, community))
    return render(
        request,
        "opinions/list.html",
        {
            "community": community,
            "open": [c for c in conversations if c.is_open],
            "closed": [c for c in conversations if not c.is_open],
            "is_organiser": can(request.user, "opinions.manage", community),
        },
    )


def _page(
    request: AuthedRequest,
    community: Community,
    conversation: Conversation,
    form: StatementForm | None = None,
    similar: list[Statement] | None = None,
) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    writes = can(request.user, "opinions.write_statement", conversation) and member is not None
    context = {
        "community": community,
        "conversation": conversation,
        "statement": queries.next_statement(conversation, member),
        "progress": queries.progress(conversation, member),
        "can_vote": queries.can_vote(request.user, conversation),
        "can_write": writes,
        "form": form or (StatementForm() if writes else None),
        "similar": similar or [],
        "mine": queries.own_statements(conversation, member),
        "is_organiser": can(request.user, "opinions.manage", community),
    }
    return render(request, "opinions/detail.html", context)


@community_view("opinions.view")
def conversation_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    conversation = queries.visible_conversation(request.user, community, pk)
    return _page(request, community, conversation)


@require_POST
@community_view("opinions.take_part")
def vote(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    conversation = queries.visible_conversation(request.user, community, pk)
    statement = get_object_or_404(
        Statement, conversation=conversation, pk=request.POST.get("statement") or 0
    )
    try:
        choice = int(request.POST.get("choice", ""))
    except ValueError:
        raise Refused(_("Choose agree, disagree or pass."), "choice") from None
    services.vote(request.user, conversation, statement, choice)
    return redirect("opinions:detail", community.slug, conversation.pk)


@community_view("opinions.view")
def write_statement(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    conversation = queries.visible_conversation(request.user, community, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require(request.user, "opinions.write_statement", conversation)
    if request.method != "POST":
        return redirect("opinions:detail", community.slug, conversation.pk)
    form = StatementForm(request.POST)
    similar: list[Statement] = []
    if form.is_valid():
        text = form.cleaned_data["text"]
        similar = (
            [] if form.cleaned_data["confirm"] else queries.similar_statements(conversation, text)
        )
        if similar:
            # The next send means "mine is different": the same text, confirmed.
            form = StatementForm({"text": text, "confirm": "1"})
        elif attempt(
            request,
            lambda: services.submit_statement(request.user, conversation, text),
            _("Thank you. Your statement will be shown once an organiser has read it."),
            form,
        ):
            return redirect("opinions:detail", community.slug, conversation.pk)
    return _page(request, community, conversation, form, similar)


@community_view("opinions.view")
def results(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    conversation = queries.visible_conversation(request.user, community, pk)
    return render(
        request,
        "opinions/results.html",
        {
            "community": community,
            "conversation": conversation,
            "results": queries.results(conversation),
            "statements": queries.statement_counts(conversation),
            "is_organiser": can(request.user, "opinions.manage", community),
        },
    )


@community_view("opinions.view")
def report_back(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    conversation = queries.visible_conversation(request.user, community, pk)
    # Residents read it once the conversation closes; organisers preview it while it is open.
    if can(request.user, "opinions.report_back", conversation) or can(
        request.user, "opinions.manage", community
    ):
        return render(
            request,
            "opinions/report.html",
            {
                "community": community,
                "conversation": conversation,
                "results": queries.results(conversation),
                "statements": queries.statement_counts(conversation),
            },
        )
    messages.info(request, _("The report-back is written when the conversation closes."))
    return redirect("opinions:results", community.slug, conversation.pk)
