from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Link, Module, Nav


class ParticipationConfig(AppConfig):
    name = "linli.participation"
    label = "participation"
    verbose_name = _("Participation ledger")
    kit = Module(
        nav=(
            Nav(
                "participation:ledger", _("Participation"), 140, action="ledger.view", group="staff"
            ),
        ),
        manage_links=(
            Link(
                "participation:ledger",
                _("Participation by courtyard, method and channel"),
                10,
                "ledger.view",
            ),
        ),
    )
