"""What insights reads: population baselines, who took part in a consultation, the assessment of
one against the other, and the households behind a flag. The ledger and the roster are read as
arrays (``values_list``) and handed to the pure modules (``representativeness``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.db.models import BigIntegerField, Case, Func, IntegerField, Max, Min, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from linli.core.models import Community, Demographics, Household, Member, Place
from linli.core.open_now import OpenItem
from linli.core.permissions import can
from linli.participation.models import Act

from . import ladder as ladder_module
from . import representativeness as rep
from .models import MARGIN_DIMENSIONS, Dimension, Flag, FollowUp, Margin
from .subjects import Subject

COURTYARD = "courtyard"  # the joint table's courtyard, counted in people (the roster's is "area")
NO_DISABILITY = "none"


# --- labels -----------------------------------------------------------------------------------


def group_labels() -> dict[str, dict[str, str]]:
    """The words for each group code, per dimension, in the reader's language."""
    return {
        Dimension.HOUSING_TYPE: {k: str(v) for k, v in Place.AreaType.choices},
        Dimension.AGE_BAND: {k: str(v) for k, v in Demographics.AgeBand.choices},
        Dimension.GENDER: {k: str(v) for k, v in Demographics.Gender.choices},
        Dimension.TENURE: {k: str(v) for k, v in Demographics.Tenure.choices},
        Dimension.LANGUAGE: {k: str(v) for k, v in Demographics.SPOKEN_LANGUAGES},
        Dimension.DISABILITY: {
            **{k: str(v) for k, v in Demographics.DISABILITIES},
            NO_DISABILITY: _("no disability"),
        },
    }


def dimension_label(name: str) -> str:
    if name == rep.JOINT:
        return _("Courtyard and group together")
    return str(dict(Dimension.choices).get(name, name))


def group_label(dimension: str, group: str, labels: dict[str, dict[str, str]] | None = None) -> str:
    labels = labels or group_labels()
    if dimension == rep.JOINT:
        parts = []
        for part in group.split(" · "):
            dim, _eq, value = part.partition("=")
            parts.append(value if dim == COURTYARD else group_label(dim, value, labels))
        return " · ".join(parts)
    return labels.get(dimension, {}).get(group, group)


# --- baselines --------------------------------------------------------------------------------


def roster(community: Community) -> list[tuple[int, int, str, str]]:
    """One row per household: (household, courtyard id, courtyard name, type of housing)."""
    return list(
        Household.objects.filter(community=community).values_list(
            "pk", "area_id", "area__name", "area__area_type"
        )
    )


def roster_baselines(community: Community) -> list[dict[str, Any]]:
    """Per courtyard: households, people on the roster, residents joined, type of housing, and
    the tenure residents gave (where they agreed to answer)."""
    sizes: Counter[int] = Counter()
    households: Counter[int] = Counter()
    for area_id, size in Household.objects.filter(community=community).values_list(
        "area_id", "size"
    ):
        households[area_id] += 1
        sizes[area_id] += size
    joined: Counter[int] = Counter(
        Member.objects.filter(
            community=community, status=Member.Status.VERIFIED, household__isnull=False
        ).values_list("household__area_id", flat=True)
    )
    tenure: dict[int, Counter[str]] = defaultdict(Counter)
    for area_id, value in Demographics.objects.filter(
        member__community=community, member__household__isnull=False
    ).values_list("member__household__area_id", "tenure"):
        if value:
            tenure[area_id][value] += 1
    housing = dict(Place.AreaType.choices)
    rows = []
    for area in Place.objects.filter(community=community, kind=Place.Kind.AREA).order_by("name"):
        rows.append(
            {
                "area": area,
                "housing_type": str(housing.get(area.area_type, "")),
                "households": households[area.pk],
                "people": sizes[area.pk],
                "joined": joined[area.pk],
                "tenure": dict(tenure[area.pk]),
            }
        )
    return rows


