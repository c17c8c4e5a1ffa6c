"""API for item-sharing: the board (flats only for residents), one item, the caller's loans, and
asking to borrow. Ownership and who may see what are decided by the services, as on the pages."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.services import ServiceError

from . import lifecycle, services
from .models import Item, Loan

router = Router(tags=["sharing"])


class ItemOut(Schema):
    id: int
    name: str
    category: str
    condition: str
    description: str
    loan_days: int
    deposit: bool
    pickup_times: str
    availability: str
    free_from: date | None
    listed_until: date
    building: str
    unit: str
    box: str  # flat number or the name the household shows; empty for visitors


class LoanOut(Schema):
    id: int
    item: int
    item_name: str
    role: str  # "owner" or "borrower"
    status: str
    starts_on: date
    due_on: date
    overdue: bool
    waiting_for: str | None


class RequestIn(Schema):
    starts_on: date
    due_on: date
    message: str = ""


def _community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    if not permissions.can(request.user, "sharing.view", community):
        raise HttpError(403, "forbidden")
    return community


def _shows_flats(request: HttpRequest, community: Community) -> bool:
    return services.household_of(request.user, community) is not None or permissions.can(
        request.user, "sharing.mediate", community
    )


def _item_out(item: Item, flats: bool) -> ItemOut:
    unit = item.household.flat.parent
    building = unit.parent if unit is not None and unit.parent is not None else unit
    return ItemOut(
        id=item.pk,
        name=item.name,
        category=item.category,
        condition=item.condition,
        description=item.description,
        loan_days=item.loan_days,
        deposit=item.deposit,
        pickup_times=item.pickup_times,
        availability=item.availability,
        free_from=services.free_from(item),
        listed_until=item.expires_on,
        building=building.name if building else "",
        unit=unit.name if unit is not None and unit is not building else "",
        box=services.box_label(item.household, getattr(item.household, "share_box", None), flats),
    )


@router.get("/communities/{slug}/sharing/items", response=list[ItemOut], auth=PUBLIC)
def board(request: HttpRequest, slug: str, category: str = "", q: str = "") -> list[ItemOut]:
    community = _community(request, slug)
    flats = _shows_flats(request, community)
    items = services.search(services.on_board(community), category, q).select_related(
        "household__flat__parent__parent", "household__share_box"
    )
    return [_item_out(item, flats) for item in items[:1000]]


def _item(request: HttpRequest, community: Community, pk: int) -> Item:
    item = get_object_or_404(Item, community=community, pk=pk)
    if item.is_expired(services.today()) and not services.owns(request.user, item):
        raise Http404
    return item


@router.get("/communities/{slug}/sharing/items/{pk}", response=ItemOut, auth=PUBLIC)
def get_item(request: HttpRequest, slug: str, pk: int) -> ItemOut:
    community = _community(request, slug)
    return _item_out(_item(request, community, pk), _shows_flats(request, community))


def _loan_out(loan: Loan, role: str) -> LoanOut:
    return LoanOut(
        id=loan.pk,
        item=loan.item_id,
        item_name=loan.item.name,
        role=role,
        status=loan.status,
        starts_on=loan.starts_on,
        due_on=loan.due_on,
        overdue=services.is_overdue(loan),
        waiting_for=lifecycle.waiting_for(services.state_of(loan)),
    )


@router.get("/communities/{slug}/sharing/loans", response=list[LoanOut], auth=CALLER)
def my_loans(request: HttpRequest, slug: str) -> list[LoanOut]:
    """The caller's household's loans, as lender and as borrower."""
    community = _community(request, slug)
    household = services.household_of(request.user, community)
    if household is None:
        raise HttpError(403, "forbidden")
    loans = Loan.objects.filter(community=community).select_related("item")
    return [_loan_out(loan, "owner") for loan in loans.filter(owner_household=household)] + [
        _loan_out(loan, "borrower") for loan in loans.filter(borrower_household=household)
    ]


@router.post("/communities/{slug}/sharing/items/{pk}/loans", response={201: LoanOut}, auth=CALLER)
def request_loan(
    request: AuthedRequest, slug: str, pk: int, data: RequestIn
) -> tuple[int, LoanOut]:
    community = _community(request, slug)
    if not permissions.can(request.user, "sharing.take_part", community):
        raise HttpError(403, "forbidden")
    item = _item(request, community, pk)
    try:
        loan = services.request_loan(request.user, item, data.starts_on, data.due_on, data.message)
    except ServiceError as error:
        raise HttpError(400, error.message) from error
    return 201, _loan_out(loan, "borrower")
