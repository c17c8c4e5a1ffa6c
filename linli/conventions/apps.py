from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class ConventionsConfig(AppConfig):
    name = "linli.conventions"
    label = "conventions"
    verbose_name = _("Conventions")
    kit = Module(
        open_items=Hook("linli.conventions.queries.open_items", 66),
        demo=Hook("linli.conventions.demo.load", 66),  # after governance's 槐树院 group
        api_router=Hook("linli.conventions.api.router", 66),
        nav=(Nav("conventions:index", _("Conventions"), 82),),
        actions={
            "conventions.view": Standing.PUBLIC,  # drafts, comments, versions, the text in force
            "conventions.comment": Standing.RESIDENT,  # comment, propose an amendment
            "conventions.manage": Standing.ORGANISER,  # start one, type in 坝坝会 comments, adopt
        },
        rules="linli.conventions.rules.RULES",
    )
