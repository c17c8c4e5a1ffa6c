"""Minutes and action items after a meeting."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.kit import audit as audit_entry
from linli.core.kit import command
from linli.core.models import Member, User
from linli.core.notify import notify
from linli.core.services import ServiceError

from ..models import (
    ActionItem,
    Meeting,
    Minutes,
)


@command("meetings.manage", on="meeting")
def save_minutes(
    actor: User,
    meeting: Meeting,
    *,
    agenda: str,
    summary: str,
    decisions: str,
    publish_now: bool = False,
) -> Minutes:
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
    audit_entry(
        "meetings.minutes_published" if publish_now else "meetings.minutes_saved",
        minutes,
        community=meeting.community,
        before=before,
        after=audit.snapshot(minutes),
    )
    return minutes


@command("meetings.manage", on="meeting")
def add_action_item(
    actor: User,
    meeting: Meeting,
    *,
    text: str,
    owner: Member | None = None,
    owner_name: str = "",
    due_on: Any = None,
) -> ActionItem:
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
    audit_entry(
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


@command("meetings.update_action", on="item")
def set_action_status(actor: User, item: ActionItem, status: str) -> ActionItem:
    community = item.community
    if status not in ActionItem.Status.values:
        raise ServiceError(_("This status is not known."), "status")
    before = audit.snapshot(item, ["status"])
    item.status = status
    item.done_at = timezone.now() if status == ActionItem.Status.DONE else None
    item.save(update_fields=["status", "done_at"])
    audit_entry(
        "meetings.action_status",
        item,
        community=community,
        before=before,
        after={"status": status},
    )
    return item
