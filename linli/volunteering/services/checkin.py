"""Check-in and check-out at a shift (by code, QR or a leader's tick); the door's rules are
``linli.core.checkin``, shared with meetings."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import waitlist
from linli.core.checkin import Door
from linli.core.kit import command
from linli.core.models import User
from linli.core.services import ServiceError

from ..models import (
    Activity,
    SignUp,
)
from ..queries import local_time

read_code = waitlist.read_code

DOOR = Door(
    rows=SignUp,
    event_field="activity",
    unknown=gettext_lazy("This code is not known. Check it, or tick the name in the list."),
    elsewhere=gettext_lazy("This code is for another activity (%(title)s), not this one."),
    already=gettext_lazy("%(name)s is already checked in (%(time)s)."),
    no_place=gettext_lazy("%(name)s has no place (%(status)s)."),
    when=local_time,
)


def checkin_url(signup: SignUp) -> str:
    return waitlist.checkin_url("volunteering:checkin", signup.activity, signup.code)


@command("volunteering.lead_team", on="activity")
def check_in(actor: User, activity: Activity, raw_code: str) -> SignUp:
    return DOOR.mark_in(actor, DOOR.by_code(activity, raw_code))  # type: ignore[return-value]


@command("volunteering.lead_team", on="signup")
def tick(actor: User, signup: SignUp) -> SignUp:
    """The leader ticks a name in the list instead of scanning."""
    signup = (
        SignUp.objects.select_for_update().select_related("member", "activity").get(pk=signup.pk)
    )
    return DOOR.mark_in(actor, signup)  # type: ignore[return-value]


@command("volunteering.lead_team", on="signup")
def check_out(actor: User, signup: SignUp) -> SignUp:
    if signup.checked_in_at is None:
        raise ServiceError(_("Check the person in before checking them out."))
    if signup.checked_out_at is not None:
        raise ServiceError(_("This person is already checked out."))
    signup.checked_out_at = timezone.now()
    signup.save(update_fields=["checked_out_at"])
    return signup
