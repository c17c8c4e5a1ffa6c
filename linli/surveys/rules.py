"""When an organiser may change, publish or close a survey: named phase rules beside the role
table (declared in ``SurveysConfig.kit``; see ``linli.core.permissions``). Whether a survey is open
depends on the clock (it opens and closes at set times), so the rules do too."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from linli.core.permissions import Rule, can

from .models import Survey


def _may_answer(user: Any, survey: Survey) -> bool:
    """Anyone may answer an open-link survey; others only residents of the community."""
    return survey.mode == Survey.Mode.OPEN or can(user, "surveys.respond", survey.community)


RULES: dict[str, Rule] = {
    # answering and saving a draft; whether the survey takes answers now the command says, with
    # the words for each case (not open yet, closed, full)
    "surveys.answer": Rule("surveys.view", who=(_may_answer,)),
    "surveys.change_survey": Rule(
        "surveys.manage",
        when=(
            (
                lambda survey: survey.status != Survey.Status.CANCELLED,
                _("A cancelled survey cannot be changed."),
            ),
        ),
    ),
    "surveys.publish_survey": Rule(
        "surveys.manage",
        when=(
            (
                lambda survey: survey.status == Survey.Status.DRAFT,
                _("Only a draft can be published."),
            ),
        ),
    ),
    "surveys.close_survey": Rule(
        "surveys.manage", when=((lambda survey: survey.is_open, _("The survey is not open.")),)
    ),
}
