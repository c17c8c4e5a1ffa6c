"""Actions on engagement projects. Each checks permission and object rules, writes, and writes the
audit log, in one transaction. Refusals raise ServiceError with a message for the organiser."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.models import Community, Member, Partner, Place, Role
from linli.core.notify import notify
from linli.core.open_now import OpenItem
from linli.core.permissions import can, require
from linli.core.script import to_script
from linli.core.services import ServiceError

from . import timeline
from .models import EquityItem, Lesson, Method, Phase, Project, ReportBack

NOTIFY_KIND = "project_report_back"
in_reader_script = lazy(to_script, str)
PROJECT_FIELDS = (
    "title",
    "purpose",
    "decision",
    "level",
    "starts_on",
    "ends_on",
    "stakeholder_groups",
    "budget",
    "methods",
    "lead",
)
LEAD_ROLES = (Role.LEADER, Role.BOARD_MEMBER, Role.ORGANISER, Role.COMMUNITY_ADMIN)


# --- Reading -------------------------------------------------------------------------------------


def today_in(community: Community) -> date:
    return timezone.localdate(timezone=ZoneInfo(community.timezone))


def visible_projects(user: Any, community: Community) -> QuerySet[Project]:
    """Projects the user may read: residents and the public never see one still being planned."""
    projects = Project.objects.filter(community=community)
    if not can(user, "engagement.manage", community):
        projects = projects.exclude(status=Project.Status.PLANNING)
    return projects


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
    """The plan's items in the guide's order; a project made before the plan existed gets them."""
    items = {item.topic: item for item in project.equity_items.all()}
    missing = [t for t in EquityItem.Topic.values if t not in items]
    if missing:
        EquityItem.objects.bulk_create(
            (EquityItem(project=project, topic=t) for t in missing), ignore_conflicts=True
        )
        items = {item.topic: item for item in project.equity_items.all()}
    return [items[t] for t in EquityItem.Topic.values]


def unfinished_equity(project: Project) -> list[EquityItem]:
    return [item for item in equity_items(project) if not item.is_settled]


def published_report_backs(project: Project) -> QuerySet[ReportBack]:
    return project.report_backs.filter(published_at__isnull=False).select_related("phase")


# --- Projects ------------------------------------------------------------------------------------


def _check_belongs(
    community: Community,
    areas: Iterable[Place],
    partners: Iterable[Partner],
    lead: Member | None,
) -> None:
    if any(place.community_id != community.pk for place in areas):
        raise ServiceError(_("Choose courtyards and buildings of this community only."), "areas")
    if any(partner.community_id != community.pk for partner in partners):
        raise ServiceError(_("Choose partners of this community only."), "partners")
    if lead is not None and not lead_choices(community).filter(pk=lead.pk).exists():
        raise ServiceError(
            _("The lead organiser must be a verified organiser or resident leader here."), "lead"
        )


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ServiceError(_("The project cannot end before it starts."), "ends_on")


def _check_methods(methods: Sequence[str]) -> None:
    unknown = set(methods) - set(Method.values)
    if unknown:
        raise ServiceError(_("Choose methods from the list."), "methods")


def _unique_slug(community: Community, title: str) -> str:
    base = slugify(title)[:50] or "project"
    taken = set(Project.objects.filter(community=community).values_list("slug", flat=True))
    if base not in taken and base != "project":
        return base
    n = Project.objects.filter(community=community).count() + 1
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _snapshot(project: Project) -> dict[str, Any]:
    data = audit.snapshot(project)
    data["areas"] = sorted(project.areas.values_list("pk", flat=True))
    data["partners"] = sorted(project.partners.values_list("pk", flat=True))
    return data


@transaction.atomic
def create_project(
    user: Any,
    community: Community,
    fields: dict[str, Any],
    areas: Sequence[Place] = (),
    partners: Sequence[Partner] = (),
) -> Project:
    require(user, "engagement.manage", community)
    _check_belongs(community, areas, partners, fields.get("lead"))
    _check_dates(fields.get("starts_on"), fields.get("ends_on"))
    _check_methods(fields.get("methods", []))
    project = Project(community=community, created_by=user)
    for name in PROJECT_FIELDS:
        if name in fields:
            setattr(project, name, fields[name])
    project.slug = _unique_slug(community, project.title)
    project.save()
    project.areas.set(areas)
    project.partners.set(partners)
    EquityItem.objects.bulk_create(
        EquityItem(project=project, topic=topic) for topic in EquityItem.Topic.values
    )
    audit.log(user, "engagement.create", project, community=community, after=_snapshot(project))
    return project


@transaction.atomic
def update_project(
    user: Any,
    project: Project,
    fields: dict[str, Any],
    areas: Sequence[Place] = (),
    partners: Sequence[Partner] = (),
) -> Project:
    require(user, "engagement.manage", project.community)
    _check_belongs(project.community, areas, partners, fields.get("lead"))
    _check_dates(fields.get("starts_on"), fields.get("ends_on"))
    _check_methods(fields.get("methods", []))
    before = _snapshot(project)
    for name in PROJECT_FIELDS:
        if name in fields:
            setattr(project, name, fields[name])
    if project.starts_on and project.ends_on:
        within = timeline.Span(project.starts_on, project.ends_on)
        for phase in project.phases.all():
            if timeline.outside(timeline.Span(phase.starts_on, phase.ends_on), within):
                raise ServiceError(
                    _(
                        "The phase “%(phase)s” (%(start)s to %(end)s) would fall outside the "
                        "project's dates. Change the phase first, or choose wider dates."
                    )
                    % {"phase": phase.name, "start": phase.starts_on, "end": phase.ends_on},
                    "starts_on",
                )
    project.save()
    project.areas.set(areas)
    project.partners.set(partners)
    audit.log(
        user,
        "engagement.edit",
        project,
        community=project.community,
        before=before,
        after=_snapshot(project),
    )
    return project


# --- Phases --------------------------------------------------------------------------------------


@dataclass
class PhaseInput:
    kind: str
    name: str
    starts_on: date
    ends_on: date
    description: str = ""
    phase: Phase | None = None  # the existing phase this row edits
    delete: bool = False


@transaction.atomic
def save_phases(user: Any, project: Project, rows: Sequence[PhaseInput]) -> list[Phase]:
    """Replace the project's phases with ``rows``; phases are kept in date order."""
    require(user, "engagement.manage", project.community)
    within = (
        timeline.Span(project.starts_on, project.ends_on)
        if project.starts_on and project.ends_on
        else None
    )
    keep: list[PhaseInput] = []
    for row in rows:
        if row.phase is not None and row.phase.project_id != project.pk:
            raise ServiceError(_("That phase belongs to another project."))
        if row.delete:
            if row.phase is not None and row.phase.report_backs.exists():
                raise ServiceError(
                    _(
                        "“%(phase)s” has a report-back, so it stays in the record and cannot be "
                        "removed."
                    )
                    % {"phase": row.phase.name}
                )
            continue
        if row.ends_on < row.starts_on:
            raise ServiceError(
                _("“%(phase)s” cannot end before it starts.") % {"phase": row.name}, "ends_on"
            )
        if within and timeline.outside(timeline.Span(row.starts_on, row.ends_on), within):
            raise ServiceError(
                _("“%(phase)s” must lie within the project's dates, %(start)s to %(end)s.")
                % {"phase": row.name, "start": within.starts_on, "end": within.ends_on},
                "starts_on",
            )
        keep.append(row)
    before = [audit.snapshot(p) for p in project.phases.all()]
    kept_ids = {row.phase.pk for row in keep if row.phase is not None}
    project.phases.exclude(pk__in=kept_ids).delete()
    # Move the survivors out of the way so renumbering never trips the unique order.
    project.phases.update(order=F("order") + 10000)
    ordering = timeline.order([timeline.Span(r.starts_on, r.ends_on) for r in keep])
    saved = []
    for position, index in enumerate(ordering, start=1):
        row = keep[index]
        phase = row.phase or Phase(project=project)
        phase.kind, phase.name, phase.description = row.kind, row.name, row.description
        phase.starts_on, phase.ends_on, phase.order = row.starts_on, row.ends_on, position
        phase.save()
        saved.append(phase)
    audit.log(
        user,
        "engagement.phases",
        project,
        community=project.community,
        before={"phases": before},
        after={"phases": [audit.snapshot(p) for p in saved]},
    )
    return saved


