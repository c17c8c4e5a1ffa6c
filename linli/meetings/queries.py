"""What people read about meetings: selections and summaries that change nothing (pages, the API
and the commands all read through these; a GET never writes)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import waitlist
from linli.core.models import Community, Member, Place
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of
from linli.engagement.links import LinkedItem

from .models import (
    Accommodation,
    ActionItem,
    CalendarFeed,
    Invitation,
    Meeting,
    Registration,
    Training,
)


def local_time(meeting: Meeting, moment: datetime | None = None) -> str:
    """A meeting time in the community's own time zone, written the same in every language."""
    zone = ZoneInfo(meeting.community.timezone or "Asia/Shanghai")
    return timezone.localtime(moment or meeting.starts_at, zone).strftime("%Y-%m-%d %H:%M")


def visible(user: Any, community: Community) -> QuerySet[Meeting]:
    meetings = Meeting.objects.filter(community=community)
    if not can(user, "meetings.manage", community):
        meetings = meetings.exclude(status=Meeting.Status.DRAFT)
    return meetings


def held(meeting: Meeting) -> int:
    return meeting.registrations.filter(status__in=Registration.HOLDING).count()


def places_left(meeting: Meeting) -> int | None:
    return waitlist.places_left(meeting.capacity, held(meeting))


def registration_of(meeting: Meeting, member: Member | None) -> Registration | None:
    if member is None:
        return None
    return Registration.objects.filter(meeting=meeting, member=member).first()


def is_invited(meeting: Meeting, member: Member | None) -> bool:
    return member is not None and Invitation.objects.filter(meeting=meeting, member=member).exists()


def may_see_link(user: Any, meeting: Meeting) -> bool:
    """The online link goes only to people holding a place, and to organisers."""
    if can(user, "meetings.manage", meeting.community):
        return True
    registration = registration_of(meeting, member_of(user, meeting.community))
    return registration is not None and registration.status == Registration.Status.CONFIRMED


@dataclass
class NeedTotal:
    kind: str
    label: str
    count: int
    arranged: int
    details: list[tuple[str, int]]

    @property
    def waiting(self) -> int:
        return self.count - self.arranged


def accommodation_totals(meeting: Meeting) -> list[NeedTotal]:
    """What the organiser has to arrange, by kind, for people who hold or wait for a place."""
    rows = Accommodation.objects.filter(
        registration__meeting=meeting,
        registration__status__in=[*Registration.HOLDING, Registration.Status.WAITING],
    )
    totals = []
    for kind, label in Accommodation.Kind.choices:
        chosen = [row for row in rows if row.kind == kind]
        if not chosen:
            continue
        details = Counter(row.detail.strip() for row in chosen if row.detail.strip())
        totals.append(
            NeedTotal(
                kind=kind,
                label=str(label),
                count=len(chosen),
                arranged=sum(1 for row in chosen if row.is_arranged),
                details=sorted(details.items(), key=lambda kv: (-kv[1], kv[0])),
            )
        )
    return totals


def unarranged(meeting: Meeting) -> int:
    return Accommodation.objects.filter(
        registration__meeting=meeting,
        registration__status__in=Registration.HOLDING,
        arranged_at__isnull=True,
    ).count()


@dataclass(frozen=True)
class AreaCount:
    name: str
    count: int


def attendance_by_area(meeting: Meeting) -> list[AreaCount]:
    rows = (
        meeting.registrations.filter(checked_in_at__isnull=False)
        .values("member__household__area__name")
        .annotate(n=Count("id"))
    )
    counts = [
        AreaCount(row["member__household__area__name"] or str(_("no address recorded")), row["n"])
        for row in rows
    ]
    return sorted(counts, key=lambda row: (-row.count, row.name))


def open_actions(community: Community) -> QuerySet[ActionItem]:
    """Action items from meetings whose minutes are published, followed until done."""
    return ActionItem.objects.filter(
        meeting__community=community, meeting__minutes__published_at__isnull=False
    ).select_related("meeting", "owner")


