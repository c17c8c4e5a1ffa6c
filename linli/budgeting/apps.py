from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class BudgetingConfig(AppConfig):
    name = "linli.budgeting"
    label = "budgeting"
    verbose_name = _("Budgeting")
    kit = Module(
        my_activity=Hook("linli.budgeting.my_activity.activity", 70),
        open_items=Hook("linli.budgeting.services.open_items", 100),
        project_links=Hook("linli.budgeting.services.project_items", 60),
        demo=Hook("linli.budgeting.demo.load", 100),
        api_router=Hook("linli.budgeting.api.router", 100),
        nav=(Nav("budgeting:list", _("Participatory budgeting"), 70),),
        notification_kinds=(
            ("budget_ideas", _("Reviews of my budget ideas and answers to my appeals")),
            ("budget_results", _("Results of participatory budgets I took part in")),
        ),
        actions={
            # Reviewers named on a process and a funded project's owner and team are object-level rules
            # in linli/budgeting/services/access.py (is_reviewer, may_track); phase rules in phase_rules.py.
            "budgeting.view": Standing.PUBLIC,  # published processes, ideas, reviews, results, progress
            "budgeting.propose": Standing.RESIDENT,  # submit ideas, appeal a rejection once
            "budgeting.review": Standing.ORGANISER,  # feasibility review and costing
            "budgeting.manage": Standing.ORGANISER,  # set up, open the vote, outcome, implementation
        },
        files="linli.budgeting.files.FILE_KINDS",
        rules="linli.budgeting.phase_rules.RULES",
    )

    def ready(self) -> None:
        from .tracked import register_source

        register_source()
