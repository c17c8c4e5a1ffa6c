"""What people read about contests: the home page's open items, the contests a person may see,
who may open a photo and who may record on the application's tracking. Reads only."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.models import Community, Member
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of
from linli.core.services import ServiceError
from linli.governance.models import Seat

from .models import Application, Contest

Stage = Contest.Stage


def _resident(member: Member | None, community: Community) -> Member:
    if member is None or member.community_id != community.pk or not member.is_verified:
        raise ServiceError(_("Only verified residents of this community can do this."))
    return member


def is_recused(member: Member | None, application: Application) -> bool:
    """The member stands aside on the application (a conflict on the board's body)."""
    from .boards import conflict_on

    return conflict_on(member, application) is not None


def notice_url(contest: Contest) -> str:
    from django.urls import reverse

    return reverse("reviews:notice", args=[contest.community.slug, contest.pk])


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
    # a result under public notice is listed by disclosure, as every 公示 is (its adapter
    # points at the contest's notice page)
    return items


def visible_contests(user: Any, community: Community) -> QuerySet[Contest]:
    """Drafts are seen by the board and organisers; everything else by everyone."""
    rows = Contest.objects.filter(community=community).select_related("body")
    if can(user, "reviews.manage", community):
        return rows
    member = member_of(user, community)
    on_boards = (
        list(
            Seat.objects.filter(
                body__community=community, member=member, status=Seat.Status.SERVING
            ).values_list("body_id", flat=True)
        )
        if member
        else []
    )
    return rows.filter(~Q(stage=Stage.DRAFT) | Q(body_id__in=on_boards))


def may_see_work(user: Any, application: Application) -> bool:
    """Its photos, as the application page: whoever may see its contest (the board only while a
    draft). The rule tracking asks for the application's files."""
    contest = application.contest
    community = contest.community
    return (
        can(user, "reviews.view", community)
        and visible_contests(user, community).filter(pk=contest.pk).exists()
    )


def may_track(user: Any, verb: str, application: Application) -> bool:
    """The shared tracking rule for a contest application (linli.tracking): the applicant keeps
    the team; the applicant and the board add photos; the board's officers (or organisers) set
    the milestones and release their funds. The contest's own commands check the stage first."""
    from .boards import may_run, seat_of

    contest = application.contest
    member = member_of(user, contest.community)
    applicant = member is not None and member.pk == application.applicant_id
    if verb == "team":
        return applicant
    if verb == "photo":
        return applicant or seat_of(member, contest.body) is not None
    return may_run(user, contest.body)
