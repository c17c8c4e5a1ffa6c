from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "linli.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self) -> None:
        from linli.core.notify import KINDS

        for kind, label in [
            ("volunteer_team", _("Volunteer teams: invitations and requests to join")),
            ("volunteer_signups", _("Volunteer shifts: places, waiting list, changes")),
            ("volunteer_reminders", _("Reminders two days before a volunteer shift")),
            ("volunteer_hours", _("Volunteer hours: verification, corrections, milestones")),
        ]:
            if not any(existing == kind for existing, _label in KINDS):
                KINDS.append((kind, label))
