"""Reading results: who may see them, the counts, turnout and the recount file. Read-only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from linli.core.models import Place
from linli.core.permissions import can

from .. import counting
from ..ballot_files import BallotFile, digest, write_linli
from ..models import Ballot, Channel, Question, Vote
from .ballots import eligible_members, specs


def results_visible(user: Any, vote: Vote) -> bool:
    """No count of a secret vote is shown to anyone while it is open: a count that moves by one
    ballot right after a known person voted tells how that person voted, and thresholds or
    batches do not help against someone who can also cast (or knows) the other ballots of a
    batch. After close, "live" votes show the provisional count to everyone; others show it to
    organisers (to check before publishing) and to everyone once published."""
    if vote.status != Vote.Status.PUBLISHED or not vote.is_closed:
        return False
    if vote.results_shown == Vote.ResultsShown.LIVE or vote.results_published_at:
        return True
    return vote.is_closed and can(user, "votes.manage", vote.community)


# --- Results and the recount file ---------------------------------------------------------


@dataclass
class TurnoutRow:
    label: str
    eligible: int
    voted: int

    @property
    def share(self) -> float:
        return self.voted / self.eligible if self.eligible else 0.0


def stored_ballots(vote: Vote) -> list[dict[str, Any]]:
    return list(Ballot.objects.filter(vote=vote).values_list("choices", flat=True))


def results(vote: Vote) -> list[tuple[Question, counting.QuestionResult]]:
    ballots = stored_ballots(vote)
    questions = list(vote.questions.prefetch_related("options"))
    by_id = {s.id: s for s in specs(vote)}
    return [(q, counting.count(by_id[q.pk], ballots)) for q in questions]


def turnout_by_area(vote: Vote) -> list[TurnoutRow]:
    eligible = eligible_members(vote)
    household_mode = vote.unit == Vote.Unit.HOUSEHOLD
    unit_field = "household" if household_mode else "pk"
    eligible_by_area = {
        row["household__area"]: row["n"]
        for row in eligible.values("household__area").annotate(
            n=Count(unit_field, distinct=household_mode)
        )
    }
    voted_by_area = {
        row["area"]: row["n"] for row in vote.roll.values("area").annotate(n=Count("pk"))
    }
    names = dict(Place.objects.filter(pk__in=list(eligible_by_area)).values_list("pk", "name"))
    rows = [
        TurnoutRow(names.get(area, _("no address")), n, voted_by_area.get(area, 0))
        for area, n in eligible_by_area.items()
    ]
    return sorted(rows, key=lambda r: str(r.label))


def turnout_by_channel(vote: Vote) -> dict[str, int]:
    counts = dict(vote.roll.values_list("channel").annotate(n=Count("pk")))
    return {str(label): counts.get(value, 0) for value, label in Channel.choices}


def eligible_count(vote: Vote) -> int:
    eligible = eligible_members(vote)
    if vote.unit == Vote.Unit.HOUSEHOLD:
        return eligible.values("household").distinct().count()
    return eligible.count()


def ballot_file(vote: Vote, question: Question) -> bytes:
    """The anonymised ballots of one question in linli's recount format."""
    spec = next(s for s in specs(vote) if s.id == question.pk)
    options = {spec.number(o.pk): o.label for o in question.options.all()}
    params: dict[str, str] = {}
    if spec.method == "approval" and spec.max_choices:
        params["k"] = str(spec.max_choices)
    if spec.method == "score":
        params["max"] = str(spec.max_score)
    if spec.method == "knapsack":
        # the budget and each option's cost travel with the ballots, so a recount can check them
        params["budget"] = str(spec.budget_limit)
        params["costs"] = ",".join(f"{spec.number(o)}:{spec.costs.get(o)}" for o in spec.options)
    if spec.method == "cumulative":
        params["points"] = str(spec.points_total)
        if spec.max_points_per_option:
            params["per_option"] = str(spec.max_points_per_option)
    header = BallotFile(spec.method, options, params=params)
    return write_linli(header, counting.export_rows(spec, stored_ballots(vote))).encode("utf-8")


def ballot_file_digest(vote: Vote, question: Question) -> str:
    return digest(ballot_file(vote, question))


def may_download_ballots(user: Any, vote: Vote) -> bool:
    return vote.is_closed and (
        bool(vote.results_published_at) or can(user, "votes.manage", vote.community)
    )
