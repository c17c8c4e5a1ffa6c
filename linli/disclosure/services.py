"""Commands of the disclosure register and 公示. Each is a ``@command``: one transaction, the
permission or rule checked for the actor, the audit log written inside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit as snapshots
from linli.core import documents
from linli.core import services as core_services
from linli.core.kit import Forbidden, Refused, audit, command, ledger, own_command, running
from linli.core.models import Community, Member, Place, User
from linli.core.notify import notify
from linli.core.permissions import member_of
from linli.participation.models import Channel, Depth, Method

from . import delivery, digest, period, queries
from .models import (
    Attachment,
    BoardPosting,
    Category,
    Delivery,
    Entry,
    Objection,
    Publicity,
    Reading,
)
from .publicity import adapter

NOTIFY_NOTICE = "disclosure_notice"
NOTIFY_PUBLICITY = "disclosure_publicity"
MAX_ATTACHMENTS = 5


@dataclass(frozen=True)
class EntryInput:
    category: str
    title: str
    body: str
    publish_at: datetime | None = None
    attachments: Sequence[tuple[str, Any]] = ()  # (title, upload)


def _checked_file(upload: Any) -> Any:
    """A photo re-encoded, or a PDF checked for its size and whole - never stored as sent."""
    try:
        return documents.receipt(upload)
    except Refused as error:
        raise Refused(error.message, "attachment") from None


@command("disclosure.manage", on="community")
def add_entry(actor: User, community: Community, data: EntryInput) -> Entry:
    """Put a notice in the register; published now, or by the sweep at ``publish_at``."""
    if data.category not in Category.values:
        raise Refused(_("Choose a category from the list."), "category")
    if not data.title.strip() or not data.body.strip():
        raise Refused(_("Give the notice a title and a text."), "title")
    if len(data.attachments) > MAX_ATTACHMENTS:
        raise Refused(
            _("At most %(n)d attachments to one notice.") % {"n": MAX_ATTACHMENTS}, "attachment"
        )
    files = [(title.strip() or _("attachment"), _checked_file(f)) for title, f in data.attachments]
    entry = Entry.objects.create(
        community=community,
        category=data.category,
        title=data.title.strip(),
        body=data.body.strip(),
        publish_at=data.publish_at or timezone.now(),
        created_by=actor,
    )
    for title, clean in files:
        Attachment.objects.create(
            entry=entry, title=title[:120], file=clean, is_pdf=clean.name.endswith(".pdf")
        )
    audit("disclosure.add", entry, after=snapshots.snapshot(entry))
    if entry.publish_at <= timezone.now():
        _publish(actor, entry)
    return entry


def _publish(actor: User, entry: Entry) -> None:
    entry.notice = core_services.publish_notice(
        actor, entry.community, entry.title, entry.body, pinned=False
    )
    entry.notified = delivery.tell_residents(
        entry.community,
        NOTIFY_NOTICE,
        (gettext_lazy("Notice: %(title)s"), {"title": entry.title}),
        entry.body[:300],
        entry.get_absolute_url(),
    )
    entry.save(update_fields=["notice", "notified"])
    audit("disclosure.publish", entry, after={"notified": entry.notified})


@command("disclosure.manage", on="entry", lock=True)
def publish_due(actor: User, entry: Entry) -> bool:
    """Publish a scheduled entry whose time has come (the sweep calls this); False if not due."""
    if entry.is_published or entry.publish_at > timezone.now():
        return False
    _publish(actor, entry)
    return True


@command("disclosure.mark_read", on="entry")
def mark_read(actor: User, entry: Entry) -> Reading:
    member = member_of(actor, entry.community)
    if member is None:  # a site administrator passes the role check without a membership
        raise Forbidden(_("Only members of this community can do this."))
    household = member.household
    reading, created = Reading.objects.get_or_create(
        entry=entry,
        member=member,
        defaults={"area": household.area if household else None},
    )
    if created:
        ledger(
            member,
            method=Method.OTHER,
            channel=Channel.ONLINE,
            depth=Depth.INFORMED,
            source=reading,
        )
    return reading


@own_command(on="member")
def choose_delivery(actor: User, member: Member, mode: str) -> Delivery | None:
    """The member's choice: each notice and 公示 at once, or a daily or weekly digest."""
    if mode not in Delivery.Mode.values:
        raise Refused(_("Choose how often from the list."), "mode")
    if mode == digest.AT_ONCE:
        Delivery.objects.filter(member=member).delete()
        return None
    choice, _created = Delivery.objects.update_or_create(member=member, defaults={"mode": mode})
    return choice


