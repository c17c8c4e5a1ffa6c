"""Problems with a loan, and mediation by the organisers."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.kit import audit as audit_entry
from linli.core.kit import command
from linli.core.models import Member, User
from linli.core.notify import notify
from linli.core.permissions import can
from linli.core.services import ServiceError

from .. import lifecycle
from ..models import Loan, Problem
from ..queries import _people, neighbour, side_of


@command("sharing.take_part", on="loan")
def report_problem(
    actor: User, loan: Loan, kind: str, description: str, mediation: bool = False
) -> Problem:
    member = neighbour(actor, loan.community)
    side = side_of(actor, loan)
    if side is None:
        raise ServiceError(_("Only the two households of this loan can report a problem."))
    if loan.status not in (Loan.Status.HANDED_OVER, Loan.Status.RETURNED):
        raise ServiceError(_("A problem can be reported once the item has changed hands."))
    if kind not in Problem.Kind.values:
        raise ServiceError(_("Choose what happened."), "kind")
    if not description.strip():
        raise ServiceError(_("Describe what happened."), "description")
    problem = Problem.objects.create(
        loan=loan,
        reported_by=member,
        kind=kind,
        description=description.strip(),
        status=Problem.Status.MEDIATION if mediation else Problem.Status.OPEN,
    )
    others = [loan.borrower] if side == lifecycle.OWNER else _people(loan.owner_household)
    for person in others:
        notify(
            person,
            "sharing_problems",
            (gettext_lazy("A problem was reported with %(item)s"), {"item": loan.item.name}),
            gettext_lazy("Please talk it over with your neighbour; the organiser can help."),
            url=loan.get_absolute_url(),
            community=loan.community,
        )
    if mediation:
        _tell_organisers(problem)
    audit_entry("sharing.problem_reported", problem, community=loan.community)
    return problem


def _tell_organisers(problem: Problem) -> None:
    from linli.core.models import Role

    for organiser in Member.objects.filter(
        community=problem.loan.community,
        status=Member.Status.VERIFIED,
        role__in=[Role.ORGANISER, Role.COMMUNITY_ADMIN],
    ):
        notify(
            organiser,
            "sharing_problems",
            (
                gettext_lazy("Neighbours ask for mediation: %(item)s"),
                {"item": problem.loan.item.name},
            ),
            problem.description,
            url=problem.loan.get_absolute_url(),
            community=problem.loan.community,
        )


@command("sharing.ask_mediation", on="problem")
def ask_mediation(actor: User, problem: Problem) -> Problem:
    if side_of(actor, problem.loan) is None:
        raise ServiceError(_("Only the two households of this loan can ask for mediation."))
    problem.status = Problem.Status.MEDIATION
    problem.save(update_fields=["status"])
    _tell_organisers(problem)
    return problem


@command("sharing.settle_problem", on="problem")
def resolve(actor: User, problem: Problem, outcome: str, notes: str = "") -> Problem:
    """Either household settles it between neighbours, or the organiser records the mediation."""
    community = problem.loan.community
    mediator = can(actor, "sharing.mediate", community)
    if side_of(actor, problem.loan) is None and not mediator:
        raise ServiceError(_("Only the two households and the organiser can settle a problem."))
    if not outcome.strip():
        raise ServiceError(_("Write down what was agreed."), "outcome")
    if notes.strip() and not mediator:
        raise ServiceError(_("Only the organiser writes mediation notes."), "mediation_notes")
    before = audit.snapshot(problem)
    problem.outcome = outcome.strip()[:300]
    if notes.strip():
        problem.mediation_notes = notes.strip()
    problem.status = Problem.Status.RESOLVED
    problem.resolved_at = timezone.now()
    problem.save()
    audit_entry(
        "sharing.problem_resolved",
        problem,
        community=community,
        before=before,
        after=audit.snapshot(problem),
    )
    for person in [problem.loan.borrower, *_people(problem.loan.owner_household)]:
        notify(
            person,
            "sharing_problems",
            (gettext_lazy("Problem settled: %(item)s"), {"item": problem.loan.item.name}),
            problem.outcome,
            url=problem.loan.get_absolute_url(),
            community=community,
        )
    return problem


@command("sharing.mediate", on="problem")
def note_mediation(actor: User, problem: Problem, notes: str) -> Problem:
    if not notes.strip():
        raise ServiceError(_("Write the notes first."), "mediation_notes")
    problem.mediation_notes = notes.strip()
    if problem.status == Problem.Status.OPEN:
        problem.status = Problem.Status.MEDIATION
    problem.save(update_fields=["mediation_notes", "status"])
    audit_entry("sharing.mediation_notes", problem, community=problem.loan.community)
    return problem
