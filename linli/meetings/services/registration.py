"""Registering for a meeting: a place or the waiting list (the queue is ``linli.core.waitlist``),
freed places offered by a secret link, needs to arrange, invitations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit, waitlist
from linli.core.kit import audit as audit_entry
from linli.core.kit import command
from linli.core.models import Member, User
from linli.core.notify import notify
from linli.core.permissions import require
from linli.core.services import ServiceError

from ..models import (
    Accommodation,
    CalendarFeed,
    Invitation,
    Meeting,
    Registration,
)
from ..queries import is_invited, local_time


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


@command("meetings.manage", on="accommodation")
def mark_arranged(
    actor: User, accommodation: Accommodation, arranged: bool = True
) -> Accommodation:
    meeting = accommodation.registration.meeting
    before = audit.snapshot(accommodation, ["arranged_at"])
    accommodation.arranged_at = timezone.now() if arranged else None
    accommodation.arranged_by = actor if arranged else None
    accommodation.save(update_fields=["arranged_at", "arranged_by"])
    audit_entry(
        "meetings.accommodation_arranged" if arranged else "meetings.accommodation_reopened",
        accommodation,
        community=meeting.community,
        before=before,
        after=audit.snapshot(accommodation, ["arranged_at"]),
    )
    return accommodation


def _lock(meeting: Meeting) -> Meeting:
    """Take the meeting's row lock: registrations for one meeting queue behind each other, so
    two people can never both take the last place (PostgreSQL row lock; on SQLite the
    IMMEDIATE transaction already holds the database's write lock)."""
    return Meeting.objects.select_for_update().select_related("community").get(pk=meeting.pk)


@command("meetings.take_registration", on="meeting", lock=True)
def register(
    actor: User,
    meeting: Meeting,
    member: Member,
    needs: list[Need] | None = None,
    *,
    channel: str = Registration.Channel.ONLINE,
) -> Registration:
    """Register ``member`` (the actor, or a resident the staff register on their behalf)."""
    community = meeting.community
    on_behalf = member.user_id is None or member.user_id != actor.pk
    if on_behalf:
        require(actor, "meetings.register_others", community)
    if member.community_id != community.pk or member.status != Member.Status.VERIFIED:
        raise ServiceError(_("Only verified residents of this community can register."))
    needs = clean_needs(needs or [])
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
    status = MeetingPlaces(meeting).newcomer_status()
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
    CalendarFeed.objects.get_or_create(member=member)  # their calendar address, from now on
    if on_behalf:
        audit_entry(
            "meetings.registered_for",
            registration,
            community=community,
            after=audit.snapshot(registration, ["member", "status", "channel"]),
        )
    _tell_registered(registration)
    return registration


@command("meetings.ask_for_help", on="meeting", lock=True)
def ask_for_help(actor: User, meeting: Meeting, member: Member, needs: list[Need]) -> Registration:
    """A meeting that needs no registration: a resident still asks for what they need to take
    part (a wheelchair, an interpreter). It is kept as a registration the organisers arrange,
    without a place being counted against anyone."""
    if member.user_id != actor.pk:
        require(actor, "meetings.register_others", meeting.community)
    if member.community_id != meeting.community_id or member.status != Member.Status.VERIFIED:
        raise ServiceError(_("Only verified residents of this community can register."))
    needs = clean_needs(needs)
    if not needs:
        raise ServiceError(_("Tick what you need. If you need nothing, just come."))
    registration = (
        Registration.objects.select_for_update().filter(meeting=meeting, member=member).first()
    )
    registration = registration or Registration(meeting=meeting, member=member)
    registration.status = Registration.Status.CONFIRMED
    registration.channel = Registration.Channel.ONLINE
    registration.queued_at = timezone.now()
    registration.save()
    _save_needs(registration, needs)
    return registration


@command("meetings.register", on="registration")
def update_needs(actor: User, registration: Registration, needs: list[Need]) -> Registration:
    _require_own_or_staff(actor, registration)
    _save_needs(registration, clean_needs(needs))
    return registration


def _require_own_or_staff(actor: User, registration: Registration) -> None:
    """A resident changes their own registration; staff change anyone's (phone sign-ups)."""
    if registration.member.user_id is None or registration.member.user_id != actor.pk:
        require(actor, "meetings.register_others", registration)


@command("meetings.register", on="registration")
def cancel_registration(actor: User, registration: Registration) -> Registration:
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
        audit_entry("meetings.registration_cancelled", registration, community=meeting.community)
    if freed:
        offer_next(meeting)
    return registration


class MeetingPlaces(waitlist.Queue):
    """A meeting's places and waiting list."""

    notification_kind = "meeting_registration"

    def rows(self) -> QuerySet[Registration]:
        return self.event.registrations.all()

    def takes_offers(self) -> bool:
        return self.event.status == Meeting.Status.PUBLISHED

    def offer_url(self, row: Registration) -> str:
        meeting = self.event
        return reverse("meetings:offer", args=[meeting.community.slug, meeting.pk, row.offer_token])

    def when(self, moment: datetime | None = None) -> str:
        return local_time(self.event, moment)

    def tell_placed(self, row: Registration) -> None:
        _tell_registered(row)


def offer_next(meeting: Meeting) -> list[Registration]:
    return MeetingPlaces(meeting).offer_next()


def _release_expired_offers(meeting: Meeting) -> int:
    return MeetingPlaces(meeting).release_expired()


def offer_for(meeting: Meeting, token: str) -> Registration | None:
    return MeetingPlaces(meeting).offer_for(token)  # type: ignore[no-any-return]


@command("meetings.see_meeting", on="meeting", lock=True)
def answer_offer(
    actor: User | AnonymousUser, meeting: Meeting, token: str, accept: bool
) -> Registration:
    """The secret link in the offer is the proof: a resident without an account can confirm
    (``actor`` may be the anonymous visitor)."""
    return MeetingPlaces(meeting).answer(token, accept)  # type: ignore[no-any-return]


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


@command("meetings.manage", on="meeting")
def invite(actor: User, meeting: Meeting, members: list[Member]) -> int:
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
    audit_entry(
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
