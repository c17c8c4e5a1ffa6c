"""API for insights: a consultation measured against the population baselines (with small
cells withheld, as on the page) and the flags raised - organisers only, by token or session; and
the community's figures with before and after, public like the dashboard."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.models import Community

from . import before_after, figures, queries
from .subjects import subject
from .suppression import THRESHOLD

router = Router(tags=["insights"])


class InsightsGroupOut(Schema):
    group: str
    label: str
    baseline: int | None
    participants: int | None
    rate: float | None
    ratio: float | None
    counted: bool
    flagged: bool | None


class InsightsDimensionOut(Schema):
    dimension: str
    label: str
    baseline: int | None
    participants: int | None
    score: float | None
    groups: list[InsightsGroupOut]


class InsightsMeasureOut(Schema):
    subject: str
    title: str
    is_open: bool
    threshold: int
    flag_below: float
    overall: float | None
    dimensions: list[InsightsDimensionOut]
    joint: InsightsDimensionOut | None


class InsightsFlagOut(Schema):
    id: int
    subject: str
    subject_title: str
    dimension: str
    group: str
    label: str
    ratio_when_raised: float
    ratio_now: float | None
    raised_at: datetime
    closed_at: datetime | None
    follow_ups: int


def _community(request: HttpRequest, slug: str) -> Community:
    community = get_object_or_404(Community, slug=slug)
    permissions.require(request.user, "insights.view", community)
    return community


def _table(table: dict[str, object], labels: dict[str, dict[str, str]]) -> dict[str, object]:
    name = str(table["dimension"])
    groups = [
        {**row, "label": queries.group_label(name, row["group"], labels)}
        for row in table["groups"]  # type: ignore[attr-defined]
    ]
    return {**table, "label": queries.dimension_label(name), "groups": groups}


@router.get("/communities/{slug}/insights/measure/{key}", response=InsightsMeasureOut, auth=CALLER)
def measure(request: HttpRequest, slug: str, key: str, below: float = 0.8) -> dict[str, object]:
    community = _community(request, slug)
    about = subject(community, key)
    below = min(max(below, 0.1), 1.0)
    published = queries.measure(community, about, flag_below=below).published
    labels = queries.group_labels()
    return {
        "subject": about.key,
        "title": about.title,
        "is_open": about.is_open,
        "threshold": published["threshold"],
        "flag_below": published["flag_below"],
        "overall": published["overall"],
        "dimensions": [_table(t, labels) for t in published["dimensions"]],
        "joint": _table(published["joint"], labels) if published["joint"] else None,
    }


@router.get("/communities/{slug}/insights/flags", response=list[InsightsFlagOut], auth=CALLER)
def flags(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    community = _community(request, slug)
    labels = queries.group_labels()
    return [
        {
            "id": f.pk,
            "subject": f.subject,
            "subject_title": f.subject_title,
            "dimension": f.dimension,
            "group": f.group,
            "label": queries.group_label(f.dimension, f.group, labels),
            "ratio_when_raised": f.ratio_when_raised,
            "ratio_now": f.ratio_now,
            "raised_at": f.raised_at,
            "closed_at": f.closed_at,
            "follow_ups": f.follow_ups.count(),
        }
        for f in queries.open_flags(community).prefetch_related("follow_ups")
    ]


class InsightsFigureOut(Schema):
    key: str
    label: str
    value: float | None  # None: withheld (fewer than 5 people or households)


class InsightsSideOut(Schema):
    survey: str
    question: str
    answered: int
    share: float | None
    low: float | None
    high: float | None
    design_effect: float | None


class InsightsChangeOut(Schema):
    estimate: float
    low: float
    high: float
    confidence: float


class InsightsBeforeAfterOut(Schema):
    weighting: str | None
    before: InsightsSideOut
    after: InsightsSideOut
    change: InsightsChangeOut | None


class InsightsFiguresOut(Schema):
    community: str
    year: int
    threshold: int
    participation_rate: float | None
    figures: list[InsightsFigureOut]
    before_after: list[InsightsBeforeAfterOut]


@router.get("/communities/{slug}/insights/figures", response=InsightsFiguresOut, auth=PUBLIC)
def community_figures(
    request: HttpRequest, slug: str, year: int | None = None
) -> dict[str, object]:
    """The community's figures for a year (this year by default), as on the public dashboard:
    small counts of people withheld; and the published before and after comparisons."""
    community = get_object_or_404(Community, slug=slug)
    permissions.require(request.user, "insights.figures", community)
    this_year = date.today().year
    year = this_year if year is None or not 2000 <= year <= this_year else year
    found = figures.year_figures(community, year)
    words = {key: str(w) for key, w, _p in figures.FIGURES}
    return {
        "community": community.slug,
        "year": year,
        "threshold": THRESHOLD,
        "participation_rate": found.participation_rate,
        "figures": [
            {"key": key, "label": words[key], "value": found.values[key]} for key in found.shown()
        ],
        "before_after": [c.as_dict() for c in before_after.for_community(community)],
    }
