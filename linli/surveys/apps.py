from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class SurveysConfig(AppConfig):
    name = "linli.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
    kit = Module(
        open_items=Hook("linli.surveys.queries.open_items", 40),
        project_links=Hook("linli.surveys.queries.project_items", 10),
        demo=Hook("linli.surveys.demo.load", 40),
        api_router=Hook("linli.surveys.api.router", 40),
        nav=(Nav("surveys:list", _("Surveys"), 30),),
        my_activity=Hook("linli.surveys.my_activity.activity", 30),
        rules="linli.surveys.rules.RULES",
        actions={
            "surveys.view": Standing.PUBLIC,  # published surveys; open-link ones may be answered by anyone
            "surveys.respond": Standing.RESIDENT,
            "surveys.enter_paper": Standing.LEADER,
            "surveys.results": Standing.ORGANISER,  # full results with written answers, and exports
            "surveys.manage": Standing.ORGANISER,
        },
    )
