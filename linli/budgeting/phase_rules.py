"""Who may do what to a budget process or an idea, and when: named rules beside the role table
(declared in ``BudgetingConfig.kit``; see ``linli.core.permissions``). Not ``rules.py``: in this
app that name is the allocation rules engine (equal shares, greedy, ...).

Organisers manage processes; the phase comes from the process's status and the idea's appeal: a
process is published once, and an appeal is decided once, before the ballot is made."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule

from .models import Idea, Process


def _is_draft(process: Process) -> bool:
    return bool(process.status == Process.Status.DRAFT)


def _open_appeal(idea: Idea) -> bool:
    return idea.appealed_at is not None and idea.appeal_upheld is None


def _ballot_not_made(idea: Idea) -> bool:
    return not idea.process.vote_id


RULES: dict[str, Rule] = {
    "budgeting.publish": Rule(
        "budgeting.manage", when=((_is_draft, _("This process is already published.")),)
    ),
    "budgeting.decide_appeal": Rule(
        "budgeting.manage",
        when=(
            (_open_appeal, _("There is no open appeal on this idea.")),
            (_ballot_not_made, _("The ballot is made: appeals can no longer change it.")),
        ),
    ),
}