def margins(community: Community) -> dict[str, dict[str, int]]:
    """Imported population per dimension and group for the whole community. Where a dimension
    has courtyard rows, the whole is their sum, so the courtyards and the whole always agree."""
    by_area: dict[str, Counter[str]] = defaultdict(Counter)
    whole: dict[str, Counter[str]] = defaultdict(Counter)
    for area_id, dimension, group, people in Margin.objects.filter(community=community).values_list(
        "area_id", "dimension", "group", "people"
    ):
        (whole if area_id is None else by_area)[dimension][group] += people
    result: dict[str, dict[str, int]] = {}
    for dimension in MARGIN_DIMENSIONS:
        source = by_area.get(dimension) or whole.get(dimension)
        if source:
            result[dimension] = dict(source)
    return result


def area_margins(community: Community) -> dict[str, dict[tuple[str, str], int]]:
    """Imported population per dimension by (courtyard name, group)."""
    result: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    for name, dimension, group, people in Margin.objects.filter(
        community=community, area__isnull=False
    ).values_list("area__name", "dimension", "group", "people"):
        result[dimension][(name, group)] = people
    return dict(result)


def margin_rows(community: Community) -> list[Margin]:
    return list(
        Margin.objects.filter(community=community)
        .select_related("area")
        .order_by("dimension", "area__name", "group")
    )


# --- who took part ----------------------------------------------------------------------------


def participant_households(community: Community, subject: Subject) -> set[int]:
    # ``order_by()``: the ledger's default ordering would otherwise join the DISTINCT and make
    # it one row per act (five times the rows, twice the time, at 200,000 acts).
    return set(
        Act.objects.filter(subject.acts, community=community, household__isnull=False)
        .order_by()
        .values_list("household_id", flat=True)
        .distinct()
    )


def _people_groups(row: tuple[Any, ...]) -> dict[str, list[str]]:
    """A consenting participant's groups per dimension (languages and disabilities: several)."""
    _member, _area, age_band, gender, languages, disabilities, tenure = row
    return {
        Dimension.AGE_BAND: [age_band] if age_band else [],
        Dimension.GENDER: [gender] if gender else [],
        Dimension.LANGUAGE: list(languages or []),
        Dimension.DISABILITY: list(disabilities or []) or [NO_DISABILITY],
        Dimension.TENURE: [tenure] if tenure else [],
    }


def participant_people(community: Community, subject: Subject) -> list[tuple[Any, ...]]:
    """One row per participant who answered the optional questions about themselves."""
    members = (
        Act.objects.filter(subject.acts, community=community, member__isnull=False)
        .order_by()
        .values_list("member_id", flat=True)
        .distinct()
    )
    return list(
        Demographics.objects.filter(member_id__in=members).values_list(
            "member_id",
            "member__household__area__name",
            "age_band",
            "gender",
            "languages",
            "disabilities",
            "tenure",
        )
    )


# --- the assessment ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    subject: Subject
    assessment: rep.Assessment
    published: dict[str, Any]
    joint_dimension: str | None


def measure(
    community: Community,
    subject: Subject,
    *,
    flag_below: float = rep.FLAG_BELOW,
    joint: str | None = None,
) -> Measured:
    """Participants against the baseline on every dimension with a baseline, and jointly by
    courtyard and one imported dimension (tenure unless another is chosen).

    Courtyard and type of housing are counted in households (the roster); the imported
    dimensions in people, with participants counted among those who answered the optional
    questions about themselves. Those who did not answer are missing from every group alike, so
    rates are low for everyone but their ratios - what the score and flags rest on - still
    compare the groups."""
    rows = roster(community)
    took = participant_households(community, subject)
    baseline: dict[str, dict[str, int]] = {}
    participants: dict[str, dict[str, int]] = {}
    if rows:
        groups = {
            Dimension.AREA.value: [r[2] for r in rows],
            Dimension.HOUSING_TYPE.value: [r[3] or "other" for r in rows],
        }
        base, part, _none = rep.tabulate(groups, [r[0] in took for r in rows])
        baseline.update(base)
        participants.update(part)
    population = margins(community)
    people = participant_people(community, subject)
    counted: dict[str, Counter[str]] = defaultdict(Counter)
    joint_counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for row in people:
        for dimension, values in _people_groups(row).items():
            for value in values:
                counted[dimension][value] += 1
                if row[1]:
                    joint_counts[dimension][(row[1], value)] += 1
    for dimension, groups_population in population.items():
        baseline[dimension] = dict(groups_population)
        participants[dimension] = {g: counted[dimension][g] for g in groups_population}
    by_area = area_margins(community)
    if joint is None:
        joint = next(
            (d.value for d in (Dimension.TENURE, Dimension.LANGUAGE) if d.value in by_area), None
        )
    joint_table = None
    if joint and joint in by_area:
        cells = by_area[joint]
        joint_table = rep.Joint(
            (COURTYARD, joint),
            {cell: n for cell, n in cells.items()},
            {cell: joint_counts[joint][cell] for cell in cells},
        )
    else:
        joint = None
    assessment = rep.assess(baseline, participants, joint=joint_table, flag_below=flag_below)
    return Measured(subject, assessment, rep.publish(assessment), joint)