# --- Equity plan ---------------------------------------------------------------------------------


@transaction.atomic
def save_equity_plan(user: Any, project: Project, answers: dict[str, tuple[str, str]]) -> None:
    """``answers`` maps a topic to (state, answer). Done and not-needed need a written answer."""
    require(user, "engagement.manage", project.community)
    items = {item.topic: item for item in equity_items(project)}
    for topic, (state, answer) in answers.items():
        if topic not in items:
            raise ServiceError(_("Unknown topic in the equity plan."))
        if state not in EquityItem.State.values:
            raise ServiceError(_("Choose done, not needed or not yet."), topic)
        answer = answer.strip()
        if state != EquityItem.State.NOT_YET and not answer:
            raise ServiceError(
                _("Say how this is done, or why it is not needed."),
                topic,
            )
    for topic, (state, answer) in answers.items():
        item = items[topic]
        before = audit.snapshot(item, ["state", "answer"])
        item.state, item.answer, item.updated_by = state, answer.strip(), user
        if before != {"state": item.state, "answer": item.answer}:
            item.save()
            audit.log(
                user,
                "engagement.equity",
                item,
                community=project.community,
                before=before,
                after=audit.snapshot(item, ["state", "answer"]),
            )


# --- Opening and closing -------------------------------------------------------------------------


