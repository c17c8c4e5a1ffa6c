from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "linli.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from linli.core.notify import KINDS

        for kind, label in [
            ("meeting_registration", _("Meeting registrations, invitations and freed places")),
            ("meeting_changes", _("Changes to meetings I registered for, and cancellations")),
            ("meeting_reminders", _("Reminders two days and two hours before a meeting")),
            ("meeting_actions", _("Action items from meetings given to me")),
        ]:
            if not any(existing == kind for existing, _label in KINDS):
                KINDS.append((kind, label))
