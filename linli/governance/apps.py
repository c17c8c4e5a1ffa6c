from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class GovernanceConfig(AppConfig):
    name = "linli.governance"
    label = "governance"
    verbose_name = _("Resident bodies")
    kit = Module(
        open_items=Hook("linli.governance.queries.open_items", 65),
        demo=Hook("linli.governance.demo.load", 55),
        api_router=Hook("linli.governance.api.router", 65),
        nav=(Nav("governance:index", _("Resident bodies"), 81),),
        work_queue=Hook("linli.governance.work_queue.work", 65),
        notification_kinds=(
            ("governance_motion", _("Motions of the bodies I serve on")),
            ("governance_resolution", _("Resolutions of a body given to me to carry out")),
        ),
        actions={
            # Seats and offices are object-level rules (linli/governance/rules.py): a seat on the
            # body, not a community role, lets one vote.
            "governance.view": Standing.PUBLIC,  # bodies, charters, seats, decided motions
            "governance.take_part": Standing.RESIDENT,  # vote, record, declare a conflict
            "governance.manage": Standing.ORGANISER,  # set up a body, seat founding members
        },
        rules="linli.governance.rules.RULES",
        sweeps=("linli.governance.tasks.sweep_task",),
    )

    def ready(self) -> None:
        from linli.feedback import agenda

        from .feedback_handoff import body_names, may_read, put_feedback_on_agenda

        # A collective feedback item sent to a body by name joins its next meeting's agenda.
        agenda.register(put_feedback_on_agenda, names=body_names, readable=may_read)