def _lock(project: Project) -> None:
    """Take the row lock and read the project afresh, so two organisers cannot open or close the
    same project at once; the caller's object is updated in place."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    project.refresh_from_db()


@transaction.atomic
def open_project(user: Any, project: Project, reason: str = "") -> Project:
    """Open a planned project to residents. An unfinished equity plan needs a stated reason,
    which is kept on the project and in the audit log."""
    require(user, "engagement.manage", project.community)
    _lock(project)
    if project.status != Project.Status.PLANNING:
        raise ServiceError(_("Only a project being planned can be opened."))
    if not project.phases.exists():
        raise ServiceError(
            _("Add at least one phase first, so residents can see where the project stands.")
        )
    unfinished = unfinished_equity(project)
    reason = reason.strip()
    if unfinished and not reason:
        raise ServiceError(
            _(
                "The equity plan is not finished. Finish it, or say why the project must open "
                "anyway."
            ),
            "reason",
        )
    before = audit.snapshot(project, ["status"])
    project.status = Project.Status.OPEN
    project.opened_at = timezone.now()
    project.opened_despite = reason if unfinished else ""
    project.save(update_fields=["status", "opened_at", "opened_despite"])
    if unfinished:
        audit.log(
            user,
            "engagement.open_anyway",
            project,
            community=project.community,
            before=before,
            after={
                "status": project.status,
                "reason": reason,
                "unfinished": [item.topic for item in unfinished],
            },
        )
    else:
        audit.log(
            user,
            "engagement.open",
            project,
            community=project.community,
            before=before,
            after={"status": project.status},
        )
    return project


@dataclass
class LessonInput:
    worked: str
    change: str
    again: str
    methods_again: list[str]


def _lesson_checks(project: Project, data: LessonInput) -> None:
    if not data.worked.strip():
        raise ServiceError(_("Write what worked."), "worked")
    if not data.change.strip():
        raise ServiceError(_("Write what you would change next time."), "change")
    if data.again not in Lesson.Again.values:
        raise ServiceError(_("Say whether you would run a project like this again."), "again")
    if set(data.methods_again) - set(project.methods):
        raise ServiceError(_("Choose among the methods this project used."), "methods_again")


def _write_lesson(user: Any, project: Project, data: LessonInput) -> Lesson:
    lesson, _created = Lesson.objects.update_or_create(
        project=project,
        defaults={
            "worked": data.worked.strip(),
            "change": data.change.strip(),
            "again": data.again,
            "methods_again": [m for m in project.methods if m in data.methods_again],
            "author": user,
        },
    )
    return lesson


@transaction.atomic
def close_project(user: Any, project: Project, lesson: LessonInput) -> Project:
    require(user, "engagement.manage", project.community)
    _lock(project)
    if project.status != Project.Status.OPEN:
        raise ServiceError(_("Only an open project can be closed."))
    _lesson_checks(project, lesson)
    project.status = Project.Status.CLOSED
    project.closed_at = timezone.now()
    project.save(update_fields=["status", "closed_at"])
    written = _write_lesson(user, project, lesson)
    audit.log(
        user,
        "engagement.close",
        project,
        community=project.community,
        before={"status": Project.Status.OPEN},
        after={"status": project.status, "lesson": audit.snapshot(written)},
    )
    return project


@transaction.atomic
def save_lesson(user: Any, project: Project, lesson: LessonInput) -> Lesson:
    """Correct or complete the lessons of a closed project."""
    require(user, "engagement.manage", project.community)
    if project.status != Project.Status.CLOSED:
        raise ServiceError(_("Lessons are written when the project closes."))
    _lesson_checks(project, lesson)
    existing = Lesson.objects.filter(project=project).first()
    before = audit.snapshot(existing) if existing else None
    written = _write_lesson(user, project, lesson)
    audit.log(
        user,
        "engagement.lessons",
        written,
        community=project.community,
        before=before,
        after=audit.snapshot(written),
    )
    return written


# --- Report-backs --------------------------------------------------------------------------------


@dataclass
class ReportInput:
    phase: Phase
    heard: str
    did: str
    decided: str = ""


@transaction.atomic
def save_report_back(
    user: Any,
    project: Project,
    data: ReportInput,
    *,
    report: ReportBack | None = None,
    publish: bool = False,
) -> ReportBack:
    """Save a draft report-back, or publish it and tell everyone who took part."""
    require(user, "engagement.manage", project.community)
    if report is not None and report.is_published:
        raise ServiceError(
            _("A published report-back stays as it is. Publish a new one to add or correct.")
        )
    if report is not None and report.project_id != project.pk:
        raise ServiceError(_("That report-back belongs to another project."))
    if data.phase.project_id != project.pk:
        raise ServiceError(_("Choose a phase of this project."), "phase")
    if not data.heard.strip():
        raise ServiceError(_("Write what you heard."), "heard")
    if not data.did.strip():
        raise ServiceError(_("Write what you did and why."), "did")
    if publish and project.status == Project.Status.PLANNING:
        raise ServiceError(
            _("Residents cannot see this project yet. Open it before publishing a report-back.")
        )
    report = report or ReportBack(project=project, author=user)
    report.phase = data.phase
    report.heard, report.did, report.decided = data.heard.strip(), data.did.strip(), data.decided
    report.save()
    if publish:
        report.published_at = timezone.now()
        report.notified = _notify_participants(project, report)
        report.save(update_fields=["published_at", "notified"])
        audit.log(
            user,
            "engagement.report_back",
            report,
            community=project.community,
            after=audit.snapshot(report),
        )
    return report


def _notify_participants(project: Project, report: ReportBack) -> int:
    url = f"{project.get_absolute_url()}#report-{report.pk}"
    # What organisers wrote reaches each person in their own Chinese script: the notification is
    # rendered in the person's language, and these lazy texts convert when rendered.
    title = (
        gettext_lazy("You took part in “%(project)s”: here is what we heard and what we did"),
        {"project": in_reader_script(project.title)},
    )
    body = (
        gettext_lazy("%(phase)s. What we heard: %(heard)s\n\nWhat we did and why: %(did)s"),
        {
            "phase": in_reader_script(report.phase.name),
            "heard": in_reader_script(report.heard),
            "did": in_reader_script(report.did),
        },
    )
    count = 0
    for member in participants(project):
        notify(member, NOTIFY_KIND, title, body, url=url, community=project.community)
        count += 1
    return count


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
