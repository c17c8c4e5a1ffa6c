"""After the result: awards paid against milestones, acceptance inspection (验收) by members
who do not stand aside on the work, closing the contest, and the showcase."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from linli.core.kit import audit, command
from linli.core.models import Community, User
from linli.core.permissions import member_of
from linli.core.services import ServiceError
from linli.tracking import queries as tracking
from linli.tracking import services as track
from linli.tracking.models import Milestone, Photo, TeamMember

from . import boards
from .models import (
    INSPECTION_DECISIONS,
    Application,
    Contest,
    Criterion,
    InspectionVisit,
)
from .queries import is_recused

Stage = Contest.Stage


@command("reviews.take_part", on="application", lock=True)
def add_milestone(actor: User, application: Application, title: str, amount: Decimal) -> Milestone:
    """A payment stage (tracking's milestone with the funds released at it, whole yuan)."""
    contest = application.contest
    boards.require_runner(actor, contest.body)
    if contest.stage != Stage.FINAL or not application.award_amount:
        raise ServiceError(
            _("Milestones are set for awarded applications once the result is final.")
        )
    planned = tracking.milestones(application).aggregate(s=Sum("amount"))["s"] or 0
    if not title.strip():
        raise ServiceError(_("Name the milestone."), "title")
    if amount < 0 or planned + amount > application.award_amount:
        raise ServiceError(
            _("The milestones would release more than the award of %(award)s yuan.")
            % {"award": application.award_amount},
            "amount",
        )
    return track.add_milestone(
        actor,
        track.project_for(application),
        title,
        None,
        amount=int(amount),
        due_required=False,
    )


@command("reviews.take_part", on="milestone", lock=True)
def release(actor: User, milestone: Milestone, evidence: str) -> Milestone:
    application: Any = milestone.project.source
    boards.require_runner(actor, application.contest.body)
    if milestone.done_on:
        raise ServiceError(_("These funds were already released."))
    if application.inspection == Application.Inspection.FAIL:
        raise ServiceError(_("The work failed inspection; no more funds are released."))
    if not evidence.strip():
        raise ServiceError(_("Say what shows the milestone is reached."), "evidence")
    return track.milestone_done(actor, milestone, evidence=evidence)


def checklist(application: Application) -> list[Criterion]:
    """The inspection checks the work against the rubric it was scored on, criterion by criterion."""
    return list(application.contest.criteria.all())


@command("reviews.take_part", on="application", lock=True)
def inspect(
    actor: User,
    application: Application,
    decision: str,
    items: dict[int, tuple[bool, str]],
    notes: str = "",
    recheck_by: date | None = None,
    showcase: str = "",
) -> InspectionVisit:
    """Record an acceptance inspection; work that passes may bring its story for the showcase."""
    contest = application.contest
    member = member_of(actor, contest.community)
    seat = boards.require_seat(member, contest.body)
    if is_recused(seat.member, application):
        raise ServiceError(
            _("You stand aside on this application, so another member inspects the work.")
        )
    if contest.stage != Stage.FINAL or application.rank is None:
        raise ServiceError(_("Work is inspected once the result is final."))
    if application.inspection in (Application.Inspection.PASS, Application.Inspection.FAIL):
        raise ServiceError(_("This work was already inspected and decided."))
    if decision not in dict(INSPECTION_DECISIONS):
        raise ServiceError(_("Choose pass, fix and inspect again, or fail."), "decision")
    criteria = checklist(application)
    if {c.pk for c in criteria} != set(items):
        raise ServiceError(_("Check every item of the list."))
    if decision == Application.Inspection.FIX and recheck_by is None:
        raise ServiceError(_("Give the date of the next inspection."), "recheck_by")
    if decision != Application.Inspection.PASS and not notes.strip():
        raise ServiceError(_("Write what must be fixed, or why it failed."), "notes")
    if showcase.strip() and decision != Application.Inspection.PASS:
        raise ServiceError(_("Only work that passes goes on the showcase."), "showcase")
    visit = InspectionVisit.objects.create(
        application=application,
        decision=decision,
        checklist=[
            {"criterion": c.name, "met": items[c.pk][0], "note": items[c.pk][1].strip()}
            for c in criteria
        ],
        notes=notes.strip(),
        recheck_by=recheck_by,
        inspected_by=seat.member,
    )
    application.inspection = decision
    if showcase.strip():
        application.showcase_text = showcase.strip()
    application.save(update_fields=["inspection", "showcase_text"])
    audit("reviews.inspected", visit, community=contest.community)
    return visit


@command("reviews.take_part", on="contest", lock=True)
def close_contest(actor: User, contest: Contest) -> Contest:
    boards.require_runner(actor, contest.body)
    if contest.stage != Stage.FINAL:
        raise ServiceError(_("Only a contest with a final result can be closed."))
    waiting = contest.applications.filter(award_amount__gt=0).filter(
        Q(inspection="") | Q(inspection=Application.Inspection.FIX)
    )
    if waiting.exists():
        raise ServiceError(_("Some awarded work still waits for its inspection."))
    contest.stage = Stage.DONE
    contest.save(update_fields=["stage"])
    audit("reviews.contest_closed", contest)
    return contest


def showcase(community: Community) -> QuerySet[Application]:
    return (
        Application.objects.filter(
            contest__community=community, inspection=Application.Inspection.PASS
        )
        .select_related("contest", "area")
        .prefetch_related("tracked__photos", "tracked__team__member")
        .order_by("-contest__opens_at", "rank")
    )


@dataclass(frozen=True)
class Work:
    """One accepted work on the showcase: its photos before and after, and who agreed to be
    named for it."""

    application: Application
    before: list[Photo]
    after: list[Photo]
    named: list[TeamMember]


def showcase_works(community: Community) -> list[Work]:
    works = []
    for application in showcase(community):
        project = next(iter(application.tracked.all()), None)
        photos = list(project.photos.all()) if project else []
        team = list(project.team.all()) if project else []
        works.append(
            Work(
                application,
                [p for p in photos if p.kind == Photo.Kind.BEFORE],
                [p for p in photos if p.kind == Photo.Kind.AFTER],
                [t for t in team if t.consented_at],
            )
        )
    return works
