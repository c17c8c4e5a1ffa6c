"""Who took part against who lives there (no Django).

For one consultation (a survey, a vote, a meeting series, a project, a period) and a population
baseline (the household roster, or census-style margins), per *dimension* (tenure, language,
age band, courtyard, ...) and per *group* within it (tenant, owner, ...):

- **participation rate** of a group = participants in the group / baseline of the group;
- **ratio** of a group = its rate / the highest rate in the dimension;
- **representativeness score** of a dimension = lowest rate / highest rate, over the groups
  with at least ``min_group`` people in the baseline (5 by default: a rate over 2 households
  says nothing about a group), so 1 means every group took part at the same rate and 0 means
  some group not at all. ``None`` when fewer than two groups can be compared or nobody took part.
- **overall score** = the lowest dimension score. We take the minimum, not a mean, because the
  question is "who is missing?": a mean lets a well-reached dimension hide a badly reached one,
  and the minimum names the dimension to act on. The joint table (e.g. tenure x language) is
  shown beside the dimensions but not folded into the overall score, because its many small
  cells would drive a minimum to 0 by chance.
- **flag**: a group whose ratio is below ``flag_below`` (0.8 by default: the "four-fifths rule"
  used to judge adverse impact in selection, US EEOC Uniform Guidelines 1978, 29 CFR 1607.4 D).

``publish()`` gives the same figures for a page or an open-data file after small-cell suppression
(``suppression``): counts of 1 to 4 people are withheld, with every figure from which one could
be worked out, including differences between the whole and a filtered view (a courtyard, a
channel) shown together. A rate is shown when both its counts are; a score or flag when every
rate it rests on is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from .suppression import THRESHOLD, Sum, suppress

FLAG_BELOW = 0.8
JOINT = "joint"
# (scope, kind, dimension, group): scope "" is the whole, otherwise a filter's name.
Key = tuple[str, str, str, str]


@dataclass(frozen=True)
class Group:
    dimension: str
    group: str
    baseline: int
    participants: int
    rate: float | None  # None when the baseline has nobody in the group
    ratio: float | None  # rate / highest rate in the dimension
    counted: bool  # large enough (baseline >= min_group) to count in the score
    flagged: bool


@dataclass(frozen=True)
class Dimension:
    name: str
    groups: tuple[Group, ...]
    score: float | None

    @property
    def baseline(self) -> int:
        return sum(g.baseline for g in self.groups)

    @property
    def participants(self) -> int:
        return sum(g.participants for g in self.groups)


@dataclass(frozen=True)
class Joint:
    """Counts over combinations of dimensions, e.g. (tenure, language) -> count."""

    dims: tuple[str, ...]
    baseline: Mapping[tuple[str, ...], int]
    participants: Mapping[tuple[str, ...], int]


@dataclass(frozen=True)
class Assessment:
    dimensions: tuple[Dimension, ...]
    joint: Dimension | None
    joint_dims: tuple[str, ...]
    overall: float | None
    flag_below: float
    min_group: int
    _joint_cells: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def dimension(self, name: str) -> Dimension:
        return next(d for d in self.dimensions if d.name == name)

    @property
    def flagged(self) -> list[Group]:
        return [g for d in self.dimensions for g in d.groups if g.flagged]


def _dimension(
    name: str,
    baseline: Mapping[str, int],
    participants: Mapping[str, int],
    flag_below: float,
    min_group: int,
) -> Dimension:
    names = list(dict.fromkeys([*baseline, *participants]))
    for key in names:
        if baseline.get(key, 0) < 0 or participants.get(key, 0) < 0:
            raise ValueError(f"{name}/{key}: counts cannot be negative")
    rates = {
        key: participants.get(key, 0) / baseline[key] if baseline.get(key, 0) > 0 else None
        for key in names
    }
    counted = {key: baseline.get(key, 0) >= min_group and rates[key] is not None for key in names}
    compared = [rate for key, rate in rates.items() if counted[key] and rate is not None]
    top = max(compared, default=0.0)
    groups = []
    for key in names:
        rate = rates[key]
        ratio = rate / top if rate is not None and top > 0 else None
        groups.append(
            Group(
                dimension=name,
                group=key,
                baseline=int(baseline.get(key, 0)),
                participants=int(participants.get(key, 0)),
                rate=rate,
                ratio=ratio,
                counted=counted[key],
                flagged=counted[key] and ratio is not None and ratio < flag_below,
            )
        )
    score = min(compared) / top if len(compared) >= 2 and top > 0 else None
    return Dimension(name, tuple(groups), score)


def joint_label(dims: Sequence[str], cell: Sequence[str]) -> str:
    return " · ".join(f"{d}={v}" for d, v in zip(dims, cell, strict=True))


def assess(
    baseline: Mapping[str, Mapping[str, int]],
    participants: Mapping[str, Mapping[str, int]],
    *,
    joint: Joint | None = None,
    flag_below: float = FLAG_BELOW,
    min_group: int = THRESHOLD,
) -> Assessment:
    """Rates, ratios, scores and flags per dimension (``baseline[dim][group]`` = people)."""
    dimensions = tuple(
        _dimension(name, baseline[name], participants.get(name, {}), flag_below, min_group)
        for name in baseline
    )
    joint_dimension = None
    cells: dict[str, tuple[str, ...]] = {}
    if joint is not None:
        cells = {
            joint_label(joint.dims, c): tuple(c)
            for c in dict.fromkeys([*joint.baseline, *joint.participants])
        }
        joint_dimension = _dimension(
            JOINT,
            {label: joint.baseline.get(c, 0) for label, c in cells.items()},
            {label: joint.participants.get(c, 0) for label, c in cells.items()},
            flag_below,
            min_group,
        )
    scores = [d.score for d in dimensions if d.score is not None]
    return Assessment(
        dimensions,
        joint_dimension,
        tuple(joint.dims) if joint is not None else (),
        min(scores) if scores else None,
        flag_below,
        min_group,
        cells,
    )


def tabulate(
    groups: Mapping[str, npt.ArrayLike],
    took_part: npt.ArrayLike,
    *,
    joint: Sequence[str] = (),
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]], Joint | None]:
    """Baseline and participant counts from one row per person or household of the roster:
    ``groups[dim]`` holds each row's group, ``took_part`` whether the row took part."""
    mask = np.asarray(took_part, dtype=bool)
    baseline: dict[str, dict[str, int]] = {}
    participants: dict[str, dict[str, int]] = {}
    codes: dict[str, tuple[npt.NDArray[Any], npt.NDArray[np.intp]]] = {}
    for dim, labels in groups.items():
        levels, inverse = np.unique(np.asarray(labels).astype(str), return_inverse=True)
        if inverse.shape != mask.shape:
            raise ValueError(f"{dim}: one group per row, as many rows as took_part")
        codes[dim] = (levels, inverse)
        everyone = np.bincount(inverse, minlength=len(levels))
        took = np.bincount(inverse[mask], minlength=len(levels))
        baseline[dim] = {str(v): int(n) for v, n in zip(levels, everyone, strict=True)}
        participants[dim] = {str(v): int(n) for v, n in zip(levels, took, strict=True)}
    if not joint:
        return baseline, participants, None
    combined = np.zeros(mask.shape, dtype=np.int64)
    for dim in joint:
        combined = combined * len(codes[dim][0]) + codes[dim][1]
    cells, inverse = np.unique(combined, return_inverse=True)
    everyone = np.bincount(inverse, minlength=len(cells))
    took = np.bincount(inverse[mask], minlength=len(cells))
    joint_baseline: dict[tuple[str, ...], int] = {}
    joint_participants: dict[tuple[str, ...], int] = {}
    for code, n_all, n_took in zip(cells, everyone, took, strict=True):
        parts: list[str] = []
        rest = int(code)
        for dim in reversed(joint):
            levels = codes[dim][0]
            rest, position = divmod(rest, len(levels))
            parts.append(str(levels[position]))
        cell = tuple(reversed(parts))
        joint_baseline[cell] = int(n_all)
        joint_participants[cell] = int(n_took)
    return baseline, participants, Joint(tuple(joint), joint_baseline, joint_participants)


