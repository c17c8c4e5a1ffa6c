from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "linli.core"
    label = "core"
    verbose_name = _("Communities and residents")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from .bad_input import refuse_unstorable_values

        pre_save.connect(refuse_unstorable_values, dispatch_uid="linli.core.bad_input")