@command("disclosure.manage", on="entry")
def record_board(actor: User, entry: Entry, place: Place, posted_on: date) -> BoardPosting:
    """Staff posted the notice on a courtyard's paper board (公示栏)."""
    if place.community_id != entry.community_id or place.parent_id is not None:
        raise Refused(_("Choose a courtyard or estate of this community."), "place")
    posting, _created = BoardPosting.objects.update_or_create(
        entry=entry, place=place, defaults={"posted_on": posted_on, "recorded_by": actor}
    )
    audit("disclosure.board", entry, after={"place": place.pk, "posted_on": str(posted_on)})
    return posting


# --- 公示 ----------------------------------------------------------------------------------------


def start_publicity(
    actor: User,
    kind: str,
    subject: Any,
    days: int = 7,
    who_may_object: str = Publicity.WhoMayObject.RESIDENTS,
) -> Publicity:
    """Put ``subject`` (a decision of another module) under public notice for ``days`` days.
    This is what a module calls; the command checks the actor in the subject's community."""
    return _start(actor, adapter(kind).community(subject), kind, subject, days, who_may_object)


@command("disclosure.manage", on="community")
def _start(
    actor: User, community: Community, kind: str, subject: Any, days: int, who_may_object: str
) -> Publicity:
    return _create(actor, community, kind, subject, days, who_may_object)


def publicise_decision(kind: str, subject: Any, days: int = 7) -> Publicity | None:
    """Put a decision under public notice from inside the command of the module that took it
    (a body's resolution, decided by its members and officers, not by organisers): that
    command already checked who decides, and its actor is recorded. None when the kind's
    adapter says this subject is not publicised (``Adapter.applies``)."""
    now = running()
    if now is None:
        raise RuntimeError("publicise_decision runs inside the deciding module's @command")
    way = adapter(kind)
    if not way.applies(subject):
        return None
    return _create(
        now.actor, way.community(subject), kind, subject, days, Publicity.WhoMayObject.RESIDENTS
    )


def _create(
    actor: User, community: Community, kind: str, subject: Any, days: int, who_may_object: str
) -> Publicity:
    if not period.MIN_DAYS <= days <= period.MAX_DAYS:
        raise Refused(
            _("A public notice lasts %(min)d to %(max)d days.")
            % {"min": period.MIN_DAYS, "max": period.MAX_DAYS},
            "days",
        )
    if Publicity.objects.filter(kind=kind, subject_id=str(subject.pk)).exists():
        raise Refused(_("This decision is already under public notice."))
    way = adapter(kind)
    starts = queries.today_in(community)
    publicity = Publicity.objects.create(
        community=community,
        kind=kind,
        subject_id=str(subject.pk),
        title=way.title(subject)[:200],
        becomes_final=way.becomes_final(subject),
        who_may_object=who_may_object,
        starts_on=starts,
        ends_on=period.ends_on(starts, days),
        created_by=actor,
    )
    audit("disclosure.publicity", publicity, after=snapshots.snapshot(publicity))
    delivery.tell_residents(
        community,
        NOTIFY_PUBLICITY,
        (gettext_lazy("Public notice: %(title)s"), {"title": publicity.title}),
        (gettext_lazy("You may object until %(date)s."), {"date": publicity.ends_on}),
        publicity.get_absolute_url(),
    )
    return publicity


@command("disclosure.object", on="publicity", lock=True)
def object_to(actor: User, publicity: Publicity, text: str, about: str = "") -> Objection:
    """Object to the decision, or to one part of it (``about``: a key of the adapter's
    ``about`` list, e.g. a contest's application)."""
    if not text.strip():
        raise Refused(_("Say what you object to and why."), "text")
    member = member_of(actor, publicity.community)
    if member is None:
        raise Refused(_("Join the community to object."))
    way = adapter(publicity.kind)
    subject = way.load(publicity.subject_id)
    label = ""
    if about:
        parts = dict(way.about(subject))
        if about not in parts:
            raise Refused(_("Choose a part of this decision from the list."), "about")
        label = parts[about]
    objection = Objection.objects.create(
        publicity=publicity, member=member, text=text.strip(), about=about, about_label=label[:200]
    )
    ledger(
        member,
        method=Method.OBJECTION,
        channel=Channel.ONLINE,
        depth=way.objection_depth,
        source=objection,
    )
    audit("disclosure.object", publicity, after={"objection": objection.pk, "about": about})
    way.on_objection(objection, subject)
    return objection


