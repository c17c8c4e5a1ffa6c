from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Hook, Module, Nav
from linli.core.kit.standing import Standing


class MeetingsConfig(AppConfig):
    name = "linli.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
    kit = Module(
        work_queue=Hook("linli.meetings.work_queue.work", 40),
        my_activity=Hook("linli.meetings.my_activity.activity", 40),
        open_items=Hook("linli.meetings.queries.open_items", 50),
        project_links=Hook("linli.meetings.queries.project_items", 30),
        demo=Hook("linli.meetings.demo.load", 50),
        api_router=Hook("linli.meetings.api.router", 50),
        nav=(Nav("meetings:list", _("Meetings"), 40),),
        notification_kinds=(
            ("meeting_registration", _("Meeting registrations, invitations and freed places")),
            ("meeting_changes", _("Changes to meetings I registered for, and cancellations")),
            ("meeting_reminders", _("Reminders two days and two hours before a meeting")),
            ("meeting_actions", _("Action items from meetings given to me")),
            ("meeting_hearing", _("Public hearings I signed up to speak at, and their response")),
        ),
        actions={
            "meetings.view": Standing.PUBLIC,  # published meetings, published minutes and action items
            "meetings.register": Standing.RESIDENT,
            "meetings.check_in": Standing.LEADER,  # resident leaders help at the door
            "meetings.register_others": Standing.ORGANISER,  # phone sign-ups entered by staff
            "meetings.manage": Standing.ORGANISER,
            "meetings.skills": Standing.ORGANISER,  # a resident's trainings and skills
        },
        rules="linli.meetings.rules.RULES",
        sweeps=("linli.meetings.tasks.sweep_task",),
    )
