"""Survey results: counts per question, filtered by courtyard, channel or group.

The database does the counting (a handful of grouped queries whatever the number of responses),
and a filtered group is shown only when it passes ``disclosure.refusal``: at least ``MIN_GROUP``
responses, and no difference with another visible group smaller than that, so neither a small
courtyard nor two groups differing by one person expose anyone's answers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from linli.core import rounding
from linli.core.models import Demographics, Place
from linli.core.rounding import weighted_median

from . import disclosure, texts
from .models import Answer, Question, Response, Survey

MIN_GROUP = 5
FILTER_FIELDS = ("area_id", "channel", "age_band", "gender")
FREE_TEXT_SHOWN = 200  # written answers listed per question on the page (the export has all)


@dataclass
class Filters:
    area: int | None = None
    channel: str = ""
    age_band: str = ""
    gender: str = ""

    @property
    def active(self) -> bool:
        return bool(self.area or self.channel or self.age_band or self.gender)

    def conditions(self, prefix: str = "") -> dict[str, Any]:
        wanted = {
            "area_id": self.area,
            "channel": self.channel,
            "age_band": self.age_band,
            "gender": self.gender,
        }
        return {f"{prefix}{name}": value for name, value in wanted.items() if value}

    def apply(self, responses: QuerySet[Response]) -> QuerySet[Response]:
        return responses.filter(**self.conditions())


@dataclass
class Row:
    label: str
    count: int
    share: float  # of the people who answered the question
    width: str = "0%"  # CSS width of the bar: its share of the whole (rounding.bar_width)


@dataclass
class QuestionResult:
    question: Question
    number: int
    answered: int
    rows: list[Row] = field(default_factory=list)
    # Matrix: one list of rows per matrix row, with its label.
    matrix: list[tuple[str, list[Row]]] = field(default_factory=list)
    stats: dict[str, float] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    texts_total: int = 0


@dataclass
class Results:
    survey: Survey
    total: int
    hidden_small_group: bool
    questions: list[QuestionResult]
    filters: Filters


def _rows(pairs: list[tuple[str, int]], answered: int, whole: int | None = None) -> list[Row]:
    """Rows whose bars are as long as their share of ``whole`` (the people who answered, or the
    most points an option could get), so half the people is half a bar."""
    whole = answered if whole is None else whole
    return [
        Row(label, count, count / answered if answered else 0.0, rounding.bar_width(count, whole))
        for label, count in pairs
    ]


def compute(survey: Survey, filters: Filters | None = None, *, with_texts: bool = True) -> Results:
    filters = filters or Filters()
    responses = filters.apply(Response.objects.filter(survey=survey))
    if filters.active and refused(survey, filters.conditions()):
        return Results(survey, 0, True, [], filters)
    total = responses.count()
    questions = list(survey.questions.prefetch_related("options").select_related("section"))
    kinds = {q.pk: q.kind for q in questions}
    # Unfiltered, answers are found by question (an index, no join); filtered, through responses.
    answers = Answer.objects.filter(question_id__in=list(kinds))
    if filters.active:
        answers = answers.filter(**filters.conditions("response__"))
    # One grouped pass over the answers gives every count below; written answers are left out
    # (they are listed, not counted) and only dates keep their text to group on.
    grouped = (
        answers.exclude(question__kind__in=["short_text", "long_text"])
        .values_list("question_id", "option_id", "row_key", "number", "text")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_option: dict[tuple[int, int | None, str], int] = defaultdict(int)
    numbers: dict[int, list[tuple[float, int]]] = defaultdict(list)
    ranks: dict[tuple[int, int], tuple[float, int]] = {}
    dates: dict[int, list[tuple[str, int]]] = defaultdict(list)
    answered: dict[int, int] = defaultdict(int)
    for q, option, row_key, value, text, n in grouped:
        kind = kinds[q]
        if option is not None:
            by_option[(q, option, row_key)] += n
            if kind == "ranking":
                rank_total, firsts = ranks.get((q, option), (0.0, 0))
                ranks[(q, option)] = (
                    rank_total + (value or 0) * n,
                    firsts + (n if value == 1 else 0),
                )
        elif value is not None:
            numbers[q].append((value, n))
        elif kind == "date":
            dates[q].append((text, n))
        if kind not in {"multiple", "ranking", "matrix"}:
            answered[q] += n  # one row per respondent
    for values in dates.values():
        values.sort()
    # Questions with several rows per respondent: count the respondents, not the rows.
    several = [
        pk
        for pk, kind in kinds.items()
        if kind in {"multiple", "ranking", "matrix", "short_text", "long_text"}
    ]
    if several:
        answered.update(
            answers.filter(question_id__in=several)
            .values_list("question_id")
            .annotate(n=Count("response_id", distinct=True))
            .order_by()
        )
    place_ids = {int(v) for q in questions if q.kind == "place" for v, _n in numbers.get(q.pk, [])}
    place_names = {
        p.pk: str(p) for p in Place.objects.filter(pk__in=place_ids).select_related("parent")
    }

    results = []
    for number, question in enumerate(questions, start=1):
        result = QuestionResult(question, number, answered.get(question.pk, 0))
        options = list(question.options.all())
        kind = question.kind
        if kind in {"single", "multiple"}:
            pairs = [
                (texts.pick(o.text).text, by_option.get((question.pk, o.pk, ""), 0))
                for o in options
            ]
            result.rows = _rows(pairs, result.answered)
        elif kind == "ranking":
            # Points: an option ranked first of n gets n points, last gets 1 (a Borda count).
            n = len(options)
            scored = []
            for o in options:
                times = by_option.get((question.pk, o.pk, ""), 0)
                rank_total, firsts = ranks.get((question.pk, o.pk), (0.0, 0))
                scored.append(
                    (
                        texts.pick(o.text).text,
                        int(times * (n + 1) - rank_total),
                        firsts,
                        times,
                        rank_total,
                    )
                )
            result.rows = _rows(
                [(label, points) for label, points, *_rest in scored],
                result.answered,
                result.answered * n,
            )
            result.stats = {
                "firsts": {label: firsts for label, _p, firsts, *_r in scored},  # type: ignore[dict-item]
                "mean_rank": {label: (rt / t if t else None) for label, _p, _f, t, rt in scored},  # type: ignore[dict-item]
            }
        elif kind == "matrix":
            for row in question.rows:
                pairs = [
                    (texts.pick(o.text).text, by_option.get((question.pk, o.pk, row["key"]), 0))
                    for o in options
                ]
                row_answered = sum(count for _label, count in pairs)
                result.matrix.append((texts.pick(row["text"]).text, _rows(pairs, row_answered)))
        elif kind in {"scale", "number"}:
            dist = sorted(numbers.get(question.pk, []))
            if (
                kind == "scale"
                and question.min_value is not None
                and question.max_value is not None
            ):
                present = dict(dist)
                low, high = int(question.min_value), int(question.max_value)
                pairs = [(_plain(v), present.get(float(v), 0)) for v in range(low, high + 1)]
            else:
                pairs = [(_plain(v), c) for v, c in dist] if len(dist) <= 20 else []
            result.rows = _rows(pairs, result.answered)
            result.stats = _number_stats(dist)
        elif kind == "place":
            pairs = [
                (place_names.get(int(v), "?"), c)
                for v, c in sorted(numbers.get(question.pk, []), key=lambda vc: -vc[1])
            ]
            result.rows = _rows(pairs, result.answered)
        elif kind == "date":
            result.rows = _rows(dates.get(question.pk, []), result.answered)
        results.append(result)
    if with_texts:
        _attach_texts(results, answers)
    return Results(survey, total, False, results, filters)


def _plain(value: float) -> str:
    return str(int(value)) if float(value) == int(value) else f"{value:g}"


def _number_stats(distribution: list[tuple[float, int]]) -> dict[str, float]:
    count = sum(n for _v, n in distribution)
    if not count:
        return {}
    mean = sum(v * n for v, n in distribution) / count
    # The median from the weighted distribution, without expanding it (of {2, 5}: 3.5).
    found = weighted_median(distribution)
    median = float(found) if found is not None else distribution[0][0]
    return {
        "mean": round(mean, 2),
        "median": median,
        "min": distribution[0][0],
        "max": distribution[-1][0],
        "count": count,
    }


def _attach_texts(results: list[QuestionResult], answers: QuerySet[Answer]) -> None:
    text_questions = [r for r in results if r.question.kind in {"short_text", "long_text"}]
    for result in text_questions:
        written = answers.filter(question=result.question).exclude(text="")
        result.texts_total = result.answered
        result.texts = list(written.values_list("text", flat=True)[:FREE_TEXT_SHOWN])


def _facts(survey: Survey) -> list[dict[str, Any]]:
    """The coarse facts of every response, for the disclosure check (one small query)."""
    return list(Response.objects.filter(survey=survey).values(*FILTER_FIELDS))


def refused(
    survey: Survey, conditions: dict[str, Any], facts: list[dict[str, Any]] | None = None
) -> bool:
    """True when showing this filtered group could expose someone (see surveys/disclosure.py)."""
    rows = _facts(survey) if facts is None else facts
    return disclosure.refusal(rows, conditions, MIN_GROUP) is not None


def filter_choices(survey: Survey) -> dict[str, list[tuple[Any, str]]]:
    """What the results can be filtered by: only groups that pass the disclosure check on
    their own (at least MIN_GROUP, and no small remainder to subtract)."""
    from linli.participation.models import Channel

    responses = Response.objects.filter(survey=survey)
    facts = _facts(survey)

    def groups(field_name: str) -> list[tuple[Any, int]]:
        return [
            (value, n)
            for value, n in responses.exclude(**{f"{field_name}__isnull": True})
            .values_list(field_name)
            .annotate(n=Count("pk"))
            .order_by(field_name)
            if value not in (None, "") and not refused(survey, {field_name: value}, facts)
        ]

    areas = {p.pk: p.name for p in Place.objects.filter(pk__in=[a for a, _n in groups("area_id")])}
    channel_labels = dict(Channel.choices)
    age_labels = dict(Demographics.AgeBand.choices)
    gender_labels = dict(Demographics.Gender.choices)
    return {
        "area": [(a, areas.get(a, "?")) for a, _n in groups("area_id")],
        "channel": [(c, str(channel_labels.get(c, c))) for c, _n in groups("channel")],
        "age_band": [(a, str(age_labels.get(a, a))) for a, _n in groups("age_band")],
        "gender": [(g, str(gender_labels.get(g, g))) for g, _n in groups("gender")],
    }
