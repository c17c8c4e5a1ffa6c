"""Pages of item-sharing: the board, an item, listing and renewing, my sharing, a loan with its
steps, problems, statistics and the poster. Every view checks the action on the server; who owns
an item or takes part in a loan is checked again by the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.attempt import attempt
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can
from linli.core.services import ServiceError

from . import lifecycle, poster, services
from .forms import (
    BoxForm,
    ConfirmForm,
    DecisionForm,
    ItemForm,
    LoanRequestForm,
    ProblemForm,
    ResolveForm,
    SearchForm,
    ThanksForm,
)
from .models import Item, Loan, Problem, WaitingEntry


def _item(community: Community, pk: int, user: Any = None) -> Item:
    item = get_object_or_404(
        Item.objects.select_related("community", "household__flat", "household__share_box"),
        community=community,
        pk=pk,
    )
    # Expired listings leave the board; only their household still opens them.
    if item.is_expired(services.today()) and not services.owns(user, item):
        raise Http404
    return item


def _loan(request: AuthedRequest, community: Community, pk: int) -> Loan:
    loan = get_object_or_404(
        Loan.objects.select_related(
            "item", "community", "borrower", "owner_household__flat", "borrower_household__flat"
        ),
        community=community,
        pk=pk,
    )
    if not services.may_see_loan(request.user, loan):
        raise PermissionDenied("sharing.loan")
    return loan


# --- The board ----------------------------------------------------------------------------------


@community_view("sharing.view")
def board(request: AuthedRequest, community: Community) -> HttpResponse:
    search = SearchForm(request.GET or None)
    category, words = "", ""
    if search.is_valid():
        category, words = search.cleaned_data["category"], search.cleaned_data["q"]
    items = services.search(services.on_board(community), category, words)
    residents = services.household_of(request.user, community) is not None or can(
        request.user, "sharing.mediate", community
    )
    groups = services.board(community, items, show_flats=residents)
    context = {
        "community": community,
        "search": search,
        "searching": bool(category or words),
        "groups": groups,
        "count": sum(group.items for group in groups),
        "several_courtyards": len(groups) > 1,
        # a long board (the 金桂 board is many screens) gets a list of its buildings to jump to
        "show_index": sum(len(courtyard.buildings) for courtyard in groups) > 1,
        "residents": residents,
        "household": services.household_of(request.user, community),
    }
    return render(request, "sharing/board.html", context)


@community_view("sharing.view")
def item_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = _item(community, pk, request.user)
    household = services.household_of(request.user, community)
    form = LoanRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login()}?next={request.path}")
        if form.is_valid():
            try:
                loan = services.request_loan(
                    request.user,
                    item,
                    form.cleaned_data["starts_on"],
                    form.cleaned_data["due_on"],
                    form.cleaned_data["message"],
                )
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Your request is sent. The owner will answer."))
                return redirect(loan.get_absolute_url())
    member = getattr(request, "member", None)
    context = {
        "community": community,
        "item": item,
        "form": form,
        "own": household is not None and household.pk == item.household_id,
        "household": household,
        "box": services.box_label(
            item.household,
            getattr(item.household, "share_box", None),
            household is not None or can(request.user, "sharing.mediate", community),
        ),
        "free_from": services.free_from(item),
        "waiting": WaitingEntry.objects.filter(item=item, member=member).first()
        if member is not None
        else None,
        "waiting_count": item.waiting.count(),
        "can_wait": services.can_wait_for(item),
        "overdue": services.overdue_loans(household).first() if household else None,
        "expired": item.is_expired(services.today()),
    }
    return render(request, "sharing/item.html", context)


def _login() -> str:
    from django.urls import reverse

    return reverse("core:login")


@community_view("sharing.take_part")
@require_POST
def waiting(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = _item(community, pk, request.user)
    if request.POST.get("leave"):
        attempt(
            request,
            lambda: services.leave_waiting(request.user, item),
            _("You left the waiting list."),
        )
    else:
        attempt(
            request,
            lambda: services.join_waiting(request.user, item),
            _("You are on the waiting list. We tell you when it is free."),
        )
    return redirect(item.get_absolute_url())


# --- Listing ------------------------------------------------------------------------------------


@community_view("sharing.take_part")
def item_edit(request: AuthedRequest, community: Community, pk: int | None = None) -> HttpResponse:
    item = _item(community, pk, request.user) if pk else Item(community=community)
    if pk and not services.owns(request.user, item):
        raise PermissionDenied("sharing.item")
    if not pk and services.household_of(request.user, community) is None:
        messages.error(
            request,
            _("Only verified residents with a household in this community can lend and borrow."),
        )
        return redirect("sharing:board", community.slug)
    form = ItemForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.save_item(
                request.user, form.save(commit=False), form.cleaned_data.get("photo_upload")
            )
        except ServiceError as error:
            field = "photo_upload" if error.field == "image" else error.field
            form.add_error(field if field in form.fields else None, error.message)
        else:
            messages.success(request, _("Saved. The item is on the board."))
            return redirect(item.get_absolute_url())
    return render(
        request,
        "sharing/item_form.html",
        {"community": community, "item": item if pk else None, "form": form},
    )


@community_view("sharing.take_part")
@require_POST
def item_state(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    item = _item(community, pk, request.user)
    what = request.POST.get("do")
    if what == "renew":
        attempt(
            request,
            lambda: services.renew(request.user, item),
            _("Renewed: the item stays on the board for another 90 days."),
        )
    elif what in ("pause", "resume"):
        attempt(
            request,
            lambda: services.set_availability(request.user, item, what == "resume"),
            _("Saved."),
        )
    return redirect(item.get_absolute_url())


@community_view("sharing.take_part")
def mine(request: AuthedRequest, community: Community) -> HttpResponse:
    household = services.household_of(request.user, community)
    if household is None:
        return render(request, "sharing/mine.html", {"community": community, "household": None})
    box = services.box_of(household)
    form = BoxForm(request.POST or None, instance=box)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_box(
                request.user,
                household,
                form.cleaned_data["show_name"],
                form.cleaned_data["display_name"],
                form.cleaned_data["note"],
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Your box is saved."))
            return redirect("sharing:mine", community.slug)
    loans = Loan.objects.filter(community=community).select_related(
        "item", "community", "borrower_household__flat", "owner_household__flat"
    )
    today = services.today()
    items = list(
        Item.objects.filter(household=household).select_related("community").order_by("expires_on")
    )
    with_borrower = services.lent_out(items)
    for item in items:
        item.lent_to = with_borrower.get(item.pk)  # type: ignore[attr-defined]
    context = {
        "community": community,
        "household": household,
        "form": form,
        "items": items,
        "today": today,
        "incoming": loans.filter(owner_household=household).exclude(
            status__in=[Loan.Status.DECLINED, Loan.Status.CANCELLED]
        )[:50],
        "borrowing": loans.filter(borrower_household=household).exclude(
            status__in=[Loan.Status.DECLINED, Loan.Status.CANCELLED]
        )[:50],
        "overdue": services.overdue_loans(household).select_related("item").first(),
        "waiting": WaitingEntry.objects.filter(member__household=household).select_related(
            "item__community"
        ),
    }
    return render(request, "sharing/mine.html", context)


# --- A loan -------------------------------------------------------------------------------------


@community_view("sharing.view")
def loan_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{_login()}?next={request.path}")
    loan = _loan(request, community, pk)
    side = services.side_of(request.user, loan)
    state = services.state_of(loan)
    context = {
        "community": community,
        "loan": loan,
        "side": side,
        "owner": side == lifecycle.OWNER,
        "borrower": side == lifecycle.BORROWER,
        "mediator": can(request.user, "sharing.mediate", community),
        "waiting_for": lifecycle.waiting_for(state),
        "state": state,
        "overdue": services.is_overdue(loan),
        # Before the first day the borrower waits for the owner to hand it over early.
        "borrower_waits": side == lifecycle.BORROWER
        and loan.starts_on > services.today()
        and not state.handover_owner,
        "decision": DecisionForm(),
        "confirm": ConfirmForm(),
        "thanks": ThanksForm(),
        "problem_form": ProblemForm(),
        "resolve": ResolveForm(),
        "problems": loan.problems.select_related("reported_by"),
    }
    return render(request, "sharing/loan.html", context)


@community_view("sharing.take_part")
@require_POST
def loan_step(request: AuthedRequest, community: Community, pk: int, step: str) -> HttpResponse:
    loan = _loan(request, community, pk)
    user = request.user
    # Organisers may see a loan (they mediate) but only its two households take its steps: anyone
    # else is forbidden outright, before any step is tried.
    if services.side_of(user, loan) is None:
        raise PermissionDenied("sharing.loan")
    photo = request.FILES.get("photo")
    message = request.POST.get("message", "")
    actions: dict[str, tuple[Callable[[], Any], str]] = {
        "approve": (
            lambda: services.decide(user, loan, True, message),
            _("Approved. Confirm the hand-over when you give it."),
        ),
        "decline": (
            lambda: services.decide(user, loan, False, message),
            _("Declined. The neighbour is told."),
        ),
        "cancel": (lambda: services.cancel(user, loan), _("The request is cancelled.")),
        "handover": (
            lambda: services.confirm_handover(user, loan, photo),
            _("Hand-over confirmed on your side."),
        ),
        "return": (
            lambda: services.confirm_return(user, loan, photo),
            _("Return confirmed on your side."),
        ),
        "thanks": (
            lambda: services.leave_thanks(user, loan, request.POST.get("thanks", "")),
            _("Thank you! Your note is sent to the lending household."),
        ),
        "show_thanks": (
            lambda: services.show_thanks(user, loan, True),
            _("The note is shown on your box."),
        ),
        "hide_thanks": (
            lambda: services.show_thanks(user, loan, False),
            _("The note is no longer shown."),
        ),
    }
    if step not in actions:
        raise Http404
    action, done = actions[step]
    attempt(request, action, done)
    return redirect(loan.get_absolute_url())


@community_view("sharing.take_part")
@require_POST
def problem_report(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    loan = _loan(request, community, pk)
    form = ProblemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what happened and describe it."))
        return redirect(loan.get_absolute_url())
    attempt(
        request,
        lambda: services.report_problem(
            request.user,
            loan,
            form.cleaned_data["kind"],
            form.cleaned_data["description"],
            form.cleaned_data["mediation"],
        ),
        _("The problem is reported. The other household is told."),
    )
    return redirect(loan.get_absolute_url())


@community_view("sharing.view")
@require_POST
def problem_step(request: AuthedRequest, community: Community, pk: int, step: str) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied("sharing.problem")
    problem = get_object_or_404(
        Problem.objects.select_related("loan__community", "loan__item"),
        loan__community=community,
        pk=pk,
    )
    loan = _loan(request, community, problem.loan_id)
    if step == "mediation":
        attempt(
            request,
            lambda: services.ask_mediation(request.user, problem),
            _("The organiser is asked to mediate."),
        )
    elif step == "notes":
        attempt(
            request,
            lambda: services.note_mediation(
                request.user, problem, request.POST.get("mediation_notes", "")
            ),
            _("Mediation notes saved."),
        )
    elif step == "resolve":
        attempt(
            request,
            lambda: services.resolve(
                request.user,
                problem,
                request.POST.get("outcome", ""),
                request.POST.get("mediation_notes", ""),
            ),
            _("The problem is marked as settled."),
        )
    else:
        raise Http404
    return redirect(loan.get_absolute_url())


# --- Organisers, figures and the poster ---------------------------------------------------------


@community_view("sharing.mediate")
def problems(request: AuthedRequest, community: Community) -> HttpResponse:
    rows = Problem.objects.filter(loan__community=community).select_related(
        "loan__item",
        "loan__community",
        # flat.label walks up to the courtyard: fetch the whole address with the row.
        "loan__owner_household__flat__parent__parent__parent",
        "loan__borrower_household__flat__parent__parent__parent",
        "reported_by",
    )
    context = {
        "community": community,
        "open": rows.filter(~Q(status=Problem.Status.RESOLVED)),
        "resolved": rows.filter(status=Problem.Status.RESOLVED)[:50],
        "overdue": Loan.objects.filter(
            community=community, status=Loan.Status.HANDED_OVER, due_on__lt=services.today()
        ).select_related(
            "item",
            "borrower_household__flat__parent__parent__parent",
            "owner_household__flat__parent__parent__parent",
        ),
    }
    return render(request, "sharing/problems.html", context)


@community_view("sharing.view")
def figures(request: AuthedRequest, community: Community) -> HttpResponse:
    summary = services.figures(community)
    peak = max((count for _month, count in summary.by_month), default=0)
    context = {"community": community, "summary": summary, "peak": peak or 1}
    return render(request, "sharing/figures.html", context)


@community_view("sharing.poster")
def poster_pdf(request: AuthedRequest, community: Community) -> HttpResponse:
    size = "A3" if request.GET.get("size") == "A3" else "A4"
    language = (
        request.LANGUAGE_CODE
        if request.LANGUAGE_CODE in ("zh-hans", "zh-hant", "en")
        else "zh-hans"
    )
    data = poster.board_poster(community, size=size, language=language)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sharing-{community.slug}-{size}.pdf"'
    return response
