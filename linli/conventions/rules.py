"""Who may do what with a convention, and when (rules beside the role table in
``ConventionsConfig.kit``). Drafters are the residents named on the convention; organisers may
always do what they do."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule, can

from . import queries
from .models import Amendment, Convention, Version


def _convention(target: Any) -> Convention:
    return target if isinstance(target, Convention) else target.convention


def _drafter_or_organiser(user: Any, target: Any) -> bool:
    convention = _convention(target)
    return queries.is_drafter(user, convention) or can(
        user, "conventions.manage", convention.community
    )


def _not_adopting(target: Any) -> bool:
    latest = _convention(target).latest
    return latest is None or latest.status != Version.Status.PROPOSED


def _draft(convention: Convention) -> bool:
    latest = convention.latest
    return latest is not None and latest.status == Version.Status.DRAFT


def _proposed(convention: Convention) -> bool:
    latest = convention.latest
    return latest is not None and latest.status == Version.Status.PROPOSED


def _amendment_open(amendment: Amendment) -> bool:
    return amendment.is_open


ADOPTING = _("The text is put to adoption: wait for the outcome before changing it.")

RULES: dict[str, Rule] = {
    "conventions.revise": Rule(
        "conventions.comment", who=(_drafter_or_organiser,), when=((_not_adopting, ADOPTING),)
    ),
    "conventions.amend": Rule("conventions.comment", when=((_not_adopting, ADOPTING),)),
    "conventions.decide_amendment": Rule(
        "conventions.comment",
        who=(_drafter_or_organiser,),
        when=(
            (_amendment_open, _("This amendment was already decided.")),
            (_not_adopting, ADOPTING),
        ),
    ),
    "conventions.put_to_adoption": Rule(
        "conventions.manage",
        when=((_draft, _("Only a draft under discussion can be put to adoption.")),),
    ),
    "conventions.settle": Rule(
        "conventions.manage",
        when=((_proposed, _("No version is waiting for the outcome of its adoption.")),),
    ),
}
