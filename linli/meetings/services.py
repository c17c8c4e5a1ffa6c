"""Everything that changes meetings: registration with a waiting list, accommodations, notices,
reminders, check-in, minutes and action items. Each action checks permission, writes, writes the
ledger and the audit log, in one transaction."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit, waitlist
from linli.core.kit import Forbidden, command
from linli.core.kit import audit as audit_entry
from linli.core.models import Community, Member, Place, User
from linli.core.notify import notify
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of, require
from linli.core.services import ServiceError
from linli.engagement.links import LinkedItem
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from . import schedule
from .models import (
    Accommodation,
    ActionItem,
    CalendarFeed,
    Invitation,
    Meeting,
    Minutes,
    Registration,
    Training,
)

# --- Reading ------------------------------------------------------------------------------------


def local_time(meeting: Meeting, moment: datetime | None = None) -> str:
    """A meeting time in the community's own time zone, written the same in every language."""
    zone = ZoneInfo(meeting.community.timezone or "Asia/Shanghai")
    return timezone.localtime(moment or meeting.starts_at, zone).strftime("%Y-%m-%d %H:%M")


def visible(user: Any, community: Community) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(community=community)
    if not can(user, "meetings.manage", community):
        meetings = meetings.exclude(status=Meeting.Status.DRAFT)
    return meetings


def held(meeting: Meeting) -> int:
    return meeting.registrations.filter(status__in=Registration.HOLDING).count()


def places_left(meeting: Meeting) -> int | None:
    return waitlist.places_left(meeting.capacity, held(meeting))


def registration_of(meeting: Meeting, member: Member | None) -> Registration | None:
    if member is None:
        return None
    return Registration.objects.filter(meeting=meeting, member=member).first()


def is_invited(meeting: Meeting, member: Member | None) -> bool:
    return member is not None and Invitation.objects.filter(meeting=meeting, member=member).exists()


def may_see_link(user: Any, meeting: Meeting) -> bool:
    """The online link goes only to people holding a place, and to organisers."""
    if can(user, "meetings.manage", meeting.community):
        return True
    registration = registration_of(meeting, member_of(user, meeting.community))
    return registration is not None and registration.status == Registration.Status.CONFIRMED


# --- Accommodations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Need:
    kind: str
    detail: str = ""


def clean_needs(needs: list[Need]) -> list[Need]:
    """Refuse requests that cannot be arranged without a detail."""
    kinds = [need.kind for need in needs]
    if len(set(kinds)) != len(kinds):
        raise ServiceError(_("Each kind of help can be asked for once."))
    for need in needs:
        if need.kind not in Accommodation.Kind.values:
            raise ServiceError(_("This kind of help is not known."))
        if need.kind == Accommodation.Kind.INTERPRETER and not need.detail.strip():
            raise ServiceError(
                _("Say which language the interpreter should speak."), "interpreter_language"
            )
        if need.kind == Accommodation.Kind.CHILDCARE and not need.detail.strip():
            raise ServiceError(
                _("Give the children's ages so the right carers come."), "childcare_ages"
            )
    return needs


def _save_needs(registration: Registration, needs: list[Need]) -> None:
    """Keep what was already arranged when the request is unchanged; replace the rest."""
    wanted = {need.kind: need.detail.strip()[:200] for need in needs}
    for existing in registration.accommodations.all():
        if existing.kind not in wanted:
            existing.delete()
        elif existing.detail != wanted[existing.kind]:
            existing.detail, existing.arranged_at, existing.arranged_by = (
                wanted[existing.kind],
                None,
                None,
            )
            existing.save()
        wanted.pop(existing.kind, None)
    Accommodation.objects.bulk_create(
        Accommodation(registration=registration, kind=kind, detail=detail)
        for kind, detail in wanted.items()
    )


@dataclass
class NeedTotal:
    kind: str
    label: str
    count: int
    arranged: int
    details: list[tuple[str, int]]

    @property
    def waiting(self) -> int:
        return self.count - self.arranged


