from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class DisclosureConfig(AppConfig):
    name = "linli.disclosure"
    label = "disclosure"
    verbose_name = _("Information disclosure")
    kit = Module(
        work_queue=Hook("linli.disclosure.work_queue.work", 22),
        open_items=Hook("linli.disclosure.queries.open_items", 130),
        demo=Hook("linli.disclosure.demo.load", 130),
        api_router=Hook("linli.disclosure.api.router", 130),
        nav=(
            Nav("disclosure:register", _("Information disclosure"), 22, group="news"),
        ),  # after notices
        notification_kinds=(
            ("disclosure_notice", _("New notices in the disclosure register")),
            ("disclosure_publicity", _("Decisions under public notice (公示) and answers")),
            ("disclosure_newsletter", _("Community newsletter")),
            ("disclosure_digest", _("Digest of notices and 公示 (if you chose a digest)")),
        ),
        actions={
            "disclosure.view": Standing.PUBLIC,
            "disclosure.read": Standing.RESIDENT,  # say "I have read this"
            "disclosure.comment": Standing.SIGNED_IN,  # object to a 公示 (narrowed per 公示)
            "disclosure.manage": Standing.ORGANISER,
        },
        rules="linli.disclosure.rules.RULES",
        sweeps=("linli.disclosure.tasks.sweep_task",),
        files="linli.disclosure.files.FILE_KINDS",
    )

    def ready(self) -> None:
        from . import adapters

        adapters.install()
