"""After the award: the agreement, milestones, reports with spending, and the yearly evaluation."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.kit import audit, command
from linli.core.models import Community, Member, User
from linli.core.notify import notify
from linli.core.permissions import member_of
from linli.core.services import ServiceError
from linli.tracking import queries as tracking
from linli.tracking import services as track
from linli.tracking.models import Milestone

from ..models import (
    Agreement,
    Application,
    Evaluation,
    Report,
)
from .access import on_team
from .common import S, _now

# --- Agreement and milestones -----------------------------------------------------------------


@command("grants.manage", on="application")
def add_milestone(actor: User, application: Application, title: str, due: Any) -> Milestone:
    agreement = getattr(application, "agreement", None)
    if agreement is None:
        raise ServiceError(_("Milestones belong to awarded projects."))
    if agreement.grantee_accepted_at:
        raise ServiceError(_("The agreement is accepted; its milestones no longer change."))
    return track.add_milestone(actor, track.project_for(application), title, due)


@command("grants.apply", on="application", lock=True)
def accept_agreement(actor: User, application: Application, name: str) -> Agreement:
    """The lead accepts the agreement in their own name, once the milestones are set."""
    member = member_of(actor, application.community)
    agreement = getattr(application, "agreement", None)
    if agreement is None or member is None or application.lead_id != member.pk:
        raise ServiceError(_("Only the lead of an awarded project accepts its agreement."))
    if not name.strip():
        raise ServiceError(_("Type your name to accept."), "name")
    if not tracking.milestones(application).exists():
        raise ServiceError(_("The organisers have not set the milestones yet."))
    if agreement.grantee_accepted_at is None:
        agreement.grantee_name = name.strip()
        agreement.grantee_accepted_at = _now()
        agreement.save(update_fields=["grantee_name", "grantee_accepted_at"])
    return agreement


@command("grants.manage", on="application")
def countersign(actor: User, application: Application) -> Agreement:
    agreement = getattr(application, "agreement", None)
    if agreement is None or agreement.grantee_accepted_at is None:
        raise ServiceError(_("The grantee accepts the agreement first."))
    if agreement.organiser_signed_at is None:
        agreement.organiser_name = actor.name
        agreement.organiser_signed_at = _now()
        agreement.save(update_fields=["organiser_name", "organiser_signed_at"])
        audit("grants.countersigned", agreement, community=application.call.community)
    return agreement


# --- Reports ----------------------------------------------------------------------------------


@command("grants.apply", on="application")
def submit_report(
    actor: User,
    application: Application,
    report: Report,
    spending: list[dict[str, Any]],
) -> Report:
    """A progress or final report by someone on the funded project's team, with what was spent
    (each line through the shared tracking commands, in this transaction)."""
    member = member_of(actor, application.community)
    if member is None or not on_team(member, application):
        raise ServiceError(_("Only the project's team reports on it."))
    agreement = getattr(application, "agreement", None)
    if agreement is None or not agreement.complete:
        raise ServiceError(_("Reports start once both sides have signed the agreement."))
    if report.kind == Report.Kind.MILESTONE and report.milestone is None:
        raise ServiceError(_("Choose the milestone this report is about."), "milestone")
    if report.milestone and not tracking.milestones(application).filter(pk=report.milestone.pk):
        raise ServiceError(_("Choose the milestone this report is about."), "milestone")
    if (
        report.kind == Report.Kind.FINAL
        and application.reports.filter(
            kind=Report.Kind.FINAL, status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED]
        ).exists()
    ):
        raise ServiceError(_("The final report is already in."), "kind")
    report.application = application
    report.status = Report.Status.SUBMITTED
    report.save()
    if spending:
        project = track.project_for(application)
        for line in spending:
            entry = track.add_spending(
                actor,
                project,
                amount=line["amount"],
                what=line["item"],
                receipt=line.get("receipt"),
                receipt_required=False,
                category=line["category"],
            )
            report.spending_lines.add(entry)
    return report


@command("grants.manage", on="report")
def review_report(actor: User, report: Report, accept: bool, note: str) -> Report:
    application = report.application
    if report.status != Report.Status.SUBMITTED:
        raise ServiceError(_("This report has already been answered."))
    if not accept and not note.strip():
        raise ServiceError(_("Say what the team should add or change."), "note")
    report.status = Report.Status.ACCEPTED if accept else Report.Status.RETURNED
    report.staff_note = note
    report.reviewed_at = _now()
    report.save(update_fields=["status", "staff_note", "reviewed_at"])
    audit(f"grants.report_{report.status}", report, community=application.call.community)
    title = (
        gettext_lazy("Report accepted: %(title)s")
        if accept
        else gettext_lazy("Report returned with a request: %(title)s")
    )
    notify(
        application.lead,
        "grant_report",
        (title, {"title": application.title}),
        note,
        url=application.get_absolute_url(),
        community=application.call.community,
    )
    return report


# --- Yearly evaluation ------------------------------------------------------------------------


@command("grants.manage", on="application")
def evaluate(
    actor: User, application: Application, outcome_: str, reason: str, conditions: str = ""
) -> Evaluation:
    if application.status != S.AWARDED:
        raise ServiceError(_("Only funded projects are evaluated."))
    if not reason.strip():
        raise ServiceError(_("Write the reason; it is published."), "reason")
    if outcome_ == Evaluation.Outcome.CONDITIONS and not conditions.strip():
        raise ServiceError(_("Write the conditions."), "conditions")
    if outcome_ not in Evaluation.Outcome.values:
        raise ServiceError(_("Choose an outcome."), "outcome")
    with transaction.atomic():
        evaluation, _created = Evaluation.objects.update_or_create(
            application=application,
            defaults={"outcome": outcome_, "reason": reason, "conditions": conditions},
        )
        audit(
            "grants.evaluated",
            evaluation,
            community=application.call.community,
            after={"outcome": outcome_, "reason": reason},
        )
    notify(
        application.lead,
        "grant_report",
        (
            gettext_lazy("Yearly evaluation of %(title)s: %(outcome)s"),
            {"title": application.title, "outcome": evaluation.get_outcome_display()},
        ),
        reason,
        url=application.get_absolute_url(),
        community=application.call.community,
    )
    return evaluation


def continuable(member: Member, community: Community) -> QuerySet[Application]:
    """Funded projects the member led that the yearly evaluation did not end."""
    return Application.objects.filter(
        lead=member, call__community=community, status=S.AWARDED
    ).exclude(evaluation__outcome=Evaluation.Outcome.END)
