from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class GrantsConfig(AppConfig):
    name = "linli.grants"
    label = "grants"
    verbose_name = _("Micro-grants")
    kit = Module(
        work_queue=Hook("linli.grants.work_queue.work", 110),
        my_activity=Hook("linli.grants.my_activity.activity", 110),
        open_items=Hook("linli.grants.services.open_items", 90),
        project_links=Hook("linli.grants.services.project_items", 50),
        demo=Hook("linli.grants.demo.load", 90),
        api_router=Hook("linli.grants.api.router", 90),
        nav=(Nav("grants:index", _("Micro-grants"), 110, group="neighbours"),),
        notification_kinds=(
            ("grant_application", _("Micro-grant applications I lead: received and decided")),
            ("grant_report", _("Micro-grant reports and yearly evaluations")),
        ),
        actions={
            # Panel seats, the applicant's lead and team: linli/grants/services/access.py; phases: rules.py.
            "grants.view": Standing.PUBLIC,  # published calls, awarded projects, reports, evaluations
            "grants.apply": Standing.RESIDENT,  # apply for a group, report on a grant, score on a panel
            "grants.manage": Standing.ORGANISER,  # calls, panels, awards, agreements, report review
        },
        files="linli.grants.files.FILE_KINDS",
        rules="linli.grants.rules.RULES",
    )

    def ready(self) -> None:
        from .tracked import register_source

        register_source()
