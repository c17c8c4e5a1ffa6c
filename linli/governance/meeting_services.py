"""Commands of a body's meetings: schedule one (a meetings-module meeting with the body's members
invited), build its agenda from the matters other modules offer, its open motions and items of
its own, record who attended, minutes per item, resolutions with an owner and a due date, their
follow-up to done with a report-back, and publishing the minutes.

The secretary and the other officers write (``governance.run_body``, organisers too while a body
finds its feet); the owner of a resolution reports on it (``governance.follow_up``). The meeting,
its invitations, check-ins and published minutes are the meetings module's own rows, so its
pages, calendar and check-in at the door work for a body's meetings unchanged."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.kit import Refused, audit, command
from linli.core.models import Member
from linli.core.notify import notify
from linli.core.permissions import member_of
from linli.meetings.models import Invitation, Meeting, Minutes, Registration
from linli.participation.models import Channel
from linli.participation.services import withdraw

from . import acts, queries, sittings
from .models import AgendaItem, Body, BodyMeeting, Conflict, Motion, Resolution


def _invite(sitting: BodyMeeting, member: Member, actor: Any) -> None:
    meeting = sitting.meeting
    Invitation.objects.get_or_create(meeting=meeting, member=member, defaults={"invited_by": actor})
    Registration.objects.get_or_create(
        meeting=meeting,
        member=member,
        defaults={
            "status": Registration.Status.CONFIRMED,
            "channel": Registration.Channel.IN_PERSON,
            "registered_by": actor,
        },
    )


@command("governance.run_body", on="body")
def schedule_meeting(
    actor: Any,
    body: Body,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    description: str = "",
) -> BodyMeeting:
    """A meeting of the body, by invitation: every member serving is invited and holds a place,
    with or without an account."""
    if not title.strip():
        raise Refused(_("Give the meeting a title."), "title")
    if ends_at <= starts_at:
        raise Refused(_("The meeting must end after it starts."), "ends_at")
    meeting = Meeting.objects.create(
        community=body.community,
        kind=Meeting.Kind.TEAM,
        title=title.strip(),
        description=description.strip(),
        place=place.strip(),
        area=body.area,
        starts_at=starts_at,
        ends_at=ends_at,
        registration=Meeting.Registration.INVITATION,
        status=Meeting.Status.PUBLISHED,
        created_by=actor,
    )
    sitting = BodyMeeting.objects.create(body=body, meeting=meeting, created_by=actor)
    for seat in queries.serving(body):
        _invite(sitting, seat.member, actor)
    audit(
        "governance.meeting_scheduled",
        sitting,
        after={"title": meeting.title, "starts_at": starts_at.isoformat(), "place": meeting.place},
    )
    return sitting


def _refuse_if_published(sitting: BodyMeeting) -> None:
    if sitting.is_published:
        raise Refused(_("The minutes of this meeting are published; they are not changed."))


@command("governance.run_body", on="sitting", lock=True)
def add_agenda_item(
    actor: Any,
    sitting: BodyMeeting,
    *,
    matter: str = "",
    motion: Motion | None = None,
    title: str = "",
) -> AgendaItem:
    """One item at the end of the agenda: a matter another module offers (an open proposal, a
    feedback item), an open motion of the body to be decided at the meeting, or an item in the
    secretary's own words."""
    _refuse_if_published(sitting)
    chosen = [bool(matter), motion is not None, bool(title.strip())]
    if sum(chosen) != 1:
        raise Refused(_("Choose one matter, one motion, or write one item."), "title")
    item = AgendaItem(sitting=sitting)
    if matter:
        offered = sittings.agenda_matters(sitting.body.community).get(matter)
        if offered is None:
            raise Refused(_("This matter is not open any more; choose another."), "matter")
        item.kind, item.title, item.url = AgendaItem.Kind.MATTER, offered.title[:200], offered.url
        item.subject_type, item.subject_id = offered.subject_type, offered.subject_id
        item.source_label = str(offered.kind)[:60]
        taken = sitting.items.filter(subject_type=item.subject_type, subject_id=item.subject_id)
    elif motion is not None:
        if motion.body_id != sitting.body_id or not sittings.open_motions(sitting.body).filter(
            pk=motion.pk
        ):
            raise Refused(_("Choose an open motion of this body."), "motion")
        item.kind, item.title, item.motion = AgendaItem.Kind.MOTION, motion.title, motion
        item.url = motion.get_absolute_url()
        taken = sitting.items.filter(motion=motion)
    else:
        item.kind, item.title = AgendaItem.Kind.FREE, title.strip()[:200]
        taken = sitting.items.filter(kind=AgendaItem.Kind.FREE, title=item.title)
    if taken.exists():
        raise Refused(_("This is already on the agenda."), "title")
    last = sitting.items.aggregate(last=Max("position"))["last"] or 0
    item.position = last + 1
    item.save()
    audit("governance.agenda_added", item, after={"title": item.title, "kind": item.kind})
    return item


