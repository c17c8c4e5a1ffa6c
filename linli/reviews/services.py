"""A contest from its rules to its showcase: every change is a command (``linli.core.kit``)
taking the signed-in account as ``actor``, checking the role table and the board's seats and
offices, writing the ledger and the audit log in one transaction. Split by what people do:

- ``contests`` - the rules, criteria and awards while a draft, comments, adopting the rules;
- ``applying`` - applications, their team and photos, withdrawing, households' support;
- ``judging`` - scoring with recusal and hidden scores;
- here - the combined results and the ranking put to the board's vote;
- ``paper_scores`` - score sheets signed on paper and copied in by an officer;
- ``notice`` - the public notice with objections, and the final result;
- ``works`` - awards against milestones, acceptance inspection, closing, the showcase;
- ``queries`` - reads: open items, who sees which contest and work.

The board is a ``governance`` body; ``boards.py`` is how contests ask it. Every name stays
reachable here for the views, the API and the demo."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from linli.core import rounding
from linli.core.kit import command
from linli.core.models import Member, User
from linli.core.services import ServiceError
from linli.governance.models import Motion

from . import boards, scoring
from .applying import add_photo as add_photo
from .applying import add_team_member as add_team_member
from .applying import eligible_areas as eligible_areas
from .applying import enter_paper_signatures as enter_paper_signatures
from .applying import find_resident as find_resident
from .applying import in_competition as in_competition
from .applying import may_edit_application as may_edit_application
from .applying import sign as sign
from .applying import submit as submit
from .applying import window_open as window_open
from .applying import withdraw as withdraw
from .contests import apply_motion as apply_motion
from .contests import awards_total as awards_total
from .contests import comment_rubric as comment_rubric
from .contests import contest_parts as contest_parts
from .contests import delete_criterion as delete_criterion
from .contests import propose_rubric as propose_rubric
from .contests import save_contest as save_contest
from .contests import save_criterion as save_criterion
from .contests import save_tier as save_tier
from .judging import _recused_pairs
from .judging import all_scores_in as all_scores_in
from .judging import declare_conflict as declare_conflict
from .judging import record_scores as record_scores
from .judging import reviewers as reviewers
from .judging import save_scores as save_scores
from .judging import scores_revealed as scores_revealed
from .judging import start_scoring as start_scoring
from .judging import visible_scores as visible_scores
from .models import Application, Contest, Criterion, Score
from .queries import is_recused as is_recused

Stage = Contest.Stage


# --- Results and the ranking ----------------------------------------------------------------


@dataclass
class Results:
    outcome: scoring.Outcome
    applications: dict[Any, Application]
    criteria: list[Criterion]
    names: dict[Any, str]  # reviewer id -> name


def results(contest: Contest) -> Results:
    apps = list(in_competition(contest))
    criteria = list(contest.criteria.all())
    rubric = [
        scoring.Criterion(c.pk, float(c.weight), float(c.low), float(c.high)) for c in criteria
    ]
    rows = Score.objects.filter(application__in=apps).values_list(
        "reviewer_id", "application_id", "criterion_id", "value"
    )
    outcome = scoring.combine(
        rubric,
        [a.pk for a in apps],
        {(r, a, c): float(v) for r, a, c, v in rows},
        _recused_pairs(contest),
        min_reviewers=max(1, min(3, len(reviewers(contest)))),
    )
    ids = {r for result in outcome.results for r in result.reviewers}
    names = dict(Member.objects.filter(pk__in=ids).values_list("pk", "name"))
    return Results(outcome, {a.pk: a for a in apps}, criteria, names)


def ranking_rows(found: Results) -> list[dict[str, Any]]:
    """The ranking as the board adopts it and the contest keeps it (also used by
    ``linli generate_city``)."""
    return [
        {
            "application": r.application,
            "rank": r.rank,
            "raw": None if r.raw_mean is None else round(r.raw_mean, 2),
            # exact, so the notice and poster round it once, the way the results page does
            "normalised": r.normalised,
            "mean_z": None if r.mean_z is None else round(r.mean_z, 4),
            "reviewers": len(r.reviewers),
            "spread_flag": r.spread_flag,
            "decided_by": r.decided_by,
        }
        for r in found.outcome.results
    ]


@command("reviews.take_part", on="contest", lock=True)
def propose_ranking(actor: User, contest: Contest, method: str = Motion.Method.ONLINE) -> Motion:
    """Put the combined ranking to the board's vote, once every score is in or scoring ended."""
    boards.require_runner(actor, contest.body)
    if contest.stage != Stage.SCORING or not scores_revealed(contest):
        raise ServiceError(
            _("The ranking can be put to the board once every score is in or scoring has ended.")
        )
    found = results(contest)
    ranking = ranking_rows(found)
    text = "\n".join(
        f"{row['rank']}. {found.applications[row['application']].title} "  # type: ignore[index]
        f"({rounding.number(row['normalised'])})"
        for row in ranking
    )
    return boards.open_contest_motion(
        actor,
        contest,
        boards.RANKING,
        _("Adopt the ranking of “%(title)s”") % {"title": contest.title},
        text,
        {"ranking": ranking},
        method,
    )


# The public notice, the works after the result and the reads live in their own files; their
# names stay reachable here for the views, the API and the demo.
from .notice import answer_objection as answer_objection  # noqa: E402
from .notice import finalise as finalise  # noqa: E402
from .notice import notice_open as notice_open  # noqa: E402
from .notice import object_to as object_to  # noqa: E402
from .notice import publish_notice as publish_notice  # noqa: E402
from .queries import may_see_work as may_see_work  # noqa: E402
from .queries import notice_url as notice_url  # noqa: E402
from .queries import open_items as open_items  # noqa: E402
from .queries import visible_contests as visible_contests  # noqa: E402
from .works import add_milestone as add_milestone  # noqa: E402
from .works import checklist as checklist  # noqa: E402
from .works import close_contest as close_contest  # noqa: E402
from .works import inspect as inspect  # noqa: E402
from .works import release as release  # noqa: E402
from .works import showcase as showcase  # noqa: E402
from .works import showcase_works as showcase_works  # noqa: E402
