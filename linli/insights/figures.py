"""Community figures per year (reads): how many households and residents took part, meetings
held, proposals adopted and done, volunteers and their hours, loans between neighbours.

The same figures feed the public dashboard, the open-data export (CSV and JSON) and the district
overview, always after suppression: a count of 1 to 4 households or people is withheld, and so
is the count it could be worked out from (households taking part and not taking part add up to
the households on the roster)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Sum as DbSum
from django.utils.translation import gettext_lazy as _

from linli.core.models import Community, Household
from linli.participation.models import Act

from .suppression import THRESHOLD, Sum, suppress

# (key, words, counts people or households - so small values are withheld)
FIGURES: tuple[tuple[str, Any, bool], ...] = (
    ("households", _("Households on the roster"), False),
    ("households_taking_part", _("Households that took part"), True),
    ("residents_taking_part", _("Residents who took part"), True),
    ("acts", _("Acts of participation recorded"), False),
    ("meetings_held", _("Meetings held"), False),
    ("proposals_adopted", _("Proposals adopted"), False),
    ("proposals_done", _("Proposals carried out (issues resolved)"), False),
    ("volunteers", _("Volunteers with verified hours"), True),
    ("volunteer_hours", _("Verified volunteer hours"), False),
    ("loans", _("Loans between neighbours"), False),
)


@dataclass(frozen=True)
class YearFigures:
    community: Community
    year: int
    values: dict[str, float | None]  # None: withheld
    participation_rate: float | None


def _bounds(community: Community, year: int) -> tuple[datetime, datetime]:
    zone = ZoneInfo(community.timezone)
    return (
        datetime.combine(date(year, 1, 1), time.min, zone),
        datetime.combine(date(year + 1, 1, 1), time.min, zone),
    )


def raw(community: Community, year: int) -> dict[str, float]:
    from linli.meetings.models import Meeting
    from linli.proposals.models import Proposal
    from linli.sharing.models import Loan
    from linli.volunteering.models import Hours

    since, until = _bounds(community, year)
    acts = Act.objects.filter(community=community, occurred_at__gte=since, occurred_at__lt=until)
    hours = Hours.objects.filter(
        activity__team__community=community,
        status=Hours.Status.VERIFIED,
        activity__starts_at__gte=since,
        activity__starts_at__lt=until,
    )
    proposals = Proposal.objects.filter(
        community=community, created_at__gte=since, created_at__lt=until
    )
    adopted = [
        Proposal.Status.ACCEPTED,
        Proposal.Status.TO_VOTE,
        Proposal.Status.IN_PROGRESS,
        Proposal.Status.DONE,
    ]
    return {
        "households": Household.objects.filter(community=community).count(),
        "households_taking_part": acts.exclude(household=None)
        .values("household_id")
        .distinct()
        .count(),
        "residents_taking_part": acts.exclude(member=None).values("member_id").distinct().count(),
        "acts": acts.count(),
        "meetings_held": Meeting.objects.filter(
            community=community,
            status=Meeting.Status.PUBLISHED,
            ends_at__gte=since,
            ends_at__lt=min(until, datetime.now(ZoneInfo(community.timezone))),
        ).count(),
        "proposals_adopted": proposals.filter(status__in=adopted).count(),
        "proposals_done": proposals.filter(status=Proposal.Status.DONE).count(),
        "volunteers": hours.values("member_id").distinct().count(),
        "volunteer_hours": float(hours.aggregate(total=DbSum("hours"))["total"] or Decimal(0)),
        "loans": Loan.objects.filter(
            community=community,
            starts_on__year=year,
            status__in=[Loan.Status.HANDED_OVER, Loan.Status.RETURNED],
        ).count(),
    }


def year_figures(community: Community, year: int) -> YearFigures:
    values = raw(community, year)
    people = {key for key, _words, counts_people in FIGURES if counts_people}
    counts = {key: values[key] for key in people}
    counts["households_not_taking_part"] = max(
        values["households"] - values["households_taking_part"], 0
    )
    counts["households"] = values["households"]
    withheld = suppress(
        counts,
        [Sum("households", ("households_taking_part", "households_not_taking_part"))],
        published=[*people, "households"],
        threshold=THRESHOLD,
    )
    shown: dict[str, float | None] = {
        key: None if key in withheld else values[key] for key, _w, _p in FIGURES
    }
    rate = None
    if shown["households_taking_part"] is not None and values["households"]:
        rate = values["households_taking_part"] / values["households"]
    return YearFigures(community, year, shown, rate)


def rows(figures: list[YearFigures]) -> list[dict[str, Any]]:
    """One plain row per community and year, for the export."""
    return [
        {
            "community": f.community.slug,
            "year": f.year,
            **f.values,
            "participation_rate": None
            if f.participation_rate is None
            else round(f.participation_rate, 4),
        }
        for f in figures
    ]


def as_csv(figures: list[YearFigures]) -> bytes:
    data = rows(figures)
    buffer = io.StringIO()
    if data:
        writer = csv.DictWriter(buffer, fieldnames=list(data[0]))
        writer.writeheader()
        for row in data:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
