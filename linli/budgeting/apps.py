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
