"""Feedback's "put this on a body's agenda" lands on that body's next meeting.

Feedback names no body module (see ``linli/feedback/agenda.py``); governance registers this
handler when it is ready. The staff member routing a collective item types the body's name; when
the community has a body of that name with a meeting still to come whose minutes are not
published, the item becomes the last matter on that meeting's agenda, exactly as if the secretary
had picked it from the agenda form. Otherwise nothing is written here: the item keeps the body's
name and its page says the secretary will take it from there (open items are offered on every
agenda form)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from linli.core.kit import Forbidden, Refused

from .meeting_models import AgendaItem, BodyMeeting
from .models import Body


def may_read(user: Any, item: Any) -> bool | None:
    """Whether ``user`` may open the body's meeting the item is on (its members and organisers
    before the minutes are published, everyone after), or None when it is on none."""
    from linli.core.permissions import can

    on = (
        AgendaItem.objects.filter(subject_type="feedback.item", subject_id=item.pk)
        .select_related("sitting__body__community")
        .order_by("-pk")
        .first()
    )
    return None if on is None else can(user, "governance.see_meeting", on.sitting)


def body_names(community: Any) -> list[str]:
    return list(Body.objects.filter(community=community).values_list("name", flat=True))


def next_sitting(body: Body) -> BodyMeeting | None:
    """The body's next meeting whose agenda can still change."""
    return (
        BodyMeeting.objects.filter(
            body=body, published_at__isnull=True, meeting__starts_at__gt=timezone.now()
        )
        .select_related("meeting", "body__community")
        .order_by("meeting__starts_at", "pk")
        .first()
    )


def put_feedback_on_agenda(actor: Any, item: Any, body_name: str) -> str | None:
    from . import meeting_services

    body = Body.objects.filter(community=item.community, name__iexact=body_name.strip()).first()
    sitting = next_sitting(body) if body is not None else None
    if sitting is None:
        return None
    key = f"feedback.item:{item.pk}"
    already = sitting.items.filter(subject_type="feedback.item", subject_id=item.pk).first()
    if already is None:
        try:
            already = meeting_services.add_agenda_item(actor, sitting, matter=key)
        except (Forbidden, Refused):
            # Someone who may route feedback but not run this body's agenda: the secretary
            # takes the item from the agenda form instead; nothing half-written is left.
            return None
    return _anchor(sitting, already)


def _anchor(sitting: BodyMeeting, item: AgendaItem) -> str:
    return f"{sitting.get_absolute_url()}#item-{item.pk}"
