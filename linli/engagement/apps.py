from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class EngagementConfig(AppConfig):
    name = "linli.engagement"
    label = "engagement"
    verbose_name = _("Engagement projects")
    kit = Module(
        open_items=Hook("linli.engagement.queries.open_items", 30),
        demo=Hook("linli.engagement.demo.load", 10),
        api_router=Hook("linli.engagement.api.router", 30),
        nav=(Nav("engagement:list", _("Engagement projects"), 10),),
        notification_kinds=(
            ("project_report_back", _("Report-backs from projects I took part in")),
        ),
        rules="linli.engagement.rules.RULES",
        actions={
            "engagement.view": Standing.PUBLIC,  # published projects; planning ones only for organisers
            "engagement.manage": Standing.ORGANISER,
            "engagement.lessons": Standing.ORGANISER,
        },
    )
