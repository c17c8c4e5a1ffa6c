"""Organisers' pages: create and edit a conversation, moderate statements, print the statement
sheet and enter a resident's paper sheet, close the conversation, export the votes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt, on_form
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import require

from . import queries, services
from .export import export_zip
from .forms import CloseForm, ConversationForm, ModerationForm, PaperForm
from .models import Conversation


@community_view("opinions.manage")
def conversation_create(request: AuthedRequest, community: Community) -> HttpResponse:
    form = ConversationForm(request.POST or None, community=community, creating=True)
    if request.method == "POST" and form.is_valid():
        created = on_form(
            form,
            lambda: services.create_conversation(
                request.user, community, form.service_fields(), form.seed_lines()
            ),
        )
        if created is not None:
            messages.success(request, _("The conversation is open."))
            return redirect("opinions:detail", community.slug, created.value.pk)
    return render(
        request,
        "opinions/manage/form.html",
        {"community": community, "form": form, "conversation": None},
    )


@community_view("opinions.manage")
def conversation_edit(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    conversation = queries.managed_conversation(request.user, community, pk)
    require(request.user, "opinions.edit", conversation)
    instance = Conversation.objects.get(pk=conversation.pk)  # a refused save leaves ours untouched
    form = ConversationForm(
        request.POST or None, instance=instance, community=community, creating=False
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: services.update_conversation(request.user, conversation, form.service_fields()),
            _("Saved."),
            form,
        )
    ):
        return redirect("opinions:detail", community.slug, conversation.pk)
    return render(
        request,
        "opinions/manage/form.html",
        {"community": community, "form": form, "conversation": conversation},
    )


@community_view("opinions.manage")
def moderate(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    conversation = queries.managed_conversation(request.user, community, pk)
    failed: ModerationForm | None = None
    if request.method == "POST":
        form = ModerationForm(request.POST)
        if form.is_valid():
            statement = conversation.statements.filter(pk=form.cleaned_data["statement"]).first()
            if statement is not None and attempt(
                request,
                lambda: services.moderate(
                    request.user,
                    statement,
                    form.cleaned_data["decision"] == "accept",
                    form.cleaned_data["reason"],
                ),
                _("Done. The author has been told."),
                form,
            ):
                return redirect("opinions:moderate", community.slug, conversation.pk)
        failed = form
    # The statement whose decision was refused keeps what was typed, with the error beside it.
    refused_pk = failed.data.get("statement") if failed is not None else None
    pending = [
        (s, failed if refused_pk == str(s.pk) else ModerationForm())
        for s in queries.pending_statements(conversation)
    ]
    return render(
        request,
        "opinions/manage/moderate.html",
        {
            "community": community,
            "conversation": conversation,
            "pending": pending,
            "decided": conversation.statements.exclude(status="pending").order_by(
                "-moderated_at", "-number"
            ),
        },
    )


@community_view("opinions.manage")
def sheet(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """The printable statement sheet: numbered statements with boxes to tick."""
    conversation = queries.managed_conversation(request.user, community, pk)
    return render(
        request,
        "opinions/manage/sheet.html",
        {
            "community": community,
            "conversation": conversation,
            "statements": queries.accepted_statements(conversation),
        },
    )


@community_view("opinions.manage")
def paper_entry(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    conversation = queries.managed_conversation(request.user, community, pk)
    require(request.user, "opinions.enter_paper", conversation)
    form = PaperForm(
        request.POST or None,
        statements=list(queries.accepted_statements(conversation)),
        members=queries.sheet_members(conversation),
    )
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["member"]
        if attempt(
            request,
            lambda: services.enter_sheet(
                request.user,
                conversation,
                member,
                form.cleaned_data["marks"],
                form.cleaned_data["channel"],
            ),
            _("Entered %(n)d votes for %(name)s.")
            % {"n": len(form.cleaned_data["marks"]), "name": member.name},
            form,
        ):
            return redirect("opinions:paper", community.slug, conversation.pk)
    return render(
        request,
        "opinions/manage/paper.html",
        {"community": community, "conversation": conversation, "form": form},
    )


@community_view("opinions.manage")
def close(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    conversation = queries.managed_conversation(request.user, community, pk)
    form = CloseForm(request.POST or None, initial={"outcome": conversation.outcome})
    if request.method == "POST" and form.is_valid():
        outcome = form.cleaned_data["outcome"]
        if conversation.is_open:
            action = lambda: services.close_conversation(request.user, conversation, outcome)  # noqa: E731
            done = _("The conversation is closed. The report-back page shows what it found.")
        else:
            action = lambda: services.write_outcome(request.user, conversation, outcome)  # noqa: E731
            done = _("Saved.")
        if attempt(request, action, done, form):
            return redirect("opinions:report", community.slug, conversation.pk)
    return render(
        request,
        "opinions/manage/close.html",
        {"community": community, "conversation": conversation, "form": form},
    )


@require_POST
@community_view("opinions.manage")
def recompute_now(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """Ask for the map to be brought up to date (queued; at most one waiting)."""
    conversation = queries.managed_conversation(request.user, community, pk)
    services.queue_recompute(request.user, conversation)
    messages.success(request, _("The map will be brought up to date in a moment."))
    return redirect("opinions:results", community.slug, conversation.pk)


@community_view("opinions.manage")
def export(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    conversation = queries.managed_conversation(request.user, community, pk)
    response = HttpResponse(export_zip(conversation), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="conversation-{conversation.pk}-polis.zip"'
    )
    return response
