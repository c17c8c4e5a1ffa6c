"""A contest from its rules to its showcase: rubric, applications and support, scoring with
recusal and hidden scores, results, public notice with objections, awards against milestones,
acceptance inspection. The board is a ``governance`` body; ``boards.py`` is how contests ask it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import audit, rounding
from linli.core.models import Community, Household, Member, Place
from linli.core.permissions import member_of, require
from linli.core.services import ServiceError
from linli.governance import services as governance
from linli.governance.models import Conflict, Motion
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method
from linli.tracking import services as track
from linli.tracking.models import Photo, TeamMember

from . import boards, scoring
from .models import (
    Application,
    AwardTier,
    Contest,
    Criterion,
    RubricComment,
    Score,
    ScoreSheet,
    Signature,
)
from .queries import _resident, is_recused

Stage = Contest.Stage


# --- Contest and rubric -------------------------------------------------------------------


def save_contest(user: Any, contest: Contest) -> Contest:
    boards.require_runner(user, contest.body)
    if contest.pk and Contest.objects.get(pk=contest.pk).stage != Stage.DRAFT:
        raise ServiceError(_("The rules were adopted by the board and can no longer change."))
    if not (contest.opens_at < contest.closes_at <= contest.scoring_deadline):
        raise ServiceError(
            _("Applications must open before they close, and scoring end after they close."),
            "closes_at",
        )
    contest.community = contest.body.community
    created = contest.pk is None
    contest.save()
    audit.log(
        user,
        "reviews.contest_created" if created else "reviews.contest_changed",
        contest,
        community=contest.community,
    )
    return contest


def _draft(user: Any, contest: Contest) -> None:
    boards.require_runner(user, contest.body)
    if contest.stage != Stage.DRAFT:
        raise ServiceError(_("The rules were adopted by the board and can no longer change."))


def save_criterion(user: Any, criterion: Criterion) -> Criterion:
    _draft(user, criterion.contest)
    if criterion.high <= criterion.low:
        raise ServiceError(_("The highest score must be above the lowest."), "high")
    if criterion.pk is None:
        criterion.position = criterion.contest.criteria.count() + 1
    criterion.save()
    return criterion


def delete_criterion(user: Any, criterion: Criterion) -> None:
    _draft(user, criterion.contest)
    criterion.delete()


def save_tier(user: Any, tier: AwardTier) -> AwardTier:
    _draft(user, tier.contest)
    if tier.rank_to < tier.rank_from:
        raise ServiceError(_("The last rank must not be before the first."), "rank_to")
    tier.save()
    return tier


def awards_total(contest: Contest) -> Decimal:
    return sum(((t.rank_to - t.rank_from + 1) * t.amount for t in contest.tiers.all()), Decimal(0))


def comment_rubric(
    member: Member | None, contest: Contest, body: str, criterion: Criterion | None = None
) -> RubricComment:
    boards.require_seat(member, contest.body)
    assert member is not None
    if contest.stage != Stage.DRAFT:
        raise ServiceError(_("The rules are adopted; comments are closed."))
    if not body.strip():
        raise ServiceError(_("Write something first."), "body")
    if criterion is not None and criterion.contest_id != contest.pk:
        raise ServiceError(_("Choose a criterion of this contest."), "criterion")
    return RubricComment.objects.create(
        contest=contest, member=member, body=body.strip(), criterion=criterion
    )


def propose_rubric(user: Any, contest: Contest, method: str = Motion.Method.ONLINE) -> Motion:
    boards.require_runner(user, contest.body)
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
        user,
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


# --- Applications -------------------------------------------------------------------------


def eligible_areas(contest: Contest) -> QuerySet[Place]:
    chosen = contest.areas.all()
    if chosen.exists():
        return chosen
    return Place.objects.filter(community=contest.community, kind=Place.Kind.AREA)


def window_open(contest: Contest, now: Any = None) -> bool:
    now = now or timezone.now()
    return contest.stage == Stage.OPEN and contest.opens_at <= now <= contest.closes_at


def submit(
    member: Member | None, application: Application, credit_consent: bool = False
) -> Application:
    contest = application.contest
    member = _resident(member, contest.community)
    if not window_open(contest):
        raise ServiceError(
            _("Applications are accepted only from %(start)s to %(end)s.")
            % {
                "start": timezone.localtime(contest.opens_at).strftime("%Y-%m-%d %H:%M"),
                "end": timezone.localtime(contest.closes_at).strftime("%Y-%m-%d %H:%M"),
            }
        )
    if not eligible_areas(contest).filter(pk=application.area_id).exists():
        raise ServiceError(_("This courtyard is not among those that may apply."), "area")
    with transaction.atomic():
        application.applicant = member
        application.save()
        track.add_member(
            _account(member),
            track.project_for(application),
            member,
            _("applicant"),
            name=member.name,
            consented=credit_consent,
        )
        ledger.record(
            member,
            method=Method.CONTEST,
            channel=Channel.ONLINE,
            depth=Depth.COLLABORATING,
            source=application,
        )
        _recuse_if_on_board(member, application)
    return application


def _recuse_if_on_board(actor: Member, application: Application) -> None:
    """Nobody scores his own application: a board member who applies or joins a team stands
    aside at once (a governance conflict on the application), without having to declare it."""
    found = governance.note_conflicts(actor.user, application.contest.body, application)
    for conflict in found:
        Score.objects.filter(application=application, reviewer_id=conflict.member_id).delete()


def may_edit_application(member: Member | None, application: Application) -> bool:
    return member is not None and member.pk == application.applicant_id


def _account(member: Member | None) -> Any:
    """The account a resident acts with on the shared tracking commands."""
    if member is None or member.user_id is None:
        raise ServiceError(_("Sign in with your own account to do this."))
    return member.user


def add_team_member(
    member: Member | None,
    application: Application,
    name: str,
    role: str,
    consent: bool,
    teammate: Member | None = None,
) -> TeamMember:
    if not may_edit_application(member, application):
        raise ServiceError(_("Only the applicant can change the team."))
    if not name.strip():
        raise ServiceError(_("Give the name."), "name")
    if teammate is not None and teammate.community_id != application.contest.community_id:
        raise ServiceError(_("Choose a resident of this community."), "member")
    with transaction.atomic():
        crew = track.add_member(
            _account(member),
            track.project_for(application),
            teammate,
            role,
            name=name,
            consented=consent,
        )
        if teammate is not None:
            ledger.record(
                teammate,
                method=Method.CONTEST,
                channel=Channel.IN_PERSON,
                depth=Depth.COLLABORATING,
                source=application,
            )
            _recuse_if_on_board(application.applicant, application)
    return crew


def find_resident(community: Community, contact: str) -> Member | None:
    contact = contact.strip()
    if not contact:
        return None
    return (
        Member.objects.filter(community=community, status=Member.Status.VERIFIED)
        .filter(Q(phone=contact) | Q(email__iexact=contact) | Q(user__email__iexact=contact))
        .first()
    )


def add_photo(user: Any, application: Application, kind: str, upload: Any, caption: str) -> Photo:
    """The applicant adds photos 'before' while applying and 'after' when the work is done;
    board members add them at the inspection."""
    community = application.contest.community
    member = member_of(user, community)
    board_member = boards.seat_of(member, application.contest.body) is not None
    if not (may_edit_application(member, application) or board_member):
        raise ServiceError(_("Only the applicant or the board can add photos."))
    if kind not in Photo.Kind.values:
        raise ServiceError(_("Say whether the photo is before or after the work."), "kind")
    if kind == Photo.Kind.AFTER and application.contest.stage not in (Stage.FINAL, Stage.DONE):
        raise ServiceError(_("Photos after the work come once the result is final."), "kind")
    if not caption.strip():
        raise ServiceError(_("Describe the photo in a few words."), "caption")
    with transaction.atomic():
        return track.add_photo(
            user, track.project_for(application), upload, caption.strip(), kind=kind
        )


def withdraw(member: Member | None, application: Application) -> Application:
    if not may_edit_application(member, application):
        raise ServiceError(_("Only the applicant can withdraw the application."))
    if application.contest.stage not in (Stage.OPEN, Stage.SCORING):
        raise ServiceError(
            _("The result is published; the application can no longer be withdrawn.")
        )
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["withdrawn_at"])
    return application


def sign(member: Member | None, application: Application) -> Signature:
    contest = application.contest
    member = _resident(member, contest.community)
    if member.household_id is None:
        raise ServiceError(_("Your household is not known yet; ask the community office."))
    if not window_open(contest) or application.withdrawn_at:
        raise ServiceError(_("Support is collected only while applications are open."))
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                application=application,
                household_id=member.household_id,
                member=member,
                signer_name=member.name,
                channel=Signature.Channel.ONLINE,
            )
    except IntegrityError:
        raise ServiceError(_("Your household already supports this application.")) from None
    ledger.record(
        member,
        method=Method.CONTEST,
        channel=Channel.ONLINE,
        depth=Depth.CONSULTED,
        source=signature,
    )
    return signature


def enter_paper_signatures(
    user: Any, application: Application, rows: list[tuple[Household, str]]
) -> int:
    """Copy the paper sheet: (household, signer's name) per line. Households already counted are
    skipped, never doubled. Returns how many were added."""
    contest = application.contest
    require(user, "reviews.enter_paper", contest.community)
    if contest.stage != Stage.OPEN or application.withdrawn_at:
        raise ServiceError(_("Support is collected only while applications are open."))
    added = 0
    with transaction.atomic():
        for household, name in rows:
            if household.community_id != contest.community_id:
                raise ServiceError(_("Choose households of this community."), "lines")
            signer = household.members.filter(name=name.strip()).first()
            made, created = Signature.objects.get_or_create(
                application=application,
                household=household,
                defaults={
                    "signer_name": name.strip(),
                    "member": signer,
                    "channel": Signature.Channel.PAPER,
                    "entered_by": user,
                },
            )
            if created:
                added += 1
                if signer is not None:
                    ledger.record(
                        signer,
                        method=Method.CONTEST,
                        channel=Channel.PAPER,
                        depth=Depth.CONSULTED,
                        source=made,
                        recorded_by=user,
                    )
        audit.log(
            user,
            "reviews.paper_signatures",
            application,
            community=contest.community,
            after={"added": added},
        )
    return added


def in_competition(contest: Contest) -> QuerySet[Application]:
    """Applications that are scored: not withdrawn, with enough supporting households."""
    return (
        contest.applications.filter(withdrawn_at__isnull=True)
        .annotate(n_signatures=Count("signatures", distinct=True))
        .filter(n_signatures__gte=contest.min_signatures)
        .select_related("area")
        .order_by("submitted_at", "pk")
    )


# --- Scoring ------------------------------------------------------------------------------


def start_scoring(user: Any, contest: Contest) -> Contest:
    boards.require_runner(user, contest.body)
    if contest.stage != Stage.OPEN:
        raise ServiceError(_("Scoring starts after the rules are adopted and applications close."))
    if timezone.now() < contest.closes_at:
        raise ServiceError(_("Applications are still open; scoring starts when they close."))
    contest.stage = Stage.SCORING
    contest.save(update_fields=["stage"])
    audit.log(user, "reviews.scoring_started", contest, community=contest.community)
    return contest


def declare_conflict(member: Member | None, application: Application, reason: str) -> Conflict:
    """The member steps aside from this application (a conflict on the board's body); any score
    he gave it is deleted so it can never count."""
    contest = application.contest
    seat = boards.require_seat(member, contest.body)
    if contest.stage not in (Stage.OPEN, Stage.SCORING):
        raise ServiceError(_("Conflicts are declared before and during scoring."))
    if seat.member.user is None:
        raise ServiceError(_("Only members serving on the board can do this."))
    with transaction.atomic():
        conflict = governance.declare_conflict(seat.member.user, contest.body, application, reason)
        Score.objects.filter(application=application, reviewer=seat.member).delete()
    return conflict


def save_scores(
    member: Member | None,
    application: Application,
    given: dict[int, tuple[int, str]],
) -> list[Score]:
    """A board member's scores for one application: criterion id -> (score, reason).
    All-or-nothing: one bad value and nothing is saved."""
    seat = boards.require_seat(member, application.contest.body)
    return record_scores(seat.member, application, given)


def record_scores(
    reviewer: Member,
    application: Application,
    given: dict[int, tuple[int, str]],
    sheet: ScoreSheet | None = None,
) -> list[Score]:
    """The rules every score obeys, online or copied from a paper sheet: scoring open, the
    application in the competition, the reviewer not standing aside, each value in range with
    a reason. The caller has checked the reviewer's seat."""
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
    with transaction.atomic():
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
                    _("Give a short reason for your score on “%(name)s”.")
                    % {"name": criterion.name},
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


def propose_ranking(user: Any, contest: Contest, method: str = Motion.Method.ONLINE) -> Motion:
    boards.require_runner(user, contest.body)
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
        user,
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