@dataclass(frozen=True)
class TrainingRecord:
    training: Training
    attended: int
    sessions: int
    completed: bool


def training_progress(training: Training) -> list[tuple[Member, int, bool]]:
    """Each resident who came to a session: sessions attended and whether they completed."""
    rows = (
        Registration.objects.filter(meeting__training=training, checked_in_at__isnull=False)
        .values("member")
        .annotate(n=Count("id"))
    )
    counts = {row["member"]: row["n"] for row in rows}
    members = Member.objects.filter(pk__in=counts).select_related("household__area")
    return sorted(
        ((m, counts[m.pk], counts[m.pk] >= training.sessions_required) for m in members),
        key=lambda row: (-row[1], row[0].name),
    )


def trainings_of(member: Member) -> list[TrainingRecord]:
    rows = (
        Registration.objects.filter(
            member=member, meeting__training__isnull=False, checked_in_at__isnull=False
        )
        .values("meeting__training")
        .annotate(n=Count("id"))
    )
    trainings = Training.objects.in_bulk([row["meeting__training"] for row in rows])
    return [
        TrainingRecord(
            training=trainings[row["meeting__training"]],
            attended=row["n"],
            sessions=trainings[row["meeting__training"]].sessions.count(),
            completed=row["n"] >= trainings[row["meeting__training"]].sessions_required,
        )
        for row in rows
    ]


def skills_of(member: Member) -> list[str]:
    skills: list[str] = []
    for record in trainings_of(member):
        if record.completed:
            skills.extend(s for s in record.training.skill_list if s not in skills)
    return skills


def feed_for(member: Member) -> CalendarFeed | None:
    """The resident's calendar feed, made by their first registration (``register``)."""
    return CalendarFeed.objects.filter(member=member).first()


def feed_meetings(feed: CalendarFeed) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        registrations__member=feed.member,
        registrations__status__in=Registration.HOLDING,
        status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED],
        ends_at__gte=timezone.now() - timedelta(days=90),
    ).select_related("community")


def open_items(community: Community, user: Any) -> list[OpenItem]:
    """Meetings in the next four weeks that take registrations or need none."""
    now = timezone.now()
    items = []
    for meeting in Meeting.objects.filter(
        community=community,
        status=Meeting.Status.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=28),
    ).select_related("community"):
        if meeting.registration == Meeting.Registration.INVITATION:
            continue
        items.append(
            OpenItem(
                kind=str(meeting.get_kind_display()),
                title=meeting.title,
                url=meeting.get_absolute_url(),
                closes_at=meeting.starts_at,
                summary=" · ".join(filter(None, [local_time(meeting), meeting.place])),
            )
        )
    return items


def project_items(project: Any) -> list[LinkedItem]:
    """Published meetings of an engagement project, for the project page."""
    items = []
    for meeting in Meeting.objects.filter(
        project=project, status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED]
    ).select_related("community"):
        if meeting.status == Meeting.Status.CANCELLED:
            status = _("cancelled")
        elif meeting.is_past:
            status = _("took place on %(when)s") % {"when": local_time(meeting)}
        else:
            status = _("on %(when)s") % {"when": local_time(meeting)}
        items.append(
            LinkedItem(
                title=meeting.title,
                url=meeting.get_absolute_url(),
                status=status,
                is_open=meeting.is_published and not meeting.is_past,
                kind=str(meeting.get_kind_display()),
            )
        )
    return items


def areas(community: Community) -> QuerySet[Place]:
    return Place.objects.filter(community=community, kind=Place.Kind.AREA).order_by("name")


def members_for_choice(community: Community) -> QuerySet[Member]:
    return (
        Member.objects.filter(community=community, status=Member.Status.VERIFIED)
        .select_related("household__flat")
        .order_by("name")
    )


def leaders(community: Community) -> QuerySet[Member]:
    return members_for_choice(community).filter(~Q(role="resident"))
