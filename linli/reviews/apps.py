from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class ReviewsConfig(AppConfig):
    name = "linli.reviews"
    label = "reviews"
    verbose_name = _("Reviews")
    kit = Module(
        open_items=Hook("linli.reviews.queries.open_items", 60),
        demo=Hook("linli.reviews.demo.load", 60),
        api_router=Hook("linli.reviews.api.router", 60),
        nav=(Nav("reviews:index", _("Review boards and contests"), 80),),
        notification_kinds=(
            ("review_board", _("Decisions and objections for the review boards I serve on")),
            ("review_result", _("Results of contests I applied to, and answers to my objections")),
        ),
        actions={
            # The board is a governance body: a seat on it (linli/reviews/boards.py asks
            # governance), not a community role, lets one score, vote and inspect.
            "reviews.view": Standing.PUBLIC,  # boards, contests past their draft, notices, showcase
            "reviews.take_part": Standing.RESIDENT,  # apply, sign support, object, serve on a board
            "reviews.enter_paper": Standing.LEADER,  # copy paper support sheets
            "reviews.manage": Standing.ORGANISER,  # run any board's contests, as social workers do
        },
        files="linli.reviews.files.FILE_KINDS",
    )

    def ready(self) -> None:
        from linli.governance import subjects

        from . import publicity, services, tracked

        # The contest's rules and ranking are motions of its board, a governance body.
        subjects.register(
            "reviews.contest", parts=services.contest_parts, decided=services.apply_motion
        )
        tracked.register_source()
        # The result's 公示 is disclosure's, one mechanism for every decision.
        publicity.install()
