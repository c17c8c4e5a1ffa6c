from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Link, Module, Nav, NoticeAction
from linli.core.kit.standing import Standing


class InsightsConfig(AppConfig):
    name = "linli.insights"
    label = "insights"
    verbose_name = _("Insights")
    kit = Module(
        open_items=Hook("linli.insights.queries.open_items", 120),
        demo=Hook("linli.insights.demo.load", 200),  # after every module that records acts
        api_router=Hook("linli.insights.api.router", 120),
        work_queue=Hook("linli.insights.work_queue.work", 120),
        nav=(
            Nav("insights:fair", _("Who takes part"), 125, "insights.view", group="staff"),
            Nav(
                "insights:ladder", _("Depth of participation"), 126, "insights.view", group="staff"
            ),
        ),
        me_links=(Link("insights:my_ladder", _("My participation"), 10, "insights.own_ladder"),),
        notice_actions=(
            NoticeAction(
                "insights:notice_read",
                _("I have read this"),
                10,
                "insights.own_ladder",
                done=_("noted"),
                script="insights/notice-read.js",
                marker="notice-read",
            ),
        ),
        notification_kinds=(
            ("insights_flag", _("Groups under-reached in an open consultation")),
            ("insights_invitation", _("Invitations when people like me are under-heard")),
        ),
        actions={
            "insights.view": Standing.ORGANISER,  # community figures, baselines and flags
            "insights.manage": Standing.ORGANISER,  # import margins, act on flags
            "insights.own_ladder": Standing.RESIDENT,  # a resident's own depth ladder
            "insights.figures": Standing.PUBLIC,  # the public dashboard and open data (suppressed)
            "insights.district": Standing.SITE_ADMIN,  # the street office's overview
            "insights.visit": Standing.LEADER,  # log home visits (staff and resident leaders)
        },
        rules="linli.insights.rules.RULES",
        sweeps=("linli.insights.tasks.sweep_task",),
    )
