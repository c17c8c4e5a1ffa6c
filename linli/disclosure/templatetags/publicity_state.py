"""``{% publicity_state "grants.award" application %}``: the 公示 of a module's decision on that
module's page - the notice period, objections and answers, and when it is or becomes final.
Nothing is shown when the decision was never put under public notice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("disclosure/includes/publicity_state.html")
def publicity_state(kind: str, subject: Any) -> dict[str, Any]:
    found = queries.publicity_for(kind, subject) if subject is not None else None
    if found is None:
        return {"publicity": None}
    objections = found.objections.count()
    unanswered = found.objections.filter(answer="").count()
    return {
        "publicity": found,
        "objections": objections,
        "answered": objections - unanswered,
        "unanswered": unanswered,
        "waiting_for": queries.waiting_for(found),
        # the earliest day it can become final: the day after the period, all answers given
        "final_from": found.ends_on + timedelta(days=1),
    }
