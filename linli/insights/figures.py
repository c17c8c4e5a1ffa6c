"""Community figures per year (reads): how many households and residents took part, meetings
held, proposals adopted and done, money decided by residents and spent, grant evaluations,
volunteers and their hours, loans between neighbours.

Each source is read by one small function (``_participation``, ``_budgets``, ``_grants``...) so
the modules it reads can change shape without touching the rest; a module that is not installed
or is switched off in the community gives no figures, and its rows are left out rather than shown
as zero. Issues resolved come from the governance module (adopted motions on a matter).

"Took part" means an act at depth 2 (consulted) or deeper. Residents whose only acts in the year
were at depth 1 - they read a notice or came to a briefing - are counted apart as "informed": the
bottom rung of the ladder, reached but not yet heard.

The same figures feed the public dashboard, the open-data export (CSV and JSON) and the district
overview, always after suppression: a count of 1 to 4 households or people is withheld, and so
is the count it could be worked out from (households taking part and not taking part add up to
the households on the roster). Money and counts of meetings, proposals, projects and loans are
not counts of people and are shown as they are."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Max
from django.db.models import Sum as DbSum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.models import Community, Household
from linli.participation.models import Act, Depth

from .suppression import THRESHOLD, Sum, suppress

# (key, words, counts people or households - so small values are withheld)
FIGURES: tuple[tuple[str, Any, bool], ...] = (
    ("households", _("Households on the roster"), False),
    ("households_taking_part", _("Households that took part"), True),
    ("residents_taking_part", _("Residents who took part"), True),
    ("residents_informed", _("Residents informed only (read a notice, came to a briefing)"), True),
    ("acts", _("Acts of participation recorded"), False),
    ("meetings_held", _("Meetings held"), False),
    ("proposals_adopted", _("Proposals adopted"), False),
    ("proposals_done", _("Proposals carried out"), False),
    ("issues_resolved", _("Issues resolved"), False),
    ("money_decided", _("Money decided by residents (yuan)"), False),
    ("money_budgets", _("of which participatory budgets allocated (yuan)"), False),
    ("money_grants", _("of which grants awarded (yuan)"), False),
    ("money_awards", _("of which contest awards (yuan)"), False),
    ("money_spent", _("Money spent, with receipts (yuan)"), False),
    ("grant_evaluations", _("Grant projects evaluated"), False),
    ("evaluations_continue", _("of which to continue"), False),
    ("evaluations_conditions", _("of which to continue with conditions"), False),
    ("evaluations_end", _("of which to end"), False),
    ("volunteers", _("Volunteers with verified hours"), True),
    ("volunteer_hours", _("Verified volunteer hours"), False),
    ("loans", _("Loans between neighbours"), False),
)
# Rows that break the figure above them down ("of which ...").
PARTS = frozenset(
    (
        "money_budgets",
        "money_grants",
        "money_awards",
        "evaluations_continue",
        "evaluations_conditions",
        "evaluations_end",
    )
)
MONEY = ("money_decided", "money_budgets", "money_grants", "money_awards", "money_spent")


@dataclass(frozen=True)
class YearFigures:
    community: Community
    year: int
    values: dict[str, float | None]  # None: withheld; a key missing: no source for it
    participation_rate: float | None

    def shown(self) -> list[str]:
        """The keys this community has figures for, in the order of ``FIGURES``."""
        return [key for key, _w, _p in FIGURES if key in self.values]


def _bounds(community: Community, year: int) -> tuple[datetime, datetime]:
    zone = ZoneInfo(community.timezone)
    return (
        datetime.combine(date(year, 1, 1), time.min, zone),
        datetime.combine(date(year + 1, 1, 1), time.min, zone),
    )


def _installed(label: str) -> bool:
    return apps.is_installed(f"linli.{label}")


def _yuan(value: Any) -> float:
    return float(value or Decimal(0))


def _fen(value: Any) -> float:
    """Integer fen (what was paid on receipts) as yuan."""
    return float(Decimal(value or 0) / 100)


# --- one reader per source ----------------------------------------------------------------------


def _participation(community: Community, since: datetime, until: datetime) -> dict[str, float]:
    """Households and residents that took part (depth 2 or more), and residents only informed:
    the year's acts read as integers in one query (the ``community, occurred_at`` index) and
    counted with NumPy - several times faster than the database's DISTINCT counts on SQLite."""
    from django.db import connection

    acts = (
        Act.objects.filter(community=community, occurred_at__gte=since, occurred_at__lt=until)
        .order_by()
        .values_list(Coalesce("household_id", 0), Coalesce("member_id", 0), "depth")
    )
    sql, params = acts.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 3)
    household, member, depth = rows[:, 0], rows[:, 1], rows[:, 2]
    took_part = depth >= Depth.CONSULTED
    residents = np.unique(member[took_part & (member > 0)]).size
    return {
        "households": Household.objects.filter(community=community).count(),
        "households_taking_part": np.unique(household[took_part & (household > 0)]).size,
        "residents_taking_part": residents,
        "residents_informed": np.unique(member[member > 0]).size - residents,
        "acts": len(rows),
    }


