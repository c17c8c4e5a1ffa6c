"""Each named rule of item sharing (linli/sharing/rules.py) in each phase of a loan and of a
problem with it, for the households and the organiser; the clock moves past the due day
(time-machine) without changing what the rules allow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from linli.core.permissions import can
from linli.sharing import services
from linli.sharing.models import Problem

from .conftest import ask, lend

LOAN_PHASES = ["asked", "handed over", "returned"]
PROBLEM_PHASES = ["open", "mediation", "resolved"]


def loan_in(phase, owner, borrower, item):  # type: ignore[no-untyped-def]
    if phase == "asked":
        return ask(borrower, item)
    loan = lend(owner, borrower, item)
    if phase == "returned":
        services.confirm_return(owner, loan)
        loan = services.confirm_return(borrower, loan)
    return loan


@pytest.mark.parametrize("phase", LOAN_PHASES)
def test_thanks_are_left_once_the_item_is_back(phase, owner, borrower, item, time_machine):
    loan = loan_in(phase, owner, borrower, item)
    for later in (0, 10):  # on the day, and well past the due day
        time_machine.move_to(loan.due_on + timedelta(days=later), tick=False)
        loan.refresh_from_db()
        assert can(borrower, "sharing.thank", loan) == (phase == "returned"), (phase, later)
        assert not can(AnonymousUser(), "sharing.thank", loan)


@pytest.mark.parametrize("phase", PROBLEM_PHASES)
def test_a_problem_goes_to_mediation_while_open_and_is_settled_once(
    phase, owner, borrower, item, organiser
):
    loan = lend(owner, borrower, item)
    problem = services.report_problem(borrower, loan, Problem.Kind.DAMAGE, "把手松了")
    if phase == "mediation":
        services.ask_mediation(borrower, problem)
    if phase == "resolved":
        services.resolve(owner, problem, "修好了")
    problem.refresh_from_db()
    for user in (owner, borrower, organiser):
        assert can(user, "sharing.ask_mediation", problem) == (phase == "open")
        assert can(user, "sharing.settle_problem", problem) == (phase != "resolved")
