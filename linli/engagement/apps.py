from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "linli.engagement"
    label = "engagement"
    verbose_name = _("Engagement projects")

    def ready(self) -> None:
        from linli.core.notify import KINDS

        if not any(kind == "project_report_back" for kind, _label in KINDS):
            KINDS.append(("project_report_back", _("Report-backs from projects I took part in")))
