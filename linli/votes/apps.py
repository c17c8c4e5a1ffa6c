from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotesConfig(AppConfig):
    name = "linli.votes"
    label = "votes"
    verbose_name = _("Votes")

    def ready(self) -> None:
        from linli.core.notify import KINDS

        from . import middleware  # noqa: F401  (connects the logout signal)

        if not any(kind == "vote_results" for kind, _label in KINDS):
            KINDS.append(("vote_results", _("Results of votes I took part in")))
