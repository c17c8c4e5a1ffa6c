"""A contest from its rules to its showcase: rubric, applications and support, scoring with
recusal and hidden scores, results, public notice with objections, awards against milestones,
acceptance inspection. Boards, seats and motions are in ``boards.py``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit, photos
from linli.core.models import Community, Household, Member, Place
from linli.core.notify import notify
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of, require
from linli.core.services import ServiceError
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from . import boards, scoring
from .models import (
    INSPECTION_DECISIONS,
    Application,
    AwardTier,
    Board,
    Contest,
    Criterion,
    InspectionVisit,
    Milestone,
    Motion,
    Objection,
    Photo,
    Recusal,
    RubricComment,
    Score,
    Signature,
    TeamMember,
)

Stage = Contest.Stage


def _resident(member: Member | None, community: Community) -> Member:
    if member is None or member.community_id != community.pk or not member.is_verified:
        raise ServiceError(_("Only verified residents of this community can do this."))
    return member


# --- Contest and rubric -------------------------------------------------------------------


def save_contest(user: Any, contest: Contest) -> Contest:
    boards.require_runner(user, contest.board)
    if contest.pk and Contest.objects.get(pk=contest.pk).stage != Stage.DRAFT:
        raise ServiceError(_("The rules were adopted by the board and can no longer change."))
    if not (contest.opens_at < contest.closes_at <= contest.scoring_deadline):
        raise ServiceError(
            _("Applications must open before they close, and scoring end after they close."),
            "closes_at",
        )
    contest.community = contest.board.community
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
    boards.require_runner(user, contest.board)
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
    boards.require_seat(member, contest.board)
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


def propose_rubric(user: Any, contest: Contest) -> Motion:
    actor = boards.require_runner(user, contest.board)
    if contest.stage != Stage.DRAFT:
        raise ServiceError(_("The rules were adopted by the board and can no longer change."))
    if not contest.criteria.exists():
        raise ServiceError(_("Add at least one criterion first."))
    if awards_total(contest) > contest.budget:
        raise ServiceError(
            _("The awards add up to %(total)s yuan, more than the budget of %(budget)s yuan.")
            % {"total": awards_total(contest), "budget": contest.budget}
        )
    return boards.open_motion(
        actor,
        contest.board,
        Motion.Kind.ADOPT_RUBRIC,
        _("Adopt the rules and rubric of “%(title)s”") % {"title": contest.title},
        "\n".join(f"{c.name} ×{c.weight} ({c.low}-{c.high})" for c in contest.criteria.all()),
        contest=contest,
    )


def apply_motion(motion: Motion, passed: bool) -> None:
    """What an adopted decision does to its contest (called by boards.close_motion)."""
    contest = motion.contest
    if contest is None or not passed:
        return
    if motion.kind == Motion.Kind.ADOPT_RUBRIC and contest.stage == Stage.DRAFT:
        contest.stage, contest.rubric_adopted_at = Stage.OPEN, timezone.now()
        contest.save(update_fields=["stage", "rubric_adopted_at"])
    elif motion.kind == Motion.Kind.ADOPT_RANKING and contest.stage == Stage.SCORING:
        contest.ranking = motion.payload.get("ranking", [])
        contest.ranking_adopted_at = timezone.now()
        contest.save(update_fields=["ranking", "ranking_adopted_at"])


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
        TeamMember.objects.create(
            application=application,
            member=member,
            name=member.name,
            role=_("applicant"),
            credit_consent=credit_consent,
        )
        ledger.record(
            member,
            method=Method.CONTEST,
            channel=Channel.ONLINE,
            depth=Depth.COLLABORATING,
            source=application,
        )
        _recuse_if_on_board(member, application, _("applicant"))
    return application


def _recuse_if_on_board(member: Member, application: Application, why: str) -> None:
    """Nobody scores his own application: a board member who applies or joins a team is recused
    at once, without having to declare it."""
    if boards.seat_of(member, application.contest.board) is not None:
        Recusal.objects.get_or_create(
            application=application, member=member, defaults={"reason": why}
        )
        Score.objects.filter(application=application, reviewer=member).delete()


def may_edit_application(member: Member | None, application: Application) -> bool:
    return member is not None and member.pk == application.applicant_id


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
        crew = TeamMember.objects.create(
            application=application,
            member=teammate,
            name=name.strip(),
            role=role.strip(),
            credit_consent=consent,
        )
        if teammate is not None:
            ledger.record(
                teammate,
                method=Method.CONTEST,
                channel=Channel.IN_PERSON,
                depth=Depth.COLLABORATING,
                source=application,
            )
            _recuse_if_on_board(teammate, application, _("team member"))
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
    board_member = boards.seat_of(member, application.contest.board) is not None
    if not (may_edit_application(member, application) or board_member):
        raise ServiceError(_("Only the applicant or the board can add photos."))
    if kind not in Photo.Kind.values:
        raise ServiceError(_("Say whether the photo is before or after the work."), "kind")
    if kind == Photo.Kind.AFTER and application.contest.stage not in (Stage.FINAL, Stage.DONE):
        raise ServiceError(_("Photos after the work come once the result is final."), "kind")
    if not caption.strip():
        raise ServiceError(_("Describe the photo in a few words."), "caption")
    return Photo.objects.create(
        application=application, kind=kind, image=photos.shrink(upload), caption=caption.strip()
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
    boards.require_runner(user, contest.board)
    if contest.stage != Stage.OPEN:
        raise ServiceError(_("Scoring starts after the rules are adopted and applications close."))
    if timezone.now() < contest.closes_at:
        raise ServiceError(_("Applications are still open; scoring starts when they close."))
    contest.stage = Stage.SCORING
    contest.save(update_fields=["stage"])
    audit.log(user, "reviews.scoring_started", contest, community=contest.community)
    return contest


def declare_conflict(member: Member | None, application: Application, reason: str) -> Recusal:
    """The member steps aside from this application; any score he gave it is deleted so it can
    never count."""
    contest = application.contest
    seat = boards.require_seat(member, contest.board)
    if contest.stage not in (Stage.OPEN, Stage.SCORING):
        raise ServiceError(_("Conflicts are declared before and during scoring."))
    if not reason.strip():
        raise ServiceError(
            _("Say what the conflict is, e.g. you live in that courtyard."), "reason"
        )
    with transaction.atomic():
        recusal, _created = Recusal.objects.get_or_create(
            application=application, member=seat.member, defaults={"reason": reason.strip()}
        )
        Score.objects.filter(application=application, reviewer=seat.member).delete()
    return recusal


def is_recused(member: Member | None, application: Application) -> bool:
    return member is not None and application.recusals.filter(member=member).exists()


def save_scores(
    member: Member | None,
    application: Application,
    given: dict[int, tuple[int, str]],
) -> list[Score]:
    """A board member's scores for one application: criterion id -> (score, reason).
    All-or-nothing: one bad value and nothing is saved."""
    contest = application.contest
    seat = boards.require_seat(member, contest.board)
    if application.contest_id != contest.pk or contest.stage != Stage.SCORING:
        raise ServiceError(_("Scoring is not open for this contest."))
    if timezone.now() > contest.scoring_deadline:
        raise ServiceError(
            _("Scoring closed on %(date)s.")
            % {"date": timezone.localtime(contest.scoring_deadline).strftime("%Y-%m-%d %H:%M")}
        )
    if not in_competition(contest).filter(pk=application.pk).exists():
        raise ServiceError(_("This application is not in the competition."))
    if is_recused(seat.member, application):
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
                reviewer=seat.member,
                defaults={"value": value, "reason": reason.strip()[:500]},
            )
            saved.append(score)
    return saved


def _recused_pairs(contest: Contest) -> set[tuple[int, int]]:
    return set(
        Recusal.objects.filter(application__contest=contest).values_list(
            "member_id", "application_id"
        )
    )


def reviewers(contest: Contest) -> list[int]:
    """Members serving on the board now, who are expected to score."""
    return list(boards.serving(contest.board).values_list("member_id", flat=True))


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
    on_board = boards.seat_of(member, contest.board) is not None or boards.may_run(
        user, contest.board
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


def propose_ranking(user: Any, contest: Contest) -> Motion:
    actor = boards.require_runner(user, contest.board)
    if contest.stage != Stage.SCORING or not scores_revealed(contest):
        raise ServiceError(
            _("The ranking can be put to the board once every score is in or scoring has ended.")
        )
    found = results(contest)
    ranking = [
        {
            "application": r.application,
            "rank": r.rank,
            "raw": None if r.raw_mean is None else round(r.raw_mean, 2),
            "normalised": None if r.normalised is None else round(r.normalised, 2),
            "mean_z": None if r.mean_z is None else round(r.mean_z, 4),
            "reviewers": len(r.reviewers),
            "spread_flag": r.spread_flag,
            "decided_by": r.decided_by,
        }
        for r in found.outcome.results
    ]
    text = "\n".join(
        f"{row['rank']}. {found.applications[row['application']].title} "  # type: ignore[index]
        f"({row['normalised']})"
        for row in ranking
    )
    return boards.open_motion(
        actor,
        contest.board,
        Motion.Kind.ADOPT_RANKING,
        _("Adopt the ranking of “%(title)s”") % {"title": contest.title},
        text,
        contest=contest,
        payload={"ranking": ranking},
    )


# --- Public notice ------------------------------------------------------------------------


def publish_notice(user: Any, contest: Contest) -> Contest:
    boards.require_runner(user, contest.board)
    if contest.stage != Stage.SCORING or not contest.ranking_adopted_at:
        raise ServiceError(_("The board must adopt the ranking by vote before it is published."))
    now = timezone.now()
    with transaction.atomic():
        contest.stage = Stage.NOTICE
        contest.notice_starts_at = now
        contest.notice_ends_at = now + timedelta(days=contest.notice_days)
        contest.save(update_fields=["stage", "notice_starts_at", "notice_ends_at"])
        for row in contest.ranking:
            Application.objects.filter(pk=row["application"], contest=contest).update(
                rank=row["rank"]
            )
        audit.log(user, "reviews.notice_published", contest, community=contest.community)
    for application in contest.applications.select_related("applicant"):
        notify(
            application.applicant,
            "review_result",
            (
                gettext_lazy("The result of “%(title)s” is on public notice"),
                {"title": contest.title},
            ),
            gettext_lazy(
                "You may read the scores and reasons, and object during the notice period."
            ),
            url=notice_url(contest),
            community=contest.community,
        )
    return contest


def notice_url(contest: Contest) -> str:
    from django.urls import reverse

    return reverse("reviews:notice", args=[contest.community.slug, contest.pk])


def notice_open(contest: Contest, now: Any = None) -> bool:
    now = now or timezone.now()
    return (
        contest.stage == Stage.NOTICE
        and contest.notice_starts_at is not None
        and contest.notice_ends_at is not None
        and contest.notice_starts_at <= now <= contest.notice_ends_at
    )


def object_to(
    member: Member | None, contest: Contest, reason: str, application: Application | None = None
) -> Objection:
    member = _resident(member, contest.community)
    if not notice_open(contest):
        raise ServiceError(_("Objections are received only during the public notice period."))
    if not reason.strip():
        raise ServiceError(_("Give the reason for your objection."), "reason")
    if application is not None and application.contest_id != contest.pk:
        raise ServiceError(_("Choose an application of this contest."), "application")
    with transaction.atomic():
        made = Objection.objects.create(
            contest=contest, application=application, member=member, reason=reason.strip()
        )
        ledger.record(
            member,
            method=Method.OBJECTION,
            channel=Channel.ONLINE,
            depth=Depth.INVOLVED,
            source=made,
        )
    for seat in boards.serving(contest.board).filter(role__in=boards.OFFICERS):
        notify(
            seat.member,
            "review_board",
            (gettext_lazy("New objection to “%(title)s”"), {"title": contest.title}),
            reason.strip()[:300],
            url=notice_url(contest) + f"#objection-{made.pk}",
            community=contest.community,
        )
    return made


def answer_objection(user: Any, objection: Objection, answer: str) -> Objection:
    contest = objection.contest
    actor = boards.require_runner(user, contest.board)
    if contest.stage != Stage.NOTICE:
        raise ServiceError(_("Objections are answered while the result is on notice."))
    if objection.application is not None and is_recused(actor, objection.application):
        raise ServiceError(
            _("You stand aside on this application, so another officer answers this objection.")
        )
    if not answer.strip():
        raise ServiceError(_("Write the answer; it is published beside the objection."), "answer")
    objection.answer, objection.answered_at, objection.answered_by = (
        answer.strip(),
        timezone.now(),
        actor,
    )
    objection.save(update_fields=["answer", "answered_at", "answered_by"])
    audit.log(user, "reviews.objection_answered", objection, community=contest.community)
    notify(
        objection.member,
        "review_result",
        (
            gettext_lazy("The board answered your objection to “%(title)s”"),
            {"title": contest.title},
        ),
        answer.strip()[:300],
        url=notice_url(contest) + f"#objection-{objection.pk}",
        community=contest.community,
    )
    return objection


def finalise(user: Any, contest: Contest) -> Contest:
    """After the notice period, with every objection answered: the result is final and awards are
    given by rank."""
    boards.require_runner(user, contest.board)
    if contest.stage != Stage.NOTICE:
        raise ServiceError(_("Only a result on public notice can be made final."))
    if contest.notice_ends_at and timezone.now() < contest.notice_ends_at:
        raise ServiceError(
            _("The public notice runs until %(date)s; the result becomes final after that.")
            % {"date": timezone.localtime(contest.notice_ends_at).strftime("%Y-%m-%d %H:%M")}
        )
    if contest.objections.filter(answered_at__isnull=True).exists():
        raise ServiceError(_("Every objection must be answered publicly first."))
    tiers = list(contest.tiers.all())
    with transaction.atomic():
        for application in contest.applications.filter(rank__isnull=False):
            tier = next(
                (t for t in tiers if t.rank_from <= (application.rank or 0) <= t.rank_to), None
            )
            application.award_name = tier.name if tier else ""
            application.award_amount = tier.amount if tier else None
            application.save(update_fields=["award_name", "award_amount"])
        contest.stage, contest.finalised_at = Stage.FINAL, timezone.now()
        contest.save(update_fields=["stage", "finalised_at"])
        audit.log(user, "reviews.finalised", contest, community=contest.community)
    return contest


# --- Funds, inspection, showcase ----------------------------------------------------------


def add_milestone(user: Any, application: Application, title: str, amount: Decimal) -> Milestone:
    contest = application.contest
    boards.require_runner(user, contest.board)
    if contest.stage != Stage.FINAL or not application.award_amount:
        raise ServiceError(
            _("Milestones are set for awarded applications once the result is final.")
        )
    planned = application.milestones.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    if not title.strip():
        raise ServiceError(_("Name the milestone."), "title")
    if amount < 0 or planned + amount > application.award_amount:
        raise ServiceError(
            _("The milestones would release more than the award of %(award)s yuan.")
            % {"award": application.award_amount},
            "amount",
        )
    return Milestone.objects.create(application=application, title=title.strip(), amount=amount)


def release(user: Any, milestone: Milestone, evidence: str) -> Milestone:
    application = milestone.application
    actor = boards.require_runner(user, application.contest.board)
    if milestone.released_at:
        raise ServiceError(_("These funds were already released."))
    if application.inspection == Application.Inspection.FAIL:
        raise ServiceError(_("The work failed inspection; no more funds are released."))
    if not evidence.strip():
        raise ServiceError(_("Say what shows the milestone is reached."), "evidence")
    milestone.evidence, milestone.released_at, milestone.released_by = (
        evidence.strip(),
        timezone.now(),
        actor,
    )
    milestone.save(update_fields=["evidence", "released_at", "released_by"])
    audit.log(
        user,
        "reviews.funds_released",
        milestone,
        community=application.contest.community,
        after={"amount": str(milestone.amount)},
    )
    return milestone


def checklist(application: Application) -> list[Criterion]:
    """The inspection checks the work against the rubric it was scored on, criterion by criterion."""
    return list(application.contest.criteria.all())


def inspect(
    user: Any,
    application: Application,
    decision: str,
    items: dict[int, tuple[bool, str]],
    notes: str = "",
    recheck_by: date | None = None,
) -> InspectionVisit:
    contest = application.contest
    member = member_of(user, contest.community)
    seat = boards.require_seat(member, contest.board)
    if is_recused(seat.member, application):
        raise ServiceError(
            _("You stand aside on this application, so another member inspects the work.")
        )
    if contest.stage != Stage.FINAL or application.rank is None:
        raise ServiceError(_("Work is inspected once the result is final."))
    if application.inspection in (Application.Inspection.PASS, Application.Inspection.FAIL):
        raise ServiceError(_("This work was already inspected and decided."))
    if decision not in dict(INSPECTION_DECISIONS):
        raise ServiceError(_("Choose pass, fix and inspect again, or fail."), "decision")
    criteria = checklist(application)
    if {c.pk for c in criteria} != set(items):
        raise ServiceError(_("Check every item of the list."))
    if decision == Application.Inspection.FIX and recheck_by is None:
        raise ServiceError(_("Give the date of the next inspection."), "recheck_by")
    if decision != Application.Inspection.PASS and not notes.strip():
        raise ServiceError(_("Write what must be fixed, or why it failed."), "notes")
    with transaction.atomic():
        visit = InspectionVisit.objects.create(
            application=application,
            decision=decision,
            checklist=[
                {"criterion": c.name, "met": items[c.pk][0], "note": items[c.pk][1].strip()}
                for c in criteria
            ],
            notes=notes.strip(),
            recheck_by=recheck_by,
            inspected_by=seat.member,
        )
        application.inspection = decision
        application.save(update_fields=["inspection"])
        audit.log(user, "reviews.inspected", visit, community=contest.community)
    return visit


def close_contest(user: Any, contest: Contest) -> Contest:
    boards.require_runner(user, contest.board)
    if contest.stage != Stage.FINAL:
        raise ServiceError(_("Only a contest with a final result can be closed."))
    waiting = contest.applications.filter(award_amount__gt=0).filter(
        Q(inspection="") | Q(inspection=Application.Inspection.FIX)
    )
    if waiting.exists():
        raise ServiceError(_("Some awarded work still waits for its inspection."))
    contest.stage = Stage.DONE
    contest.save(update_fields=["stage"])
    return contest


def showcase(community: Community) -> QuerySet[Application]:
    return (
        Application.objects.filter(
            contest__community=community, inspection=Application.Inspection.PASS
        )
        .select_related("contest", "area")
        .prefetch_related("photos", "crew")
        .order_by("-contest__opens_at", "rank")
    )


# --- Lists --------------------------------------------------------------------------------


def open_items(community: Community, user: Any) -> list[OpenItem]:
    items = []
    now = timezone.now()
    for contest in Contest.objects.filter(
        community=community, stage=Stage.OPEN, closes_at__gte=now
    ):
        items.append(
            OpenItem(
                kind=_("Contest"),
                title=contest.title,
                url=contest.get_absolute_url(),
                closes_at=contest.closes_at,
                summary=_("Applications are open"),
            )
        )
    for contest in Contest.objects.filter(
        community=community, stage=Stage.NOTICE, notice_ends_at__gte=now
    ):
        items.append(
            OpenItem(
                kind=_("Public notice"),
                title=contest.title,
                url=notice_url(contest),
                closes_at=contest.notice_ends_at,
                summary=_("Read the ranked result; objections are open"),
            )
        )
    return items


def visible_contests(user: Any, community: Community) -> QuerySet[Contest]:
    """Drafts are seen by the board and organisers; everything else by everyone."""
    rows = Contest.objects.filter(community=community).select_related("board")
    if can(user, "reviews.manage", community):
        return rows
    member = member_of(user, community)
    on_boards = (
        list(
            Board.objects.filter(
                community=community, seats__member=member, seats__status="active"
            ).values_list("pk", flat=True)
        )
        if member
        else []
    )
    return rows.filter(~Q(stage=Stage.DRAFT) | Q(board_id__in=on_boards))


def may_see_photo(user: Any, photo: Photo) -> bool:
    """As the application page: whoever may see its contest (the board only while a draft)."""
    contest = photo.application.contest
    community = contest.community
    return (
        can(user, "reviews.view", community)
        and visible_contests(user, community).filter(pk=contest.pk).exists()
    )