def _meetings(community: Community, since: datetime, until: datetime) -> dict[str, float]:
    from linli.meetings.models import Meeting

    now = datetime.now(ZoneInfo(community.timezone))
    held = Meeting.objects.filter(
        community=community,
        status=Meeting.Status.PUBLISHED,
        ends_at__gte=since,
        ends_at__lt=min(until, now),
    )
    return {"meetings_held": held.count()}


def _proposals(community: Community, since: datetime, until: datetime) -> dict[str, float]:
    from linli.proposals.models import Proposal

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
        "proposals_adopted": proposals.filter(status__in=adopted).count(),
        "proposals_done": proposals.filter(status=Proposal.Status.DONE).count(),
    }


def _issues_resolved(community: Community, since: datetime, until: datetime) -> dict[str, float]:
    """Issues resolved by the community's resident bodies: governance's adopted motions on a
    matter (``linli.governance.queries.issues_resolved``)."""
    from linli.governance.queries import issues_resolved

    return {"issues_resolved": issues_resolved(community, since, until)}


def _budgets(community: Community, since: datetime, until: datetime) -> dict[str, float]:
    """Participatory budgets: the cost of the projects funded by outcomes published in the year,
    and spending recorded against them with its receipt (a receipt is required there)."""
    from linli.budgeting.models import Idea, Outcome
    from linli.tracking.models import Spending

    allocated = Outcome.objects.filter(
        process__community=community, published_at__gte=since, published_at__lt=until
    ).values_list("data", flat=True)
    spent = Spending.objects.filter(
        project__community=community,
        project__source_type=ContentType.objects.get_for_model(Idea),
        spent_on__gte=since.date(),
        spent_on__lt=until.date(),
    ).exclude(receipt="")
    return {
        "money_budgets": sum(float(data.get("spent") or 0) for data in allocated),
        "spent": _fen(spent.aggregate(total=DbSum("amount_fen"))["total"]),
    }


