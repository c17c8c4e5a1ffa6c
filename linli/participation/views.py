"""The organisers' first view of the ledger: participation by courtyard, method and channel over time."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.decorators import community_view
from linli.core.models import Community, Household, Place

from .models import Act, Channel, Method
from .summary import bar_heights, cross_table

PERIODS = {"3": 3, "6": 6, "12": 12, "24": 24}


@community_view("ledger.view")
def ledger(request: HttpRequest, community: Community) -> HttpResponse:
    months_back = PERIODS.get(request.GET.get("months", "12"), 12)
    since = (timezone.now() - timedelta(days=31 * months_back)).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    acts = Act.objects.filter(community=community, occurred_at__gte=since)
    method = request.GET.get("method", "")
    if method in Method.values:
        acts = acts.filter(method=method)
    channel = request.GET.get("channel", "")
    if channel in Channel.values:
        acts = acts.filter(channel=channel)

    monthly = (
        acts.annotate(month=TruncMonth("occurred_at", tzinfo=timezone.get_current_timezone()))
        .values("month", "method")
        .annotate(n=Count("id"))
    )
    months = []
    cursor = since
    while cursor <= timezone.now():
        months.append(cursor.strftime("%Y-%m"))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    methods_used = sorted({row["method"] for row in monthly})
    by_month = cross_table(
        ((r["month"].strftime("%Y-%m"), r["method"], r["n"]) for r in monthly), months, methods_used
    )
    method_labels = dict(Method.choices)
    channel_labels = dict(Channel.choices)

    areas = list(Place.objects.filter(community=community, parent__isnull=True).order_by("name"))
    area_names = {a.pk: a.name for a in areas}
    by_area_rows = acts.values("area", "channel").annotate(n=Count("id"))
    area_order = [a.name for a in areas] + [_("no address")]
    channels_used = [c for c in Channel.values if any(r["channel"] == c for r in by_area_rows)]
    by_area = cross_table(
        ((area_names.get(r["area"], _("no address")), r["channel"], r["n"]) for r in by_area_rows),
        area_order,
        channels_used,
    )
    households_total = {
        area_names[row["area"]]: row["n"]
        for row in Household.objects.filter(community=community)
        .values("area")
        .annotate(n=Count("id"))
    }
    households_active = {
        area_names.get(row["area"], ""): row["n"]
        for row in acts.exclude(household=None)
        .values("area")
        .annotate(n=Count("household", distinct=True))
    }
    breadth = [
        {
            "area": name,
            "active": households_active.get(name, 0),
            "total": households_total.get(name, 0),
        }
        for name in area_order[:-1]
    ]
    chart = [
        {
            "label": label,
            "short": label[5:],
            "total": total,
            "x": 40 * i + 6,
            "cx": 40 * i + 20,
            "y": round(180 - height, 1),
            "h": round(height, 1),
        }
        for i, (label, total, height) in enumerate(
            zip(
                by_month.rows,
                by_month.row_totals,
                bar_heights(by_month.row_totals, 160),
                strict=True,
            )
        )
    ]
    context = {
        "community": community,
        "months_back": months_back,
        "periods": PERIODS,
        "method": method,
        "channel": channel,
        "methods": Method.choices,
        "channels": Channel.choices,
        "by_month": by_month,
        "by_month_rows": zip(by_month.rows, by_month.cells, by_month.row_totals, strict=True),
        "method_columns": [method_labels.get(m, m) for m in by_month.columns],
        "by_area": by_area,
        "by_area_rows": zip(by_area.rows, by_area.cells, by_area.row_totals, strict=True),
        "channel_columns": [channel_labels.get(c, c) for c in by_area.columns],
        "chart": chart,
        "chart_width": max(40 * len(chart), 200),
        "breadth": breadth,
        "total": acts.count(),
        "people": acts.exclude(member=None).values("member").distinct().count(),
    }
    return render(request, "participation/ledger.html", context)
