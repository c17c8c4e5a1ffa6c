"""Everything that changes item-sharing: listings, loans with both-side confirmations, the waiting
list, problems and mediation, thank-you notes, and the reminder sweep. Each action checks who may
take it, writes, writes the ledger and the audit log, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from linli.core import audit, photos
from linli.core.models import Community, Household, Member
from linli.core.notify import notify
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of, require
from linli.core.services import ServiceError
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from . import counts, lifecycle
from .models import LISTING_DAYS, Box, Category, Item, Loan, Problem, WaitingEntry

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


def today() -> date:
    return timezone.localdate()


# --- Who is who ---------------------------------------------------------------------------------


def neighbour(user: Any, community: Community) -> Member:
    """The verified resident with a household who lends or borrows; anyone else is refused."""
    require(user, "sharing.take_part", community)
    member = member_of(user, community)
    if member is None or not member.is_verified or member.household_id is None:
        raise ServiceError(
            _("Only verified residents with a household in this community can lend and borrow.")
        )
    return member


def household_of(user: Any, community: Community) -> Household | None:
    member = member_of(user, community)
    if member is None or not member.is_verified or not can(user, "sharing.take_part", community):
        return None
    return member.household


def side_of(user: Any, loan: Loan) -> str | None:
    household = household_of(user, loan.community)
    if household is None:
        return None
    if household.pk == loan.owner_household_id:
        return lifecycle.OWNER
    if household.pk == loan.borrower_household_id:
        return lifecycle.BORROWER
    return None


def may_see_loan(user: Any, loan: Loan) -> bool:
    """The two households, and organisers (who mediate and keep the figures)."""
    return side_of(user, loan) is not None or can(user, "sharing.mediate", loan.community)


def owns(user: Any, item: Item) -> bool:
    household = household_of(user, item.community)
    return household is not None and household.pk == item.household_id


def may_see_item_photo(user: Any, item: Item) -> bool:
    """As the item page: the board's visitors while it is listed, its household always."""
    if not can(user, "sharing.view", item.community):
        return False
    return not item.is_expired(today()) or owns(user, item)


def state_of(loan: Loan) -> lifecycle.LoanState:
    return lifecycle.LoanState(
        status=loan.status,
        handover_owner=loan.handover_owner_at is not None,
        handover_borrower=loan.handover_borrower_at is not None,
        return_owner=loan.return_owner_at is not None,
        return_borrower=loan.return_borrower_at is not None,
    )


def is_overdue(loan: Loan, on: date | None = None) -> bool:
    return lifecycle.is_overdue(loan.status, loan.due_on, on or today())


def overdue_loans(household: Household, on: date | None = None) -> QuerySet[Loan]:
    return Loan.objects.filter(
        borrower_household=household, status=Loan.Status.HANDED_OVER, due_on__lt=on or today()
    )


def _people(household: Household) -> list[Member]:
    return list(
        Member.objects.filter(household=household, status=Member.Status.VERIFIED).select_related(
            "user"
        )
    )


# --- Listings -----------------------------------------------------------------------------------


def box_of(household: Household) -> Box:
    box, _created = Box.objects.get_or_create(household=household)
    return box


@transaction.atomic
def save_box(actor: Any, household: Household, show_name: bool, name: str, note: str) -> Box:
    member = neighbour(actor, household.community)
    if member.household_id != household.pk:
        raise ServiceError(_("You can change only your own household's box."))
    if show_name and not name.strip():
        raise ServiceError(_("Give the name to show, or keep showing the flat."), "display_name")
    box = box_of(household)
    box.show_name, box.display_name, box.note = show_name, name.strip(), note.strip()
    box.save()
    return box


@transaction.atomic
def save_item(actor: Any, item: Item, photo: Any = None) -> Item:
    """List a new item for the actor's household, or save changes to one of its items."""
    member = neighbour(actor, item.community)
    if item.pk is None:
        item.household_id = member.household_id
        item.listed_by = member
        item.expires_on = today() + timedelta(days=LISTING_DAYS)
    elif item.household_id != member.household_id:
        raise ServiceError(_("You can change only your own household's items."))
    if not item.name.strip():
        raise ServiceError(_("Give the item a name."), "name")
    if item.category not in Category.values:
        raise ServiceError(_("Choose a category from the list."), "category")
    if not 1 <= item.loan_days <= 90:
        raise ServiceError(_("A loan lasts from 1 to 90 days."), "loan_days")
    if photo:
        item.photo = photos.shrink(photo)
    created = item.pk is None
    item.save()
    if created:
        box_of(member.household)  # type: ignore[arg-type]
    audit.log(
        actor,
        "sharing.item_listed" if created else "sharing.item_changed",
        item,
        community=item.community,
    )
    return item