def accommodation_totals(meeting: Meeting) -> list[NeedTotal]:
    """What the organiser has to arrange, by kind, for people who hold or wait for a place."""
    rows = Accommodation.objects.filter(
        registration__meeting=meeting,
        registration__status__in=[*Registration.HOLDING, Registration.Status.WAITING],
    )
    totals = []
    for kind, label in Accommodation.Kind.choices:
        chosen = [row for row in rows if row.kind == kind]
        if not chosen:
            continue
        details = Counter(row.detail.strip() for row in chosen if row.detail.strip())
        totals.append(
            NeedTotal(
                kind=kind,
                label=str(label),
                count=len(chosen),
                arranged=sum(1 for row in chosen if row.is_arranged),
                details=sorted(details.items(), key=lambda kv: (-kv[1], kv[0])),
            )
        )
    return totals


def unarranged(meeting: Meeting) -> int:
    return Accommodation.objects.filter(
        registration__meeting=meeting,
        registration__status__in=Registration.HOLDING,
        arranged_at__isnull=True,
    ).count()


@transaction.atomic
def mark_arranged(actor: Any, accommodation: Accommodation, arranged: bool = True) -> Accommodation:
    meeting = accommodation.registration.meeting
    require(actor, "meetings.manage", meeting.community)
    before = audit.snapshot(accommodation, ["arranged_at"])
    accommodation.arranged_at = timezone.now() if arranged else None
    accommodation.arranged_by = actor if arranged else None
    accommodation.save(update_fields=["arranged_at", "arranged_by"])
    audit.log(
        actor,
        "meetings.accommodation_arranged" if arranged else "meetings.accommodation_reopened",
        accommodation,
        community=meeting.community,
        before=before,
        after=audit.snapshot(accommodation, ["arranged_at"]),
    )
    return accommodation


# --- Registration -------------------------------------------------------------------------------


def _lock(meeting: Meeting) -> Meeting:
    """Take the meeting's row lock: registrations for one meeting queue behind each other, so
    two people can never both take the last place (PostgreSQL row lock; on SQLite the
    IMMEDIATE transaction already holds the database's write lock)."""
    return Meeting.objects.select_for_update().select_related("community").get(pk=meeting.pk)


@transaction.atomic
def register(
    actor: Any,
    meeting: Meeting,
    member: Member,
    needs: list[Need] | None = None,
    *,
    channel: str = Registration.Channel.ONLINE,
) -> Registration:
    """Register ``member`` (the actor, or a resident the staff register on their behalf)."""
    community = meeting.community
    on_behalf = member.user_id is None or member.user_id != getattr(actor, "pk", None)
    require(actor, "meetings.register_others" if on_behalf else "meetings.register", community)
    if member.community_id != community.pk or member.status != Member.Status.VERIFIED:
        raise ServiceError(_("Only verified residents of this community can register."))
    needs = clean_needs(needs or [])
    meeting = _lock(meeting)
    if not meeting.takes_registrations:
        raise ServiceError(_("This meeting does not take registrations (any more)."))
    if meeting.registration == Meeting.Registration.INVITATION and not is_invited(meeting, member):
        raise ServiceError(_("This meeting is by invitation only."))
    _release_expired_offers(meeting)
    registration = (
        Registration.objects.select_for_update().filter(meeting=meeting, member=member).first()
    )
    if registration is not None and registration.status not in (
        Registration.Status.CANCELLED,
        Registration.Status.EXPIRED,
    ):
        raise ServiceError(_("You are already registered for this meeting."))
    left = waitlist.places_left(meeting.capacity, held(meeting))
    waiting_ahead = meeting.registrations.filter(status=Registration.Status.WAITING).exists()
    status = (
        Registration.Status.CONFIRMED
        if left is None or (left > 0 and not waiting_ahead)
        else Registration.Status.WAITING
    )
    now = timezone.now()
    registration = registration or Registration(meeting=meeting, member=member)
    registration.status = status
    registration.channel = channel if on_behalf else Registration.Channel.ONLINE
    registration.registered_by = actor if on_behalf else None
    registration.queued_at = now
    registration.offer_token, registration.offer_expires_at = "", None
    registration.reminded_48h_at = registration.reminded_2h_at = None
    registration.save()
    _save_needs(registration, needs)
    if on_behalf:
        audit.log(
            actor,
            "meetings.registered_for",
            registration,
            community=community,
            after=audit.snapshot(registration, ["member", "status", "channel"]),
        )
    _tell_registered(registration)
    return registration


@transaction.atomic
def update_needs(actor: Any, registration: Registration, needs: list[Need]) -> Registration:
    _require_own_or_staff(actor, registration)
    _save_needs(registration, clean_needs(needs))
    return registration


