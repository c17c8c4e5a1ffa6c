"""From stored ballots to results, and paper ballot lines to stored ballots. No Django here.

A stored ballot answers each question by its id (as text):

- single choice: ``[option]``, or ``[]`` when left blank;
- approval: ``[option, ...]``;
- score: ``{"option": score, ...}`` (an option left out scores 0);
- ranked (instant-runoff or Schulze): ``[first, second, ...]``, possibly cut short;
- knapsack (participatory budgeting): ``[option, ...]`` like approval, whose costs fit the budget;
- cumulative: ``{"option": points, ...}`` like score, points summing to at most the total (options
  given 0 are left out, so a ballot giving nothing is blank).

A spoiled paper ballot is ``{"_spoiled": true}``; it counts towards turnout, never towards options.
Blank answers are counted apart, so percentages are shares of the ballots that chose something.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import tally
from .tally import BallotError

SPOILED = "_spoiled"
RANKED_METHODS = ("irv", "schulze")
SCORED = ("score", "cumulative")  # answers that give a number to each option


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    method: str  # plurality, approval, score, irv, schulze
    options: Sequence[int]  # option ids in ballot order
    max_choices: int | None = None
    max_score: int = 5
    costs: Mapping[int, int | None] = field(default_factory=dict)  # knapsack, whole yuan
    budget_limit: int | None = None  # knapsack
    points_total: int | None = None  # cumulative
    max_points_per_option: int | None = None  # cumulative

    def number(self, option: int) -> int:
        """The option's number on the paper ballot and in the export (1, 2, ...)."""
        return list(self.options).index(option) + 1


# --- Checking one answer -------------------------------------------------------------------


def _whole(value: Any) -> int:
    """A point count: an int, or text of digits; never a fraction, a bool or a float."""
    if isinstance(value, bool):
        raise BallotError("points_not_whole", "Points are whole numbers of 0 or more.")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise BallotError("points_not_whole", "Points are whole numbers of 0 or more.")


def check_answer(spec: QuestionSpec, value: Any) -> Any:
    """The answer in stored form, or BallotError saying what is wrong with it."""
    if spec.method == "cumulative":
        if not isinstance(value, Mapping):
            raise BallotError("malformed", "A cumulative ballot gives points per option.")
        try:
            keys = [int(k) for k in value]
        except (TypeError, ValueError) as error:
            raise BallotError("malformed", "Options are given by their number.") from error
        points = {k: _whole(v) for k, v in zip(keys, value.values(), strict=True)}
        checked_points = tally.check_points(
            spec.options, points, spec.points_total or 0, spec.max_points_per_option
        )
        ordered = sorted(checked_points.items(), key=lambda kv: spec.number(kv[0]))
        return {str(k): v for k, v in ordered}
    if spec.method == "score":
        if not isinstance(value, Mapping):
            raise BallotError("malformed", "A score ballot gives a score per option.")
        try:
            scores = {int(k): int(v) for k, v in value.items()}
        except (TypeError, ValueError) as error:
            raise BallotError("malformed", "Scores must be whole numbers.") from error
        checked = tally.check_scores(spec.options, scores, spec.max_score)
        return {str(k): v for k, v in sorted(checked.items(), key=lambda kv: spec.number(kv[0]))}
    if not isinstance(value, list | tuple):
        raise BallotError("malformed", "This answer must be a list of options.")
    try:
        chosen = [int(v) for v in value]
    except (TypeError, ValueError) as error:
        raise BallotError("malformed", "Options are given by their number.") from error
    if not chosen:
        return []
    if spec.method == "plurality":
        if len(chosen) > 1:
            raise BallotError("too_many", "Choose one option only.")
        return list(tally.check_ranking(spec.options, chosen))
    if spec.method == "approval":
        approved = tally.check_approval(spec.options, chosen, spec.max_choices)
        return sorted(approved, key=spec.number)
    if spec.method == "knapsack":
        approved = tally.check_knapsack(
            spec.options, chosen, spec.costs, spec.budget_limit or 0, spec.max_choices
        )
        return sorted(approved, key=spec.number)
    return list(tally.check_ranking(spec.options, chosen))


def is_blank(value: Any) -> bool:
    return not value


# --- Counting ------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    id: int
    method: str
    ballots: int  # ballots that answered this question (not blank, not spoiled)
    blank: int
    spoiled: int
    winners: tuple[int, ...] = ()
    counts: dict[int, float] = field(default_factory=dict)
    rounds: list[tally.Round] = field(default_factory=list)
    pairwise: list[list[int]] = field(default_factory=list)
    ranking: tuple[int, ...] = ()
    condorcet: int | None = None
    # knapsack and cumulative: how many ballots chose the option / gave it any points
    supporters: dict[int, int] = field(default_factory=dict)

    @property
    def winner(self) -> int | None:
        return self.winners[0] if len(self.winners) == 1 else None


