"""Limited places with a waiting list, shared by meetings and volunteer shifts.

A row holding or wanting a place (a meeting registration, a shift sign-up) has ``status`` (the
values of :class:`Status`), ``queued_at``, ``offer_token`` and ``offer_expires_at``. When a place
frees up, the next people waiting are *offered* it by a secret link that expires; they confirm or
let it go, and an offer nobody answered passes on. The apps keep their own rows, locks and
messages; the rules of the queue live here once.
"""

from __future__ import annotations

import re
import secrets
from abc import ABC, abstractmethod
from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import CODE_ALPHABET
from .notify import notify
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


class HeldPlace(models.Model):
    """The shape of a row holding or wanting a place (a meeting registration, a shift sign-up):
    its status in the queue, its place in it, the offer of a freed place, the check-in code and
    the check-in. Each app adds the event it belongs to and the member."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", gettext_lazy("has a place")
        WAITING = "waiting", gettext_lazy("on the waiting list")
        OFFERED = "offered", gettext_lazy("offered a freed place")
        CANCELLED = "cancelled", gettext_lazy("cancelled")
        EXPIRED = "expired", gettext_lazy("offer expired")

    # Statuses that hold one of the places.
    HOLDING: ClassVar[tuple[str, ...]] = (Status.CONFIRMED, Status.OFFERED)

    status = models.CharField(gettext_lazy("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # Place in the waiting list: the time the person asked (again) for a place.
    queued_at = models.DateTimeField(default=timezone.now)
    code = models.CharField(max_length=12, unique=True, default=checkin_code)
    offer_token = models.CharField(max_length=40, blank=True, db_index=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(gettext_lazy("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Each reminder is marked the moment it is claimed, so a rerun never sends it twice.
    reminded_48h_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering: ClassVar[list[str]] = ["queued_at", "id"]

    @property
    def holds_place(self) -> bool:
        return self.status in self.HOLDING

    @property
    def attended(self) -> bool:
        return self.checked_in_at is not None


_CODE = re.compile(r"([A-Z2-9]{10})\s*$")


def read_code(raw: str) -> str:
    """The check-in code from what the scanner or the keyboard gave: a bare code or the QR's
    address."""
    text = (raw or "").strip()
    if "code=" in text:
        text = text.split("code=", 1)[1].split("&", 1)[0]
    text = text.upper().replace(" ", "").replace("-", "")
    match = _CODE.search(text)
    return match.group(1) if match else text


def checkin_url(url_name: str, event: Any, code: str) -> str:
    """The address a place's QR code holds: the event's check-in page with the code, so staff
    scan it with that page or with any phone camera."""
    path = reverse(url_name, args=[event.community.slug, event.pk])
    return f"{settings.SITE_URL}{path}?code={code}"


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


class Queue(ABC):
    """One event's places and its waiting list (a meeting, a volunteer shift): the rules of the
    queue once, with what differs - the event's words, the offer link, what to tell a person who
    got a place - said by each app's subclass. Commands call it inside their transaction, holding
    the event's row lock."""

    notification_kind: str = ""

    def __init__(self, event: Any) -> None:
        self.event = event

    # --- what each app says -----------------------------------------------------------------------

    @abstractmethod
    def rows(self) -> QuerySet[Any]:
        """The event's place rows."""
        ...

    @abstractmethod
    def takes_offers(self) -> bool:
        """Whether freed places are still offered (published, not started)."""
        ...

    @abstractmethod
    def offer_url(self, row: Any) -> str: ...

    @abstractmethod
    def when(self, moment: datetime | None = None) -> str:
        """A time (the start when none is given) in the community's zone."""
        ...

    @abstractmethod
    def tell_placed(self, row: Any) -> None:
        """Tell a person their place (or their place in the queue)."""
        ...

    @property
    def community(self) -> Any:
        return self.event.community

    # --- the queue --------------------------------------------------------------------------------

    def held(self) -> int:
        return self.rows().filter(status__in=HeldPlace.HOLDING).count()

    def left(self) -> int | None:
        return places_left(self.event.capacity, self.held())

    def newcomer_status(self) -> str:
        """A place when one is free and nobody waits ahead; else the waiting list."""
        left = self.left()
        waiting_ahead = self.rows().filter(status=Status.WAITING).exists()
        free = left is None or (left > 0 and not waiting_ahead)
        return Status.CONFIRMED if free else Status.WAITING

    def offer_next(self) -> list[Any]:
        """Offer each free place to the next person waiting; they confirm by a link in time."""
        now = timezone.now()
        if self.event.starts_at <= now or not self.takes_offers():
            return []
        offered = offer_places(
            self.rows().filter(status=Status.WAITING), self.left(), self.event.starts_at, now
        )
        for row in offered:
            self._tell_offered(row)
        return offered

    def release_expired(self) -> int:
        """Pass on the offers nobody answered in time; returns how many lapsed."""
        expired = expire_offers(self.rows().filter(status=Status.OFFERED), timezone.now())
        if expired:
            self.offer_next()
        return expired

    def offer_for(self, token: str) -> Any | None:
        if not token:
            return None
        return self.rows().select_related("member").filter(offer_token=token).first()

    def answer(self, token: str, accept: bool) -> Any:
        """Confirm or let go of the offer behind a secret link (the link is the proof, so a
        resident without an account can answer too)."""
        row = self.offer_for(token)
        try:
            check_offer(row, timezone.now())
        except OfferLapsed:
            self.release_expired()
            raise
        assert row is not None  # check_offer refuses a missing one
        answer_offer(row, accept)
        if accept:
            self.tell_placed(row)
        else:
            self.offer_next()
        return row

    def offer_state(self, row: Any | None) -> dict[str, Any]:
        """What the offer page shows about an offer: whether it still stands, and until when."""
        valid = (
            row is not None
            and row.status == Status.OFFERED
            and row.offer_expires_at is not None
            and row.offer_expires_at > timezone.now()
        )
        until = self.when(row.offer_expires_at) if row is not None and row.offer_expires_at else ""
        return {"row": row, "valid": valid, "until": until, "when": self.when()}

    def _tell_offered(self, row: Any) -> None:
        title = self.event.title
        notify(
            row.member,
            self.notification_kind,
            (gettext_lazy("A place is free for you: %(title)s"), {"title": title}),
            (
                gettext_lazy(
                    "A place has become free at %(title)s on %(when)s. It is kept for you until "
                    "%(until)s: open the link to confirm. After that it goes to the next person."
                ),
                {"title": title, "when": self.when(), "until": self.when(row.offer_expires_at)},
            ),
            url=self.offer_url(row),
            community=self.community,
        )