def _require_own_or_staff(actor: Any, registration: Registration) -> None:
    community = registration.meeting.community
    if registration.member.user_id is not None and registration.member.user_id == getattr(
        actor, "pk", None
    ):
        require(actor, "meetings.register", community)
    else:
        require(actor, "meetings.register_others", community)


@transaction.atomic
def cancel_registration(actor: Any, registration: Registration) -> Registration:
    _require_own_or_staff(actor, registration)
    meeting = _lock(registration.meeting)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status in (Registration.Status.CANCELLED, Registration.Status.EXPIRED):
        return registration
    if registration.attended:
        raise ServiceError(_("You already took part in this meeting."))
    freed = registration.holds_place
    registration.status = Registration.Status.CANCELLED
    registration.offer_token, registration.offer_expires_at = "", None
    registration.save(update_fields=["status", "offer_token", "offer_expires_at"])
    if registration.member.user_id != getattr(actor, "pk", None):
        audit.log(
            actor, "meetings.registration_cancelled", registration, community=meeting.community
        )
    if freed:
        offer_next(meeting)
    return registration


def offer_next(meeting: Meeting) -> list[Registration]:
    """Offer each free place to the next person waiting; they confirm by a link in time."""
    offered: list[Registration] = []
    now = timezone.now()
    if meeting.starts_at <= now or meeting.status != Meeting.Status.PUBLISHED:
        return offered
    offered = waitlist.offer_places(
        meeting.registrations.filter(status=Registration.Status.WAITING),
        waitlist.places_left(meeting.capacity, held(meeting)),
        meeting.starts_at,
        now,
    )
    for registration in offered:
        url = reverse(
            "meetings:offer", args=[meeting.community.slug, meeting.pk, registration.offer_token]
        )
        notify(
            registration.member,
            "meeting_registration",
            (
                gettext_lazy("A place is free for you: %(title)s"),
                {"title": meeting.title},
            ),
            (
                gettext_lazy(
                    "A place has become free at %(title)s on %(when)s. It is kept for you until "
                    "%(until)s: open the link to confirm. After that it goes to the next person."
                ),
                {
                    "title": meeting.title,
                    "when": local_time(meeting),
                    "until": local_time(meeting, registration.offer_expires_at),
                },
            ),
            url=url,
            community=meeting.community,
        )
    return offered


def _release_expired_offers(meeting: Meeting) -> int:
    expired = waitlist.expire_offers(
        meeting.registrations.filter(status=Registration.Status.OFFERED), timezone.now()
    )
    if expired:
        offer_next(meeting)
    return expired


def offer_for(meeting: Meeting, token: str) -> Registration | None:
    if not token:
        return None
    return (
        Registration.objects.select_related("member", "meeting__community")
        .filter(meeting=meeting, offer_token=token)
        .first()
    )


@transaction.atomic
def answer_offer(meeting: Meeting, token: str, accept: bool) -> Registration:
    """The secret link in the offer is the proof: a resident without an account can confirm."""
    meeting = _lock(meeting)
    registration = offer_for(meeting, token)
    try:
        waitlist.check_offer(registration, timezone.now())
    except waitlist.OfferLapsed:
        _release_expired_offers(meeting)
        raise
    assert registration is not None  # check_offer refuses a missing one
    waitlist.answer_offer(registration, accept)
    if accept:
        _tell_registered(registration)
    else:
        offer_next(meeting)
    return registration


def _tell_registered(registration: Registration) -> None:
    meeting = registration.meeting
    url = reverse("meetings:detail", args=[meeting.community.slug, meeting.pk])
    if registration.status == Registration.Status.CONFIRMED:
        title = (gettext_lazy("You have a place: %(title)s"), {"title": meeting.title})
        body = (
            gettext_lazy(
                "See you at %(title)s on %(when)s, %(where)s. Your check-in code is %(code)s; "
                "the page has it as a QR code to show at the door."
            ),
            {
                "title": meeting.title,
                "when": local_time(meeting),
                "where": meeting.place or gettext_lazy("online"),
                "code": registration.code,
            },
        )
    else:
        title = (gettext_lazy("On the waiting list: %(title)s"), {"title": meeting.title})
        body = (
            gettext_lazy(
                "%(title)s on %(when)s is full. You are on the waiting list: if a place becomes "
                "free you will get a link to confirm it."
            ),
            {"title": meeting.title, "when": local_time(meeting)},
        )
    notify(
        registration.member,
        "meeting_registration",
        title,
        body,
        url=url,
        community=meeting.community,
    )


