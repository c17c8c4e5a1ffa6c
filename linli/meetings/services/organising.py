"""Organising meetings and trainings: save, publish, cancel; changes are news for everyone
registered."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.kit import Forbidden, command
from linli.core.kit import audit as audit_entry
from linli.core.models import Community, User
from linli.core.notify import notify
from linli.core.services import ServiceError

from ..models import (
    Meeting,
    Registration,
    Training,
)
from ..queries import local_time
from .registration import _tell_invited, offer_next

# A change to any of these is news for everyone registered.
NEWS_FIELDS = ("starts_at", "ends_at", "place", "format", "online_url", "map_url")


@command("meetings.manage", on="meeting")
def save_meeting(actor: User, meeting: Meeting, before: dict[str, Any] | None = None) -> Meeting:
    """Save a new or edited meeting; registrants hear about changes of time, place or link."""
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
    audit_entry(
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


@command("meetings.manage", on="meeting")
def publish(actor: User, meeting: Meeting) -> Meeting:
    if meeting.status != Meeting.Status.DRAFT:
        raise ServiceError(_("Only a draft can be published."))
    meeting.status = Meeting.Status.PUBLISHED
    meeting.save(update_fields=["status"])
    audit_entry("meetings.published", meeting, community=meeting.community)
    for invitation in meeting.invitations.select_related("member"):
        _tell_invited(meeting, invitation.member)
    return meeting


@command("meetings.manage", on="meeting")
def cancel_meeting(actor: User, meeting: Meeting, reason: str) -> Meeting:
    if not reason.strip():
        raise ServiceError(_("Say why the meeting is cancelled: residents will read it."), "reason")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError(_("This meeting is already cancelled."))
    was_published = meeting.is_published
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = reason.strip()
    meeting.save(update_fields=["status", "cancel_reason"])
    audit_entry(
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
