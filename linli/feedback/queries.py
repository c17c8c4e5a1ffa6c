"""What people read about feedback: selections and figures that change nothing. Pages, the API
and the commands in ``services.py`` read through these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.models import Community, Member, Place
from linli.core.open_now import OpenItem
from linli.core.script import to_script

from . import grouping, sla
from .models import Category, Channel, Item, MeToo, Report

RECENTLY_CLOSED_DAYS = 90


def today_in(community: Community) -> date:
    return timezone.localdate(timezone=ZoneInfo(community.timezone))


def with_counts(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.annotate(
        report_count=Count("reports", distinct=True),
        me_too_count=Count("me_toos", distinct=True),
    ).select_related("area", "partner", "community")


def report_count(item: Item) -> int:
    """The report count ``with_counts`` annotated."""
    return int(getattr(item, "report_count", 0))


def public_items(community: Community) -> QuerySet[Item]:
    """Items residents see: all open ones, and those closed in the last three months."""
    since = timezone.now() - timedelta(days=RECENTLY_CLOSED_DAYS)
    return with_counts(
        Item.objects.filter(community=community).filter(
            Q(closed_at__isnull=True) | Q(closed_at__gte=since)
        )
    )


def item_in(community: Community, pk: int) -> Item:
    item = with_counts(Item.objects.filter(community=community, pk=pk)).first()
    if item is None:
        raise Http404
    return item


def report_in(community: Community, pk: int) -> Report:
    report = Report.objects.filter(community=community, pk=pk).select_related("item").first()
    if report is None:
        raise Http404
    return report


def reports_of(item: Item) -> QuerySet[Report]:
    return item.reports.select_related("member", "household__flat", "place", "recorded_by")


def mine(member: Member | None, item: Item | None = None) -> QuerySet[Report]:
    """A resident's own reports (of one item, or all), newest first."""
    if member is None:
        return Report.objects.none()
    found = Report.objects.filter(member=member).select_related("item", "place")
    if item is not None:
        found = found.filter(item=item)
    return found.order_by("-created_at")


def counted(member: Member | None, item: Item) -> bool:
    """Whether this resident already stands behind the item (a report or a "me too")."""
    if member is None:
        return False
    return (
        item.reports.filter(member=member).exists() or item.me_toos.filter(member=member).exists()
    )


def by_courtyard(item: Item) -> list[grouping.Counted]:
    """Reports and "me too"s per courtyard of the household behind them, with households."""
    unknown = _("address not given")
    rows: list[tuple[str, Any]] = []
    for report in item.reports.select_related("household__area"):
        household = report.household
        rows.append((household.area.name if household else unknown, report.household_id))
    for extra in item.me_toos.select_related("household__area"):
        household = extra.household
        rows.append((household.area.name if household else unknown, extra.household_id))
    return grouping.count_by_courtyard(rows)


def households_behind(item: Item) -> int:
    return len(
        {r.household_id for r in item.reports.all() if r.household_id}
        | {m.household_id for m in item.me_toos.all() if m.household_id}
    )


def people_to_tell(item: Item) -> list[Member]:
    """Everyone who reported or said "me too", once each."""
    ids = set(item.reports.exclude(member=None).values_list("member", flat=True))
    ids |= set(item.me_toos.values_list("member", flat=True))
    return list(Member.objects.filter(pk__in=ids).select_related("user"))


def candidates(community: Community) -> list[grouping.Candidate]:
    """Open items a new report may join, most recently active first."""
    items = Item.objects.filter(community=community).open().order_by("-updated_at")
    texts: dict[int, list[str]] = {}
    for item_id, text in Report.objects.filter(item__in=items).values_list("item", "text"):
        texts.setdefault(item_id, []).append(text)
    return [
        grouping.Candidate(
            item.pk, item.area_id, item.category, [item.title, *texts.get(item.pk, [])]
        )
        for item in items
    ]


def place_choices(community: Community) -> QuerySet[Place]:
    """Courtyards, estates and buildings: where a problem can be."""
    return (
        Place.objects.filter(community=community, kind__in=[Place.Kind.AREA, Place.Kind.BUILDING])
        .select_related("parent")
        .order_by("parent__name", "kind", "name")
    )