def flagged_groups(measured: Measured) -> list[tuple[str, str, float]]:
    """(dimension, group, ratio) of every group flagged and shown after suppression."""
    found = []
    tables = list(measured.published["dimensions"])
    if measured.published["joint"] is not None:
        tables.append(measured.published["joint"])
    for table in tables:
        for row in table["groups"]:
            if row["flagged"]:
                found.append((table["dimension"], row["group"], float(row["ratio"])))
    return found


def ratio_of(measured: Measured, dimension: str, group: str) -> float | None:
    tables = list(measured.published["dimensions"])
    if measured.published["joint"] is not None:
        tables.append(measured.published["joint"])
    for table in tables:
        if table["dimension"] == dimension:
            for row in table["groups"]:
                if row["group"] == group:
                    return row["ratio"]
    return None


# --- the households behind a flag ---------------------------------------------------------------


def _members_in_group(community: Community, dimension: str, group: str) -> list[int]:
    """Households where someone said they belong to the group. Languages and disabilities are
    lists; they are read and matched here, which works on every database."""
    answers = Demographics.objects.filter(member__community=community)
    if dimension in (Dimension.LANGUAGE, Dimension.DISABILITY):
        field = "languages" if dimension == Dimension.LANGUAGE else "disabilities"
        found = []
        for household, values in answers.values_list("member__household_id", field):
            values = values or []
            if group in values or (group == NO_DISABILITY and not values):
                found.append(household)
        return found
    return list(answers.filter(**{dimension: group}).values_list("member__household_id", flat=True))


def missing_households(community: Community, flag: Flag, subject: Subject) -> Any:
    """The households of the flagged group that have not taken part: every household of a
    courtyard or type of housing; for a group of people (tenants, Tibetan speakers...), the
    households where someone said they belong to it."""
    households = Household.objects.filter(community=community)
    dimension, group = flag.dimension, flag.group
    if dimension == Dimension.AREA:
        households = households.filter(area__name=group)
    elif dimension == Dimension.HOUSING_TYPE:
        households = households.filter(area__area_type=group)
    elif dimension == rep.JOINT:
        parts = dict(part.partition("=")[::2] for part in group.split(" · "))
        households = households.filter(area__name=parts.get(COURTYARD, ""))
        other = next((d for d in parts if d != COURTYARD), "")
        households = households.filter(pk__in=_members_in_group(community, other, parts[other]))
    else:
        households = households.filter(pk__in=_members_in_group(community, dimension, group))
    took = participant_households(community, subject)
    return (
        households.exclude(pk__in=took)
        .select_related("flat__parent__parent__parent", "area")
        .order_by("area__name", "flat_id")
    )


def reachable_members(households: Any) -> Any:
    """The verified residents of these households (a message goes to each of them)."""
    return Member.objects.filter(
        household__in=households, status=Member.Status.VERIFIED
    ).select_related("user")


# --- flags ------------------------------------------------------------------------------------


def open_flags(community: Community) -> Any:
    return Flag.objects.filter(community=community, closed_at__isnull=True)


