"""Borrowing: ask, answer, hand over, return, thank; the waiting list for a busy item."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import photos
from linli.core.kit import command
from linli.core.models import Household, Member, User
from linli.core.notify import notify
from linli.core.permissions import require
from linli.core.services import ServiceError
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from .. import lifecycle
from ..models import Item, Loan, WaitingEntry
from ..queries import (
    _clash,
    _people,
    can_wait_for,
    free_from,
    neighbour,
    overdue_loans,
    side_of,
    state_of,
    today,
)

EXPIRY_NOTICE_DAYS = 7  # the household hears this many days before its listing leaves the board


REFUSALS = {
    "finished": gettext_lazy("This loan is already finished."),
    "owner_only": gettext_lazy("Only the lending household can approve or decline."),
    "already_decided": gettext_lazy("This request has already been answered."),
    "cannot_cancel": gettext_lazy(
        "The item has already changed hands: the loan ends when it is returned."
    ),
    "not_approved": gettext_lazy("The hand-over can be confirmed once the owner has approved."),
    "already_confirmed": gettext_lazy(
        "You have already confirmed this step; it waits for the other side."
    ),
    "not_handed_over": gettext_lazy(
        "The return can be confirmed only after both sides confirmed the hand-over."
    ),
}


def _refuse_overdue(household: Household) -> None:
    late = overdue_loans(household).select_related("item").first()
    if late is not None:
        raise ServiceError(
            _(
                "Your household still has %(item)s, which was due back on %(due)s. Please "
                "return it first; then you can borrow again."
            )
            % {"item": late.item.name, "due": late.due_on.isoformat()}
        )


@command("sharing.take_part", on="item")
def request_loan(
    actor: User, item: Item, starts_on: date | None, due_on: date | None, message: str = ""
) -> Loan:
    member = neighbour(actor, item.community)
    item = Item.objects.select_for_update().select_related("community").get(pk=item.pk)
    household: Household = member.household  # type: ignore[assignment]
    if item.household_id == household.pk:
        raise ServiceError(_("This is your own household's item."))
    if item.is_expired(today()) or item.availability != Item.Availability.AVAILABLE:
        raise ServiceError(_("This item is not lent at the moment."))
    _refuse_overdue(household)
    if starts_on is None:
        raise ServiceError(_("Give the first day of the loan."), "starts_on")
    if due_on is None:
        raise ServiceError(_("Give the day you will bring it back."), "due_on")
    if starts_on < today():
        raise ServiceError(_("The loan cannot start in the past."), "starts_on")
    if due_on < starts_on:
        raise ServiceError(_("The return day is before the first day."), "due_on")
    if (due_on - starts_on).days + 1 > item.loan_days:
        raise ServiceError(
            _("This household lends it for at most %(days)s days.") % {"days": item.loan_days},
            "due_on",
        )
    if starts_on > today() + timedelta(days=60):
        raise ServiceError(_("Ask at most two months ahead."), "starts_on")
    if Loan.objects.filter(
        item=item, borrower_household=household, status__in=(Loan.Status.REQUESTED, *Loan.HOLDING)
    ).exists():
        raise ServiceError(_("Your household already has a request or loan for this item."))
    if _clash(item, starts_on, due_on) is not None:
        raise ServiceError(
            _(
                "The item is lent for some of these days. Choose other days or join the waiting list."
            ),
            "starts_on",
        )
    loan = Loan.objects.create(
        item=item,
        community=item.community,
        owner_household_id=item.household_id,
        borrower_household=household,
        borrower=member,
        starts_on=starts_on,
        due_on=due_on,
        message=message.strip()[:300],
    )
    WaitingEntry.objects.filter(item=item, member=member).delete()
    for owner in _people(item.household):
        notify(
            owner,
            "sharing_loans",
            (gettext_lazy("A neighbour asks to borrow %(item)s"), {"item": item.name}),
            (
                gettext_lazy("%(who)s asks for %(from)s to %(to)s. Please approve or decline."),
                {"who": household.flat.label, "from": starts_on, "to": due_on},
            ),
            url=loan.get_absolute_url(),
            community=item.community,
        )
    return loan


def _lock(loan: Loan) -> Loan:
    return Loan.objects.select_for_update().select_related("item", "community").get(pk=loan.pk)


def _step(actor: Any, loan: Loan, action: str) -> tuple[Loan, Member, str, lifecycle.LoanState]:
    member = neighbour(actor, loan.community)
    loan = _lock(loan)
    side = side_of(actor, loan)
    if side is None:
        raise ServiceError(_("Only the two households of this loan can do this."))
    try:
        state = lifecycle.step(state_of(loan), action, side)
    except lifecycle.Refused as refusal:
        raise ServiceError(str(REFUSALS.get(refusal.code, refusal.code))) from None
    return loan, member, side, state


@command("sharing.take_part", on="loan")
def decide(actor: User, loan: Loan, approve: bool, message: str = "") -> Loan:
    # Lock the item first, then the loan: every path that approves takes the same order.
    Item.objects.select_for_update().filter(pk=loan.item_id).first()
    loan, member, _side, state = _step(actor, loan, "approve" if approve else "decline")
    if approve:
        if _clash(loan.item, loan.starts_on, loan.due_on, exclude=loan.pk) is not None:
            raise ServiceError(
                _("The item is already lent for some of these days; you cannot lend it twice.")
            )
        _refuse_overdue(loan.borrower_household)
    loan.status = state.status
    loan.owner_message = message.strip()[:300]
    loan.decided_by = member
    loan.save(update_fields=["status", "owner_message", "decided_by"])
    if approve:
        title = (gettext_lazy("Yes, you can borrow %(item)s"), {"item": loan.item.name})
        body: Any = (
            gettext_lazy(
                "Pick it up from %(from)s (%(times)s). Both of you confirm the hand-over on the "
                "page. %(message)s"
            ),
            {
                "from": loan.starts_on,
                "times": loan.item.pickup_times or "—",
                "message": loan.owner_message,
            },
        )
    else:
        title = (gettext_lazy("%(item)s cannot be lent this time"), {"item": loan.item.name})
        body = loan.owner_message
        _tell_next_waiting(loan.item)
    notify(
        loan.borrower,
        "sharing_loans",
        title,
        body,
        url=loan.get_absolute_url(),
        community=loan.community,
    )
    return loan


@command("sharing.take_part", on="loan")
def cancel(actor: User, loan: Loan) -> Loan:
    loan, _member, side, state = _step(actor, loan, "cancel")
    loan.status = state.status
    loan.save(update_fields=["status"])
    others = _people(loan.owner_household) if side == lifecycle.BORROWER else [loan.borrower]
    for person in others:
        notify(
            person,
            "sharing_loans",
            (gettext_lazy("Loan of %(item)s cancelled"), {"item": loan.item.name}),
            url=loan.get_absolute_url(),
            community=loan.community,
        )
    _tell_next_waiting(loan.item)
    return loan


def _credit(loan: Loan) -> None:
    """Ledger: lending and borrowing are both "involved", once per loan per person who acted."""
    for member in filter(None, [loan.handover_owner_by, loan.handover_borrower_by]):
        ledger.record(
            member,
            method=Method.SHARING,
            channel=Channel.IN_PERSON,
            depth=Depth.INVOLVED,
            source=loan,
            occurred_at=loan.handed_over_at,
        )


@command("sharing.take_part", on="loan")
def confirm_handover(actor: User, loan: Loan, photo: Any = None) -> Loan:
    loan, member, side, state = _step(actor, loan, "confirm_handover")
    early = loan.starts_on > today()
    if early and side == lifecycle.BORROWER and loan.handover_owner_at is None:
        # Nobody picks it up early alone; once the owner says it was handed over, it was.
        raise ServiceError(
            _(
                "The loan starts on %(day)s. If the owner hands it over earlier, they confirm "
                "first; then you can confirm too."
            )
            % {"day": loan.starts_on.isoformat()}
        )
    now = timezone.now()
    if early and state.status == Loan.Status.HANDED_OVER:
        loan.starts_on = today()  # picked up early: the item is with the borrower from today
    if side == lifecycle.OWNER:
        loan.handover_owner_at, loan.handover_owner_by = now, member
    else:
        loan.handover_borrower_at, loan.handover_borrower_by = now, member
    if photo:
        loan.handover_photo = photos.shrink(photo)
    loan.status = state.status
    if state.status == Loan.Status.HANDED_OVER:
        loan.handed_over_at = now
    loan.save()
    if state.status == Loan.Status.HANDED_OVER:
        _credit(loan)
    else:
        _ask_other_side(loan, side, gettext_lazy("Please confirm the hand-over of %(item)s"))
    return loan


@command("sharing.take_part", on="loan")
def confirm_return(actor: User, loan: Loan, photo: Any = None) -> Loan:
    loan, _member, side, state = _step(actor, loan, "confirm_return")
    now = timezone.now()
    if side == lifecycle.OWNER:
        loan.return_owner_at = now
    else:
        loan.return_borrower_at = now
    if photo:
        loan.return_photo = photos.shrink(photo)
    loan.status = state.status
    if state.status == Loan.Status.RETURNED:
        loan.returned_at = now
    loan.save()
    if state.status == Loan.Status.RETURNED:
        notify(
            loan.borrower,
            "sharing_loans",
            (gettext_lazy("%(item)s is back with its owner"), {"item": loan.item.name}),
            gettext_lazy("Thank you for returning it. You can leave a thank-you note."),
            url=loan.get_absolute_url(),
            community=loan.community,
        )
        _tell_next_waiting(loan.item)
    else:
        _ask_other_side(loan, side, gettext_lazy("Please confirm the return of %(item)s"))
    return loan


def _ask_other_side(loan: Loan, side: str, title: Any) -> None:
    others = [loan.borrower] if side == lifecycle.OWNER else _people(loan.owner_household)
    for person in others:
        notify(
            person,
            "sharing_loans",
            (title, {"item": loan.item.name}),
            gettext_lazy("The other household has confirmed; the step waits for you."),
            url=loan.get_absolute_url(),
            community=loan.community,
        )


@command("sharing.take_part", on="item")
def join_waiting(actor: User, item: Item) -> WaitingEntry:
    member = neighbour(actor, item.community)
    if item.household_id == member.household_id:
        raise ServiceError(_("This is your own household's item."))
    if not can_wait_for(item):
        raise ServiceError(_("It can be borrowed now: ask for the days you need."))
    entry, _created = WaitingEntry.objects.get_or_create(item=item, member=member)
    if entry.notified_at is not None:
        entry.notified_at = None
        entry.save(update_fields=["notified_at"])
    return entry


@command("sharing.take_part", on="item")
def leave_waiting(actor: User, item: Item) -> None:
    member = neighbour(actor, item.community)
    WaitingEntry.objects.filter(item=item, member=member).delete()


def _tell_next_waiting(item: Item) -> WaitingEntry | None:
    """The item is free again: tell the first neighbour waiting who has not been told yet."""
    if item.availability != Item.Availability.AVAILABLE or free_from(item) is not None:
        return None
    entry = item.waiting.filter(notified_at__isnull=True).select_related("member").first()
    if entry is None:
        return None
    entry.notified_at = timezone.now()
    entry.save(update_fields=["notified_at"])
    notify(
        entry.member,
        "sharing_loans",
        (gettext_lazy("%(item)s is free now"), {"item": item.name}),
        gettext_lazy("You were first on the waiting list. Ask for the days you need."),
        url=item.get_absolute_url(),
        community=item.community,
    )
    return entry


@command("sharing.take_part", on="loan")
def leave_thanks(actor: User, loan: Loan, text: str) -> Loan:
    neighbour(actor, loan.community)
    loan = _lock(loan)
    if side_of(actor, loan) != lifecycle.BORROWER:
        raise ServiceError(_("The borrowing household leaves the thank-you note."))
    require(actor, "sharing.thank", loan)  # once the item is back
    if not text.strip():
        raise ServiceError(_("Write a few words of thanks."), "thanks")
    loan.thanks, loan.thanks_at = text.strip()[:300], timezone.now()
    loan.save(update_fields=["thanks", "thanks_at"])
    for owner in _people(loan.owner_household):
        notify(
            owner,
            "sharing_loans",
            (gettext_lazy("A thank-you note for %(item)s"), {"item": loan.item.name}),
            loan.thanks,
            url=loan.get_absolute_url(),
            community=loan.community,
        )
    return loan


@command("sharing.take_part", on="loan")
def show_thanks(actor: User, loan: Loan, shown: bool) -> Loan:
    neighbour(actor, loan.community)
    loan = _lock(loan)
    if side_of(actor, loan) != lifecycle.OWNER:
        raise ServiceError(_("The lending household chooses whether to show the note."))
    if not loan.thanks:
        raise ServiceError(_("There is no thank-you note yet."))
    loan.thanks_shown = shown
    loan.save(update_fields=["thanks_shown"])
    return loan