@transaction.atomic
def renew(actor: Any, item: Item) -> Item:
    """Keep the item on the board for another LISTING_DAYS from today (also after it expired)."""
    if not owns(actor, item):
        raise ServiceError(_("You can change only your own household's items."))
    item.expires_on = today() + timedelta(days=LISTING_DAYS)
    item.expiry_reminded_on = None
    item.save(update_fields=["expires_on", "expiry_reminded_on"])
    return item


@transaction.atomic
def set_availability(actor: Any, item: Item, available: bool) -> Item:
    if not owns(actor, item):
        raise ServiceError(_("You can change only your own household's items."))
    item.availability = Item.Availability.AVAILABLE if available else Item.Availability.PAUSED
    item.save(update_fields=["availability"])
    if available:
        _tell_next_waiting(item)
    return item


# --- The board ----------------------------------------------------------------------------------


@dataclass
class BoardBox:
    household: Household
    label: str
    items: list[Item] = field(default_factory=list)
    thanks: list[Loan] = field(default_factory=list)
    note: str = ""


@dataclass
class BoardUnit:
    name: str
    boxes: list[BoardBox] = field(default_factory=list)


@dataclass
class BoardBuilding:
    name: str
    units: list[BoardUnit] = field(default_factory=list)

    @property
    def items(self) -> int:
        return sum(len(box.items) for unit in self.units for box in unit.boxes)


def on_board(community: Community, on: date | None = None) -> QuerySet[Item]:
    """Items on the board: listed and not expired (paused ones stay, marked as paused)."""
    return Item.objects.filter(community=community, expires_on__gte=on or today())


def search(items: QuerySet[Item], category: str = "", words: str = "") -> QuerySet[Item]:
    if category in Category.values:
        items = items.filter(category=category)
    for word in words.split()[:5]:
        items = items.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return items


def box_label(household: Household, box: Box | None, show_flats: bool) -> str:
    """As on the paper board: the flat number, or the name the household chose to show.
    Visitors who are not residents see only the building and unit."""
    if box is not None and box.show_name and box.display_name:
        return box.display_name
    if show_flats:
        return household.flat.name
    return ""


def board(
    community: Community, items: QuerySet[Item], show_flats: bool = True
) -> list[BoardBuilding]:
    """Items grouped building > unit > household box, in the order of the address tree."""
    rows = list(
        items.select_related(
            "community", "household__flat__parent__parent", "household__share_box"
        ).order_by(
            "household__flat__parent__parent__name",
            "household__flat__parent__name",
            "household__flat__name",
            "name",
        )
    )
    thanks: dict[int, list[Loan]] = {}
    for loan in (
        Loan.objects.filter(
            community=community,
            thanks_shown=True,
            owner_household_id__in={r.household_id for r in rows},
        )
        .exclude(thanks="")
        .order_by("-thanks_at")
    ):
        thanks.setdefault(loan.owner_household_id, []).append(loan)
    buildings: dict[str, BoardBuilding] = {}
    boxes: dict[int, BoardBox] = {}
    for item in rows:
        flat = item.household.flat
        unit = flat.parent
        building = unit.parent if unit is not None and unit.parent is not None else unit
        building_name = building.name if building else ""
        unit_name = unit.name if unit is not None and unit is not building else ""
        group = buildings.setdefault(building_name, BoardBuilding(building_name))
        if item.household_id not in boxes:
            box = getattr(item.household, "share_box", None)
            boxes[item.household_id] = BoardBox(
                household=item.household,
                label=box_label(item.household, box, show_flats),
                thanks=thanks.get(item.household_id, [])[:3],
                note=box.note if box else "",
            )
            if not group.units or group.units[-1].name != unit_name:
                group.units.append(BoardUnit(unit_name))
            group.units[-1].boxes.append(boxes[item.household_id])
        boxes[item.household_id].items.append(item)
    return sorted(buildings.values(), key=lambda b: counts._natural(b.name))


