from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class FeedbackConfig(AppConfig):
    name = "linli.feedback"
    label = "feedback"
    verbose_name = _("Feedback")
    kit = Module(
        open_items=Hook("linli.feedback.queries.open_items", 125),
        demo=Hook("linli.feedback.demo.load", 120),
        api_router=Hook("linli.feedback.api.router", 125),
        # Beside proposals, which items can become.
        nav=(Nav("feedback:list", _("Feedback"), 48, group="news"),),
        notification_kinds=(
            ("feedback_answer", _("Answers to problems I reported")),
            ("feedback_late", _("Feedback items whose answer is late (organisers)")),
        ),
        actions={
            "feedback.view": Standing.PUBLIC,  # items, their answers and the monthly summary
            "feedback.report": Standing.RESIDENT,
            "feedback.manage": Standing.ORGANISER,  # enter reports from offline, route, answer
        },
        rules="linli.feedback.rules.RULES",
        sweeps=("linli.feedback.tasks.remind_late_items",),
        files="linli.feedback.files.FILE_KINDS",
        agenda_sources=Hook("linli.feedback.agenda.matters", 20),
    )
