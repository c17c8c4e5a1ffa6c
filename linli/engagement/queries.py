"""What people read about engagement projects: selections and summaries that change nothing.

Every function here only reads (no GET writes): pages and the API call these, and the commands
in ``services.py`` call them too. Who may see what is decided by ``Project.objects.visible_to`` and
the rules in ``rules.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.models import Community, Member, Place, Role
from linli.core.open_now import OpenItem
from linli.core.permissions import require
from linli.core.script import to_script
from linli.participation.models import Act

from . import timeline
from .models import EquityItem, Lesson, Phase, Project, ReportBack

LEAD_ROLES = (Role.LEADER, Role.BOARD_MEMBER, Role.ORGANISER, Role.COMMUNITY_ADMIN)


def today_in(community: Community) -> date:
    return timezone.localdate(timezone=ZoneInfo(community.timezone))


def visible_projects(user: Any, community: Community) -> QuerySet[Project]:
    """Projects the user may read: residents and the public never see one still being planned."""
    return Project.objects.visible_to(user, community)


def visible_project(user: Any, community: Community, pk: int) -> Project:
    """The project, or 404 - also for a planning project the user may not see, so its existence
    does not leak."""
    project = visible_projects(user, community).filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


def managed_project(user: Any, community: Community, pk: int) -> Project:
    require(user, "engagement.manage", community)
    project = Project.objects.filter(community=community, pk=pk).first()
    if project is None:
        raise Http404
    return project


def lead_choices(community: Community) -> QuerySet[Member]:
    return Member.objects.filter(
        community=community, status=Member.Status.VERIFIED, role__in=LEAD_ROLES
    ).order_by("name")


def area_choices(community: Community) -> QuerySet[Place]:
    """Estates, courtyards and buildings: the places a project can affect."""
    return (
        Place.objects.filter(community=community, kind__in=[Place.Kind.AREA, Place.Kind.BUILDING])
        .select_related("parent")
        .annotate(area_name=Coalesce("parent__name", "name"))
        .order_by("area_name", "kind", "name")  # each courtyard, then its buildings
    )


@dataclass(frozen=True)
class PhaseRow:
    phase: Phase
    state: timeline.State
    is_next: bool

    @property
    def state_label(self) -> str:
        return {
            timeline.State.DONE: _("done"),
            timeline.State.NOW: _("happening now"),
            timeline.State.UPCOMING: _("next") if self.is_next else _("later"),
        }[self.state]


def phase_rows(project: Project, today: date | None = None) -> list[PhaseRow]:
    """Each phase with its state in words: where the project stands."""
    phases = list(project.phases.all())
    today = today or today_in(project.community)
    spans = [timeline.Span(p.starts_on, p.ends_on) for p in phases]
    if project.status == Project.Status.PLANNING:
        states = [timeline.State.UPCOMING for _p in phases]
        upcoming = None
    else:
        closed = project.status == Project.Status.CLOSED
        states = timeline.states(spans, today, closed=closed)
        upcoming = None if closed else timeline.next_index(spans, today)
    return [
        PhaseRow(phase, state, i == upcoming)
        for i, (phase, state) in enumerate(zip(phases, states, strict=True))
    ]


def current_phases(project: Project, today: date | None = None) -> list[Phase]:
    return [row.phase for row in phase_rows(project, today) if row.state == timeline.State.NOW]


def where_it_stands(project: Project, today: date | None = None) -> str:
    """One sentence for residents: what phase the project is in."""
    if project.status == Project.Status.PLANNING:
        return _("This project is still being planned.")
    if project.status == Project.Status.CLOSED:
        return _("This project has ended. The record below shows what we heard and what we did.")
    rows = phase_rows(project, today)
    now = [row.phase for row in rows if row.state == timeline.State.NOW]
    if now:
        return _("Now: %(phases)s.") % {"phases": _(" and ").join(_phase_words(p) for p in now)}
    coming = [row.phase for row in rows if row.is_next]
    if coming:
        return _("Next: %(phase)s, from %(day)s.") % {
            "phase": _phase_words(coming[0]),
            "day": coming[0].starts_on.isoformat(),
        }
    if rows:
        return _("All phases are over; the organisers are preparing the report-back.")
    return _("The phases of this project have not been set yet.")


def _phase_words(phase: Phase) -> str:
    """The phase's name in the reader's script, with its kind when the name does not say it."""
    kind = str(phase.get_kind_display())
    name = to_script(phase.name)
    return name if name == kind else f"{name} ({kind})"


def participants(project: Project) -> QuerySet[Member]:
    """Everyone who took part in the project, as the ledger records it."""
    return Member.objects.filter(acts__project=project).distinct().select_related("user")


def equity_items(project: Project) -> list[EquityItem]:
    """The plan's items in the guide's order. A project made before the plan existed lacks some:
    they are given as unsaved "not yet" items (reading writes nothing; saving the plan stores
    them)."""
    items = {item.topic: item for item in project.equity_items.all()}
    return [items.get(t) or EquityItem(project=project, topic=t) for t in EquityItem.Topic.values]


def unfinished_equity(project: Project) -> list[EquityItem]:
    return [item for item in equity_items(project) if not item.is_settled]


def published_report_backs(project: Project) -> QuerySet[ReportBack]:
    return project.report_backs.filter(published_at__isnull=False).select_related("phase")


def published_projects(community: Community) -> QuerySet[Project]:
    """The residents' list: open and closed projects, with what the list shows."""
    return Project.objects.of(community).published().prefetch_related("phases", "areas")


