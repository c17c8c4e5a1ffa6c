"""What people read in the disclosure register and 公示; nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.models import Community, Member
from linli.core.open_now import OpenItem

from . import period
from .models import Entry, Publicity, Reading


def today_in(community: Community) -> date:
    return timezone.localdate(timezone=ZoneInfo(community.timezone))


def published(community: Community, category: str = "") -> QuerySet[Entry]:
    found = Entry.objects.filter(community=community, notice__isnull=False)
    if category:
        found = found.filter(category=category)
    return found.annotate(reads=Count("readings", distinct=True)).prefetch_related("attachments")


def scheduled(community: Community) -> QuerySet[Entry]:
    return Entry.objects.filter(community=community, notice__isnull=True).order_by("publish_at")


def entry_in(user: Any, community: Community, pk: int) -> Entry:
    """A published entry, or for organisers a scheduled one too; otherwise 404."""
    from linli.core.permissions import can

    entry = Entry.objects.filter(community=community, pk=pk).first()
    if entry is None or not (entry.is_published or can(user, "disclosure.manage", community)):
        raise Http404
    return entry


def due_entries() -> QuerySet[Entry]:
    return Entry.objects.filter(notice__isnull=True, publish_at__lte=timezone.now()).select_related(
        "community", "created_by"
    )


def residents_to_notify(community: Community) -> list[Member]:
    """Verified members; ``notify`` then respects each one's settings for the kind."""
    return list(
        Member.objects.filter(community=community, status=Member.Status.VERIFIED).select_related(
            "user"
        )
    )


@dataclass(frozen=True)
class ReachRow:
    courtyard: str
    online: int
    board_posted_on: date | None


def reach(entry: Entry) -> list[ReachRow]:
    """Per courtyard: residents who said they read it online, and when it went up on the board."""
    online: dict[str, int] = {}
    for name in entry.readings.values_list("area__name", flat=True):
        key = name or _("address not given")
        online[key] = online.get(key, 0) + 1
    boards = {p.place.name: p.posted_on for p in entry.postings.select_related("place")}
    names = sorted(set(online) | set(boards))
    return [ReachRow(n, online.get(n, 0), boards.get(n)) for n in names]


def has_read(member: Member | None, entry: Entry) -> bool:
    return member is not None and Reading.objects.filter(entry=entry, member=member).exists()


def publicities(community: Community) -> QuerySet[Publicity]:
    return Publicity.objects.filter(community=community).annotate(
        objection_count=Count("objections", distinct=True),
        unanswered=Count("objections", filter=Q(objections__answer=""), distinct=True),
    )


def publicity_in(community: Community, pk: int) -> Publicity:
    found = publicities(community).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def publicity_for(kind: str, subject: Any) -> Publicity | None:
    """The 公示 of a module's decision, for that module's pages ("under public notice until...")."""
    return Publicity.objects.filter(kind=kind, subject_id=str(subject.pk)).first()


def waiting_for(publicity: Publicity) -> str:
    """What the 公示 waits for, in words."""
    if not publicity.is_open:
        return _("Final since %(date)s.") % {
            "date": publicity.finalised_at.date() if publicity.finalised_at else ""
        }
    unanswered = publicity.objections.filter(answer="").count()
    key = period.waiting_for(today_in(publicity.community), publicity.ends_on, unanswered)
    if key == "period":
        return _("Under public notice until %(date)s: you may object until then.") % {
            "date": publicity.ends_on
        }
    if key == "answers":
        return _("The notice period is over; it becomes final once every objection is answered.")
    return _("The notice period is over; it becomes final within minutes.")


def open_items(community: Community, user: Any) -> list[OpenItem]:
    """公示 still open to objections, on the community home page."""
    today = today_in(community)
    return [
        OpenItem(
            kind=_("Public notice"),
            title=p.title,
            url=page_of(p),
            summary=_("You may object until %(date)s.") % {"date": p.ends_on},
        )
        for p in Publicity.objects.filter(
            community=community, status=Publicity.Status.OPEN, ends_on__gte=today
        )
    ]


def page_of(publicity: Publicity) -> str:
    """Where the 公示 is best read: its module's own page when the adapter names one (a
    contest's ranked result with every score), else the 公示's page here."""
    from .publicity import ADAPTERS

    way = ADAPTERS.get(publicity.kind)
    if way is None or way.page is None:
        return publicity.get_absolute_url()
    return way.page(way.load(publicity.subject_id))