@transaction.atomic
def invite(actor: Any, meeting: Meeting, members: list[Member]) -> int:
    require(actor, "meetings.manage", meeting.community)
    added = 0
    for member in members:
        if member.community_id != meeting.community_id:
            raise ServiceError(_("Only residents of this community can be invited."))
        _invitation, created = Invitation.objects.get_or_create(
            meeting=meeting, member=member, defaults={"invited_by": actor}
        )
        if not created:
            continue
        added += 1
        if meeting.is_published:
            _tell_invited(meeting, member)
    audit.log(
        actor,
        "meetings.invited",
        meeting,
        community=meeting.community,
        after={"members": [m.pk for m in members]},
    )
    return added


def _tell_invited(meeting: Meeting, member: Member) -> None:
    notify(
        member,
        "meeting_registration",
        (gettext_lazy("You are invited: %(title)s"), {"title": meeting.title}),
        (
            gettext_lazy("You are invited to %(title)s on %(when)s. Please register on the page."),
            {"title": meeting.title, "when": local_time(meeting)},
        ),
        url=meeting.get_absolute_url(),
        community=meeting.community,
    )


# --- Organising ---------------------------------------------------------------------------------

# A change to any of these is news for everyone registered.
NEWS_FIELDS = ("starts_at", "ends_at", "place", "format", "online_url", "map_url")


@transaction.atomic
def save_meeting(actor: Any, meeting: Meeting, before: dict[str, Any] | None = None) -> Meeting:
    """Save a new or edited meeting; registrants hear about changes of time, place or link."""
    require(actor, "meetings.manage", meeting.community)
    if meeting.training_id and meeting.training.community_id != meeting.community_id:  # type: ignore[union-attr]
        raise ServiceError(_("This training belongs to another community."), "training")
    if meeting.capacity is not None and meeting.pk:
        confirmed = meeting.registrations.filter(status__in=Registration.HOLDING).count()
        if meeting.capacity < confirmed:
            raise ServiceError(
                _(
                    "%(count)s people already hold a place: the number of places cannot be "
                    "lower. Cancel registrations first if the room is smaller."
                )
                % {"count": confirmed},
                "capacity",
            )
    created = meeting.pk is None
    if created:
        meeting.created_by = actor
    meeting.save()
    after = audit.snapshot(meeting)
    audit.log(
        actor,
        "meetings.created" if created else "meetings.edited",
        meeting,
        community=meeting.community,
        before=before,
        after=after,
    )
    if before is not None and meeting.is_published:
        changed = [name for name in NEWS_FIELDS if before.get(name) != after.get(name)]
        if "starts_at" in changed:
            # A new time: reminders count from it again.
            meeting.registrations.update(reminded_48h_at=None, reminded_2h_at=None)
        if changed:
            _tell_everyone(
                meeting,
                (gettext_lazy("Changed: %(title)s"), {"title": meeting.title}),
                (
                    gettext_lazy(
                        "%(title)s has changed. It is now on %(when)s, %(where)s. "
                        "Open the page for the details."
                    ),
                    {
                        "title": meeting.title,
                        "when": local_time(meeting),
                        "where": meeting.place or gettext_lazy("online"),
                    },
                ),
            )
        offer_next(meeting)  # more places may have been added
    return meeting


def _tell_everyone(meeting: Meeting, title: Any, body: Any) -> None:
    for registration in meeting.registrations.filter(
        status__in=[*Registration.HOLDING, Registration.Status.WAITING]
    ).select_related("member__user"):
        notify(
            registration.member,
            "meeting_changes",
            title,
            body,
            url=meeting.get_absolute_url(),
            community=meeting.community,
        )


@transaction.atomic
def publish(actor: Any, meeting: Meeting) -> Meeting:
    require(actor, "meetings.manage", meeting.community)
    if meeting.status != Meeting.Status.DRAFT:
        raise ServiceError(_("Only a draft can be published."))
    meeting.status = Meeting.Status.PUBLISHED
    meeting.save(update_fields=["status"])
    audit.log(actor, "meetings.published", meeting, community=meeting.community)
    for invitation in meeting.invitations.select_related("member"):
        _tell_invited(meeting, invitation.member)
    return meeting


