"""What people read about a body's meetings: the roster and who attended, the quorum of the
meeting and of each agenda item (members standing aside on an item count for neither side of
it), the matters other modules offer to the agenda, resolutions and the issues resolved per
year. Selections that change nothing (a GET never writes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from linli.core.kit import modules
from linli.core.kit.modules import AgendaMatter
from linli.core.models import Community, Member, Role
from linli.core.permissions import member_of

from . import decide, queries
from .models import AgendaItem, Body, BodyMeeting, Conflict, Motion, Resolution, Seat


def meetings_of(body: Body) -> QuerySet[BodyMeeting]:
    return body.meetings.select_related("meeting", "body__community").order_by(
        "-meeting__starts_at", "-pk"
    )


def meeting_in(community: Community, pk: int) -> BodyMeeting:
    found = (
        BodyMeeting.objects.filter(body__community=community, pk=pk)
        .select_related("meeting", "body__community")
        .first()
    )
    if found is None:
        raise Http404
    return found


def resolution_in(community: Community, pk: int) -> Resolution:
    found = (
        Resolution.objects.filter(sitting__body__community=community, pk=pk)
        .select_related("sitting__meeting", "sitting__body__community", "owner", "item")
        .first()
    )
    if found is None:
        raise Http404
    return found


def item_in(sitting: BodyMeeting, pk: Any) -> AgendaItem:
    found = sitting.items.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404
    return found


def agenda_matters(community: Community) -> dict[str, AgendaMatter]:
    """Open matters the modules switched on here offer to an agenda, by key."""
    found: dict[str, AgendaMatter] = {}
    for label, hook in modules.labelled_hooks("agenda_sources"):
        if community.module_on(label):
            for matter in hook.load()(community):
                found.setdefault(matter.key, matter)
    return found


def seated_on(body: Body, day: date) -> QuerySet[Seat]:
    """Seats that were serving on that day (a seat left since still counts for its meetings)."""
    return (
        body.seats.filter(term_start__lte=day, term_end__gte=day)
        .filter(Q(left_at__isnull=True) | Q(left_at__date__gt=day))
        .select_related("member")
    )


def meeting_day(sitting: BodyMeeting) -> date:
    return timezone.localtime(sitting.meeting.starts_at).date()


def members_entitled(sitting: BodyMeeting) -> QuerySet[Member]:
    """The body's members on the day of the meeting: those the quorum counts."""
    seats = seated_on(sitting.body, meeting_day(sitting))
    return Member.objects.filter(pk__in=seats.values("member_id")).order_by("name", "pk")


def present_ids(sitting: BodyMeeting) -> set[int]:
    """Members of the body recorded as attending (by the secretary, or checked in at the door
    through the meetings module)."""
    return set(
        sitting.meeting.registrations.filter(
            checked_in_at__isnull=False,
            member__in=members_entitled(sitting),
        ).values_list("member_id", flat=True)
    )


def item_subject(item: AgendaItem) -> tuple[str, int]:
    """The matter an item is about, as conflicts name it."""
    if item.kind == AgendaItem.Kind.MOTION and item.motion_id:
        motion = item.motion
        assert motion is not None
        if motion.subject_type and motion.subject_id is not None:
            return motion.subject_type, motion.subject_id
        return queries.subject_key(motion)
    if item.kind == AgendaItem.Kind.MATTER and item.subject_id is not None:
        return item.subject_type, item.subject_id
    return queries.subject_key(item)


def item_conflicts(item: AgendaItem) -> QuerySet[Conflict]:
    if item.kind == AgendaItem.Kind.MOTION and item.motion is not None:
        return queries.motion_conflicts(item.motion)
    return queries.conflicts_on(item.sitting.body, *item_subject(item))


