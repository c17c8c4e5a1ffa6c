from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "linli.budgeting"
    label = "budgeting"
    verbose_name = _("Budgeting")

    def ready(self) -> None:
        from linli.core.notify import KINDS

        for kind, label in [
            ("budget_ideas", _("Reviews of my budget ideas and answers to my appeals")),
            ("budget_results", _("Results of participatory budgets I took part in")),
        ]:
            if not any(existing == kind for existing, _label in KINDS):
                KINDS.append((kind, label))

        from linli.core.media import FileKind, register

        from . import services

        register(
            FileKind(
                "budgeting.idea_photo",
                ("budgeting/ideas", "budgeting/done"),
                "budgeting.Idea",
                ("photo", "final_photo"),
                services.may_see_idea_photo,
            )
        )
        register(
            FileKind(
                "budgeting.receipt",
                ("budgeting/receipts",),
                "budgeting.Spending",
                ("receipt",),
                services.may_see_receipt,
            )
        )
