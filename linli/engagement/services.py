"""Commands on engagement projects: what organisers do to a project. Each is a ``@command``: it
runs in one transaction, checks the permission or rule for the actor (``rules.py``), writes, and
writes the audit log in the same transaction. Refusals are ``Refused`` (not now / bad input) or
``Forbidden`` (may not). What people read is in ``queries.py``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit as snapshots
from linli.core.kit import Refused, audit, command
from linli.core.models import Community, Member, Partner, Place, User
from linli.core.notify import notify
from linli.core.permissions import require
from linli.core.script import to_script

from . import timeline
from .models import EquityItem, Lesson, Method, Phase, Project, ReportBack
from .queries import equity_items, lead_choices, participants, unfinished_equity

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


# --- Projects ------------------------------------------------------------------------------------


def _check_belongs(
    community: Community,
    areas: Iterable[Place],
    partners: Iterable[Partner],
    lead: Member | None,
) -> None:
    if any(place.community_id != community.pk for place in areas):
        raise Refused(_("Choose courtyards and buildings of this community only."), "areas")
    if any(partner.community_id != community.pk for partner in partners):
        raise Refused(_("Choose partners of this community only."), "partners")
    if lead is not None and not lead_choices(community).filter(pk=lead.pk).exists():
        raise Refused(
            _("The lead organiser must be a verified organiser or resident leader here."), "lead"
        )


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise Refused(_("The project cannot end before it starts."), "ends_on")


def _check_methods(methods: Sequence[str]) -> None:
    unknown = set(methods) - set(Method.values)
    if unknown:
        raise Refused(_("Choose methods from the list."), "methods")


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
    data = snapshots.snapshot(project)
    data["areas"] = sorted(project.areas.values_list("pk", flat=True))
    data["partners"] = sorted(project.partners.values_list("pk", flat=True))
    return data


@command("engagement.manage", on="community")
def create_project(
    actor: User,
    community: Community,
    fields: dict[str, Any],
    areas: Sequence[Place] = (),
    partners: Sequence[Partner] = (),
) -> Project:
    _check_belongs(community, areas, partners, fields.get("lead"))
    _check_dates(fields.get("starts_on"), fields.get("ends_on"))
    _check_methods(fields.get("methods", []))
    project = Project(community=community, created_by=actor)
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
    audit("engagement.create", project, after=_snapshot(project))
    return project


@command("engagement.manage", on="project")
def update_project(
    actor: User,
    project: Project,
    fields: dict[str, Any],
    areas: Sequence[Place] = (),
    partners: Sequence[Partner] = (),
) -> Project:
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
                raise Refused(
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
    audit("engagement.edit", project, before=before, after=_snapshot(project))
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


@command("engagement.manage", on="project")
def save_phases(actor: User, project: Project, rows: Sequence[PhaseInput]) -> list[Phase]:
    """Replace the project's phases with ``rows``; phases are kept in date order."""
    within = (
        timeline.Span(project.starts_on, project.ends_on)
        if project.starts_on and project.ends_on
        else None
    )
    keep: list[PhaseInput] = []
    for row in rows:
        if row.phase is not None and row.phase.project_id != project.pk:
            raise Refused(_("That phase belongs to another project."))
        if row.delete:
            if row.phase is not None and row.phase.report_backs.exists():
                raise Refused(
                    _(
                        "“%(phase)s” has a report-back, so it stays in the record and cannot be "
                        "removed."
                    )
                    % {"phase": row.phase.name}
                )
            continue
        if row.ends_on < row.starts_on:
            raise Refused(
                _("“%(phase)s” cannot end before it starts.") % {"phase": row.name}, "ends_on"
            )
        if within and timeline.outside(timeline.Span(row.starts_on, row.ends_on), within):
            raise Refused(
                _("“%(phase)s” must lie within the project's dates, %(start)s to %(end)s.")
                % {"phase": row.name, "start": within.starts_on, "end": within.ends_on},
                "starts_on",
            )
        keep.append(row)
    before = [snapshots.snapshot(p) for p in project.phases.all()]
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
    audit(
        "engagement.phases",
        project,
        before={"phases": before},
        after={"phases": [snapshots.snapshot(p) for p in saved]},
    )
    return saved


# --- Equity plan ---------------------------------------------------------------------------------


@command("engagement.manage", on="project")
def save_equity_plan(actor: User, project: Project, answers: dict[str, tuple[str, str]]) -> None:
    """``answers`` maps a topic to (state, answer). Done and not-needed need a written answer."""
    items = {item.topic: item for item in equity_items(project)}
    for topic, (state, answer) in answers.items():
        if topic not in items:
            raise Refused(_("Unknown topic in the equity plan."))
        if state not in EquityItem.State.values:
            raise Refused(_("Choose done, not needed or not yet."), topic)
        answer = answer.strip()
        if state != EquityItem.State.NOT_YET and not answer:
            raise Refused(
                _("Say how this is done, or why it is not needed."),
                topic,
            )
    for topic, (state, answer) in answers.items():
        item = items[topic]
        before = snapshots.snapshot(item, ["state", "answer"])
        item.state, item.answer, item.updated_by = state, answer.strip(), actor
        if before != {"state": item.state, "answer": item.answer}:
            item.save()
            audit(
                "engagement.equity",
                item,
                community=project.community,
                before=before,
                after=snapshots.snapshot(item, ["state", "answer"]),
            )