@transaction.atomic
def cancel_meeting(actor: Any, meeting: Meeting, reason: str) -> Meeting:
    require(actor, "meetings.manage", meeting.community)
    if not reason.strip():
        raise ServiceError(_("Say why the meeting is cancelled: residents will read it."), "reason")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError(_("This meeting is already cancelled."))
    was_published = meeting.is_published
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = reason.strip()
    meeting.save(update_fields=["status", "cancel_reason"])
    audit.log(
        actor,
        "meetings.cancelled",
        meeting,
        community=meeting.community,
        after={"reason": meeting.cancel_reason},
    )
    if was_published:
        _tell_everyone(
            meeting,
            (gettext_lazy("Cancelled: %(title)s"), {"title": meeting.title}),
            (
                gettext_lazy("%(title)s on %(when)s is cancelled. The reason: %(reason)s"),
                {"title": meeting.title, "when": local_time(meeting), "reason": reason.strip()},
            ),
        )
    return meeting


# --- Reminders and the sweep --------------------------------------------------------------------

REMINDER_FIELD = {"48h": "reminded_48h_at", "2h": "reminded_2h_at"}


def send_reminders(now: datetime | None = None) -> int:
    """Send every reminder that is due. Safe to run as often as wanted, even twice at once: each
    reminder is claimed by a conditional update before it is sent, so it goes out once."""
    now = now or timezone.now()
    sent = 0
    soon = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        meeting__status=Meeting.Status.PUBLISHED,
        meeting__starts_at__gt=now,
        meeting__starts_at__lte=now + schedule.REMINDERS["48h"],
    ).select_related("meeting__community", "member__user")
    for registration in soon:
        done = {key for key, name in REMINDER_FIELD.items() if getattr(registration, name)}
        for key in schedule.due_reminders(registration.meeting.starts_at, now, done):
            with transaction.atomic():
                claimed = Registration.objects.filter(
                    pk=registration.pk, **{f"{REMINDER_FIELD[key]}__isnull": True}
                ).update(**{REMINDER_FIELD[key]: now})
                if claimed:
                    _remind(registration, key)
                    sent += 1
    return sent


def _remind(registration: Registration, key: str) -> None:
    meeting = registration.meeting
    if key == "48h":
        title = (gettext_lazy("In two days: %(title)s"), {"title": meeting.title})
    else:
        title = (gettext_lazy("In two hours: %(title)s"), {"title": meeting.title})
    body = (
        gettext_lazy(
            "%(title)s starts on %(when)s, %(where)s. Your check-in code is %(code)s. "
            "If you cannot come, please cancel on the page so someone else can have your place."
        ),
        {
            "title": meeting.title,
            "when": local_time(meeting),
            "where": meeting.place or gettext_lazy("online"),
            "code": registration.code,
        },
    )
    notify(
        registration.member,
        "meeting_reminders",
        title,
        body,
        url=meeting.get_absolute_url(),
        community=meeting.community,
    )


def sweep(now: datetime | None = None) -> dict[str, int]:
    """The periodic job: hand expired offers on, then send due reminders."""
    released = 0
    for meeting in Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED,
        registrations__status=Registration.Status.OFFERED,
        registrations__offer_expires_at__lte=now or timezone.now(),
    ).distinct():
        with transaction.atomic():
            released += _release_expired_offers(_lock(meeting))
    return {"offers_released": released, "reminders_sent": send_reminders(now)}


# --- Check-in and attendance --------------------------------------------------------------------

_CODE = re.compile(r"([A-Z2-9]{10})\s*$")


def read_code(raw: str) -> str:
    """The code from what the scanner or the keyboard gave: a bare code or the QR's address."""
    text = (raw or "").strip()
    if "code=" in text:
        text = text.split("code=", 1)[1].split("&", 1)[0]
    text = text.upper().replace(" ", "").replace("-", "")
    match = _CODE.search(text)
    return match.group(1) if match else text


def checkin_url(registration: Registration) -> str:
    from django.conf import settings

    meeting = registration.meeting
    path = reverse("meetings:checkin", args=[meeting.community.slug, meeting.pk])
    return f"{settings.SITE_URL}{path}?code={registration.code}"


