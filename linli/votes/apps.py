from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class VotesConfig(AppConfig):
    name = "linli.votes"
    label = "votes"
    verbose_name = _("Votes")
    kit = Module(
        my_activity=Hook("linli.votes.my_activity.activity", 60),
        open_items=Hook("linli.votes.services.open_items", 20),
        project_links=Hook("linli.votes.services.project_items", 20),
        demo=Hook("linli.votes.demo.load", 30),
        api_router=Hook("linli.votes.api.router", 10),
        nav=(Nav("votes:list", _("Votes"), 60),),
        notification_kinds=(("vote_results", _("Results of votes I took part in")),),
        actions={
            "votes.view": Standing.PUBLIC,
            "votes.cast": Standing.RESIDENT,
            "votes.booth": Standing.LEADER,
            "votes.enter_paper": Standing.LEADER,
            "votes.manage": Standing.ORGANISER,
        },
        rules="linli.votes.rules.RULES",
        sweeps=("linli.votes.tasks.sweep_task",),
    )

    def ready(self) -> None:
        from . import middleware  # noqa: F401  (connects the logout signal)
