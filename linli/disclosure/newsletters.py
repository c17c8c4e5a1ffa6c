"""Newsletters and targeted outreach: an issue composed from recent notices, 公示 results and
feedback report-backs, sent by email (through the outbox, by each resident's notification
settings) to a segment - by courtyard, language, accessibility needs, or the households not yet
reached behind an insights flag - and printable as an A4 sheet. A resident who opted out (on their page, or by the signed
link in every newsletter, which works without signing in) gets none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.kit import Forbidden, Refused, audit, command, ledger, own_command
from linli.core.models import Community, Demographics, Member, User
from linli.core.notify import notify
from linli.core.permissions import member_of
from linli.participation.models import Channel, Depth, Method

from .models import Entry, Newsletter, NewsletterOptOut, NewsletterReading, Publicity

NOTIFY_NEWSLETTER = "disclosure_newsletter"
RECENT_DAYS = 45
MAX_ITEMS = 12
_SALT = "linli.newsletter.unsubscribe"


COUNT_LABELS = {
    "verified": gettext_lazy("verified residents"),
    "courtyards": gettext_lazy("in the chosen courtyards"),
    "language": gettext_lazy("reading the chosen language"),
    "accessibility": gettext_lazy("with accessibility needs"),
    "not_reached": gettext_lazy("in households not yet reached"),
    "opted_out": gettext_lazy("opted out (left out)"),
    "sent": gettext_lazy("sent"),
}


def count_rows(counts: dict[str, int]) -> list[tuple[str, int]]:
    """The narrowing of a segment step by step, in words."""
    return [(str(COUNT_LABELS.get(key, key)), n) for key, n in counts.items()]


@dataclass(frozen=True)
class Candidate:
    key: str  # "entry:3", "publicity:5", "report_back:7"
    kind: str
    title: str
    url: str


@dataclass(frozen=True)
class Segment:
    """Who gets the issue; each part narrows it (empty = everyone verified)."""

    courtyards: tuple[int, ...] = ()
    language: str = ""
    accessibility: bool = False
    flag: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "courtyards": list(self.courtyards),
            "language": self.language,
            "accessibility": self.accessibility,
            "flag": self.flag,
        }


@dataclass
class Recipients:
    members: list[Member]
    opted_out: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def candidates(community: Community, days: int = RECENT_DAYS) -> list[Candidate]:
    """What an organiser may pick: notices published and 公示 that became final recently."""
    since = timezone.now() - timedelta(days=days)
    found = [
        Candidate(f"entry:{e.pk}", str(e.get_category_display()), e.title, e.get_absolute_url())
        for e in Entry.objects.filter(
            community=community, notice__isnull=False, publish_at__gte=since
        ).order_by("-publish_at")[:30]
    ]
    found += [
        Candidate(f"publicity:{p.pk}", _("result after 公示"), p.title, p.get_absolute_url())
        for p in Publicity.objects.filter(
            community=community, starts_on__gte=since.date()
        ).order_by("-starts_on")[:20]
    ]
    found += _report_backs(community, since)
    return found


def _report_backs(community: Community, since: datetime) -> list[Candidate]:
    """Feedback items closed with a report-back ("what was done") recently, when the community
    has the feedback module."""
    if not apps.is_installed("linli.feedback"):
        return []
    from linli.feedback import queries as feedback

    return [
        Candidate(f"report_back:{i.pk}", _("report-back"), i.heading, i.get_absolute_url())
        for i in feedback.report_backs(community, since)[:20]
    ]


def _flag_households(community: Community, flag_id: int) -> Any:
    from linli.insights import queries as insight_queries
    from linli.insights.models import Flag
    from linli.insights.subjects import subject

    flag = Flag.objects.filter(community=community, pk=flag_id).first()
    if flag is None:
        raise Refused(_("Choose an under-reached group from the list."), "flag")
    return insight_queries.missing_households(community, flag, subject(community, flag.subject))


def open_flags(community: Community) -> list[tuple[int, str]]:
    from linli.insights.models import Flag

    flags = Flag.objects.filter(community=community, closed_at__isnull=True)
    return [(f.pk, f"{f.subject_title}: {f.group}") for f in flags]


def recipients(community: Community, segment: Segment) -> Recipients:
    members = Member.objects.filter(community=community, status=Member.Status.VERIFIED)
    counts: dict[str, int] = {"verified": members.count()}
    if segment.courtyards:
        members = members.filter(household__area_id__in=segment.courtyards)
        counts["courtyards"] = members.count()
    if segment.language:
        members = members.filter(language=segment.language)
        counts["language"] = members.count()
    if segment.accessibility:
        with_needs = [
            member_id
            for member_id, needs in Demographics.objects.filter(
                member__community=community
            ).values_list("member_id", "disabilities")
            if needs
        ]
        members = members.filter(pk__in=with_needs)
        counts["accessibility"] = members.count()
    if segment.flag:
        members = members.filter(household__in=_flag_households(community, segment.flag))
        counts["not_reached"] = members.count()
    chosen = list(members.select_related("user", "household").order_by("pk"))
    out = set(
        NewsletterOptOut.objects.filter(member__in=chosen).values_list("member_id", flat=True)
    )
    counts["opted_out"] = len(out)
    reached = [m for m in chosen if m.pk not in out]
    counts["sent"] = len(reached)
    return Recipients(reached, len(out), counts)


def unsubscribe_token(member: Member) -> str:
    return signing.dumps(member.pk, salt=_SALT)


def member_for_token(community: Community, token: str) -> Member | None:
    try:
        pk = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    return Member.objects.filter(community=community, pk=pk).first()


def unsubscribe_url(member: Member) -> str:
    return reverse(
        "disclosure:unsubscribe", args=[member.community.slug, unsubscribe_token(member)]
    )


def _body(newsletter: Newsletter, member: Member) -> str:
    lines = [newsletter.intro, ""]
    lines += [f"· {item['title']}\n  {settings.SITE_URL}{item['url']}" for item in newsletter.items]
    lines += [
        "",
        _("No more newsletters: %(link)s") % {"link": settings.SITE_URL + unsubscribe_url(member)},
    ]
    return "\n".join(lines)


@command("disclosure.manage", on="community")
def send_newsletter(
    actor: User, community: Community, title: str, intro: str, keys: list[str], segment: Segment
) -> Newsletter:
    """Send one issue to the segment (opt-outs left out; the outbox sends the emails)."""
    if not title.strip() or not intro.strip():
        raise Refused(_("Give the newsletter a title and an introduction."), "title")
    offered = {c.key: c for c in candidates(community)}
    picked = [offered[k] for k in keys if k in offered]
    if not picked:
        raise Refused(_("Pick at least one item from the list."), "items")
    if len(picked) > MAX_ITEMS:
        raise Refused(_("At most %(n)d items in one newsletter.") % {"n": MAX_ITEMS}, "items")
    found = recipients(community, segment)
    if not found.members:
        raise Refused(_("Nobody is in this segment; widen it."), None)
    newsletter = Newsletter.objects.create(
        community=community,
        title=title.strip(),
        intro=intro.strip(),
        items=[{"title": c.title, "url": c.url, "kind": c.kind} for c in picked],
        segment=segment.as_json(),
        counts=found.counts,
        sent_to=len(found.members),
        sent_by=actor,
    )
    for member in found.members:
        with_language = member.user.language if member.user else member.language
        with translation.override(with_language or settings.LANGUAGE_CODE):
            body = _body(newsletter, member)
        notify(
            member,
            NOTIFY_NEWSLETTER,
            newsletter.title,
            body,
            url=newsletter.get_absolute_url(),
            community=community,
        )
    audit("disclosure.newsletter.send", newsletter, after={"counts": found.counts})
    return newsletter


@command("disclosure.read", on="newsletter")
def mark_newsletter_read(actor: User, newsletter: Newsletter) -> NewsletterReading:
    member = member_of(actor, newsletter.community)
    if member is None:
        raise Forbidden(_("Only members of this community can do this."))
    reading, created = NewsletterReading.objects.get_or_create(newsletter=newsletter, member=member)
    if created:
        ledger(
            member,
            method=Method.OTHER,
            channel=Channel.ONLINE,
            depth=Depth.INFORMED,
            source=reading,
        )
    return reading


def _set_opt_out(member: Member, out: bool) -> None:
    if out:
        NewsletterOptOut.objects.get_or_create(member=member)
    else:
        NewsletterOptOut.objects.filter(member=member).delete()
    audit("disclosure.newsletter.opt_out" if out else "disclosure.newsletter.opt_in", member)


@own_command(on="member")
def choose_newsletters(actor: User, member: Member, wanted: bool) -> None:
    """The resident's own setting: newsletters or none."""
    _set_opt_out(member, not wanted)


@command("disclosure.view", on="community")
def unsubscribe(actor: User | AnonymousUser, community: Community, token: str) -> Member:
    """The signed link in the newsletter is the proof; no sign-in needed."""
    member = member_for_token(community, token)
    if member is None:
        raise Refused(_("This link is not valid. Sign in to change your choice."), None)
    _set_opt_out(member, True)
    return member


def opted_out(member: Member | None) -> bool:
    return member is not None and NewsletterOptOut.objects.filter(member=member).exists()