def _depth(registration: Registration) -> int:
    """How deep taking part went: speakers collaborate and facilitators lead; the audience of a
    briefing (宣讲会) is informed, of any other meeting involved (issue 17)."""
    audience = (
        Depth.INFORMED if registration.meeting.kind == Meeting.Kind.BRIEFING else Depth.INVOLVED
    )
    return {
        Registration.Role.SPEAKER: Depth.COLLABORATING,
        Registration.Role.FACILITATOR: Depth.LEADING,
    }.get(registration.role, audience)  # type: ignore[call-overload]


def _method(meeting: Meeting) -> str:
    if meeting.training_id or meeting.kind == Meeting.Kind.TRAINING:
        return Method.TRAINING
    return Method.MEETING


def _record_attendance(registration: Registration, actor: Any) -> None:
    meeting = registration.meeting
    ledger.withdraw(registration.member, method=_method(meeting), source=meeting)
    ledger.record(
        registration.member,
        method=_method(meeting),
        channel=Channel.ONLINE if registration.attended_online else Channel.IN_PERSON,
        depth=_depth(registration),
        source=meeting,
        project=meeting.project,
        occurred_at=registration.checked_in_at,
        recorded_by=actor,
    )


@transaction.atomic
def check_in(actor: Any, meeting: Meeting, raw_code: str) -> Registration:
    require(actor, "meetings.check_in", meeting.community)
    code = read_code(raw_code)
    if not code:
        raise ServiceError(_("Type or scan a check-in code."), "code")
    registration = (
        Registration.objects.select_for_update()
        .select_related("member", "meeting")
        .filter(code=code)
        .first()
    )
    if registration is None:
        raise ServiceError(_("This code is not known. Check it, or add the person as a walk-in."))
    if registration.meeting_id != meeting.pk:
        raise ServiceError(
            _("This code is for another meeting (%(title)s), not this one.")
            % {"title": registration.meeting.title},
            "code",
        )
    if registration.checked_in_at is not None:
        raise ServiceError(
            _("This code was already used: %(name)s checked in at %(time)s.")
            % {
                "name": registration.member.name,
                "time": local_time(meeting, registration.checked_in_at),
            },
            "code",
        )
    if registration.status != Registration.Status.CONFIRMED:
        raise ServiceError(
            _("%(name)s has no place (%(status)s). Add them as a walk-in if there is room.")
            % {"name": registration.member.name, "status": registration.get_status_display()},
            "code",
        )
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = actor
    registration.save(update_fields=["checked_in_at", "checked_in_by"])
    _record_attendance(registration, actor)
    return registration


@transaction.atomic
def mark_attended_online(actor: Any, registration: Registration) -> Registration:
    meeting = registration.meeting
    require(actor, "meetings.check_in", meeting.community)
    if not meeting.online:
        raise ServiceError(_("This meeting is not held online."))
    if registration.status != Registration.Status.CONFIRMED:
        raise ServiceError(_("Only people with a place can be marked present."))
    registration.attended_online = True
    registration.checked_in_at = registration.checked_in_at or timezone.now()
    registration.checked_in_by = actor
    registration.save(update_fields=["attended_online", "checked_in_at", "checked_in_by"])
    _record_attendance(registration, actor)
    return registration


@transaction.atomic
def walk_in(actor: Any, meeting: Meeting, member: Member) -> Registration:
    """Someone came without registering: add them at the door and check them in."""
    require(actor, "meetings.check_in", meeting.community)
    if member.community_id != meeting.community_id:
        raise ServiceError(_("Only residents of this community can be added."), "member")
    meeting = _lock(meeting)
    registration = (
        Registration.objects.select_for_update().filter(meeting=meeting, member=member).first()
    )
    if registration is not None and registration.checked_in_at is not None:
        raise ServiceError(_("%(name)s is already checked in.") % {"name": member.name}, "member")
    registration = registration or Registration(
        meeting=meeting, member=member, channel=Registration.Channel.WALK_IN
    )
    registration.status = Registration.Status.CONFIRMED
    registration.registered_by = registration.registered_by or actor
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = actor
    registration.offer_token = ""
    registration.save()
    _record_attendance(registration, actor)
    audit.log(actor, "meetings.walk_in", registration, community=meeting.community)
    return registration


