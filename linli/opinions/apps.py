from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class OpinionsConfig(AppConfig):
    name = "linli.opinions"
    label = "opinions"
    verbose_name = _("Opinion mapping")
    kit = Module(
        open_items=Hook("linli.opinions.queries.open_items", 35),
        project_links=Hook("linli.opinions.queries.project_items", 35),
        demo=Hook("linli.opinions.demo.load", 115),
        api_router=Hook("linli.opinions.api.router", 115),
        nav=(Nav("opinions:list", _("Opinion mapping"), 45),),
        notification_kinds=(
            ("opinion_statement_moderated", _("Whether my statements were accepted")),
        ),
        actions={
            "opinions.view": Standing.PUBLIC,  # public conversations; the others for members
            "opinions.take_part": Standing.RESIDENT,  # vote, write a statement
            "opinions.manage": Standing.ORGANISER,  # create, moderate, paper entry, close
        },
        rules="linli.opinions.rules.RULES",
    )
