"""What a survey asks and what counts as a valid answer. Pure Python: no Django.

A survey *definition* is plain data::

    {"sections": [
        {"key": "s1", "show_if": None, "questions": [
            {"key": "q1", "kind": "single", "required": True, "options": ["yes", "no"]},
            {"key": "q2", "kind": "scale", "min": 1, "max": 5,
             "show_if": {"question": "q1", "any_of": ["yes"]}},
        ]},
    ]}

**Skip logic.** A section or question with ``show_if`` is asked only when the answer to an earlier
question is one of the listed options (for a multiple-choice question: when any listed option was
ticked). A condition on a question that was not answered, or was itself skipped, is false: a
resident never meets a question that hangs on something they were not asked.

**Checking.** :func:`check` walks the sections in order, cleaning each visible answer and working
out visibility from the answers cleaned so far, so a later condition always sees clean data. Every
problem comes back as ``(code, params)`` per question key, never as text: the caller translates.
An answer to a question the respondent should not have seen is refused (code ``hidden``) rather
than silently stored, and a key the survey does not have is refused as ``unknown_question``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

CHOICE_KINDS = frozenset({"single", "multiple"})
OPTION_KINDS = frozenset({"single", "multiple", "ranking", "matrix"})
KINDS = (
    "single",
    "multiple",
    "scale",
    "ranking",
    "short_text",
    "long_text",
    "number",
    "date",
    "matrix",
    "place",
)
# Defaults that keep free text readable on a results page and in a spreadsheet cell.
DEFAULT_MAX_LENGTH = {"short_text": 200, "long_text": 4000}

Problem = tuple[str, dict[str, Any]]


class DefinitionError(ValueError):
    """A definition that cannot be asked, e.g. a condition pointing at a later question."""


@dataclass
class Checked:
    answers: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, Problem] = field(default_factory=dict)
    visible_sections: list[str] = field(default_factory=list)
    visible_questions: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def questions_of(definition: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [q for section in definition["sections"] for q in section["questions"]]


def validate_definition(definition: Mapping[str, Any]) -> None:
    """Refuse keys used twice and conditions on questions that come later or have no options."""
    seen: dict[str, Mapping[str, Any]] = {}
    section_keys: set[str] = set()
    for section in definition["sections"]:
        if section["key"] in section_keys:
            raise DefinitionError(f"section key {section['key']!r} is used twice")
        section_keys.add(section["key"])
        _check_condition(section.get("show_if"), seen, f"section {section['key']}")
        for question in section["questions"]:
            if question["key"] in seen:
                raise DefinitionError(f"question key {question['key']!r} is used twice")
            if question["kind"] not in KINDS:
                raise DefinitionError(f"question {question['key']}: unknown kind")
            _check_condition(question.get("show_if"), seen, f"question {question['key']}")
            seen[question["key"]] = question


def _check_condition(
    condition: Mapping[str, Any] | None, earlier: Mapping[str, Mapping[str, Any]], where: str
) -> None:
    if not condition:
        return
    target = earlier.get(condition.get("question", ""))
    if target is None:
        raise DefinitionError(f"{where}: its condition must refer to an earlier question")
    if target["kind"] not in CHOICE_KINDS:
        raise DefinitionError(f"{where}: a condition needs a single or multiple choice question")
    unknown = set(condition.get("any_of", [])) - set(target.get("options", []))
    if unknown or not condition.get("any_of"):
        raise DefinitionError(f"{where}: its condition names options the question does not have")


def condition_holds(condition: Mapping[str, Any] | None, answers: Mapping[str, Any]) -> bool:
    if not condition:
        return True
    given = answers.get(condition["question"])
    if given is None:
        return False
    chosen = set(given) if isinstance(given, list) else {given}
    return bool(chosen & set(condition["any_of"]))


def is_empty(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple | set | dict):
        return all(is_empty(v) for v in (raw.values() if isinstance(raw, dict) else raw))
    return False


def check(
    definition: Mapping[str, Any],
    raw: Mapping[str, Any],
    *,
    partial: bool = False,
    sections: Iterable[str] | None = None,
) -> Checked:
    """Clean ``raw`` answers against ``definition``.

    ``partial``: a draft being saved for later - missing required answers are not problems.
    ``sections``: check only these sections (one page of a paged survey); visibility still
    follows every answer in ``raw``.
    """
    result = Checked()
    only = set(sections) if sections is not None else None
    known = {q["key"] for q in questions_of(definition)}
    for key in raw:
        if key not in known and not is_empty(raw[key]):
            result.problems[key] = ("unknown_question", {})
    for section in definition["sections"]:
        section_shown = condition_holds(section.get("show_if"), result.answers)
        if section_shown:
            result.visible_sections.append(section["key"])
        for question in section["questions"]:
            key = question["key"]
            value = raw.get(key)
            shown = section_shown and condition_holds(question.get("show_if"), result.answers)
            checking = only is None or section["key"] in only
            if not shown:
                if not is_empty(value) and checking:
                    result.problems[key] = ("hidden", {})
                continue
            result.visible_questions.append(key)
            if is_empty(value):
                if question.get("required") and not partial and checking:
                    result.problems[key] = ("required", {})
                continue
            try:
                result.answers[key] = clean(question, value)
            except AnswerError as error:
                if checking or partial:
                    result.problems[key] = (error.code, error.params)
    return result


class AnswerError(ValueError):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def clean(question: Mapping[str, Any], raw: Any) -> Any:
    """The canonical value of one non-empty answer, or :class:`AnswerError`."""
    kind = question["kind"]
    options = list(question.get("options", []))
    if kind == "single":
        value = _one(raw)
        if value not in options:
            raise AnswerError("not_an_option")
        return value
    if kind == "multiple":
        chosen = _many(raw)
        if not set(chosen) <= set(options):
            raise AnswerError("not_an_option")
        ordered = [o for o in options if o in chosen]  # option order, each once
        _count_limits(question, len(ordered))
        return ordered
    if kind == "scale":
        number = _number(raw)
        if number != int(number):
            raise AnswerError("not_a_whole_number")
        _range(question, number)
        return int(number)
    if kind == "number":
        number = _number(raw)
        _range(question, number)
        return int(number) if number == int(number) else number
    if kind in {"short_text", "long_text"}:
        text = str(raw).strip()
        longest = question.get("max_length") or DEFAULT_MAX_LENGTH[kind]
        if len(text) > longest:
            raise AnswerError("too_long", limit=longest, length=len(text))
        shortest = question.get("min_length") or 0
        if len(text) < shortest:
            raise AnswerError("too_short", limit=shortest)
        return text
    if kind == "date":
        try:
            day = dt.date.fromisoformat(str(raw).strip())
        except ValueError:
            raise AnswerError("not_a_date") from None
        return day.isoformat()
    if kind == "ranking":
        return _ranking(question, raw, options)
    if kind == "matrix":
        return _matrix(question, raw, options)
    if kind == "place":
        try:
            place = int(_one(raw))
        except (TypeError, ValueError):
            raise AnswerError("not_a_place") from None
        if place not in set(question.get("places", [])):
            raise AnswerError("not_a_place")
        return place
    raise AnswerError("unknown_kind")


def _one(raw: Any) -> str:
    if isinstance(raw, list | tuple):
        if len(raw) != 1:
            raise AnswerError("choose_one")
        raw = raw[0]
    return str(raw).strip()


def _many(raw: Any) -> list[str]:
    values = [raw] if isinstance(raw, str) else list(raw)
    return [str(v).strip() for v in values if str(v).strip()]


def _number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise AnswerError("not_a_number")
    try:
        number = float(str(raw).strip().replace(",", "").replace("，", ""))
    except ValueError:
        raise AnswerError("not_a_number") from None
    if not math.isfinite(number):
        raise AnswerError("not_a_number")
    return number


def _range(question: Mapping[str, Any], number: float) -> None:
    low, high = question.get("min"), question.get("max")
    if (low is not None and number < low) or (high is not None and number > high):
        raise AnswerError("out_of_range", min=_plain(low), max=_plain(high))


def _plain(number: float | None) -> Any:
    if number is None:
        return None
    return int(number) if number == int(number) else number


def _count_limits(question: Mapping[str, Any], count: int) -> None:
    low, high = question.get("min"), question.get("max")
    if high is not None and count > high:
        raise AnswerError("too_many", limit=int(high))
    if low is not None and count < low:
        raise AnswerError("too_few", limit=int(low))


def _ranking(question: Mapping[str, Any], raw: Any, options: list[str]) -> list[str]:
    """A ranking arrives as ``{option: place}`` (a form) or a list, best first (the API)."""
    if isinstance(raw, Mapping):
        places: dict[str, int] = {}
        for option, place in raw.items():
            if is_empty(place):
                continue
            if option not in options:
                raise AnswerError("not_an_option")
            try:
                places[option] = int(str(place).strip())
            except ValueError:
                raise AnswerError("not_a_number") from None
        if sorted(places.values()) != list(range(1, len(places) + 1)):
            raise AnswerError("ranking_gaps", count=len(places))
        order = sorted(places, key=places.__getitem__)
    else:
        order = _many(raw)
        if not set(order) <= set(options):
            raise AnswerError("not_an_option")
        if len(set(order)) != len(order):
            raise AnswerError("ranking_gaps", count=len(order))
    if question.get("required") and len(order) != len(options):
        raise AnswerError("rank_all", count=len(options))
    return order


def _matrix(question: Mapping[str, Any], raw: Any, options: list[str]) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise AnswerError("not_an_option")
    rows = list(question.get("rows", []))
    answer: dict[str, str] = {}
    for row, value in raw.items():
        if is_empty(value):
            continue
        if row not in rows:
            raise AnswerError("unknown_row")
        choice = _one(value)
        if choice not in options:
            raise AnswerError("not_an_option")
        answer[row] = choice
    if question.get("required") and len(answer) != len(rows):
        raise AnswerError("answer_every_row")
    return {row: answer[row] for row in rows if row in answer}


def next_section(
    definition: Mapping[str, Any], answers: Mapping[str, Any], after: str | None
) -> str | None:
    """The first section after ``after`` (or the first of all) that the respondent should see."""
    keys = [s["key"] for s in definition["sections"]]
    start = 0 if after is None else keys.index(after) + 1
    visible = set(check(definition, answers, partial=True).visible_sections)
    for key in keys[start:]:
        if key in visible:
            return key
    return None


def previous_section(
    definition: Mapping[str, Any], answers: Mapping[str, Any], before: str
) -> str | None:
    keys = [s["key"] for s in definition["sections"]]
    visible = set(check(definition, answers, partial=True).visible_sections)
    for key in reversed(keys[: keys.index(before)]):
        if key in visible:
            return key
    return None


def drop_hidden(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """Keep only the answers to questions still asked - after an earlier answer changed, the
    questions it used to open are no longer part of the response."""
    visible = set(check(definition, answers, partial=True).visible_questions)
    return {k: v for k, v in answers.items() if k in visible}
