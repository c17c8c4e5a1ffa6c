"""Who may act on what insights show, and when (declared in ``InsightsConfig.kit``).

Organisers see the community's figures and act on a flag; acting (letters, a call list, a
message) is for a flag still open - once its consultation has closed, reaching more people for it
helps nobody, and the record of what was done stays as it was."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule

from .models import Flag


def _is_open(flag: Flag) -> bool:
    return flag.closed_at is None


RULES: dict[str, Rule] = {
    "insights.act_on_flag": Rule(
        "insights.manage",
        when=((_is_open, _("This consultation has closed; the flag is kept as a record.")),),
    ),
}