@dataclass(frozen=True)
class Quorum:
    entitled: int
    present: int
    percent: int
    stood_aside: list[Conflict] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return decide.quorum_met(decide.Count(self.entitled, self.present, 0, 0, 0), self.percent)

    @property
    def needed(self) -> int:
        """The fewest present for the quorum (at least one)."""
        return max(1, -(-self.entitled * self.percent // 100))


def quorum(sitting: BodyMeeting, item: AgendaItem | None = None) -> Quorum:
    """The quorum of the meeting, or of one item: members standing aside on the item are not
    entitled on it, present or not."""
    entitled = set(members_entitled(sitting).values_list("pk", flat=True))
    aside: list[Conflict] = []
    if item is not None:
        aside = [c for c in item_conflicts(item) if c.member_id in entitled]
        entitled -= {c.member_id for c in aside}
    present = present_ids(sitting) & entitled
    return Quorum(len(entitled), len(present), sitting.body.charter.quorum_percent, aside)


def open_motions(body: Body) -> QuerySet[Motion]:
    return body.motions.filter(status=Motion.Status.OPEN).exclude(method=Motion.Method.ONLINE)


def may_own(body: Body, member: Member) -> bool:
    """A resolution is carried out by a member of the body or by the community's staff."""
    if member.community_id != body.community_id:
        return False
    if member.role in (Role.ORGANISER, Role.COMMUNITY_ADMIN):
        return True
    return queries.seat_of(body, member) is not None


def owners(body: Body) -> QuerySet[Member]:
    staff = Q(role__in=[Role.ORGANISER, Role.COMMUNITY_ADMIN])
    serving = Q(pk__in=queries.serving(body).values("member_id"))
    return (
        Member.objects.filter(community=body.community)
        .filter(staff | serving)
        .order_by("name", "pk")
    )


def resolutions_of(body: Body) -> QuerySet[Resolution]:
    return Resolution.objects.filter(sitting__body=body).select_related(
        "owner", "sitting__meeting", "sitting__body__community"
    )


def overdue(community: Community) -> QuerySet[Resolution]:
    return Resolution.objects.filter(
        sitting__body__community=community,
        status__in=[Resolution.Status.OPEN, Resolution.Status.IN_PROGRESS],
        due_on__lt=timezone.localdate(),
    )


def resolutions_given_to(user: Any, community: Community) -> QuerySet[Resolution]:
    member = member_of(user, community)
    if member is None:
        return Resolution.objects.none()
    return Resolution.objects.filter(owner=member).exclude(status__in=Resolution.CLOSED)


def issues_resolved(community: Community, since: Any, until: Any) -> int:
    """Issues the community's bodies resolved in [since, until): resolutions carried out and
    reported back as done in that time, and adopted motions on a matter (a decision in words or
    spending) that gave nobody anything to carry out - "议事会协商解决问题" in the seeds. A motion
    with a resolution counts once, when the resolution is done."""
    done = Resolution.objects.filter(
        sitting__body__community=community,
        status=Resolution.Status.DONE,
        closed_at__gte=since,
        closed_at__lt=until,
    ).count()
    followed = AgendaItem.objects.filter(resolutions__isnull=False, motion__isnull=False).values(
        "motion_id"
    )
    decided = (
        Motion.objects.filter(
            body__community=community,
            kind__in=(Motion.Kind.DECISION, Motion.Kind.BUDGET),
            status=Motion.Status.PASSED,
            closed_at__gte=since,
            closed_at__lt=until,
        )
        .exclude(pk__in=followed)
        .count()
    )
    return done + decided


def resolved_by_year(body: Body) -> list[tuple[int, int]]:
    """(year, issues resolved) for the body, newest first, for each year it resolved any."""
    years: dict[int, int] = {}
    for closed in (
        resolutions_of(body)
        .filter(status=Resolution.Status.DONE)
        .values_list("closed_at", flat=True)
    ):
        year = timezone.localtime(closed).year
        years[year] = years.get(year, 0) + 1
    followed = AgendaItem.objects.filter(resolutions__isnull=False, motion__isnull=False).values(
        "motion_id"
    )
    for closed in (
        body.motions.filter(
            kind__in=(Motion.Kind.DECISION, Motion.Kind.BUDGET), status=Motion.Status.PASSED
        )
        .exclude(pk__in=followed)
        .values_list("closed_at", flat=True)
    ):
        if closed is not None:
            year = timezone.localtime(closed).year
            years[year] = years.get(year, 0) + 1
    return sorted(years.items(), reverse=True)
