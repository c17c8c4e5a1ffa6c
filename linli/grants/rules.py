"""Who may do what to a micro-grant call or application, and when: named rules beside the role
table (declared in ``GrantsConfig.kit``; see ``linli.core.permissions``).

Organisers manage calls; the phase comes from the call's or the application's status: a call's
criteria are set while it is a draft, and only an application under the panel's review is
awarded or declined."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule

from .models import Application, Call


def _call_is_draft(target: Any) -> bool:
    """A call, or one of its criteria."""
    call = target if isinstance(target, Call) else target.call
    return bool(call.status == Call.Status.DRAFT)


def _under_review(application: Application) -> bool:
    return bool(application.status == Application.Status.REVIEW)


RULES: dict[str, Rule] = {
    "grants.edit_criteria": Rule(
        "grants.manage",
        when=((_call_is_draft, _("The criteria are fixed once the call is open.")),),
    ),
    "grants.decline": Rule(
        "grants.manage",
        when=((_under_review, _("Only applications under review can be declined.")),),
    ),
}
