"""Who may do what to a feedback item or report, and when (named rules beside the role table in
``FeedbackConfig.kit``).

An item is routed, answered and closed in that order; closing needs the report-back, which the
service checks with the text in hand. A closed item takes no more "me too" and no more routing."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule, can, member_of

from .models import Item, Report


def _open(item: Item) -> bool:
    return item.is_open


def _answered(item: Item) -> bool:
    return bool(item.answer.strip())


def _not_handed_on(item: Item) -> bool:
    return item.proposal_id is None


def _reporter_or_organiser(user: Any, report: Report) -> bool:
    if can(user, "feedback.manage", report.community):
        return True
    member = member_of(user, report.community)
    return member is not None and report.member_id == member.pk


CLOSED = _("This item is closed.")

RULES: dict[str, Rule] = {
    "feedback.me_too": Rule("feedback.report", when=((_open, CLOSED),)),
    "feedback.route": Rule("feedback.manage", when=((_open, CLOSED),)),
    "feedback.answer": Rule("feedback.manage", when=((_open, CLOSED),)),
    "feedback.close": Rule(
        "feedback.manage",
        when=(
            (_open, CLOSED),
            (_answered, _("Answer the item in public before closing it.")),
        ),
    ),
    "feedback.make_proposal": Rule(
        "feedback.manage",
        when=(
            (_open, CLOSED),
            (_not_handed_on, _("This item has already become a proposal.")),
        ),
    ),
    "feedback.see_report": Rule("feedback.view", who=(_reporter_or_organiser,)),
}
