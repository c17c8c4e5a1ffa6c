"""Signing up for a shift: a place or the waiting list (the queue is ``linli.core.waitlist``),
group sign-ups, freed places offered by a secret link."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit, waitlist
from linli.core.models import Member
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
from .teams import _activate, _verified_resident, require_lead


def _lock(activity: Activity) -> Activity:
    """Take the activity's row lock so sign-ups for one shift queue behind each other and two
    people can never both take the last place (PostgreSQL row lock; on SQLite the write lock of
    the IMMEDIATE transaction does the same)."""
    return (
        Activity.objects.select_for_update().select_related("team__community").get(pk=activity.pk)
    )


def _takes_signups(activity: Activity) -> None:
    if activity.status != Activity.Status.PUBLISHED:
        raise ServiceError(_("This activity is cancelled."))
    if activity.has_started:
        raise ServiceError(_("This activity has already started."))


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


@transaction.atomic
def sign_up(actor: Any, activity: Activity, member: Member) -> SignUp:
    """The actor signs themselves up: a place if one is free, else the waiting list."""
    community = activity.team.community
    require(actor, "volunteering.take_part", community)
    if member.user_id != getattr(actor, "pk", None):
        raise PermissionDenied("volunteering.take_part")
    _verified_resident(member, community)
    activity = _lock(activity)
    _takes_signups(activity)
    if not may_sign_up(member, activity):
        raise ServiceError(_("This activity is for members of the team. Join the team first."))
    _release_expired_offers(activity)
    signup = _prepare(activity, member)
    left = places_left(activity)
    waiting_ahead = activity.signups.filter(status=SignUp.Status.WAITING).exists()
    signup.status = (
        SignUp.Status.CONFIRMED
        if left is None or (left > 0 and not waiting_ahead)
        else SignUp.Status.WAITING
    )
    signup.save()
    if activity.team.joining == Team.Joining.OPEN and not is_member(actor, activity.team):
        tm, _created = TeamMember.objects.get_or_create(
            team=activity.team, member=member, defaults={"status": TeamMember.Status.ACTIVE}
        )
        if tm.status != TeamMember.Status.ACTIVE:
            _activate(tm)
    _tell_signed(signup)
    return signup


@transaction.atomic
def sign_up_group(actor: Any, activity: Activity, members: list[Member]) -> list[SignUp]:
    """A leader signs up several team members at once: all of them, or nobody when there are not
    enough free places (a half-signed-up group helps no one)."""
    require_lead(actor, activity.team)
    if not members:
        raise ServiceError(_("Choose at least one person."), "members")
    activity = _lock(activity)
    _takes_signups(activity)
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
    audit.log(
        actor,
        "volunteering.group_signed_up",
        activity,
        community=activity.team.community,
        after={"members": [m.pk for m in members]},
    )
    return signups


@transaction.atomic
def cancel_signup(actor: Any, signup: SignUp) -> SignUp:
    activity = signup.activity
    if signup.member.user_id != getattr(actor, "pk", None):
        require_lead(actor, activity.team)
    activity = _lock(activity)
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


def offer_next(activity: Activity) -> list[SignUp]:
    """Offer each free place to the next person waiting; they confirm by a secret link in time."""
    offered: list[SignUp] = []
    now = timezone.now()
    if activity.starts_at <= now or activity.status != Activity.Status.PUBLISHED:
        return offered
    offered = waitlist.offer_places(
        activity.signups.filter(status=SignUp.Status.WAITING),
        places_left(activity),
        activity.starts_at,
        now,
    )
    for signup in offered:
        notify(
            signup.member,
            "volunteer_signups",
            (gettext_lazy("A place is free for you: %(title)s"), {"title": activity.title}),
            (
                gettext_lazy(
                    "A place has become free at %(title)s on %(when)s. It is kept for you until "
                    "%(until)s: open the link to confirm. After that it goes to the next person."
                ),
                {
                    "title": activity.title,
                    "when": local_time(activity),
                    "until": local_time(activity, signup.offer_expires_at),
                },
            ),
            url=reverse(
                "volunteering:offer",
                args=[activity.team.community.slug, activity.pk, signup.offer_token],
            ),
            community=activity.team.community,
        )
    return offered


def _release_expired_offers(activity: Activity) -> int:
    expired = waitlist.expire_offers(
        activity.signups.filter(status=SignUp.Status.OFFERED), timezone.now()
    )
    if expired:
        offer_next(activity)
    return expired


def offer_for(activity: Activity, token: str) -> SignUp | None:
    if not token:
        return None
    return (
        SignUp.objects.select_related("member", "activity__team__community")
        .filter(activity=activity, offer_token=token)
        .first()
    )


@transaction.atomic
def answer_offer(activity: Activity, token: str, accept: bool) -> SignUp:
    """The secret link is the proof: a resident without an account can confirm too."""
    activity = _lock(activity)
    signup = offer_for(activity, token)
    try:
        waitlist.check_offer(signup, timezone.now())
    except waitlist.OfferLapsed:
        _release_expired_offers(activity)
        raise
    assert signup is not None  # check_offer refuses a missing one
    waitlist.answer_offer(signup, accept)
    if accept:
        _tell_signed(signup)
    else:
        offer_next(activity)
    return signup


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
