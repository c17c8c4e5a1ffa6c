"""Who may do what in the disclosure register and 公示, and when (rules beside the role table in
``DisclosureConfig.kit``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule

from . import period
from .models import Entry, Publicity


def _published(entry: Entry) -> bool:
    return entry.is_published


def _objections_open(publicity: Publicity) -> bool:
    from .queries import today_in

    return publicity.is_open and period.may_object(today_in(publicity.community), publicity.ends_on)


def _may_object_as(user: Any, publicity: Publicity) -> bool:
    """Who may object is chosen per 公示: verified residents (the rule's standing) or anyone
    signed in; the standing below covers the wider case, this test narrows it."""
    from linli.core.permissions import can

    if publicity.who_may_object == Publicity.WhoMayObject.SIGNED_IN:
        return True
    return can(user, "disclosure.read", publicity.community)


def _answers(user: Any, publicity: Publicity) -> bool:
    from linli.core.permissions import can

    from .publicity import adapter

    if adapter(publicity.kind).answered_by is not None:
        return True  # the module says who, with its own words (services._require_answerer)
    return can(user, "disclosure.manage", publicity.community)


RULES: dict[str, Rule] = {
    "disclosure.mark_read": Rule(
        "disclosure.read", when=((_published, _("This notice is not published yet.")),)
    ),
    "disclosure.object": Rule(
        "disclosure.comment",
        who=(_may_object_as,),
        when=((_objections_open, _("The notice period is over; objections are closed.")),),
    ),
    # who answers: the organisers, or the deciders the subject's adapter names (a contest's
    # board officers - residents); ``services.answer_objection`` asks the adapter
    "disclosure.answer": Rule("disclosure.comment", who=(_answers,)),
}
