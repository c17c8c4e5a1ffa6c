from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Module
from linli.core.kit.standing import Standing


class TrackingConfig(AppConfig):
    """Funded-project tracking, shared by the apps that fund projects (grants, budgeting): the
    team with its consent, milestones, spending with receipts and photos. A source app registers
    its model with ``linli.tracking.sources.register`` and embeds the shared pieces."""

    name = "linli.tracking"
    label = "tracking"
    verbose_name = _("Funded-project tracking")
    kit = Module(
        actions={
            # Who may record on a project is the source's rule (linli/tracking/sources.py); the
            # standing below is only the floor every one of the rules starts from.
            "tracking.view": Standing.PUBLIC,
        },
        files="linli.tracking.files.FILE_KINDS",
        rules="linli.tracking.rules.RULES",
    )
