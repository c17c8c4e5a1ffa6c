"""Signing up for a shift: a place or the waiting list (the queue is ``linli.core.waitlist``),
group sign-ups, freed places offered by a secret link."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import waitlist
from linli.core.kit import Forbidden, command
from linli.core.kit import audit as audit_entry
from linli.core.models import Member, User
from linli.core.notify import notify
from linli.core.permissions import require
from linli.core.services import ServiceError

from ..models import (
    Activity,
    SignUp,
    Team,
    TeamMember,
)
from ..queries import is_member, local_time, may_sign_up, places_left
from .teams import _activate, _verified_resident


def _lock(activity: Activity) -> Activity:
    """Take the activity's row lock so sign-ups for one shift queue behind each other and two
    people can never both take the last place (PostgreSQL row lock; on SQLite the write lock of
    the IMMEDIATE transaction does the same)."""
    return (
        Activity.objects.select_for_update().select_related("team__community").get(pk=activity.pk)
    )


def _prepare(activity: Activity, member: Member) -> SignUp:
    signup = SignUp.objects.select_for_update().filter(activity=activity, member=member).first()
    if signup is not None and signup.status not in (SignUp.Status.CANCELLED, SignUp.Status.EXPIRED):
        raise ServiceError(
            _("%(name)s is already signed up for this activity.") % {"name": member.name}
        )
    signup = signup or SignUp(activity=activity, member=member)
    signup.queued_at = timezone.now()
    signup.offer_token, signup.offer_expires_at = "", None
    signup.reminded_48h_at = None
    return signup


@command("volunteering.sign_up_for", on="activity", lock=True)
def sign_up(actor: User, activity: Activity, member: Member) -> SignUp:
    """The actor signs themselves up: a place if one is free, else the waiting list."""
    community = activity.team.community
    if member.user_id != actor.pk:
        raise Forbidden("volunteering.take_part")
    _verified_resident(member, community)
    if not may_sign_up(member, activity):
        raise ServiceError(_("This activity is for members of the team. Join the team first."))
    _release_expired_offers(activity)
    signup = _prepare(activity, member)
    signup.status = ShiftPlaces(activity).newcomer_status()
    signup.save()
    if activity.team.joining == Team.Joining.OPEN and not is_member(actor, activity.team):
        tm, _created = TeamMember.objects.get_or_create(
            team=activity.team, member=member, defaults={"status": TeamMember.Status.ACTIVE}
        )
        if tm.status != TeamMember.Status.ACTIVE:
            _activate(tm)
    _tell_signed(signup)
    return signup


@command("volunteering.lead_team", on="activity")
def sign_up_group(actor: User, activity: Activity, members: list[Member]) -> list[SignUp]:
    """A leader signs up several team members at once: all of them, or nobody when there are not
    enough free places (a half-signed-up group helps no one)."""
    if not members:
        raise ServiceError(_("Choose at least one person."), "members")
    activity = _lock(activity)
    require(actor, "volunteering.sign_up_for", activity)
    _release_expired_offers(activity)
    for member in members:
        _verified_resident(member, activity.team.community)
        if not may_sign_up(member, activity):
            raise ServiceError(
                _("%(name)s is not in the team: nobody was signed up.") % {"name": member.name},
                "members",
            )
    signups = [_prepare(activity, member) for member in members]
    left = places_left(activity)
    if activity.signups.filter(status=SignUp.Status.WAITING).exists():
        left = 0 if left is not None else None
    if left is not None and left < len(signups):
        raise ServiceError(
            _(
                "Only %(left)s places are free for %(count)s people, so nobody was signed up. "
                "Choose fewer people or raise the number of places."
            )
            % {"left": left, "count": len(signups)},
            "members",
        )
    for signup in signups:
        signup.status = SignUp.Status.CONFIRMED
        signup.signed_up_by = actor
        signup.save()
        _tell_signed(signup)
    audit_entry(
        "volunteering.group_signed_up",
        activity,
        community=activity.team.community,
        after={"members": [m.pk for m in members]},
    )
    return signups


@command("volunteering.withdraw", on="signup")
def cancel_signup(actor: User, signup: SignUp) -> SignUp:
    activity = _lock(signup.activity)
    signup = SignUp.objects.select_for_update().get(pk=signup.pk)
    if signup.status in (SignUp.Status.CANCELLED, SignUp.Status.EXPIRED):
        return signup
    if activity.has_started:
        raise ServiceError(_("The activity has started: it can no longer be cancelled."))
    freed = signup.holds_place
    signup.status = SignUp.Status.CANCELLED
    signup.offer_token, signup.offer_expires_at = "", None
    signup.save(update_fields=["status", "offer_token", "offer_expires_at"])
    if freed:
        offer_next(activity)
    return signup


class ShiftPlaces(waitlist.Queue):
    """A shift's places and waiting list."""

    notification_kind = "volunteer_signups"

    def rows(self) -> QuerySet[SignUp]:
        return self.event.signups.all()

    def takes_offers(self) -> bool:
        return self.event.status == Activity.Status.PUBLISHED

    def offer_url(self, row: SignUp) -> str:
        activity = self.event
        return reverse(
            "volunteering:offer", args=[activity.community.slug, activity.pk, row.offer_token]
        )

    def when(self, moment: datetime | None = None) -> str:
        return local_time(self.event, moment)

    def tell_placed(self, row: SignUp) -> None:
        _tell_signed(row)


def offer_next(activity: Activity) -> list[SignUp]:
    return ShiftPlaces(activity).offer_next()


def _release_expired_offers(activity: Activity) -> int:
    return ShiftPlaces(activity).release_expired()


def offer_for(activity: Activity, token: str) -> SignUp | None:
    return ShiftPlaces(activity).offer_for(token)  # type: ignore[no-any-return]


@command("volunteering.view", on="activity", lock=True)
def answer_offer(
    actor: User | AnonymousUser, activity: Activity, token: str, accept: bool
) -> SignUp:
    """The secret link is the proof: a resident without an account can confirm too (``actor``
    may be the anonymous visitor)."""
    return ShiftPlaces(activity).answer(token, accept)  # type: ignore[no-any-return]


def _tell_signed(signup: SignUp) -> None:
    activity = signup.activity
    if signup.status == SignUp.Status.CONFIRMED:
        title = (gettext_lazy("You have a place: %(title)s"), {"title": activity.title})
        body = (
            gettext_lazy(
                "See you at %(title)s on %(when)s, %(where)s. Your check-in code is %(code)s."
            ),
            {
                "title": activity.title,
                "when": local_time(activity),
                "where": activity.place,
                "code": signup.code,
            },
        )
    else:
        title = (gettext_lazy("On the waiting list: %(title)s"), {"title": activity.title})
        body = (
            gettext_lazy(
                "%(title)s on %(when)s is full. You are on the waiting list: if a place becomes "
                "free you will get a link to confirm it."
            ),
            {"title": activity.title, "when": local_time(activity)},
        )
    notify(
        signup.member,
        "volunteer_signups",
        title,
        body,
        url=activity.get_absolute_url(),
        community=activity.team.community,
    )