# --- publishing with suppression ---------------------------------------------------------------


def _figures(scope: str, assessment: Assessment) -> tuple[dict[Key, int], list[Sum], set[Key]]:
    """Every count of one assessment, the sums that tie them, and the ones meant for the page."""
    values: dict[Key, int] = {}
    sums: list[Sum] = []
    published: set[Key] = set()
    tables = list(assessment.dimensions) + ([assessment.joint] if assessment.joint else [])
    for table in tables:
        for kind in ("baseline", "participants"):
            total = (scope, kind, table.name, "*")
            values[total] = getattr(table, kind)
            published.add(total)
            parts: list[Key] = []
            for g in table.groups:
                key = (scope, kind, table.name, g.group)
                values[key] = getattr(g, kind)
                published.add(key)
                parts.append(key)
            sums.append(Sum(total, tuple(parts)))
        # Residents of a group who did not take part: never shown, but a reader can subtract.
        for label in [*(g.group for g in table.groups), "*"]:
            absent = (scope, "absent", table.name, label)
            took = (scope, "participants", table.name, label)
            everyone = (scope, "baseline", table.name, label)
            values[absent] = max(values[everyone] - values[took], 0)
            sums.append(Sum(everyone, (took, absent)))
    # Dimensions (and the joint table) that count the same people show the same totals: a
    # reader can read one for the other, so the rule must treat them as one figure.
    for kind in ("baseline", "participants", "absent"):
        first: Key | None = None
        for table in tables:
            table_total: Key = (scope, kind, table.name, "*")
            if first is None:
                first = table_total
            elif values[table_total] == values[first]:
                sums.append(Sum(first, (table_total,)))
    if assessment.joint is not None:
        # The joint cells in each group of a dimension add up to that group.
        for position, dim in enumerate(assessment.joint_dims):
            for kind in ("baseline", "participants"):
                by_group: dict[str, list[Key]] = {}
                for label, cell in assessment._joint_cells.items():
                    by_group.setdefault(cell[position], []).append((scope, kind, JOINT, label))
                for group, parts in by_group.items():
                    group_total: Key = (scope, kind, dim, group)
                    if group_total in values:
                        sums.append(Sum(group_total, tuple(parts)))
    return values, sums, published


