"""Check-in and check-out at a shift (by code, QR or a leader's tick)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import waitlist
from linli.core.kit import command
from linli.core.models import User
from linli.core.services import ServiceError

from ..models import (
    Activity,
    SignUp,
)
from ..queries import local_time

read_code = waitlist.read_code


def checkin_url(signup: SignUp) -> str:
    return waitlist.checkin_url("volunteering:checkin", signup.activity, signup.code)


@command("volunteering.lead_team", on="activity")
def check_in(actor: User, activity: Activity, raw_code: str) -> SignUp:
    code = read_code(raw_code)
    if not code:
        raise ServiceError(_("Type or scan a check-in code."), "code")
    signup = (
        SignUp.objects.select_for_update()
        .select_related("member", "activity")
        .filter(code=code)
        .first()
    )
    if signup is None:
        raise ServiceError(
            _("This code is not known. Check it, or tick the name in the list."), "code"
        )
    if signup.activity_id != activity.pk:
        raise ServiceError(
            _("This code is for another activity (%(title)s), not this one.")
            % {"title": signup.activity.title},
            "code",
        )
    return _mark_in(actor, signup)


def _mark_in(actor: Any, signup: SignUp) -> SignUp:
    if signup.checked_in_at is not None:
        raise ServiceError(
            _("%(name)s is already checked in (%(time)s).")
            % {
                "name": signup.member.name,
                "time": local_time(signup.activity, signup.checked_in_at),
            },
            "code",
        )
    if signup.status != SignUp.Status.CONFIRMED:
        raise ServiceError(
            _("%(name)s has no place (%(status)s).")
            % {"name": signup.member.name, "status": signup.get_status_display()},
            "code",
        )
    signup.checked_in_at = timezone.now()
    signup.checked_in_by = actor
    signup.save(update_fields=["checked_in_at", "checked_in_by"])
    return signup


@command("volunteering.lead_team", on="signup")
def tick(actor: User, signup: SignUp) -> SignUp:
    """The leader ticks a name in the list instead of scanning."""
    signup = (
        SignUp.objects.select_for_update().select_related("member", "activity").get(pk=signup.pk)
    )
    return _mark_in(actor, signup)


@command("volunteering.lead_team", on="signup")
def check_out(actor: User, signup: SignUp) -> SignUp:
    if signup.checked_in_at is None:
        raise ServiceError(_("Check the person in before checking them out."))
    if signup.checked_out_at is not None:
        raise ServiceError(_("This person is already checked out."))
    signup.checked_out_at = timezone.now()
    signup.save(update_fields=["checked_out_at"])
    return signup
