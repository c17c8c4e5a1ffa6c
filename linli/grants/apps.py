from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "linli.grants"
    label = "grants"
    verbose_name = _("Micro-grants")

    def ready(self) -> None:
        from linli.core.notify import KINDS

        for kind, label in [
            ("grant_application", _("Micro-grant applications I lead: received and decided")),
            ("grant_report", _("Micro-grant reports and yearly evaluations")),
        ]:
            if not any(existing == kind for existing, _label in KINDS):
                KINDS.append((kind, label))

        from linli.core.media import FileKind, register

        from . import services

        register(
            FileKind(
                "grants.photo",
                ("grants/photos", "grants"),
                "grants.Photo",
                ("image",),
                services.may_see_photo,
            )
        )
        register(
            FileKind(
                "grants.receipt",
                ("grants/receipts",),
                "grants.Spending",
                ("receipt",),
                services.may_see_receipt,
            )
        )
