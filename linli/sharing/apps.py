from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "linli.sharing"
    label = "sharing"
    verbose_name = _("Sharing")

    def ready(self) -> None:
        from linli.core.notify import KINDS

        for kind, label in [
            ("sharing_loans", _("Item sharing: requests, answers, hand-overs and returns")),
            ("sharing_reminders", _("Item sharing: due-soon, overdue and listing reminders")),
            ("sharing_problems", _("Item sharing: problems with loans and mediation")),
        ]:
            if not any(existing == kind for existing, _label in KINDS):
                KINDS.append((kind, label))

        from linli.core.media import FileKind, register

        from . import services

        register(
            FileKind(
                "sharing.item_photo",
                ("sharing/items", "sharing"),
                "sharing.Item",
                ("photo",),
                services.may_see_item_photo,
            )
        )
        register(
            FileKind(
                "sharing.loan_photo",
                ("sharing/loans",),
                "sharing.Loan",
                ("handover_photo", "return_photo"),
                services.may_see_loan,
            )
        )
