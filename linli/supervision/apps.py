from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class SupervisionConfig(AppConfig):
    name = "linli.supervision"
    label = "supervision"
    verbose_name = _("Supervision committee")
    kit = Module(
        open_items=Hook("linli.supervision.queries.open_items", 67),
        demo=Hook("linli.supervision.demo.load", 135),  # after the money: budgeting and grants
        api_router=Hook("linli.supervision.api.router", 67),
        nav=(Nav("supervision:index", _("Supervision"), 83),),
        notification_kinds=(("supervision_answers", _("Answers to the supervision committee")),),
        actions={
            # A seat on the community's supervision committee (a governance body of that kind),
            # not a community role, opens the books and lets one raise a query: see rules.py.
            "supervision.view": Standing.PUBLIC,  # the committee, its queries and the answers
            "supervision.take_part": Standing.RESIDENT,
            "supervision.answer": Standing.ORGANISER,  # answer a query in public
        },
        rules="linli.supervision.rules.RULES",
    )