@transaction.atomic
def set_role(actor: Any, registration: Registration, role: str) -> Registration:
    meeting = registration.meeting
    require(actor, "meetings.manage", meeting.community)
    if role not in Registration.Role.values:
        raise ServiceError(_("This role is not known."), "role")
    before = audit.snapshot(registration, ["role"])
    registration.role = role
    registration.save(update_fields=["role"])
    if registration.attended:
        _record_attendance(registration, actor)
    audit.log(
        actor,
        "meetings.role",
        registration,
        community=meeting.community,
        before=before,
        after={"role": role},
    )
    return registration


@dataclass(frozen=True)
class AreaCount:
    name: str
    count: int


def attendance_by_area(meeting: Meeting) -> list[AreaCount]:
    rows = (
        meeting.registrations.filter(checked_in_at__isnull=False)
        .values("member__household__area__name")
        .annotate(n=Count("id"))
    )
    counts = [
        AreaCount(row["member__household__area__name"] or str(_("no address recorded")), row["n"])
        for row in rows
    ]
    return sorted(counts, key=lambda row: (-row.count, row.name))


# --- Minutes and action items -------------------------------------------------------------------


@transaction.atomic
def save_minutes(
    actor: Any,
    meeting: Meeting,
    *,
    agenda: str,
    summary: str,
    decisions: str,
    publish_now: bool = False,
) -> Minutes:
    require(actor, "meetings.manage", meeting.community)
    if meeting.status == Meeting.Status.DRAFT:
        raise ServiceError(_("Publish the meeting before writing its minutes."))
    if publish_now and not (summary.strip() or decisions.strip()):
        raise ServiceError(_("Write what was said or decided before publishing."), "summary")
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    before = audit.snapshot(minutes)
    minutes.agenda, minutes.summary, minutes.decisions = agenda, summary, decisions
    minutes.written_by = actor
    if publish_now and minutes.published_at is None:
        minutes.published_at = timezone.now()
    minutes.save()
    audit.log(
        actor,
        "meetings.minutes_published" if publish_now else "meetings.minutes_saved",
        minutes,
        community=meeting.community,
        before=before,
        after=audit.snapshot(minutes),
    )
    return minutes


@transaction.atomic
def add_action_item(
    actor: Any,
    meeting: Meeting,
    *,
    text: str,
    owner: Member | None = None,
    owner_name: str = "",
    due_on: Any = None,
) -> ActionItem:
    require(actor, "meetings.manage", meeting.community)
    if not text.strip():
        raise ServiceError(_("Say what is to be done."), "text")
    if owner is None and not owner_name.strip():
        raise ServiceError(_("Say who will do it: a resident, or a team or partner."), "owner")
    if owner is not None and owner.community_id != meeting.community_id:
        raise ServiceError(_("Only residents of this community can own an action."), "owner")
    item = ActionItem.objects.create(
        meeting=meeting,
        text=text.strip(),
        owner=owner,
        owner_name=owner_name.strip(),
        due_on=due_on,
    )
    audit.log(
        actor,
        "meetings.action_added",
        item,
        community=meeting.community,
        after=audit.snapshot(item),
    )
    if owner is not None:
        notify(
            owner,
            "meeting_actions",
            (gettext_lazy("An action for you from %(title)s"), {"title": meeting.title}),
            item.text,
            url=reverse("meetings:actions", args=[meeting.community.slug]),
            community=meeting.community,
        )
    return item


@transaction.atomic
def set_action_status(actor: Any, item: ActionItem, status: str) -> ActionItem:
    community = item.meeting.community
    own = item.owner is not None and item.owner.user_id == getattr(actor, "pk", None)
    if not own:
        require(actor, "meetings.manage", community)
    if status not in ActionItem.Status.values:
        raise ServiceError(_("This status is not known."), "status")
    before = audit.snapshot(item, ["status"])
    item.status = status
    item.done_at = timezone.now() if status == ActionItem.Status.DONE else None
    item.save(update_fields=["status", "done_at"])
    audit.log(
        actor,
        "meetings.action_status",
        item,
        community=community,
        before=before,
        after={"status": status},
    )
    return item


def open_actions(community: Community) -> QuerySet[ActionItem]:
    """Action items from meetings whose minutes are published, followed until done."""
    return ActionItem.objects.filter(
        meeting__community=community, meeting__minutes__published_at__isnull=False
    ).select_related("meeting", "owner")


# --- Trainings ----------------------------------------------------------------------------------


