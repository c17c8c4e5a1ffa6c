"""A survey's choice questions reweighted to the population baselines (reads; the statistics are
in ``weighting`` and ``stats``).

Each response carries coarse facts: its courtyard, age band and gender. The population of each
courtyard comes from the household roster (people in its households); age band and gender from
the imported margins. **Post-stratification** weights by courtyard alone (one margin met exactly);
**raking** (iterative proportional fitting) meets every margin there is at once. Responses missing
a fact used for weighting are left out of the weighted figures (the page says how many were
used), and a group with no respondents cannot be weighted up: its population is left out, so the
weighted result speaks for the groups that answered. Counts under 5 are withheld, with their
shares; the design effect (Kish) widens each interval."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from linli.core.models import Community, Household

from . import weighting
from .models import Dimension
from .queries import margins
from .stats import Proportion
from .suppression import THRESHOLD, Sum, suppress

METHODS = ("rake", "poststratify")


@dataclass
class OptionRow:
    label: str
    count: int | None  # None: withheld (fewer than 5)
    share: float | None
    weighted: float | None
    low: float | None
    high: float | None


@dataclass
class QuestionRow:
    text: str
    answered: int
    options: list[OptionRow] = field(default_factory=list)


@dataclass
class Reweighted:
    method: str
    dims: tuple[str, ...]
    used: int  # responses with every fact needed
    total: int
    design_effect: float | None
    effective_n: float | None
    questions: list[QuestionRow]
    error: str = ""


def _populations(community: Community) -> dict[str, dict[str, float]]:
    people: Counter[str] = Counter()
    for name, size in Household.objects.filter(community=community).values_list(
        "area__name", "size"
    ):
        people[name] += size
    found: dict[str, dict[str, float]] = {"area": {k: float(v) for k, v in people.items()}}
    imported = margins(community)
    for dim in (Dimension.AGE_BAND, Dimension.GENDER):
        if dim in imported:
            found[dim.value] = {k: float(v) for k, v in imported[dim].items()}
    return found


@dataclass(frozen=True)
class Weights:
    dims: tuple[str, ...]
    of: dict[Any, float]  # response id -> weight; responses missing a fact are absent
    total: int  # responses to the survey


def response_weights(survey: Any, method: str = "rake") -> Weights:
    """Each usable response's weight to the baselines; ``WeightingError`` when none can be had."""
    from linli.surveys.models import Response

    if method not in METHODS:
        method = "rake"
    populations = _populations(survey.community)
    dims = ("area",) if method == "poststratify" else tuple(populations)
    rows = list(
        Response.objects.filter(survey=survey).values_list("pk", "area__name", "age_band", "gender")
    )
    position = {"area": 1, "age_band": 2, "gender": 3}
    units = []
    for row in rows:
        unit = {dim: row[position[dim]] for dim in dims}
        if all(unit[dim] and unit[dim] in populations[dim] for dim in dims):
            units.append((row[0], unit))
    heard = {dim: {u[dim] for _pk, u in units} for dim in dims}
    if not units:
        raise weighting.WeightingError("empty", "no responses to weight")
    if method == "poststratify":
        population: dict[tuple[str, ...], float] = {
            (g,): n for g, n in populations["area"].items() if g in heard["area"]
        }
        weights = weighting.unit_weights([u for _pk, u in units], dims, population=population)
    else:
        margin_list = [
            weighting.Margin.of(dim, {g: n for g, n in populations[dim].items() if g in heard[dim]})
            for dim in dims
        ]
        # Margins must agree on the total: scale each to the courtyards' total.
        total = margin_list[0].total
        margin_list = [
            weighting.Margin(m.dims, {c: v * total / m.total for c, v in m.totals.items()})
            for m in margin_list
        ]
        weights = weighting.unit_weights([u for _pk, u in units], dims, margin_list)
    return Weights(
        dims, {pk: float(w) for (pk, _u), w in zip(units, weights, strict=True)}, len(rows)
    )


def reweight(survey: Any, method: str = "rake") -> Reweighted:
    from linli.surveys.models import Answer, Question

    if method not in METHODS:
        method = "rake"
    try:
        found = response_weights(survey, method)
    except weighting.WeightingError as error:
        dims = ("area",) if method == "poststratify" else tuple(_populations(survey.community))
        total = survey.responses.count()
        return Reweighted(method, dims, 0, total, None, None, [], str(error))
    dims, weight_of = found.dims, found.of
    weights = np.array(list(weight_of.values()))
    deff = weighting.kish_design_effect(weights)
    questions = []
    chosen: dict[int, dict[Any, set[int]]] = defaultdict(lambda: defaultdict(set))
    for question_id, response_id, option_id in Answer.objects.filter(
        response__survey=survey, question__kind=Question.Kind.SINGLE
    ).values_list("question_id", "response_id", "option_id"):
        chosen[question_id][response_id].add(option_id)
    for question in (
        Question.objects.filter(survey=survey, kind=Question.Kind.SINGLE)
        .prefetch_related("options")
        .order_by("section__position", "position", "pk")
    ):
        answers = chosen.get(question.pk, {})
        answered = [pk for pk in answers if pk in weight_of]
        result = QuestionRow(survey.pick(question.text).text, len(answers))
        options = list(question.options.all())
        counts: dict[Any, int] = {
            option.pk: sum(1 for picked in answers.values() if option.pk in picked)
            for option in options
        }
        # One choice each: the options add up to those who answered, so a small count is
        # withheld with whatever would give it away by subtraction.
        withheld = suppress(
            {"answered": len(answers), **counts},
            [Sum("answered", tuple(counts))],
            threshold=THRESHOLD,
        )
        for option in options:
            count = counts[option.pk]
            shown = option.pk not in withheld
            line = OptionRow(
                survey.pick(option.text).text, count if shown else None, None, None, None, None
            )
            if shown and answers:
                line.share = count / len(answers)
            if shown and answered:
                picked = [option.pk in answers[pk] for pk in answered]
                proportion = Proportion.weighted(picked, [weight_of[pk] for pk in answered])
                interval = proportion.interval()
                line.weighted, line.low, line.high = interval.estimate, interval.low, interval.high
            result.options.append(line)
        questions.append(result)
    return Reweighted(
        method,
        dims,
        len(weight_of),
        found.total,
        deff,
        float(np.sum(weights) ** 2 / np.sum(np.square(weights))),
        questions,
    )
