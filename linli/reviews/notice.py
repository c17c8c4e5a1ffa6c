"""The public notice (公示) of a contest's result: publishing it, objections and the board's
public answers, and making the result final."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.models import Member
from linli.core.notify import notify
from linli.core.services import ServiceError
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from . import boards
from .models import (
    Application,
    Contest,
    Objection,
)
from .queries import _resident, is_recused, notice_url

Stage = Contest.Stage


def rank_applications(contest: Contest) -> None:
    """Each application takes its rank from the adopted ranking (also used by
    ``linli generate_city``)."""
    for row in contest.ranking:
        Application.objects.filter(pk=row["application"], contest=contest).update(rank=row["rank"])


def give_awards(contest: Contest) -> None:
    """Each ranked application gets the award of its rank's tier, or none (also used by
    ``linli generate_city``)."""
    tiers = list(contest.tiers.all())
    for application in contest.applications.filter(rank__isnull=False):
        tier = next((t for t in tiers if t.rank_from <= (application.rank or 0) <= t.rank_to), None)
        application.award_name = tier.name if tier else ""
        application.award_amount = tier.amount if tier else None
        application.save(update_fields=["award_name", "award_amount"])


def publish_notice(user: Any, contest: Contest) -> Contest:
    boards.require_runner(user, contest.body)
    if contest.stage != Stage.SCORING or not contest.ranking_adopted_at:
        raise ServiceError(_("The board must adopt the ranking by vote before it is published."))
    now = timezone.now()
    with transaction.atomic():
        contest.stage = Stage.NOTICE
        contest.notice_starts_at = now
        contest.notice_ends_at = now + timedelta(days=contest.notice_days)
        contest.save(update_fields=["stage", "notice_starts_at", "notice_ends_at"])
        rank_applications(contest)
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
    for seat in boards.officers(contest.body):
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
    actor = boards.require_runner(user, contest.body)
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
    boards.require_runner(user, contest.body)
    if contest.stage != Stage.NOTICE:
        raise ServiceError(_("Only a result on public notice can be made final."))
    if contest.notice_ends_at and timezone.now() < contest.notice_ends_at:
        raise ServiceError(
            _("The public notice runs until %(date)s; the result becomes final after that.")
            % {"date": timezone.localtime(contest.notice_ends_at).strftime("%Y-%m-%d %H:%M")}
        )
    if contest.objections.filter(answered_at__isnull=True).exists():
        raise ServiceError(_("Every objection must be answered publicly first."))
    with transaction.atomic():
        give_awards(contest)
        contest.stage, contest.finalised_at = Stage.FINAL, timezone.now()
        contest.save(update_fields=["stage", "finalised_at"])
        audit.log(user, "reviews.finalised", contest, community=contest.community)
    return contest