def free_from(item: Item, on: date | None = None) -> date | None:
    """The first day from ``on`` the item is not held by a loan (None when it is free now)."""
    on = on or today()
    holding = item.loans.filter(status__in=Loan.HOLDING).order_by("starts_on")
    day = on
    for loan in holding:
        end = lifecycle.held_until(loan.status, loan.due_on, on)
        if lifecycle.overlaps(loan.starts_on, end, day, day):
            day = end + timedelta(days=1)
    return None if day == on else day


# --- Borrowing ----------------------------------------------------------------------------------


def _clash(item: Item, starts_on: date, due_on: date, exclude: int | None = None) -> Loan | None:
    on = today()
    holding = item.loans.filter(status__in=Loan.HOLDING)
    if exclude is not None:
        holding = holding.exclude(pk=exclude)
    for loan in holding:
        end = lifecycle.held_until(loan.status, loan.due_on, on)
        if lifecycle.overlaps(loan.starts_on, end, starts_on, due_on):
            return loan
    return None


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


@transaction.atomic
def request_loan(
    actor: Any, item: Item, starts_on: date | None, due_on: date | None, message: str = ""
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


@transaction.atomic
def decide(actor: Any, loan: Loan, approve: bool, message: str = "") -> Loan:
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


@transaction.atomic
def cancel(actor: Any, loan: Loan) -> Loan:
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


@transaction.atomic
def confirm_handover(actor: Any, loan: Loan, photo: Any = None) -> Loan:
    loan, member, side, state = _step(actor, loan, "confirm_handover")
    if side == lifecycle.BORROWER and loan.starts_on > today():
        raise ServiceError(_("The loan starts on %(day)s.") % {"day": loan.starts_on})
    now = timezone.now()
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


@transaction.atomic
def confirm_return(actor: Any, loan: Loan, photo: Any = None) -> Loan:
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


# --- Waiting list -------------------------------------------------------------------------------


@transaction.atomic
def join_waiting(actor: Any, item: Item) -> WaitingEntry:
    member = neighbour(actor, item.community)
    if item.household_id == member.household_id:
        raise ServiceError(_("This is your own household's item."))
    entry, _created = WaitingEntry.objects.get_or_create(item=item, member=member)
    if entry.notified_at is not None:
        entry.notified_at = None
        entry.save(update_fields=["notified_at"])
    return entry


@transaction.atomic
def leave_waiting(actor: Any, item: Item) -> None:
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


# --- Problems and mediation ---------------------------------------------------------------------


@transaction.atomic
def report_problem(
    actor: Any, loan: Loan, kind: str, description: str, mediation: bool = False
) -> Problem:
    member = neighbour(actor, loan.community)
    side = side_of(actor, loan)
    if side is None:
        raise ServiceError(_("Only the two households of this loan can report a problem."))
    if loan.status not in (Loan.Status.HANDED_OVER, Loan.Status.RETURNED):
        raise ServiceError(_("A problem can be reported once the item has changed hands."))
    if kind not in Problem.Kind.values:
        raise ServiceError(_("Choose what happened."), "kind")
    if not description.strip():
        raise ServiceError(_("Describe what happened."), "description")
    problem = Problem.objects.create(
        loan=loan,
        reported_by=member,
        kind=kind,
        description=description.strip(),
        status=Problem.Status.MEDIATION if mediation else Problem.Status.OPEN,
    )
    others = [loan.borrower] if side == lifecycle.OWNER else _people(loan.owner_household)
    for person in others:
        notify(
            person,
            "sharing_problems",
            (gettext_lazy("A problem was reported with %(item)s"), {"item": loan.item.name}),
            gettext_lazy("Please talk it over with your neighbour; the organiser can help."),
            url=loan.get_absolute_url(),
            community=loan.community,
        )
    if mediation:
        _tell_organisers(problem)
    audit.log(actor, "sharing.problem_reported", problem, community=loan.community)
    return problem


def _tell_organisers(problem: Problem) -> None:
    from linli.core.models import Role

    for organiser in Member.objects.filter(
        community=problem.loan.community,
        status=Member.Status.VERIFIED,
        role__in=[Role.ORGANISER, Role.COMMUNITY_ADMIN],
    ):
        notify(
            organiser,
            "sharing_problems",
            (
                gettext_lazy("Neighbours ask for mediation: %(item)s"),
                {"item": problem.loan.item.name},
            ),
            problem.description,
            url=problem.loan.get_absolute_url(),
            community=problem.loan.community,
        )


@transaction.atomic
def ask_mediation(actor: Any, problem: Problem) -> Problem:
    if side_of(actor, problem.loan) is None:
        raise ServiceError(_("Only the two households of this loan can ask for mediation."))
    if problem.status != Problem.Status.OPEN:
        raise ServiceError(_("This problem is already with the organiser or resolved."))
    problem.status = Problem.Status.MEDIATION
    problem.save(update_fields=["status"])
    _tell_organisers(problem)
    return problem


@transaction.atomic
def resolve(actor: Any, problem: Problem, outcome: str, notes: str = "") -> Problem:
    """Either household settles it between neighbours, or the organiser records the mediation."""
    community = problem.loan.community
    mediator = can(actor, "sharing.mediate", community)
    if side_of(actor, problem.loan) is None and not mediator:
        raise ServiceError(_("Only the two households and the organiser can settle a problem."))
    if problem.status == Problem.Status.RESOLVED:
        raise ServiceError(_("This problem is already resolved."))
    if not outcome.strip():
        raise ServiceError(_("Write down what was agreed."), "outcome")
    if notes.strip() and not mediator:
        raise ServiceError(_("Only the organiser writes mediation notes."), "mediation_notes")
    before = audit.snapshot(problem)
    problem.outcome = outcome.strip()[:300]
    if notes.strip():
        problem.mediation_notes = notes.strip()
    problem.status = Problem.Status.RESOLVED
    problem.resolved_at = timezone.now()
    problem.save()
    audit.log(
        actor,
        "sharing.problem_resolved",
        problem,
        community=community,
        before=before,
        after=audit.snapshot(problem),
    )
    for person in [problem.loan.borrower, *_people(problem.loan.owner_household)]:
        notify(
            person,
            "sharing_problems",
            (gettext_lazy("Problem settled: %(item)s"), {"item": problem.loan.item.name}),
            problem.outcome,
            url=problem.loan.get_absolute_url(),
            community=community,
        )
    return problem


@transaction.atomic
def note_mediation(actor: Any, problem: Problem, notes: str) -> Problem:
    require(actor, "sharing.mediate", problem.loan.community)
    if not notes.strip():
        raise ServiceError(_("Write the notes first."), "mediation_notes")
    problem.mediation_notes = notes.strip()
    if problem.status == Problem.Status.OPEN:
        problem.status = Problem.Status.MEDIATION
    problem.save(update_fields=["mediation_notes", "status"])
    audit.log(actor, "sharing.mediation_notes", problem, community=problem.loan.community)
    return problem


# --- Thanks -------------------------------------------------------------------------------------


@transaction.atomic
def leave_thanks(actor: Any, loan: Loan, text: str) -> Loan:
    neighbour(actor, loan.community)
    loan = _lock(loan)
    if side_of(actor, loan) != lifecycle.BORROWER:
        raise ServiceError(_("The borrowing household leaves the thank-you note."))
    if loan.status != Loan.Status.RETURNED:
        raise ServiceError(_("A thank-you note can be left once the item is returned."))
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


@transaction.atomic
def show_thanks(actor: Any, loan: Loan, shown: bool) -> Loan:
    neighbour(actor, loan.community)
    loan = _lock(loan)
    if side_of(actor, loan) != lifecycle.OWNER:
        raise ServiceError(_("The lending household chooses whether to show the note."))
    if not loan.thanks:
        raise ServiceError(_("There is no thank-you note yet."))
    loan.thanks_shown = shown
    loan.save(update_fields=["thanks_shown"])
    return loan


# --- Reminders ----------------------------------------------------------------------------------


def _claim(loan: Loan, field_name: str, now: datetime) -> bool:
    """Claim one reminder by a conditional update, so it is sent once even if sweeps overlap."""
    return bool(
        Loan.objects.filter(pk=loan.pk, **{f"{field_name}__isnull": True}).update(
            **{field_name: now}
        )
    )


def send_reminders(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    day = timezone.localdate(now)
    sent = {"due_soon": 0, "overdue": 0, "expiring": 0}
    active = Loan.objects.filter(status=Loan.Status.HANDED_OVER).select_related(
        "item", "community", "borrower__user"
    )
    for loan in active.filter(
        due_on__lte=day + timedelta(days=1), due_on__gte=day, due_soon_sent_at__isnull=True
    ):
        with transaction.atomic():
            if _claim(loan, "due_soon_sent_at", now):
                notify(
                    loan.borrower,
                    "sharing_reminders",
                    (
                        gettext_lazy("Please return %(item)s by %(due)s"),
                        {"item": loan.item.name, "due": loan.due_on},
                    ),
                    gettext_lazy(
                        "A reminder: the loan ends soon. Arrange the return with the "
                        "owner and both confirm it on the page."
                    ),
                    url=loan.get_absolute_url(),
                    community=loan.community,
                )
                sent["due_soon"] += 1
    for loan in active.filter(due_on__lt=day, overdue_sent_at__isnull=True):
        with transaction.atomic():
            if _claim(loan, "overdue_sent_at", now):
                notify(
                    loan.borrower,
                    "sharing_reminders",
                    (
                        gettext_lazy("Overdue: %(item)s was due back on %(due)s"),
                        {"item": loan.item.name, "due": loan.due_on},
                    ),
                    gettext_lazy(
                        "Your household cannot borrow anything else until it is "
                        "returned. If something went wrong, report a problem."
                    ),
                    url=loan.get_absolute_url(),
                    community=loan.community,
                )
                for owner in _people(loan.owner_household):
                    notify(
                        owner,
                        "sharing_reminders",
                        (gettext_lazy("%(item)s has not come back yet"), {"item": loan.item.name}),
                        gettext_lazy(
                            "The borrower has been reminded. If it is lost or damaged, "
                            "report a problem on the loan page."
                        ),
                        url=loan.get_absolute_url(),
                        community=loan.community,
                    )
                sent["overdue"] += 1
    for item in Item.objects.filter(
        expires_on__gte=day,
        expires_on__lte=day + timedelta(days=EXPIRY_NOTICE_DAYS),
        expiry_reminded_on__isnull=True,
    ).select_related("community"):
        with transaction.atomic():
            claimed = Item.objects.filter(pk=item.pk, expiry_reminded_on__isnull=True).update(
                expiry_reminded_on=day
            )
            if claimed:
                for owner in _people(item.household):
                    notify(
                        owner,
                        "sharing_reminders",
                        (
                            gettext_lazy("%(item)s leaves the board on %(day)s"),
                            {"item": item.name, "day": item.expires_on},
                        ),
                        gettext_lazy("Renew the listing if you still lend it."),
                        url=item.get_absolute_url(),
                        community=item.community,
                    )
                sent["expiring"] += 1
    return sent


def sweep(now: datetime | None = None) -> dict[str, int]:
    """The periodic job (``linli sweep``): due-soon, overdue and expiry reminders."""
    return send_reminders(now)


# --- Statistics ---------------------------------------------------------------------------------


def figures(community: Community) -> counts.Summary:
    homes = Household.objects.filter(community=community).select_related("flat__parent__parent")
    rows = []
    for home in homes:
        unit = home.flat.parent
        building = unit.parent if unit is not None and unit.parent is not None else unit
        rows.append(counts.HouseholdRow(home.pk, building.name if building else ""))
    lent = Loan.objects.filter(item=OuterRef("pk"), handed_over_at__isnull=False)
    items = [
        counts.ItemRow(pk, household, ever)
        for pk, household, ever in Item.objects.filter(community=community)
        .annotate(ever=Exists(lent))
        .values_list("pk", "household_id", "ever")
    ]
    loans = [
        counts.LoanRow(owner, borrower, timezone.localdate(at) if at else None)
        for owner, borrower, at in Loan.objects.filter(community=community).values_list(
            "owner_household_id", "borrower_household_id", "handed_over_at"
        )
    ]
    return counts.summarise(rows, items, loans)


# --- Elsewhere on the site ----------------------------------------------------------------------


def open_items(community: Community, user: Any) -> list[OpenItem]:
    """The board itself, when items are listed: always open to ask for something."""
    count = on_board(community).filter(availability=Item.Availability.AVAILABLE).count()
    if not count:
        return []
    from django.urls import reverse

    return [
        OpenItem(
            kind=str(gettext_lazy("Item sharing")),
            title=ngettext(
                "Neighbours lend %(count)s item", "Neighbours lend %(count)s items", count
            )
            % {"count": count},
            url=reverse("sharing:board", args=[community.slug]),
            closes_at=None,
            summary="",
        )
    ]