def projects_for_organisers(community: Community) -> QuerySet[Project]:
    """Every project of the community with the counts the organisers' list shows."""
    return (
        Project.objects.of(community)
        .annotate(
            unfinished=Count(
                "equity_items", filter=Q(equity_items__state="not_yet"), distinct=True
            ),
            people=Count("acts__member", distinct=True),
            reports=Count(
                "report_backs", filter=Q(report_backs__published_at__isnull=False), distinct=True
            ),
        )
        .select_related("lead")
    )


def took_part(project: Project, member: Member | None) -> bool:
    return member is not None and Act.objects.filter(project=project, member=member).exists()


def draft_report_backs(project: Project) -> QuerySet[ReportBack]:
    return project.report_backs.filter(published_at__isnull=True).select_related("phase")


def lesson_of(project: Project) -> Lesson | None:
    return Lesson.objects.filter(project=project).first()


def lessons_for(user: Any) -> QuerySet[Lesson]:
    """Lessons of closed projects in every community the organiser works in (all, for a site
    administrator)."""
    lessons = Lesson.objects.select_related("project__community").order_by("-written_at")
    if user.is_superuser:
        return lessons
    mine = Member.objects.filter(
        user=user,
        status=Member.Status.VERIFIED,
        role__in=[Role.ORGANISER, Role.COMMUNITY_ADMIN],
    ).values("community")
    return lessons.filter(project__community__in=mine)


# --- Open now ------------------------------------------------------------------------------------


def open_items(community: Community, user: Any) -> list[OpenItem]:
    """Open projects for the community's home page, each with where it stands now."""
    items = []
    zone = ZoneInfo(community.timezone)
    for project in Project.objects.filter(
        community=community, status=Project.Status.OPEN
    ).prefetch_related("phases"):
        closes = (
            datetime.combine(project.ends_on, time(23, 59), tzinfo=zone)
            if project.ends_on
            else None
        )
        items.append(
            OpenItem(
                kind=_("Engagement project"),
                title=project.title,
                url=project.get_absolute_url(),
                closes_at=closes,
                summary=where_it_stands(project),
            )
        )
    return items


def budget_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if value == value.to_integral() else f"{value:,.2f}"
