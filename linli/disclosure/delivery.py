"""How residents hear about new notices and 公示, by their settings: the notification settings
(kind and channel) say whether and where; the member's ``Delivery`` says at once or gathered into
a daily or weekly digest, which the sweep sends. Called from inside the commands that publish."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from linli.core.models import Community, Member
from linli.core.notify import Text, notify, render_text, wants

from . import digest, queries
from .models import Delivery, Waiting

NOTIFY_DIGEST = "disclosure_digest"


def mode_of(member: Member) -> str:
    found = Delivery.objects.filter(member=member).values_list("mode", flat=True).first()
    return found or digest.AT_ONCE


def _language(member: Member) -> str:
    return (
        (member.user.language if member.user else "") or member.language or settings.LANGUAGE_CODE
    )


def _hears_at_all(member: Member, kind: str) -> bool:
    user = member.user
    return user is None or wants(user, kind, "email") or wants(user, kind, "in_app")


def tell_residents(community: Community, kind: str, title: Text, body: Text, url: str) -> int:
    """Tell every verified resident, each by their settings; returns how many were told (at once
    or in their next digest) - not those who turned the kind off everywhere."""
    modes = dict(
        Delivery.objects.filter(member__community=community).values_list("member_id", "mode")
    )
    told = 0
    for member in queries.residents_to_notify(community):
        if not _hears_at_all(member, kind):  # turned off in linli and by email
            continue
        if modes.get(member.pk, digest.AT_ONCE) == digest.AT_ONCE:
            notify(member, kind, title, body, url=url, community=community)
        else:
            Waiting.objects.create(
                member=member, kind=kind, title=render_text(title, _language(member))[:250], url=url
            )
        told += 1
    return told


def _local(community: Community, moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(community.timezone))


def send_digests(now: datetime | None = None) -> int:
    """Send every digest that is due (and what waits for a member who went back to "at once").
    Safe to run twice: what is sent is marked inside the same transaction."""
    now = now or timezone.now()
    sent = 0
    members = (
        Waiting.objects.filter(sent_at__isnull=True).values_list("member_id", flat=True).distinct()
    )
    for member in Member.objects.filter(pk__in=list(members)).select_related("community", "user"):
        with transaction.atomic():
            waiting = list(
                Waiting.objects.select_for_update().filter(member=member, sent_at__isnull=True)
            )
            if not waiting:
                continue
            community = member.community
            mode = mode_of(member)
            if not digest.is_due(
                mode, _local(community, waiting[0].created_at), _local(community, now)
            ):
                continue
            lines = [f"· {w.title}\n  {settings.SITE_URL}{w.url}" for w in waiting]
            notify(
                member,
                NOTIFY_DIGEST,
                (gettext_lazy("New in the disclosure register (%(n)s)"), {"n": len(waiting)}),
                "\n".join(lines),
                url=reverse("disclosure:register", args=[community.slug]),
                community=community,
            )
            Waiting.objects.filter(pk__in=[w.pk for w in waiting]).update(sent_at=now)
            sent += 1
    return sent
