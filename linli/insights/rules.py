"""Who may act on what insights show, and when (declared in ``InsightsConfig.kit``).

Organisers see the community's figures and act on a flag; acting (letters, a call list, a
message) is for a flag still open - once its consultation has closed, reaching more people for it
helps nobody, and the record of what was done stays as it was."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule

from .models import Flag


def _is_open(flag: Flag) -> bool:
    return flag.closed_at is None


def _planning(project: Any) -> bool:
    return str(project.status) == "planning"


def _closed(project: Any) -> bool:
    return str(project.status) == "closed"


RULES: dict[str, Rule] = {
    "insights.set_target": Rule(
        "insights.manage",
        when=((_planning, _("Targets and their baselines are set while the project is planned.")),),
    ),
    "insights.measure_targets": Rule(
        "insights.manage",
        when=((_closed, _("Targets are measured when the project closes.")),),
    ),
    "insights.act_on_flag": Rule(
        "insights.manage",
        when=((_is_open, _("This consultation has closed; the flag is kept as a record.")),),
    ),
}
