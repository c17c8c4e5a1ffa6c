"""Pages of the supervision committee: the public page (members, queries and answers, overdue
ones marked), the books members read (spending with receipts, awards, decisions), the audit log
of their community, a query with its public answer, and the form to raise one."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from linli.core import media
from linli.core.attempt import attempt, form_page
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can, require

from . import books, queries, services
from .forms import AnswerForm, QueryForm


@community_view("supervision.view")
def index(request: AuthedRequest, community: Community) -> HttpResponse:
    return render(
        request,
        "supervision/index.html",
        {
            "community": community,
            "committees": queries.committees(community),
            "serving": queries.serving(community),
            "queries": queries.queries_of(community),
            "figures": queries.figures(community),
            "may_read": can(request.user, "supervision.read_books", community),
            "may_ask": can(request.user, "supervision.raise_query", community),
        },
    )


@community_view("supervision.take_part")
def ledger_books(request: AuthedRequest, community: Community) -> HttpResponse:
    require(request.user, "supervision.read_books", community)
    return render(
        request,
        "supervision/books.html",
        {
            "community": community,
            "spending": books.spending(community),
            "awards": books.awards(community),
            "decisions": books.decisions(community),
            "may_ask": can(request.user, "supervision.raise_query", community),
        },
    )


@community_view("supervision.take_part")
def receipt(request: AuthedRequest, community: Community, kind: str, pk: int) -> HttpResponseBase:
    def stored() -> str | None:
        row = books.spending_row(community, kind, pk)
        return row.receipt.name if row is not None and row.receipt else None  # type: ignore[attr-defined]

    return media.send_under(request.user, "supervision.read_books", community, stored)


@community_view("supervision.take_part")
def audit_log(request: AuthedRequest, community: Community) -> HttpResponse:
    require(request.user, "supervision.read_books", community)
    entries = queries.audit_entries(community)
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action=action)
    actions = (
        queries.audit_entries(community)
        .values_list("action", flat=True)
        .distinct()
        .order_by("action")
    )
    return render(
        request,
        "supervision/audit.html",
        {
            "community": community,
            "page": Paginator(entries, 50).get_page(request.GET.get("page")),
            "actions": actions,
            "action": action,
        },
    )


@community_view("supervision.take_part")
def ask(request: AuthedRequest, community: Community) -> HttpResponse:
    require(request.user, "supervision.raise_query", community)
    lines = books.spending(community) + books.awards(community) + books.decisions(community)
    form = QueryForm(
        request.POST or None, lines=lines, initial={"subject": request.GET.get("subject", "")}
    )
    return form_page(
        request,
        form,
        lambda data: services.raise_query(
            request.user,
            community,
            subject=data["subject"],
            question=data["question"],
            due_on=data["due_on"],
        ),
        "supervision/ask.html",
        {"community": community},
    )


@community_view("supervision.view")
def query(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    found = queries.query_in(community, pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "supervision.answer_query", found)
        if form.is_valid() and attempt(
            request,
            lambda: services.answer(request.user, found, form.cleaned_data["answer"]),
            _("The answer is published."),
            form,
        ):
            return redirect(found)
    return render(
        request,
        "supervision/query.html",
        {
            "community": community,
            "query": found,
            "form": form,
            "may_answer": can(request.user, "supervision.answer_query", found),
        },
        status=400 if request.method == "POST" else 200,
    )
