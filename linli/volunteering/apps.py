from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class VolunteeringConfig(AppConfig):
    name = "linli.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")
    kit = Module(
        my_activity=Hook("linli.volunteering.my_activity.activity", 100),
        open_items=Hook("linli.volunteering.queries.open_items", 80),
        project_links=Hook("linli.volunteering.queries.project_items", 40),
        demo=Hook("linli.volunteering.demo.load", 80),
        api_router=Hook("linli.volunteering.api.router", 80),
        nav=(Nav("volunteering:list", _("Volunteer teams"), 100, group="neighbours"),),
        notification_kinds=(
            ("volunteer_team", _("Volunteer teams: invitations and requests to join")),
            ("volunteer_signups", _("Volunteer shifts: places, waiting list, changes")),
            ("volunteer_reminders", _("Reminders two days before a volunteer shift")),
            ("volunteer_hours", _("Volunteer hours: verification, corrections, milestones")),
        ),
        actions={
            # Team leaders are not a community role: leading a team is checked in volunteering.services.
            "volunteering.view": Standing.PUBLIC,  # teams, activities, impact; member lists only to members
            "volunteering.take_part": Standing.RESIDENT,  # join, sign up, log own hours, certificate
            "volunteering.manage": Standing.ORGANISER,  # start teams; lead every team; community reports
        },
        rules="linli.volunteering.rules.RULES",
        sweeps=("linli.volunteering.tasks.sweep_task",),
    )
