from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Link, Module, Nav
from linli.core.kit.standing import Standing


class ProposalsConfig(AppConfig):
    name = "linli.proposals"
    label = "proposals"
    verbose_name = _("Proposals")
    kit = Module(
        work_queue=Hook("linli.proposals.work_queue.work", 50),
        my_activity=Hook("linli.proposals.my_activity.activity", 50),
        open_items=Hook("linli.proposals.services.open_items", 10),
        demo=Hook("linli.proposals.demo.load", 20),
        api_router=Hook("linli.proposals.api.router", 20),
        agenda_sources=Hook("linli.proposals.queries.agenda_matters", 10),
        nav=(Nav("proposals:list", _("Proposals"), 50),),
        settings_links=(
            Link(
                "proposals:settings",
                _("Proposal rules: supports needed and days to collect them"),
                10,
                "community.edit",
            ),
        ),
        notification_kinds=(
            ("proposal_status", _("Answers to proposals I wrote, supported or discussed")),
            ("proposal_comment", _("Comments on my proposals and replies to me")),
            ("proposal_coauthor", _("Invitations to co-author a proposal")),
        ),
        actions={
            "proposals.view": Standing.PUBLIC,
            "proposals.create": Standing.RESIDENT,
            "proposals.support": Standing.RESIDENT,
            "proposals.comment": Standing.RESIDENT,
            "proposals.report": Standing.RESIDENT,
            "proposals.moderate": Standing.ORGANISER,
            "proposals.answer": Standing.ORGANISER,
            "proposals.merge": Standing.ORGANISER,
            "proposals.agenda": Standing.ORGANISER,
        },
        rules="linli.proposals.rules.RULES",
        files="linli.proposals.files.FILE_KINDS",
    )