def figures(
    assessment: Assessment, filters: Mapping[str, Assessment] | None = None
) -> tuple[dict[Key, int], list[Sum], set[Key]]:
    """Every count of the assessment and its filtered views, the sums that tie them (including
    the hidden "outside the filter" and "did not take part" pieces) and the ones to publish."""
    values, sums, published = _figures("", assessment)
    for name, view in (filters or {}).items():
        v_values, v_sums, v_published = _figures(name, view)
        values.update(v_values)
        sums.extend(v_sums)
        published |= v_published
        # Inside the filter plus outside it = the whole: the difference a reader could take.
        for key, count in v_values.items():
            _, kind, dim, group = key
            whole: Key = ("", kind, dim, group)
            if kind == "absent" or whole not in values:
                continue
            outside: Key = ("outside " + name, kind, dim, group)
            values[outside] = max(values[whole] - count, 0)
            sums.append(Sum(whole, (key, outside)))
    return values, sums, published


def publish(
    assessment: Assessment,
    filters: Mapping[str, Assessment] | None = None,
    *,
    threshold: int = THRESHOLD,
) -> dict[str, Any]:
    """The assessment (and filtered views of it, each a subset of the same people) as plain data
    for a page or a file, with every small or derivable count withheld (``None``)."""
    values, sums, published = figures(assessment, filters)
    withheld = suppress(values, sums, published, threshold=threshold)
    return {
        "threshold": threshold,
        "flag_below": assessment.flag_below,
        **_shown("", assessment, values, withheld),
        "filters": {
            name: _shown(name, view, values, withheld) for name, view in (filters or {}).items()
        },
    }


def _shown(
    scope: str,
    assessment: Assessment,
    values: Mapping[Key, int],
    withheld: frozenset[Key],
) -> dict[str, Any]:
    def count(kind: str, dim: str, group: str) -> int | None:
        key: Key = (scope, kind, dim, group)
        return None if key in withheld else int(values[key])

    def table(dimension: Dimension) -> dict[str, Any]:
        rows = []
        all_rates_shown = True
        for g in dimension.groups:
            baseline = count("baseline", dimension.name, g.group)
            took = count("participants", dimension.name, g.group)
            shown = baseline is not None and took is not None
            if g.counted and not shown:
                all_rates_shown = False
            rows.append(
                {
                    "group": g.group,
                    "baseline": baseline,
                    "participants": took,
                    "rate": g.rate if shown else None,
                    "counted": g.counted,
                    "_ratio": g.ratio,
                    "_flagged": g.flagged,
                    "_shown": shown,
                }
            )
        for row in rows:
            # A ratio rests on the group's rate and the highest rate: both must be shown.
            ok = bool(row.pop("_shown")) and all_rates_shown
            ratio, flagged = row.pop("_ratio"), row.pop("_flagged")
            row["ratio"] = ratio if ok else None
            row["flagged"] = flagged if ok else None
        return {
            "dimension": dimension.name,
            "baseline": count("baseline", dimension.name, "*"),
            "participants": count("participants", dimension.name, "*"),
            "score": dimension.score if all_rates_shown else None,
            "groups": rows,
        }

    dimensions = [table(d) for d in assessment.dimensions]
    overall_shown = all(
        d["score"] is not None or source.score is None
        for d, source in zip(dimensions, assessment.dimensions, strict=True)
    )
    return {
        "overall": assessment.overall if overall_shown else None,
        "dimensions": dimensions,
        "joint": table(assessment.joint) if assessment.joint is not None else None,
    }