@command("meetings.manage", on="community")
def save_training(actor: User, community: Community, training: Training) -> Training:
    """Create or change a training as the form set it (``form.save(commit=False)``)."""
    stored = Training.objects.filter(pk=training.pk, community=community).first()
    if training.pk and stored is None:
        raise Forbidden("meetings.manage")
    training.community = community
    training.created_by = training.created_by or actor
    training.save()
    audit_entry(
        "meetings.training_saved",
        training,
        before=audit.snapshot(stored) if stored else None,
        after=audit.snapshot(training),
    )
    return training


@dataclass(frozen=True)
class TrainingRecord:
    training: Training
    attended: int
    sessions: int
    completed: bool


def training_progress(training: Training) -> list[tuple[Member, int, bool]]:
    """Each resident who came to a session: sessions attended and whether they completed."""
    rows = (
        Registration.objects.filter(meeting__training=training, checked_in_at__isnull=False)
        .values("member")
        .annotate(n=Count("id"))
    )
    counts = {row["member"]: row["n"] for row in rows}
    members = Member.objects.filter(pk__in=counts).select_related("household__area")
    return sorted(
        ((m, counts[m.pk], counts[m.pk] >= training.sessions_required) for m in members),
        key=lambda row: (-row[1], row[0].name),
    )


def trainings_of(member: Member) -> list[TrainingRecord]:
    rows = (
        Registration.objects.filter(
            member=member, meeting__training__isnull=False, checked_in_at__isnull=False
        )
        .values("meeting__training")
        .annotate(n=Count("id"))
    )
    trainings = Training.objects.in_bulk([row["meeting__training"] for row in rows])
    return [
        TrainingRecord(
            training=trainings[row["meeting__training"]],
            attended=row["n"],
            sessions=trainings[row["meeting__training"]].sessions.count(),
            completed=row["n"] >= trainings[row["meeting__training"]].sessions_required,
        )
        for row in rows
    ]


def skills_of(member: Member) -> list[str]:
    skills: list[str] = []
    for record in trainings_of(member):
        if record.completed:
            skills.extend(s for s in record.training.skill_list if s not in skills)
    return skills


# --- Calendar, home page, projects ----------------------------------------------------------------


def feed_for(member: Member) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(member=member)
    return feed


def feed_meetings(feed: CalendarFeed) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        registrations__member=feed.member,
        registrations__status__in=Registration.HOLDING,
        status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED],
        ends_at__gte=timezone.now() - timedelta(days=90),
    ).select_related("community")


def open_items(community: Community, user: Any) -> list[OpenItem]:
    """Meetings in the next four weeks that take registrations or need none."""
    now = timezone.now()
    items = []
    for meeting in Meeting.objects.filter(
        community=community,
        status=Meeting.Status.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=28),
    ).select_related("community"):
        if meeting.registration == Meeting.Registration.INVITATION:
            continue
        items.append(
            OpenItem(
                kind=str(meeting.get_kind_display()),
                title=meeting.title,
                url=meeting.get_absolute_url(),
                closes_at=meeting.starts_at,
                summary=" · ".join(filter(None, [local_time(meeting), meeting.place])),
            )
        )
    return items


def project_items(project: Any) -> list[LinkedItem]:
    """Published meetings of an engagement project, for the project page."""
    items = []
    for meeting in Meeting.objects.filter(
        project=project, status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED]
    ).select_related("community"):
        if meeting.status == Meeting.Status.CANCELLED:
            status = _("cancelled")
        elif meeting.is_past:
            status = _("took place on %(when)s") % {"when": local_time(meeting)}
        else:
            status = _("on %(when)s") % {"when": local_time(meeting)}
        items.append(
            LinkedItem(
                title=meeting.title,
                url=meeting.get_absolute_url(),
                status=status,
                is_open=meeting.is_published and not meeting.is_past,
                kind=str(meeting.get_kind_display()),
            )
        )
    return items


def areas(community: Community) -> QuerySet[Place]:
    return Place.objects.filter(community=community, kind=Place.Kind.AREA).order_by("name")


def members_for_choice(community: Community) -> QuerySet[Member]:
    return (
        Member.objects.filter(community=community, status=Member.Status.VERIFIED)
        .select_related("household__flat")
        .order_by("name")
    )


def leaders(community: Community) -> QuerySet[Member]:
    return members_for_choice(community).filter(~Q(role="resident"))
