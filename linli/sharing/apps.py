from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class SharingConfig(AppConfig):
    name = "linli.sharing"
    label = "sharing"
    verbose_name = _("Sharing")
    kit = Module(
        work_queue=Hook("linli.sharing.work_queue.work", 90),
        my_activity=Hook("linli.sharing.my_activity.activity", 90),
        open_items=Hook("linli.sharing.queries.open_items", 70),
        demo=Hook("linli.sharing.demo.load", 70),
        api_router=Hook("linli.sharing.api.router", 70),
        nav=(Nav("sharing:board", _("Item sharing"), 90, group="neighbours"),),
        notification_kinds=(
            ("sharing_loans", _("Item sharing: requests, answers, hand-overs and returns")),
            ("sharing_reminders", _("Item sharing: due-soon, overdue and listing reminders")),
            ("sharing_problems", _("Item sharing: problems with loans and mediation")),
        ),
        actions={
            # Who owns an item or takes part in a loan is checked per object in linli/sharing/services.py.
            "sharing.view": Standing.PUBLIC,  # the board (flats only for residents) and the summary
            "sharing.take_part": Standing.RESIDENT,  # list items, borrow, confirm, thank
            "sharing.poster": Standing.LEADER,  # print the board as a poster for the gate
            "sharing.mediate": Standing.ORGANISER,  # mediate problems, full statistics
            "sharing.import_board": Standing.ORGANISER,  # type in the paper board's items
        },
        rules="linli.sharing.rules.RULES",
        sweeps=("linli.sharing.tasks.sweep_task",),
        files="linli.sharing.files.FILE_KINDS",
    )
