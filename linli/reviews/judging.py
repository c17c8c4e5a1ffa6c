"""Scoring: opening it, members standing aside, the scores themselves (hidden from the other
members until all are in) and who may read them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.kit import audit, command, running
from linli.core.models import Member, User
from linli.core.permissions import member_of
from linli.core.services import ServiceError
from linli.governance import services as governance
from linli.governance.models import Conflict

from . import boards, scoring
from .applying import in_competition
from .models import Application, Contest, Score, ScoreSheet
from .queries import is_recused

Stage = Contest.Stage


@command("reviews.take_part", on="contest", lock=True)
def start_scoring(actor: User, contest: Contest) -> Contest:
    boards.require_runner(actor, contest.body)
    if contest.stage != Stage.OPEN:
        raise ServiceError(_("Scoring starts after the rules are adopted and applications close."))
    if timezone.now() < contest.closes_at:
        raise ServiceError(_("Applications are still open; scoring starts when they close."))
    contest.stage = Stage.SCORING
    contest.save(update_fields=["stage"])
    audit("reviews.scoring_started", contest)
    return contest


@command("reviews.take_part", on="application")
def declare_conflict(actor: User, application: Application, reason: str) -> Conflict:
    """The member steps aside from this application (a conflict on the board's body); any score
    he gave it is deleted so it can never count."""
    contest = application.contest
    seat = boards.require_seat(member_of(actor, contest.community), contest.body)
    if contest.stage not in (Stage.OPEN, Stage.SCORING):
        raise ServiceError(_("Conflicts are declared before and during scoring."))
    conflict = governance.declare_conflict(actor, contest.body, application, reason)
    Score.objects.filter(application=application, reviewer=seat.member).delete()
    return conflict


@command("reviews.take_part", on="application")
def save_scores(
    actor: User,
    application: Application,
    given: dict[int, tuple[int, str]],
) -> list[Score]:
    """A board member's scores for one application: criterion id -> (score, reason).
    All-or-nothing: one bad value and nothing is saved."""
    contest = application.contest
    seat = boards.require_seat(member_of(actor, contest.community), contest.body)
    return record_scores(seat.member, application, given)


def record_scores(
    reviewer: Member,
    application: Application,
    given: dict[int, tuple[int, str]],
    sheet: ScoreSheet | None = None,
) -> list[Score]:
    """The rules every score obeys, online or copied from a paper sheet: scoring open, the
    application in the competition, the reviewer not standing aside, each value in range with
    a reason. A step of :func:`save_scores` and ``paper_scores.enter_paper_scores``, inside
    their transaction, after they checked the reviewer's seat."""
    if running() is None:
        raise RuntimeError("scores are recorded by a @command, inside its transaction")
    contest = application.contest
    if contest.stage != Stage.SCORING:
        raise ServiceError(_("Scoring is not open for this contest."))
    if timezone.now() > contest.scoring_deadline:
        raise ServiceError(
            _("Scoring closed on %(date)s.")
            % {"date": timezone.localtime(contest.scoring_deadline).strftime("%Y-%m-%d %H:%M")}
        )
    if not in_competition(contest).filter(pk=application.pk).exists():
        raise ServiceError(_("This application is not in the competition."))
    if is_recused(reviewer, application):
        raise ServiceError(
            _("You declared a conflict of interest for this application and cannot score it.")
        )
    criteria = {c.pk: c for c in contest.criteria.all()}
    if set(given) - set(criteria):
        raise ServiceError(_("A criterion that is not in this contest's rubric was sent."))
    saved = []
    for pk, (value, reason) in given.items():
        criterion = criteria[pk]
        if not (criterion.low <= value <= criterion.high):
            raise ServiceError(
                _("“%(name)s” is scored from %(low)d to %(high)d.")
                % {"name": criterion.name, "low": criterion.low, "high": criterion.high},
                f"c{pk}",
            )
        if not reason.strip():
            raise ServiceError(
                _("Give a short reason for your score on “%(name)s”.") % {"name": criterion.name},
                f"c{pk}_reason",
            )
        score, _created = Score.objects.update_or_create(
            application=application,
            criterion=criterion,
            reviewer=reviewer,
            defaults={"value": value, "reason": reason.strip()[:500], "sheet": sheet},
        )
        saved.append(score)
    return saved


def _recused_pairs(contest: Contest) -> set[tuple[int, int]]:
    return set(boards.conflicts(contest).values_list("member_id", "subject_id"))


def reviewers(contest: Contest) -> list[int]:
    """Members serving on the board now, who are expected to score."""
    return list(boards.serving(contest.body).values_list("member_id", flat=True))


def all_scores_in(contest: Contest) -> bool:
    apps = list(in_competition(contest).values_list("pk", flat=True))
    return scoring.all_in(
        reviewers(contest),
        apps,
        list(contest.criteria.values_list("pk", flat=True)),
        Score.objects.filter(application__contest=contest).values_list(
            "reviewer_id", "application_id", "criterion_id"
        ),
        _recused_pairs(contest),
    )


def scores_revealed(contest: Contest) -> bool:
    """Board members see each other's scores only when all are in or scoring has ended; until
    then each sees only his own, so nobody follows the first to score."""
    if contest.stage in (Stage.NOTICE, Stage.FINAL, Stage.DONE):
        return True
    if contest.stage != Stage.SCORING:
        return False
    return timezone.now() > contest.scoring_deadline or all_scores_in(contest)


def visible_scores(user: Any, contest: Contest) -> QuerySet[Score]:
    """The scores this person may read: everyone's once revealed (board members while scoring;
    the public from the public notice on), otherwise only their own."""
    rows = Score.objects.filter(application__contest=contest).select_related(
        "criterion", "reviewer", "application"
    )
    member = member_of(user, contest.community)
    public = contest.stage in (Stage.NOTICE, Stage.FINAL, Stage.DONE)
    on_board = boards.seat_of(member, contest.body) is not None or boards.may_run(
        user, contest.body
    )
    if public or (on_board and scores_revealed(contest)):
        return rows
    if member is None:
        return rows.none()
    return rows.filter(reviewer=member)