def reporter_choices(community: Community) -> QuerySet[Member]:
    return Member.objects.filter(community=community, status=Member.Status.VERIFIED).order_by(
        "name"
    )


@dataclass(frozen=True)
class QueueRow:
    item: Item
    days_late: int
    households: int


def queue(community: Community, today: date | None = None) -> list[QueueRow]:
    """Open items for organisers: late ones first, then the most reported."""
    today = today or today_in(community)
    rows = [
        QueueRow(
            item,
            sla.days_late(item.due_on, today, answered=bool(item.answer)),
            households_behind(item),
        )
        for item in with_counts(Item.objects.filter(community=community).open()).prefetch_related(
            "reports", "me_toos"
        )
    ]
    return sorted(rows, key=lambda r: (-r.days_late, -report_count(r.item), -r.item.pk))


def late_items(community: Community | None = None, today: date | None = None) -> list[Item]:
    found = Item.objects.open().filter(answer="", due_on__isnull=False)
    if community is not None:
        found = found.filter(community=community)
    return [
        item
        for item in found.select_related("community")
        if sla.days_late(item.due_on, today or today_in(item.community), answered=False) > 0
    ]


@dataclass(frozen=True)
class MonthSummary:
    month: date
    reports: int
    households: int
    new_items: int
    answered: int
    closed: int
    open_now: int
    late_now: int
    by_category: list[tuple[str, int]]
    by_channel: list[tuple[str, int]]
    top_items: list[Item]


def month_bounds(community: Community, month: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(community.timezone)
    start = datetime.combine(month.replace(day=1), time.min, tzinfo=zone)
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, datetime.combine(following, time.min, tzinfo=zone)


def monthly_summary(community: Community, month: date) -> MonthSummary:
    """What residents told us in one month and what became of it (figures only, no names)."""
    start, end = month_bounds(community, month)
    reports = Report.objects.filter(community=community, created_at__gte=start, created_at__lt=end)
    items = Item.objects.filter(community=community)
    categories = dict(Category.choices)
    channels = dict(Channel.choices)
    by_category = reports.values_list("category").annotate(n=Count("pk")).order_by("-n")
    by_channel = reports.values_list("channel").annotate(n=Count("pk")).order_by("-n")
    top = with_counts(items.filter(reports__in=reports).distinct()).order_by("-report_count")[:5]
    return MonthSummary(
        month=month.replace(day=1),
        reports=reports.count(),
        households=reports.exclude(household=None).values("household").distinct().count(),
        new_items=items.filter(created_at__gte=start, created_at__lt=end).count(),
        answered=items.filter(answered_at__gte=start, answered_at__lt=end).count(),
        closed=items.filter(closed_at__gte=start, closed_at__lt=end).count(),
        open_now=items.open().count(),
        late_now=len(late_items(community)),
        by_category=[(str(categories.get(c, c)), n) for c, n in by_category],
        by_channel=[(str(channels.get(c, c)), n) for c, n in by_channel],
        top_items=list(top),
    )


def months_with_reports(community: Community) -> list[date]:
    found = Report.objects.filter(community=community).dates("created_at", "month", order="DESC")
    return list(found)


def open_items(community: Community, user: Any) -> list[OpenItem]:
    """The most-reported open items, so neighbours can add "me too" from the home page."""
    items = (
        with_counts(Item.objects.filter(community=community).open())
        .filter(report_count__gte=2)  # type: ignore[misc]  # annotated by with_counts
        .order_by("-report_count")[:3]
    )
    return [
        OpenItem(
            kind=_("Feedback"),
            title=to_script(item.heading),
            url=item.get_absolute_url(),
            summary=_("%(n)d reports so far. Does it affect you too?") % {"n": report_count(item)},
        )
        for item in items
    ]


def me_too_of(member: Member, item: Item) -> MeToo | None:
    return MeToo.objects.filter(member=member, item=item).first()


def report_backs(community: Community, since: datetime) -> QuerySet[Item]:
    """Items closed since ``since`` with their public report-back: what was done, for the
    newsletter (disclosure offers them beside notices and 公示 results)."""
    return (
        Item.objects.filter(community=community, status=Item.Status.CLOSED, closed_at__gte=since)
        .exclude(report_back="")
        .select_related("area", "community")
        .order_by("-closed_at")
    )
