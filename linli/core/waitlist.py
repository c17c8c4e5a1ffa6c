"""Limited places with a waiting list, shared by meetings and volunteer shifts.

A row holding or wanting a place (a meeting registration, a shift sign-up) has ``status`` (the
values of :class:`Status`), ``queued_at``, ``offer_token`` and ``offer_expires_at``. When a place
frees up, the next people waiting are *offered* it by a secret link that expires; they confirm or
let it go, and an offer nobody answered passes on. The apps keep their own rows, locks and
messages; the rules of the queue live here once.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .models import CODE_ALPHABET
from .services import ServiceError

OFFER_HOLD = timedelta(hours=24)
# A place freed shortly before the start must be confirmed before it starts.
OFFER_LAST_CALL = timedelta(minutes=30)
OFFER_AT_LEAST = timedelta(minutes=15)


class Status:
    """The status values every place row uses (each app labels them in its own TextChoices)."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    OFFERED = "offered"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


def checkin_code() -> str:
    """Ten characters from the unambiguous alphabet: easy to type at the door if a scan fails."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


def places_left(capacity: int | None, held: int) -> int | None:
    """Free places; ``None`` when there is no limit."""
    if capacity is None:
        return None
    return max(capacity - held, 0)


def offer_expiry(now: datetime, starts_at: datetime) -> datetime:
    """How long the next person waiting has to confirm a freed place: a day, but never past half an
    hour before the start (and at least a quarter of an hour)."""
    return min(now + OFFER_HOLD, max(starts_at - OFFER_LAST_CALL, now + OFFER_AT_LEAST))


def offer_places(
    waiting: QuerySet[Any], left: int | None, starts_at: datetime, now: datetime
) -> list[Any]:
    """Offer the free places to the people waiting longest; returns the rows now offered (the
    caller tells each one). ``left=None`` means no limit, so everybody waiting is offered one."""
    offered = []
    for row in waiting.order_by("queued_at", "id")[:left]:
        row.status = Status.OFFERED
        row.offer_token = secrets.token_urlsafe(24)
        row.offer_expires_at = offer_expiry(now, starts_at)
        row.save(update_fields=["status", "offer_token", "offer_expires_at"])
        offered.append(row)
    return offered


def expire_offers(offered: QuerySet[Any], now: datetime) -> int:
    """Offers past their time lapse; returns how many (the caller offers those places again)."""
    expired = list(offered.filter(offer_expires_at__lte=now))
    for row in expired:
        row.status = Status.EXPIRED
        row.offer_token = ""
        row.save(update_fields=["status", "offer_token"])
    return len(expired)


class OfferLapsed(ServiceError):
    """The offer's time ran out: the caller passes the place on, then refuses with this."""


def check_offer(row: Any | None, now: datetime) -> None:
    """Refuse a link that is not an open offer, or whose time ran out."""
    if row is None or row.status != Status.OFFERED:
        raise ServiceError(_("This offer is no longer valid."))
    if row.offer_expires_at and row.offer_expires_at <= now:
        raise OfferLapsed(_("Sorry, this offer has expired and the place went to the next person."))


def answer_offer(row: Any, accept: bool) -> None:
    """Confirm or let go of an open offer found by its secret link (the link is the proof, so a
    resident without an account can answer too); :func:`check_offer` first."""
    row.offer_token, row.offer_expires_at = "", None
    row.status = Status.CONFIRMED if accept else Status.CANCELLED
    row.save(update_fields=["status", "offer_token", "offer_expires_at"])