def _grants(community: Community, since: datetime, until: datetime) -> dict[str, float]:
    """Small grants: awards decided in the year (the residents' panel scores them), spending lines
    with a receipt in reports staff accepted in the year, and the year's evaluations by outcome."""
    from linli.grants.models import Application, Evaluation, Report
    from linli.tracking.models import Spending

    awarded = Application.objects.filter(
        call__community=community,
        status=Application.Status.AWARDED,
        decided_at__gte=since,
        decided_at__lt=until,
    )
    spent = Spending.objects.filter(
        grant_reports__application__call__community=community,
        grant_reports__status=Report.Status.ACCEPTED,
        grant_reports__reviewed_at__gte=since,
        grant_reports__reviewed_at__lt=until,
    ).exclude(receipt="")
    outcomes = dict(
        Evaluation.objects.filter(
            application__call__community=community, decided_at__gte=since, decided_at__lt=until
        )
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
    return {
        "money_grants": _yuan(awarded.aggregate(total=DbSum("award_amount"))["total"]),
        "spent": _fen(spent.aggregate(total=DbSum("amount_fen"))["total"]),
        "grant_evaluations": sum(outcomes.values()),
        **{f"evaluations_{o.value}": outcomes.get(o.value, 0) for o in Evaluation.Outcome},
    }


def _contests(community: Community, since: datetime, until: datetime) -> dict[str, float]:
    """Courtyard contests: the awards of contests whose result became final in the year (the
    residents' review board adopted the ranking)."""
    from linli.reviews.models import Application

    awards = Application.objects.filter(
        contest__community=community,
        contest__finalised_at__gte=since,
        contest__finalised_at__lt=until,
        withdrawn_at=None,
    )
    return {"money_awards": _yuan(awards.aggregate(total=DbSum("award_amount"))["total"])}


def _volunteering(community: Community, since: datetime, until: datetime) -> dict[str, float]:
    from linli.volunteering.models import Hours

    hours = Hours.objects.filter(
        activity__team__community=community,
        status=Hours.Status.VERIFIED,
        activity__starts_at__gte=since,
        activity__starts_at__lt=until,
    )
    return {
        "volunteers": hours.values("member_id").distinct().count(),
        "volunteer_hours": _yuan(hours.aggregate(total=DbSum("hours"))["total"]),
    }


def _sharing(community: Community, since: datetime, until: datetime) -> dict[str, float]:
    from linli.sharing.models import Loan

    loans = Loan.objects.filter(
        community=community,
        starts_on__gte=since.date(),
        starts_on__lt=until.date(),
        status__in=[Loan.Status.HANDED_OVER, Loan.Status.RETURNED],
    )
    return {"loans": loans.count()}


# (app label, reader): a reader runs when its module is installed and on in the community.
SOURCES = (
    ("meetings", _meetings),
    ("proposals", _proposals),
    ("budgeting", _budgets),
    ("grants", _grants),
    ("reviews", _contests),
    ("volunteering", _volunteering),
    ("sharing", _sharing),
    ("governance", _issues_resolved),
)


PAST_YEAR_SECONDS = 3600


def raw(community: Community, year: int) -> dict[str, float]:
    """Every figure of the year, before suppression (a figure without a source is absent).

    A past year's figures are kept in the cache for an hour: reading them means reading the
    whole year's ledger, and every figures page shows last year beside this one. The key
    carries the year's ledger mark (how many acts, the newest one) and the modules switched on,
    so an act recorded late for that year - a paper form typed in in January - or a module
    switched off shows at once; money entered late for a past year shows within the hour."""
    since, until = _bounds(community, year)
    if until > timezone.now():
        return _read(community, since, until)
    mark = Act.objects.filter(community=community, occurred_at__gte=since, occurred_at__lt=until)
    counted = mark.order_by().aggregate(acts=Count("pk"), newest=Max("pk"))
    modules = ",".join(label for label, _reader in SOURCES if community.module_on(label))
    key = f"insights:figures:{community.pk}:{year}:{counted['acts']}:{counted['newest']}:{modules}"
    found = cache.get(key)
    if found is None:
        found = _read(community, since, until)
        cache.set(key, found, PAST_YEAR_SECONDS)
    return dict(found)


def _read(community: Community, since: datetime, until: datetime) -> dict[str, float]:
    values = _participation(community, since, until)
    spent = 0.0
    for label, reader in SOURCES:
        if _installed(label) and community.module_on(label):
            found = reader(community, since, until)
            spent += found.pop("spent", 0.0)
            values.update(found)
    decided = [values[k] for k in ("money_budgets", "money_grants", "money_awards") if k in values]
    if decided:
        values["money_decided"] = sum(decided)
        values["money_spent"] = spent
    return values


def year_figures(community: Community, year: int) -> YearFigures:
    values = raw(community, year)
    people = {key for key, _words, counts_people in FIGURES if counts_people and key in values}
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
        key: None if key in withheld else values[key] for key, _w, _p in FIGURES if key in values
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