def may_answer(user: Any, publicity: Publicity, about: str = "") -> bool:
    """The person may answer objections (about ``about``) and make the decision final: the
    module's deciders when its adapter names them, else the community's organisers."""
    from linli.core.permissions import can

    way = adapter(publicity.kind)
    if way.answered_by is None:
        return can(user, "disclosure.manage", publicity.community)
    if not can(user, "disclosure.answer", publicity):
        return False
    try:
        way.answered_by(user, way.load(publicity.subject_id), about)
    except Refused:
        return False
    return True


def _require_answerer(actor: User, publicity: Publicity, about: str) -> Any:
    way = adapter(publicity.kind)
    subject = way.load(publicity.subject_id)
    if way.answered_by is not None:
        way.answered_by(actor, subject, about)
    return subject


@command("disclosure.answer", on="publicity", lock=True)
def answer_objection(
    actor: User, publicity: Publicity, objection: Objection, text: str
) -> Objection:
    if objection.publicity_id != publicity.pk:
        raise Refused(_("This objection belongs to another public notice."))
    _require_answerer(actor, publicity, objection.about)
    if not publicity.is_open:
        raise Refused(_("This decision is final; its objections were answered before."))
    if not text.strip():
        raise Refused(_("Write the answer everyone will read."), "answer")
    before = snapshots.snapshot(objection)
    objection.answer = text.strip()
    objection.answered_at = timezone.now()
    objection.answered_by = actor
    objection.save()
    audit(
        "disclosure.answer",
        objection,
        before=before,
        after=snapshots.snapshot(objection),
        community=publicity.community,
    )
    notify(
        objection.member,
        NOTIFY_PUBLICITY,
        (gettext_lazy("Your objection to “%(title)s” is answered"), {"title": publicity.title}),
        objection.answer,
        url=publicity.get_absolute_url(),
        community=publicity.community,
    )
    return objection


@command("disclosure.answer", on="publicity", lock=True)
def make_final(actor: User, publicity: Publicity) -> Publicity:
    """Make the decision final now, as the sweep would: only after the notice period and once
    every objection has a public answer (those who answer objections may press it)."""
    _require_answerer(actor, publicity, "")
    if not publicity.is_open:
        raise Refused(_("This decision is already final."))
    today = queries.today_in(publicity.community)
    if period.waiting_for(today, publicity.ends_on, 0) == "period":
        raise Refused(
            _("The public notice runs until %(date)s; the decision becomes final after that.")
            % {"date": publicity.ends_on}
        )
    if publicity.objections.filter(answer="").exists():
        raise Refused(_("Every objection must be answered publicly first."))
    audit("disclosure.final", publicity, after={"by": "hand"})
    _finalise(publicity)
    publicity.refresh_from_db()
    return publicity


def finalise_due(today: date | None = None) -> int:
    """Make final every 公示 whose period is over and whose objections are all answered, and
    tell its module (the adapter's ``on_final``). Run by the sweep; safe to run twice."""
    done = 0
    for publicity in Publicity.objects.filter(status=Publicity.Status.OPEN).select_related(
        "community"
    ):
        day = today or queries.today_in(publicity.community)
        unanswered = publicity.objections.filter(answer="").count()
        if not period.ready_to_be_final(day, publicity.ends_on, unanswered):
            continue
        _finalise(publicity)
        done += 1
    return done


def _finalise(publicity: Publicity) -> None:
    from django.db import transaction

    with transaction.atomic():
        locked = Publicity.objects.select_for_update().get(pk=publicity.pk)
        if locked.status != Publicity.Status.OPEN:
            return
        locked.status = Publicity.Status.FINAL
        locked.finalised_at = timezone.now()
        locked.save(update_fields=["status", "finalised_at"])
        way = adapter(locked.kind)
        way.on_final(way.load(locked.subject_id))
