"""Setting a contest up: its rules, criteria and awards while a draft, the board members'
comments on the rubric, and the board's vote that adopts the rules (a contest decision of the
board's governance body, applied by :func:`apply_motion` when it passes)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.kit import Forbidden, audit, command
from linli.core.models import Place, User
from linli.core.permissions import member_of
from linli.core.services import ServiceError
from linli.governance.models import Body, Motion

from . import boards
from .models import Application, AwardTier, Contest, Criterion, RubricComment

Stage = Contest.Stage


@command("reviews.take_part", on="board")
def save_contest(
    actor: User, board: Body, contest: Contest, areas: Iterable[Place] | None = None
) -> Contest:
    """The board's officers (or an organiser) write a contest's rules while it is a draft;
    ``areas``, when given, are the courtyards that may apply (none: every area)."""
    boards.require_runner(actor, board)
    if contest.pk and Contest.objects.get(pk=contest.pk).stage != Stage.DRAFT:
        raise ServiceError(_("The rules were adopted by the board and can no longer change."))
    if contest.pk and contest.body_id != board.pk:
        raise Forbidden("reviews.take_part")  # a contest is moved to another board by no one
    if not (contest.opens_at < contest.closes_at <= contest.scoring_deadline):
        raise ServiceError(
            _("Applications must open before they close, and scoring end after they close."),
            "closes_at",
        )
    contest.body = board
    contest.community = board.community
    created = contest.pk is None
    contest.save()
    if areas is not None:
        contest.areas.set(areas)
    if created:
        audit("reviews.contest_created", contest)
    else:
        audit("reviews.contest_changed", contest)
    return contest


def _draft(actor: User, contest: Contest) -> None:
    boards.require_runner(actor, contest.body)
    if contest.stage != Stage.DRAFT:
        raise ServiceError(_("The rules were adopted by the board and can no longer change."))


@command("reviews.take_part", on="criterion")
def save_criterion(actor: User, criterion: Criterion) -> Criterion:
    _draft(actor, criterion.contest)
    if criterion.high <= criterion.low:
        raise ServiceError(_("The highest score must be above the lowest."), "high")
    if criterion.pk is None:
        criterion.position = criterion.contest.criteria.count() + 1
    criterion.save()
    return criterion


@command("reviews.take_part", on="criterion")
def delete_criterion(actor: User, criterion: Criterion) -> None:
    _draft(actor, criterion.contest)
    criterion.delete()


@command("reviews.take_part", on="tier")
def save_tier(actor: User, tier: AwardTier) -> AwardTier:
    _draft(actor, tier.contest)
    if tier.rank_to < tier.rank_from:
        raise ServiceError(_("The last rank must not be before the first."), "rank_to")
    tier.save()
    return tier


def awards_total(contest: Contest) -> Decimal:
    return sum(((t.rank_to - t.rank_from + 1) * t.amount for t in contest.tiers.all()), Decimal(0))


@command("reviews.take_part", on="contest")
def comment_rubric(
    actor: User, contest: Contest, body: str, criterion: Criterion | None = None
) -> RubricComment:
    """A member serving on the board comments on the draft rules, or on one criterion."""
    seat = boards.require_seat(member_of(actor, contest.community), contest.body)
    if contest.stage != Stage.DRAFT:
        raise ServiceError(_("The rules are adopted; comments are closed."))
    if not body.strip():
        raise ServiceError(_("Write something first."), "body")
    if criterion is not None and criterion.contest_id != contest.pk:
        raise ServiceError(_("Choose a criterion of this contest."), "criterion")
    return RubricComment.objects.create(
        contest=contest, member=seat.member, body=body.strip(), criterion=criterion
    )


@command("reviews.take_part", on="contest", lock=True)
def propose_rubric(actor: User, contest: Contest, method: str = Motion.Method.ONLINE) -> Motion:
    """Put the rules to the board's vote (online, or at its meeting)."""
    boards.require_runner(actor, contest.body)
    if contest.stage != Stage.DRAFT:
        raise ServiceError(_("The rules were adopted by the board and can no longer change."))
    if not contest.criteria.exists():
        raise ServiceError(_("Add at least one criterion first."))
    if awards_total(contest) > contest.budget:
        raise ServiceError(
            _("The awards add up to %(total)s yuan, more than the budget of %(budget)s yuan.")
            % {"total": awards_total(contest), "budget": contest.budget}
        )
    return boards.open_contest_motion(
        actor,
        contest,
        boards.RUBRIC,
        _("Adopt the rules and rubric of “%(title)s”") % {"title": contest.title},
        "\n".join(f"{c.name} ×{c.weight} ({c.low}-{c.high})" for c in contest.criteria.all()),
        {},
        method,
    )


def apply_motion(motion: Motion) -> None:
    """What an adopted contest decision does to its contest (registered with governance's
    ``subjects`` for "reviews.contest"; runs in the command that decides the motion)."""
    if motion.status != Motion.Status.PASSED or motion.kind != Motion.Kind.CONTEST:
        return
    contest = Contest.objects.filter(pk=motion.subject_id or 0).first()
    if contest is None:
        return
    action = motion.payload.get("contest_action")
    if action == boards.RUBRIC and contest.stage == Stage.DRAFT:
        contest.stage, contest.rubric_adopted_at = Stage.OPEN, timezone.now()
        contest.save(update_fields=["stage", "rubric_adopted_at"])
    elif action == boards.RANKING and contest.stage == Stage.SCORING:
        contest.ranking = motion.payload.get("ranking", [])
        contest.ranking_adopted_at = timezone.now()
        contest.save(update_fields=["ranking", "ranking_adopted_at"])


def contest_parts(contest_id: int) -> tuple[str, list[int]]:
    """A contest's applications: whoever stands aside on one of them does not vote on the
    contest's ranking."""
    ids = Application.objects.filter(contest_id=contest_id).values_list("pk", flat=True)
    return boards.APPLICATION, list(ids)
