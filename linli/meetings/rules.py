"""Who may do what to a meeting, a registration or an action item, and when: named rules beside
the role table (declared in ``MeetingsConfig.kit``; see ``linli.core.permissions``).

The standing comes from the role table; the phase from the meeting: a draft is seen by
organisers only, and registrations are taken while it is published and has not started."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule, can

from .models import ActionItem, Meeting


def _published_or_organiser(user: Any, meeting: Meeting) -> bool:
    return meeting.status != Meeting.Status.DRAFT or can(user, "meetings.manage", meeting.community)


def _takes_speakers(meeting: Meeting) -> bool:
    """A hearing takes speakers while it is published, has not started and is not answered."""
    hearing = getattr(meeting, "hearing", None)
    return (
        meeting.kind == Meeting.Kind.HEARING
        and meeting.status == Meeting.Status.PUBLISHED
        and meeting.starts_at > timezone.now()
        and not (hearing is not None and hearing.is_answered)
    )


def _heard(meeting: Meeting) -> bool:
    """Testimony is recorded once the hearing has begun, until the response is published."""
    hearing = getattr(meeting, "hearing", None)
    return (
        meeting.kind == Meeting.Kind.HEARING
        and meeting.status == Meeting.Status.PUBLISHED
        and meeting.starts_at <= timezone.now()
        and not (hearing is not None and hearing.is_answered)
    )


def _own(user: Any, member: Any) -> bool:
    return member is not None and member.user_id is not None and member.user_id == user.pk


def _owner_or_organiser(user: Any, item: ActionItem) -> bool:
    return _own(user, item.owner) or can(user, "meetings.manage", item.community)


RULES: dict[str, Rule] = {
    # Residents and the public see published and past meetings; drafts stay among organisers.
    "meetings.see_meeting": Rule("meetings.view", who=(_published_or_organiser,)),
    "meetings.take_registration": Rule(
        "meetings.register",
        when=(
            (
                lambda meeting: meeting.takes_registrations,
                _("This meeting does not take registrations (any more)."),
            ),
        ),
    ),
    # A meeting without registration: residents still ask for a wheelchair or an interpreter.
    "meetings.ask_for_help": Rule(
        "meetings.register",
        when=(
            (
                lambda meeting: (
                    meeting.status == Meeting.Status.PUBLISHED
                    and meeting.registration == Meeting.Registration.NONE
                    and meeting.starts_at > timezone.now()
                ),
                _("Help can be asked for before the meeting, when it needs no registration."),
            ),
        ),
    ),
    # Public hearings: residents sign up to speak before it; staff record what was said after
    # it began and answer every testimony in one written response.
    "meetings.speak": Rule(
        "meetings.register",
        when=((_takes_speakers, _("This hearing does not take speakers (any more).")),),
    ),
    "meetings.record_testimony": Rule(
        "meetings.manage",
        when=(
            (
                _heard,
                _(
                    "Testimony is recorded once the hearing has begun, "
                    "until the written response is published."
                ),
            ),
        ),
    ),
    "meetings.respond": Rule(
        "meetings.manage",
        when=((_heard, _("The written response is published after the hearing, once.")),),
    ),
    # On an action item: the person it was given to reports progress; organisers too.
    "meetings.update_action": Rule("meetings.view", who=(_owner_or_organiser,)),
}
