"""When a proposal takes support: a named phase rule beside the role table (declared in
``ProposalsConfig.kit``; see ``linli.core.permissions``). Residents support; a proposal collects
support from publication until it is merged into another or rejected."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule

from .models import Proposal

NOT_COLLECTING = (Proposal.Status.DRAFT, Proposal.Status.MERGED, Proposal.Status.REJECTED)

RULES: dict[str, Rule] = {
    "proposals.support_proposal": Rule(
        "proposals.support",
        when=(
            (
                lambda proposal: proposal.status not in NOT_COLLECTING,
                _("This proposal is not collecting support."),
            ),
        ),
    ),
}
