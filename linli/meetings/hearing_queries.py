"""What the pages and the API read about a public hearing."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from linli.core.models import Member
from linli.core.permissions import can

from .hearing_models import Hearing, Speaker, Testimony
from .models import Meeting


def hearing_of(meeting: Meeting) -> Hearing:
    """The hearing's settings; before anyone saved them, the defaults (not stored)."""
    found = Hearing.objects.filter(meeting=meeting).select_related("response").first()
    return found or Hearing(meeting=meeting)


def speakers(hearing: Hearing) -> QuerySet[Speaker] | list[Speaker]:
    if hearing.pk is None:
        return []
    return hearing.speakers.select_related("member", "testimony").order_by("position", "pk")


def testimonies(hearing: Hearing) -> list[Testimony]:
    if hearing.pk is None:
        return []
    return list(
        Testimony.objects.filter(speaker__hearing=hearing)
        .select_related("speaker__member")
        .order_by("speaker__position", "pk")
    )


def places_left(hearing: Hearing) -> int:
    taken = hearing.speakers.count() if hearing.pk else 0
    return max(hearing.speakers_max - taken, 0)


def speaker_of(hearing: Hearing, member: Member | None) -> Speaker | None:
    if member is None or hearing.pk is None:
        return None
    return hearing.speakers.filter(member=member).first()


def page_context(user: Any, meeting: Meeting, member: Member | None) -> dict[str, Any]:
    """The hearing part of a meeting's page; nothing for other kinds of meeting. Testimony is
    public once the minutes or the response are: what was said at a hearing is on the record."""
    if meeting.kind != Meeting.Kind.HEARING:
        return {}
    hearing = hearing_of(meeting)
    manages = can(user, "meetings.manage", meeting.community)
    minutes = getattr(meeting, "minutes", None)
    on_record = hearing.is_answered or bool(minutes and minutes.published_at) or manages
    return {
        "hearing": hearing,
        "hearing_speakers": speakers(hearing),
        "hearing_places_left": places_left(hearing),
        "my_speaker": speaker_of(hearing, member),
        "may_speak": can(user, "meetings.speak", meeting),
        "hearing_testimonies": testimonies(hearing) if on_record else [],
    }
