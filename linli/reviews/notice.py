"""The public notice (公示) of a contest's result, on the shared mechanism of
``linli.disclosure`` (one 公示 for every decision: notice days, who may object, objections
answered in public, final only after the period and every answer). The contest's adapter is in
``publicity.py``; these commands are the contest's words for it: publish the ranked result,
object to it (or to one application), answer, make it final."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.kit import Refused, audit, command
from linli.core.models import User
from linli.core.notify import notify
from linli.core.permissions import member_of
from linli.disclosure import period
from linli.disclosure import queries as disclosure_queries
from linli.disclosure import services as disclosure
from linli.disclosure.models import Objection, Publicity

from . import boards
from .models import Application, Contest
from .publicity import KIND
from .queries import _resident, notice_url

Stage = Contest.Stage


def publicity_of(contest: Contest) -> Publicity | None:
    """The contest result's 公示, once it was published."""
    return disclosure_queries.publicity_for(KIND, contest)


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


@command("reviews.take_part", on="contest", lock=True)
def publish_notice(actor: User, contest: Contest) -> Contest:
    """Put the adopted ranking under public notice for the contest's ``notice_days``."""
    boards.require_runner(actor, contest.body)
    if contest.stage != Stage.SCORING or not contest.ranking_adopted_at:
        raise Refused(_("The board must adopt the ranking by vote before it is published."))
    contest.stage = Stage.NOTICE
    contest.save(update_fields=["stage"])
    rank_applications(contest)
    disclosure.publicise_decision(KIND, contest, days=contest.notice_days)
    audit("reviews.notice_published", contest)
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


def notice_open(contest: Contest) -> bool:
    """Objections are received: the result is on notice and its period has not ended."""
    publicity = publicity_of(contest)
    return (
        contest.stage == Stage.NOTICE
        and publicity is not None
        and publicity.is_open
        and period.may_object(disclosure_queries.today_in(contest.community), publicity.ends_on)
    )


@command("reviews.take_part", on="contest")
def object_to(
    actor: User, contest: Contest, reason: str, application: Application | None = None
) -> Objection:
    """A verified resident objects to the result, or to one ranked application, with a reason."""
    _resident(member_of(actor, contest.community), contest.community)
    publicity = publicity_of(contest)
    if publicity is None or not notice_open(contest):
        raise Refused(_("Objections are received only during the public notice period."))
    if not reason.strip():
        raise Refused(_("Give the reason for your objection."), "reason")
    if application is not None and application.contest_id != contest.pk:
        raise Refused(_("Choose an application of this contest."), "application")
    return disclosure.object_to(
        actor, publicity, reason, about=str(application.pk) if application else ""
    )


def answer_objection(actor: User, objection: Objection, answer: str) -> Objection:
    """The board's public answer (disclosure's command; the contest's adapter says who answers:
    an officer who does not stand aside on the application it is about)."""
    return disclosure.answer_objection(actor, objection.publicity, objection, answer)


@command("reviews.take_part", on="contest")
def finalise(actor: User, contest: Contest) -> Contest:
    """After the notice period, with every objection answered: the result is final and awards are
    given by rank (the sweep does the same on its own once both hold)."""
    boards.require_runner(actor, contest.body)
    publicity = publicity_of(contest)
    if contest.stage != Stage.NOTICE or publicity is None:
        raise Refused(_("Only a result on public notice can be made final."))
    disclosure.make_final(actor, publicity)
    contest.refresh_from_db()
    return contest