@command("governance.run_body", on="item")
def move_agenda_item(actor: Any, item: AgendaItem, up: bool) -> AgendaItem:
    """Swap the item with the one before (up) or after it."""
    _refuse_if_published(item.sitting)
    items = list(item.sitting.items.order_by("position", "pk"))
    at = next(i for i, other in enumerate(items) if other.pk == item.pk)
    to = at - 1 if up else at + 1
    if not 0 <= to < len(items):
        return item
    items[at], items[to] = items[to], items[at]
    for position, each in enumerate(items, start=1):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])
    item.refresh_from_db()
    audit("governance.agenda_moved", item, after={"position": item.position})
    return item


@command("governance.run_body", on="sitting", lock=True)
def record_attendance(actor: Any, sitting: BodyMeeting, present: list[Member]) -> set[int]:
    """Who of the body was there, as the secretary saw it: each is checked in on the meeting
    (the meetings module's check-in) and gets a ledger row; someone unticked loses both."""
    if not sitting.has_started:
        raise Refused(_("Attendance is recorded once the meeting has started."), "present")
    _refuse_if_published(sitting)
    entitled = {m.pk: m for m in sittings.members_entitled(sitting)}
    strangers = [m.name for m in present if m.pk not in entitled]
    if strangers:
        raise Refused(
            _("Only members of the body count for the quorum: %(names)s are not.")
            % {"names": "、".join(strangers)},
            "present",
        )
    before = sorted(sittings.present_ids(sitting))
    wanted = {m.pk for m in present}
    now = timezone.now()
    for member in entitled.values():
        _invite(sitting, member, actor)
        registration = Registration.objects.select_for_update().get(
            meeting=sitting.meeting, member=member
        )
        if member.pk in wanted and registration.checked_in_at is None:
            registration.checked_in_at, registration.checked_in_by = now, actor
            registration.status = Registration.Status.CONFIRMED
            registration.save(update_fields=["checked_in_at", "checked_in_by", "status"])
            acts.attended(member, sitting.meeting, recorded_by=actor)
        elif member.pk not in wanted and registration.checked_in_at is not None:
            registration.checked_in_at, registration.checked_in_by = None, None
            registration.save(update_fields=["checked_in_at", "checked_in_by"])
            withdraw(member, method=acts.METHOD, source=sitting.meeting)
    after = sorted(sittings.present_ids(sitting))
    audit(
        "governance.attendance",
        sitting,
        before={"present": before},
        after={"present": after, "entitled": len(entitled)},
    )
    return set(after)


def _subject(item: AgendaItem) -> Model:
    """The matter of an item as a model, for a conflict: the motion's matter, the other
    module's row, or the item itself."""
    kind, pk = sittings.item_subject(item)
    return apps.get_model(kind)._default_manager.get(pk=pk)


@command("governance.run_body", on="item")
def stand_aside_on_item(actor: Any, item: AgendaItem, member: Member, reason: str) -> Conflict:
    """A member declared a conflict with the item at the meeting: the secretary records it; he
    takes no part in the item and the item's quorum counts without him."""
    _refuse_if_published(item.sitting)
    if not reason.strip():
        raise Refused(_("Say what the conflict of interest is."), "reason")
    if member.pk not in {m.pk for m in sittings.members_entitled(item.sitting)}:
        raise Refused(_("Only a member of the body stands aside."), "member")
    from .services import stand_aside

    conflict = stand_aside(
        item.sitting.body, member, _subject(item), Conflict.Source.DECLARED, reason.strip()
    )
    audit("governance.stood_aside", conflict, after={"member": member.name, "item": item.title})
    return conflict


@command("governance.run_body", on="item")
def write_item_minutes(actor: Any, item: AgendaItem, text: str) -> AgendaItem:
    _refuse_if_published(item.sitting)
    if not item.sitting.has_started:
        raise Refused(_("Minutes are written once the meeting has started."), "minutes")
    before = {"minutes": item.minutes}
    item.minutes = text.strip()
    item.save(update_fields=["minutes"])
    audit("governance.item_minutes", item, before=before, after={"minutes": item.minutes})
    return item