# --- Opening and closing -------------------------------------------------------------------------


# Opening and closing lock the project first (``lock=True``), so two organisers cannot both open
# or close it: the second reads the new status and is refused.


@command("engagement.open_project", on="project", lock=True)
def open_project(actor: User, project: Project, reason: str = "") -> Project:
    """Open a planned project to residents. An unfinished equity plan needs a stated reason,
    which is kept on the project and in the audit log."""
    if not project.phases.exists():
        raise Refused(
            _("Add at least one phase first, so residents can see where the project stands.")
        )
    unfinished = unfinished_equity(project)
    reason = reason.strip()
    if unfinished and not reason:
        raise Refused(
            _(
                "The equity plan is not finished. Finish it, or say why the project must open "
                "anyway."
            ),
            "reason",
        )
    before = snapshots.snapshot(project, ["status"])
    project.status = Project.Status.OPEN
    project.opened_at = timezone.now()
    project.opened_despite = reason if unfinished else ""
    project.save(update_fields=["status", "opened_at", "opened_despite"])
    if unfinished:
        audit(
            "engagement.open_anyway",
            project,
            before=before,
            after={
                "status": project.status,
                "reason": reason,
                "unfinished": [item.topic for item in unfinished],
            },
        )
    else:
        audit("engagement.open", project, before=before, after={"status": project.status})
    # 公示 (issue 19): the plan residents will take part under goes under public notice, with
    # objections answered in public; organisers decided it, so it is publicised in their name.
    from linli.disclosure.services import publicise_decision

    publicise_decision("engagement.plan", project)
    return project


@dataclass
class LessonInput:
    worked: str
    change: str
    again: str
    methods_again: list[str]


def _lesson_checks(project: Project, data: LessonInput) -> None:
    if not data.worked.strip():
        raise Refused(_("Write what worked."), "worked")
    if not data.change.strip():
        raise Refused(_("Write what you would change next time."), "change")
    if data.again not in Lesson.Again.values:
        raise Refused(_("Say whether you would run a project like this again."), "again")
    if set(data.methods_again) - set(project.methods):
        raise Refused(_("Choose among the methods this project used."), "methods_again")


def _write_lesson(actor: User, project: Project, data: LessonInput) -> Lesson:
    lesson, _created = Lesson.objects.update_or_create(
        project=project,
        defaults={
            "worked": data.worked.strip(),
            "change": data.change.strip(),
            "again": data.again,
            "methods_again": [m for m in project.methods if m in data.methods_again],
            "author": actor,
        },
    )
    return lesson


@command("engagement.close_project", on="project", lock=True)
def close_project(actor: User, project: Project, lesson: LessonInput) -> Project:
    _lesson_checks(project, lesson)
    project.status = Project.Status.CLOSED
    project.closed_at = timezone.now()
    project.save(update_fields=["status", "closed_at"])
    written = _write_lesson(actor, project, lesson)
    audit(
        "engagement.close",
        project,
        before={"status": Project.Status.OPEN},
        after={"status": project.status, "lesson": snapshots.snapshot(written)},
    )
    return project


@command("engagement.write_lessons", on="project")
def save_lesson(actor: User, project: Project, lesson: LessonInput) -> Lesson:
    """Correct or complete the lessons of a closed project."""
    _lesson_checks(project, lesson)
    existing = Lesson.objects.filter(project=project).first()
    before = snapshots.snapshot(existing) if existing else None
    written = _write_lesson(actor, project, lesson)
    audit(
        "engagement.lessons",
        written,
        community=project.community,
        before=before,
        after=snapshots.snapshot(written),
    )
    return written


# --- Report-backs --------------------------------------------------------------------------------


@dataclass
class ReportInput:
    phase: Phase
    heard: str
    did: str
    decided: str = ""


@command("engagement.manage", on="project")
def save_report_back(
    actor: User,
    project: Project,
    data: ReportInput,
    *,
    report: ReportBack | None = None,
    publish: bool = False,
) -> ReportBack:
    """Save a draft report-back, or publish it and tell everyone who took part."""
    if report is not None and report.is_published:
        raise Refused(
            _("A published report-back stays as it is. Publish a new one to add or correct.")
        )
    if report is not None and report.project_id != project.pk:
        raise Refused(_("That report-back belongs to another project."))
    if data.phase.project_id != project.pk:
        raise Refused(_("Choose a phase of this project."), "phase")
    if not data.heard.strip():
        raise Refused(_("Write what you heard."), "heard")
    if not data.did.strip():
        raise Refused(_("Write what you did and why."), "did")
    if publish:
        require(actor, "engagement.publish_report_back", project)
    report = report or ReportBack(project=project, author=actor)
    report.phase = data.phase
    report.heard, report.did, report.decided = data.heard.strip(), data.did.strip(), data.decided
    report.save()
    if publish:
        report.published_at = timezone.now()
        report.notified = _notify_participants(project, report)
        report.save(update_fields=["published_at", "notified"])
        audit(
            "engagement.report_back",
            report,
            community=project.community,
            after=snapshots.snapshot(report),
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