def flag_for(community: Community, pk: int) -> Flag:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Flag, community=community, pk=pk)


def follow_ups(flag: Flag) -> Any:
    return FollowUp.objects.filter(flag=flag).select_related("done_by")


def open_items(community: Community, user: Any) -> list[OpenItem]:
    """For organisers, on the home page: groups under-reached in a consultation open now."""
    if not can(user, "insights.view", community):
        return []
    labels = group_labels()
    return [
        OpenItem(
            kind=_("Under-reached group"),
            title=f"{flag.subject_title}: {group_label(flag.dimension, flag.group, labels)}",
            url=reverse("insights:flag", args=[community.slug, flag.pk]),
            summary=_("Taking part at %(percent)d%% of the best-reached group's rate.")
            % {"percent": round(100 * (flag.ratio_now or flag.ratio_when_raised))},
        )
        for flag in open_flags(community)[:10]
    ]


# --- the depth ladder -------------------------------------------------------------------------


class _EpochSeconds(Func):
    """Seconds since 1970 (UTC) of a datetime, computed by the database: read as integers, not
    as Python datetimes."""

    output_field = BigIntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)"
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="CAST(EXTRACT(EPOCH FROM %(expressions)s) AS BIGINT)"
        )


def _local_seconds(utc: np.ndarray, zone: ZoneInfo) -> np.ndarray:
    """UTC epoch seconds to local wall-clock seconds: one offset per distinct hour (offsets
    change on the hour), not one ``localtime`` call per act."""
    if not utc.size:
        return utc
    hours, index = np.unique(utc // 3600, return_inverse=True)
    offsets = np.array(
        [
            int(datetime.fromtimestamp(int(h) * 3600, zone).utcoffset().total_seconds())  # type: ignore[union-attr]
            for h in hours
        ],
        dtype=np.int64,
    )
    return utc + offsets[index]


def _local_midnight(day: Any, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def ladder_rows(
    community: Community,
    before: Any,
    after: Any,
    member: Member | None = None,
    *,
    window_days: int = ladder_module.WINDOW_DAYS,
) -> ladder_module.Residents:
    """The ledger grouped by resident in the database, in one query: each resident's deepest
    act in the window of each date, and their first act, up to the later date. The windows are
    the community's local days, turned into instants here, so the database compares times as
    they are stored (and the covering index answers it without the table's rows)."""
    zone = ZoneInfo(community.timezone)
    (start_b, end_b), (start_a, end_a) = (
        ladder_module.window(on, window_days) for on in (before, after)
    )
    start_b, end_b, start_a, end_a = (
        _local_midnight(day, zone) for day in (start_b, end_b, start_a, end_a)
    )

    def deepest(start: datetime, end: datetime) -> Max:
        inside = When(occurred_at__gte=start, occurred_at__lt=end, then="depth")
        return Max(Case(inside, default=Value(0), output_field=IntegerField()))

    acts = Act.objects.filter(community=community, member__isnull=False, occurred_at__lt=end_a)
    if member is not None:
        acts = acts.filter(member=member)
    grouped = (
        acts.order_by()
        .values("member_id")
        .annotate(
            level_before=deepest(start_b, end_b),
            level_after=deepest(start_a, end_a),
            first=_EpochSeconds(Min("occurred_at")),
        )
        .values_list("member_id", "level_before", "level_after", "first")
    )
    rows = np.array(list(grouped), dtype=np.int64).reshape(-1, 4)
    first = _local_seconds(rows[:, 3], zone).astype("datetime64[s]")
    return ladder_module.Residents.of(rows[:, 0], rows[:, 1], rows[:, 2], first)


def community_ladder(community: Community, before: Any, after: Any) -> dict[str, Any]:
    """Transitions, levels by courtyard and cohorts, every small count withheld. The verified
    residents come with their courtyard's key from the database (a district's community has
    80,000: labelling each with a name in Python was most of the page's time); the courtyards'
    names are read once each."""
    rows = ladder_rows(community, before, after)
    verified = Member.objects.filter(community=community, status=Member.Status.VERIFIED)
    members = np.array(
        list(verified.order_by("pk").values_list("pk", Coalesce("household__area_id", -1))),
        dtype=np.int64,
    ).reshape(-1, 2)
    result = ladder_module.ladder(rows, before, after, members=members[:, 0])
    areas = dict(
        Place.objects.filter(pk__in=verified.values("household__area_id")).values_list("pk", "name")
    )
    # Courtyard codes: 0 "-" (no address, or a courtyard without a name), then each courtyard.
    names = ["-", *(name or "-" for name in areas.values())]
    code_of = {pk: number for number, pk in enumerate(areas, start=1)}
    lookup = np.zeros(max(code_of, default=0) + 2, dtype=np.int64)
    for pk, number in code_of.items():
        lookup[pk] = number
    # ``ladder`` sorts its members by key: the courtyards follow them in the same order.
    keys = (
        members[:, 1][np.searchsorted(members[:, 0], result.members)]
        if len(members)
        else members[:, 1]
    )
    codes = lookup[np.where(keys < 0, len(lookup) - 1, keys)]
    return {
        "transitions": ladder_module.publish_transitions(result),
        "by_courtyard": ladder_module.publish_table(
            ladder_module.by_coded_group(result, codes, names)
        ),
        "cohorts": ladder_module.publish_table(ladder_module.cohorts(result)),
    }


def member_ladder(member: Member, before: Any, after: Any) -> dict[str, Any]:
    """One resident's level on each date and their acts, deepest first (for themselves and
    authorised staff only: never published)."""
    rows = ladder_rows(member.community, before, after, member)
    result = ladder_module.ladder(rows, before, after, members=[member.pk])
    level_before, level_after = result.resident(member.pk)
    recent = Act.objects.filter(member=member).order_by("-occurred_at")[:50]
    return {
        "before": level_before,
        "after": level_after,
        "before_depth": ladder_module.LEVELS.index(level_before),
        "after_depth": ladder_module.LEVELS.index(level_after),
        "acts": list(recent),
    }


# --- home visits and leaders --------------------------------------------------------------------


def visits(community: Community) -> Any:
    from .models import HomeVisit

    return HomeVisit.objects.filter(community=community).select_related(
        "household__flat__parent__parent__parent", "visitor", "resident"
    )


def visits_by_courtyard(community: Community) -> list[tuple[str, int, int]]:
    """(courtyard, visits, households visited) per courtyard."""
    from .models import HomeVisit

    counts: Counter[str] = Counter()
    households: dict[str, set[int]] = defaultdict(set)
    for name, household in HomeVisit.objects.filter(community=community).values_list(
        "household__area__name", "household_id"
    ):
        counts[name] += 1
        households[name].add(household)
    return [(name, counts[name], len(households[name])) for name in sorted(counts)]


def leader_suggestions(community: Community, limit: int = 50) -> list[Member]:
    """Residents the ledger suggests as future leaders, not yet on the pipeline: those who spoke
    or facilitated at a meeting (depth 4 or more) after coming to at least one other, or whom a
    visitor marked as a possible leader."""
    from .models import HomeVisit, LeaderCandidate

    meetings: Counter[int] = Counter()
    spoke: set[int] = set()
    for member_id, depth in Act.objects.filter(
        community=community, method__in=["meeting", "training"], member__isnull=False
    ).values_list("member_id", "depth"):
        meetings[member_id] += 1
        if depth >= 4:
            spoke.add(member_id)
    wanted = {m for m in spoke if meetings[m] >= 2}
    wanted |= set(
        HomeVisit.objects.filter(community=community, possible_leader=True).values_list(
            "resident_id", flat=True
        )
    )
    taken = set(
        LeaderCandidate.objects.filter(community=community).values_list("member_id", flat=True)
    )
    return list(
        Member.objects.filter(
            community=community, status=Member.Status.VERIFIED, pk__in=wanted - taken
        ).order_by("name")[:limit]
    )


def candidates(community: Community) -> Any:
    from .models import LeaderCandidate

    return LeaderCandidate.objects.filter(community=community).select_related(
        "member", "updated_by"
    )