@command("governance.run_body", on="item")
def resolve(
    actor: Any, item: AgendaItem, *, text: str, owner: Member | None, due_on: date | None
) -> Resolution:
    """What the body decided on the item someone will do, by when. The owner is a member of the
    body or one of the community's staff, with or without an account, and hears about it."""
    sitting = item.sitting
    _refuse_if_published(sitting)
    if not text.strip():
        raise Refused(_("Say what is to be done."), "text")
    if owner is None or not sittings.may_own(sitting.body, owner):
        raise Refused(
            _("The owner must be a member of the body or one of the community's staff."), "owner"
        )
    if due_on is None:
        raise Refused(_("Give a due date."), "due_on")
    if due_on < timezone.localdate():
        raise Refused(_("The due date cannot be in the past."), "due_on")
    resolution = Resolution.objects.create(
        sitting=sitting, item=item, text=text.strip(), owner=owner, due_on=due_on, created_by=actor
    )
    audit(
        "governance.resolved",
        resolution,
        after={"text": resolution.text, "owner": owner.name, "due_on": due_on.isoformat()},
    )
    notify(
        owner,
        "governance_resolution",
        (
            gettext_lazy("%(body)s gave you a resolution to carry out by %(due)s"),
            {"body": sitting.body.name, "due": due_on.isoformat()},
        ),
        resolution.text,
        url=resolution.get_absolute_url(),
        community=sitting.body.community,
    )
    return resolution


NEXT: dict[str, tuple[str, ...]] = {
    Resolution.Status.OPEN: (Resolution.Status.IN_PROGRESS, *Resolution.CLOSED),
    Resolution.Status.IN_PROGRESS: Resolution.CLOSED,
}


@command("governance.follow_up", on="resolution", lock=True)
def follow_up(actor: Any, resolution: Resolution, status: str, report_back: str = "") -> Resolution:
    """Open → in progress → done (with a report-back of what was done) or dropped (with the
    reason). The owner reports, or the secretary for an owner without an account."""
    if status not in NEXT.get(resolution.status, ()):
        raise Refused(_("A resolution moves from to do, to in progress, to done or dropped."))
    if status in Resolution.CLOSED and not report_back.strip():
        raise Refused(
            _("Report back: what was done, or why it was dropped. Residents read it."),
            "report_back",
        )
    before = {"status": resolution.status}
    resolution.status = status
    if status in Resolution.CLOSED:
        resolution.report_back = report_back.strip()
        resolution.closed_at = timezone.now()
    resolution.save()
    audit(
        "governance.resolution_done"
        if status == Resolution.Status.DONE
        else "governance.resolution_status",
        resolution,
        before=before,
        after={"status": status, "report_back": resolution.report_back},
    )
    if status == Resolution.Status.DONE:
        own = resolution.owner.user_id is not None and resolution.owner.user_id == actor.pk
        acts.carried_out(
            resolution.owner,
            resolution,
            Channel.ONLINE if own else Channel.IN_PERSON,
            recorded_by=None if own else actor,
        )
    return resolution


@command("governance.run_body", on="sitting", lock=True)
def publish_minutes(actor: Any, sitting: BodyMeeting) -> BodyMeeting:
    """Minutes and resolutions become public; the meetings module's minutes of the meeting are
    written from the items (agenda, what was said, decisions), so its page shows them too."""
    _refuse_if_published(sitting)
    items = list(sitting.items.order_by("position", "pk"))
    if not any(item.minutes for item in items):
        raise Refused(_("Write the minutes of at least one item before publishing."), "minutes")
    q = sittings.quorum(sitting)
    minutes, _created = Minutes.objects.get_or_create(meeting=sitting.meeting)
    minutes.agenda = "\n".join(item.title for item in items)
    minutes.summary = "\n\n".join(f"{item.title}\n{item.minutes}" for item in items if item.minutes)
    minutes.decisions = "\n".join(
        f"{r.text} ({r.owner.name}, {r.due_on.isoformat()})" for r in sitting.resolutions.all()
    )
    minutes.written_by = actor
    minutes.published_at = timezone.now()
    minutes.save()
    sitting.published_at = minutes.published_at
    sitting.save(update_fields=["published_at"])
    audit(
        "governance.minutes_published",
        sitting,
        after={"items": len(items), "present": q.present, "entitled": q.entitled},
    )
    acts.ran(member_of(actor, sitting.body.community), sitting)
    return sitting
