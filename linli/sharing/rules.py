"""When a loan or a problem may be acted on: named phase rules beside the role table (declared in
``SharingConfig.kit``; see ``linli.core.permissions``). Whose item or loan it is - the two
households - is checked by the commands themselves (``queries.side_of``, ``queries.owns``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule

from .models import Loan, Problem

RULES: dict[str, Rule] = {
    # On a loan: the borrowing household thanks the lenders once the item is back.
    "sharing.thank": Rule(
        "sharing.take_part",
        when=(
            (
                lambda loan: loan.status == Loan.Status.RETURNED,
                _("A thank-you note can be left once the item is returned."),
            ),
        ),
    ),
    # On a problem: the households ask the organiser to mediate while it is open ...
    "sharing.ask_mediation": Rule(
        "sharing.view",
        when=(
            (
                lambda problem: problem.status == Problem.Status.OPEN,
                _("This problem is already with the organiser or resolved."),
            ),
        ),
    ),
    # ... and it is settled once, by them or by the organiser.
    "sharing.settle_problem": Rule(
        "sharing.view",
        when=(
            (
                lambda problem: problem.status != Problem.Status.RESOLVED,
                _("This problem is already resolved."),
            ),
        ),
    ),
}
