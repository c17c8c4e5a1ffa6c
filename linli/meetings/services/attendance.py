"""Check-in at the door (by code or QR), walk-ins, online attendance and roles: each attendance
is a row in the participation ledger."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit, waitlist
from linli.core.checkin import Door
from linli.core.kit import audit as audit_entry
from linli.core.kit import command
from linli.core.models import Member, User
from linli.core.services import ServiceError
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from ..models import (
    Meeting,
    Registration,
)
from ..queries import local_time
from .registration import _lock

read_code = waitlist.read_code

DOOR = Door(
    rows=Registration,
    event_field="meeting",
    unknown=gettext_lazy("This code is not known. Check it, or add the person as a walk-in."),
    elsewhere=gettext_lazy("This code is for another meeting (%(title)s), not this one."),
    already=gettext_lazy("This code was already used: %(name)s checked in at %(time)s."),
    no_place=gettext_lazy(
        "%(name)s has no place (%(status)s). Add them as a walk-in if there is room."
    ),
    when=local_time,
    unknown_field=None,
)


def checkin_url(registration: Registration) -> str:
    return waitlist.checkin_url("meetings:checkin", registration.meeting, registration.code)


def _depth(registration: Registration) -> int:
    """How deep taking part went: speakers collaborate and facilitators lead; the audience of a
    briefing (宣讲会) or of a public hearing (听证会) is informed, of any other meeting involved
    (issue 17). A hearing's speakers are consulted, through their recorded testimony."""
    listening = (Meeting.Kind.BRIEFING, Meeting.Kind.HEARING)
    audience = Depth.INFORMED if registration.meeting.kind in listening else Depth.INVOLVED
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


@command("meetings.check_in", on="meeting")
def check_in(actor: User, meeting: Meeting, raw_code: str) -> Registration:
    registration = DOOR.mark_in(actor, DOOR.by_code(meeting, raw_code))
    _record_attendance(registration, actor)  # type: ignore[arg-type]
    return registration  # type: ignore[return-value]


@command("meetings.check_in", on="registration")
def mark_attended_online(actor: User, registration: Registration) -> Registration:
    meeting = registration.meeting
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


@command("meetings.check_in", on="meeting")
def walk_in(actor: User, meeting: Meeting, member: Member) -> Registration:
    """Someone came without registering: add them at the door and check them in."""
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
    audit_entry("meetings.walk_in", registration, community=meeting.community)
    return registration


@command("meetings.manage", on="registration")
def set_role(actor: User, registration: Registration, role: str) -> Registration:
    meeting = registration.meeting
    if role not in Registration.Role.values:
        raise ServiceError(_("This role is not known."), "role")
    before = audit.snapshot(registration, ["role"])
    registration.role = role
    registration.save(update_fields=["role"])
    if registration.attended:
        _record_attendance(registration, actor)
    audit_entry(
        "meetings.role",
        registration,
        community=meeting.community,
        before=before,
        after={"role": role},
    )
    return registration