def count(spec: QuestionSpec, ballots: Iterable[Mapping[str, Any]]) -> QuestionResult:
    key = str(spec.id)
    blank = spoiled = 0
    answers: list[Any] = []
    for ballot in ballots:
        if ballot.get(SPOILED):
            spoiled += 1
            continue
        value = ballot.get(key)
        if is_blank(value):
            blank += 1
        else:
            answers.append(value)
    result = QuestionResult(spec.id, spec.method, len(answers), blank, spoiled)
    options = list(spec.options)
    if spec.method in ("score", "cumulative"):
        scored = Counter(tuple(sorted((int(k), int(v)) for k, v in a.items())) for a in answers)
        found = tally.score(options, [(dict(s), n) for s, n in scored.items()])
        result.counts, result.winners = found.counts, found.winners
        if spec.method == "cumulative":
            result.supporters = dict.fromkeys(options, 0)
            for points, n in scored.items():
                for option, value in points:
                    if value and option in result.supporters:
                        result.supporters[option] += n
    elif spec.method in ("approval", "knapsack"):
        found = tally.approval(options, Counter(frozenset(int(o) for o in a) for a in answers))
        result.counts, result.winners = found.counts, found.winners
        if spec.method == "knapsack":
            result.supporters = {o: int(n) for o, n in found.counts.items()}
    else:
        rankings = tally.aggregate(tuple(int(o) for o in a) for a in answers)
        if spec.method == "plurality":
            found = tally.plurality(options, rankings)
            result.counts, result.winners = found.counts, found.winners
        elif spec.method == "irv":
            runoff = tally.instant_runoff(options, rankings)
            result.rounds = runoff.rounds
            result.winners = (runoff.winner,) if runoff.winner is not None else ()
            result.counts = dict(runoff.rounds[0].counts) if runoff.rounds else {}
        else:
            schulze = tally.schulze(options, rankings)
            result.winners = schulze.winners
            result.ranking = schulze.ranking
            result.condorcet = schulze.condorcet
            result.pairwise = schulze.pairwise.astype(int).tolist()
            result.counts = dict(tally.plurality(options, rankings).counts)
    return result


# --- The anonymised export -----------------------------------------------------------------


def export_rows(spec: QuestionSpec, ballots: Iterable[Mapping[str, Any]]) -> list[str]:
    """One choices string per answered ballot, options by their number, sorted: the order of
    the rows carries nothing, and the same ballots always give the same file (and digest)."""
    key = str(spec.id)
    rows: list[str] = []
    for ballot in ballots:
        value = ballot.get(key)
        if ballot.get(SPOILED) or value is None or is_blank(value):
            continue
        if spec.method in ("score", "cumulative"):
            rows.append(";".join(f"{spec.number(int(o))}={int(s)}" for o, s in value.items()))
        elif spec.method in ("approval", "knapsack"):
            rows.append(";".join(str(spec.number(int(o))) for o in value))
        else:
            rows.append(">".join(str(spec.number(int(o))) for o in value))
    return sorted(rows)


# --- Paper ballots typed by officers -------------------------------------------------------

_SEGMENT_SPLIT = re.compile(r"\s*/\s*")
_NUMBERS = re.compile(r"[\s,，、]+")


def parse_paper_line(specs: Sequence[QuestionSpec], line: str) -> dict[str, Any]:
    """Read one typed paper ballot. Questions are separated by ``/``; within a question the
    option numbers from the paper (``2``, ``1 3``, ``3 1 2``) or, for score and cumulative
    questions, one number per option in order (``5 3 0``). ``-`` leaves a question blank; ``x``
    marks a spoiled ballot. A paper ballot that breaks the rules (over the budget, too many
    points) is refused here: the officer sees it and types ``x`` for it (see docs)."""
    text = line.strip()
    if text.lower() in {"x", "×"}:
        return {SPOILED: True}
    segments = _SEGMENT_SPLIT.split(text) if text else [""]
    if len(segments) != len(specs):
        raise BallotError(
            "question_count",
            f"Expected answers to {len(specs)} question(s), found {len(segments)}.",
        )
    ballot: dict[str, Any] = {}
    for spec, segment in zip(specs, segments, strict=True):
        tokens = [t for t in _NUMBERS.split(segment.strip()) if t]
        if tokens in ([], ["-"]):
            ballot[str(spec.id)] = {} if spec.method in SCORED else []
            continue
        if not all(t.isdigit() for t in tokens):
            raise BallotError("malformed", f"Only numbers, '-' or 'x' are allowed: {segment!r}.")
        numbers = [int(t) for t in tokens]
        if spec.method in SCORED:
            if len(numbers) != len(spec.options):
                raise BallotError(
                    "score_count", f"Give one score for each of the {len(spec.options)} options."
                )
            value: Any = {str(o): n for o, n in zip(spec.options, numbers, strict=True) if n}
        else:
            if any(not 1 <= n <= len(spec.options) for n in numbers):
                raise BallotError(
                    "unknown_option", f"Options are numbered 1 to {len(spec.options)}."
                )
            value = [spec.options[n - 1] for n in numbers]
        ballot[str(spec.id)] = check_answer(spec, value)
    return ballot


def paper_line(specs: Sequence[QuestionSpec], ballot: Mapping[str, Any]) -> str:
    """A stored ballot written back the way an officer types it (the inverse of the parser)."""
    if ballot.get(SPOILED):
        return "x"
    parts: list[str] = []
    for spec in specs:
        value = ballot.get(str(spec.id))
        if value is None or is_blank(value):
            parts.append("-")
        elif spec.method in SCORED:
            parts.append(" ".join(str(value.get(str(o), 0)) for o in spec.options))
        else:
            parts.append(" ".join(str(spec.number(int(o))) for o in value))
    return " / ".join(parts)


def differences(first: Sequence[Any], second: Sequence[Any]) -> list[int]:
    """Positions (1-based) where two officers' entries of the same bundle disagree."""
    longest = max(len(first), len(second))
    return [
        i + 1
        for i in range(longest)
        if i >= len(first) or i >= len(second) or first[i] != second[i]
    ]
