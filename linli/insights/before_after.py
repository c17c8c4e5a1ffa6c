"""Before and after (reads): the share of residents at the top of a repeated survey question in
each survey, with Wilson's interval, and the change between them with Newcombe's interval
(``stats``). Weighted to the population baselines when the organiser chose a weighting
(``reweighting.response_weights``); the interval then uses the weights' effective sample size.

"At the top" is the satisfaction reading used by project targets: the two highest points of a
rating scale, or the first option of a single choice (questions are written best first).

Suppression: a side is withheld when fewer than 5 answered, or when fewer than 5 (but some) are
at the top or below it - the share and the number answering would give that count away. The
change is shown only when both sides are."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import stats, weighting
from .models import RepeatedQuestion
from .reweighting import response_weights
from .suppression import THRESHOLD


@dataclass(frozen=True)
class Side:
    survey: str
    question: str
    answered: int
    share: float | None  # None: withheld
    low: float | None
    high: float | None
    design_effect: float | None  # weighted only
    proportion: stats.Proportion | None


@dataclass(frozen=True)
class Comparison:
    item: RepeatedQuestion
    before: Side
    after: Side
    change: stats.Interval | None
    weighting_error: str  # the weighting asked for could not be done: unweighted figures shown

    def as_dict(self) -> dict[str, Any]:
        def side(s: Side) -> dict[str, Any]:
            return {
                "survey": s.survey,
                "question": s.question,
                "answered": s.answered,
                "share": None if s.share is None else round(s.share, 4),
                "low": None if s.low is None else round(s.low, 4),
                "high": None if s.high is None else round(s.high, 4),
                "design_effect": None if s.design_effect is None else round(s.design_effect, 3),
            }

        return {
            "weighting": self.item.weighting or None,
            "before": side(self.before),
            "after": side(self.after),
            "change": None if self.change is None else self.change.as_dict(),
        }


def top_answers(question: Any) -> dict[Any, bool]:
    """For each response that answered the question: whether the answer is at the top."""
    from linli.surveys.models import Answer, Question

    answers = Answer.objects.filter(question=question)
    if question.kind == Question.Kind.SCALE:
        top = (question.max_value or 5) - 1
        numbers = answers.exclude(number=None).values_list("response_id", "number")
        return {response: (number or 0) >= top for response, number in numbers}
    first = question.options.order_by("position", "pk").values_list("pk", flat=True).first()
    found: dict[Any, bool] = {}
    for response, option in answers.values_list("response_id", "option_id"):
        found[response] = found.get(response, False) or option == first
    return found


def top_share(question: Any) -> float | None:
    """The unweighted share at the top (for a project target's actual value)."""
    answers = top_answers(question)
    return sum(answers.values()) / len(answers) if answers else None


def _small(count: float) -> bool:
    return 0 < count < THRESHOLD


def side(question: Any, weights: dict[Any, float] | None) -> Side:
    survey = question.survey
    answers = top_answers(question)
    top = sum(answers.values())
    blank = Side(
        survey.title_text,
        survey.pick(question.text).text,
        len(answers),
        None,
        None,
        None,
        None,
        None,
    )
    if len(answers) < THRESHOLD or _small(top) or _small(len(answers) - top):
        return blank
    if weights is None:
        proportion = stats.Proportion(top, len(answers))
        deff = None
    else:
        weighed = [pk for pk in answers if pk in weights]
        if len(weighed) < THRESHOLD:
            return blank
        proportion = stats.Proportion.weighted(
            [answers[pk] for pk in weighed], [weights[pk] for pk in weighed]
        )
        deff = proportion.design_effect
    interval = proportion.interval()
    return Side(
        blank.survey,
        blank.question,
        len(answers),
        interval.estimate,
        interval.low,
        interval.high,
        deff,
        proportion,
    )


def _weights(question: Any, method: str) -> dict[Any, float] | None:
    return response_weights(question.survey, method).of if method else None


def compare(item: RepeatedQuestion) -> Comparison:
    error = ""
    try:
        before_weights = _weights(item.before, item.weighting)
        after_weights = _weights(item.after, item.weighting)
    except weighting.WeightingError as failure:
        before_weights = after_weights = None
        error = failure.code
    before = side(item.before, before_weights)
    after = side(item.after, after_weights)
    change = None
    if before.proportion is not None and after.proportion is not None:
        change = stats.difference(after.proportion, before.proportion)
    return Comparison(item, before, after, change, error)


def for_community(community: Any) -> list[Comparison]:
    chosen = RepeatedQuestion.objects.filter(community=community).select_related(
        "before__survey", "after__survey"
    )
    return [compare(item) for item in chosen]
