from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "linli.proposals"
    label = "proposals"
    verbose_name = _("Proposals")

    def ready(self) -> None:
        from linli.core.notify import KINDS

        for kind, label in [
            ("proposal_status", _("Answers to proposals I wrote, supported or discussed")),
            ("proposal_comment", _("Comments on my proposals and replies to me")),
            ("proposal_coauthor", _("Invitations to co-author a proposal")),
        ]:
            if not any(existing == kind for existing, _label in KINDS):
                KINDS.append((kind, label))

        from linli.core.media import FileKind, register

        from . import services

        register(
            FileKind(
                "proposals.photo",
                ("proposals/photos", "proposals"),
                "proposals.Proposal",
                ("photo",),
                services.may_see_photo,
            )
        )
