from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav


class CoreConfig(AppConfig):
    name = "linli.core"
    label = "core"
    verbose_name = _("Communities and residents")
    # Core's own actions are the table in linli/core/permissions.py; its notification kind is in
    # linli/core/notify.py. Its navigation and sweep are declared like any module's.
    kit = Module(
        work_queue=Hook("linli.core.activity.core_work", 10),
        nav=(
            Nav("core:notices", _("Notices"), 20, group="news"),
            Nav("core:partners", _("Partners"), 120, group="neighbours"),
            Nav("core:manage", _("Manage"), 130, action="community.manage", group="staff"),
        ),
        sweeps=("linli.core.tasks.outbox_sweep_task",),
    )

    def ready(self) -> None:
        from linli.core.kit import modules

        modules.install()
        from django.db.models.signals import pre_save

        from .bad_input import refuse_unstorable_values

        pre_save.connect(refuse_unstorable_values, dispatch_uid="linli.core.bad_input")
