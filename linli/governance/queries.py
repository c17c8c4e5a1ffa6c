"""What people read about resident bodies: selections that change nothing (a GET never writes).

A seat whose term has ended counts as not serving from the day after, even before the sweep
(``tasks.sweep_task``) writes it into the history as "term ended"."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.models import Community, Member
from linli.core.open_now import OpenItem
from linli.core.permissions import member_of

from . import balance, subjects
from .models import OFFICERS, Body, Conflict, Motion, Seat


def subject_key(subject: Model) -> tuple[str, int]:
    """How a motion or a conflict names the matter it is about."""
    return subject._meta.label_lower, int(subject.pk)


def bodies(community: Community) -> QuerySet[Body]:
    return Body.objects.filter(community=community).select_related("area")


def body_in(community: Community, pk: int) -> Body:
    found = bodies(community).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def motion_in(community: Community, pk: int) -> Motion:
    found = Motion.objects.filter(body__community=community, pk=pk).select_related("body").first()
    if found is None:
        raise Http404
    return found


def serving(body: Body) -> QuerySet[Seat]:
    return body.seats.filter(
        status=Seat.Status.SERVING, term_end__gte=timezone.localdate()
    ).select_related("member")


def seat_of(body: Body, member: Member | None) -> Seat | None:
    if member is None:
        return None
    return serving(body).filter(member=member).first()


def seat_of_user(body: Body, user: Any) -> Seat | None:
    return seat_of(body, member_of(user, body.community))


def is_officer(body: Body, user: Any) -> bool:
    seat = seat_of_user(body, user)
    return seat is not None and seat.office in OFFICERS


def history(body: Body) -> QuerySet[Seat]:
    return body.seats.select_related("member").order_by("-term_start", "-pk")


def seat_counts(body: Body) -> Counter[str]:
    return Counter(serving(body).values_list("constituency", flat=True))


def imbalances(body: Body) -> list[balance.Imbalance]:
    return balance.imbalances(body.charter.seat_plan, seat_counts(body))


def conflicts_on(body: Body, subject_type: str, subject_id: int | None) -> QuerySet[Conflict]:
    if not subject_type or subject_id is None:
        return Conflict.objects.none()
    return body.conflicts.filter(subject_type=subject_type, subject_id=subject_id).select_related(
        "member"
    )


def stands_aside(body: Body, member: Member | None, subject: Model) -> Conflict | None:
    """The member's conflict with the matter, if any: he takes no part in it."""
    if member is None:
        return None
    kind, pk = subject_key(subject)
    return conflicts_on(body, kind, pk).filter(member=member).first()


def motion_conflicts(motion: Motion) -> QuerySet[Conflict]:
    """Who stands aside on the motion: on the matter it is about (or any part of it another
    module named, see ``subjects``), or on the motion itself when it names no other matter."""
    if not motion.subject_type:
        return conflicts_on(motion.body, *subject_key(motion))
    found = conflicts_on(motion.body, motion.subject_type, motion.subject_id)
    parts = subjects.parts_of(motion.subject_type, motion.subject_id)
    if parts is not None and parts[1]:
        found = found | motion.body.conflicts.filter(
            subject_type=parts[0], subject_id__in=parts[1]
        ).select_related("member")
    return found


def entitled(motion: Motion) -> QuerySet[Seat]:
    """Members who may vote: those serving, less those standing aside on the matter and the
    member whose removal it is."""
    seats = serving(motion.body).exclude(
        member_id__in=motion_conflicts(motion).values_list("member_id", flat=True)
    )
    if motion.kind == Motion.Kind.REMOVE and motion.seat_id:
        seats = seats.exclude(pk=motion.seat_id)
    return seats


def open_motions(body: Body) -> QuerySet[Motion]:
    return body.motions.filter(status__in=[Motion.Status.OPEN, Motion.Status.RECORDED])


def decided_motions(body: Body) -> QuerySet[Motion]:
    return body.motions.exclude(status__in=[Motion.Status.OPEN, Motion.Status.RECORDED])


def open_items(community: Community, user: Any) -> list[OpenItem]:
    """Motions open for an online vote, for the members entitled to vote on them."""
    member = member_of(user, community)
    if member is None:
        return []
    items = []
    motions = Motion.objects.filter(
        body__community=community, status=Motion.Status.OPEN, method=Motion.Method.ONLINE
    ).select_related("body")
    for motion in motions:
        if entitled(motion).filter(member=member).exists():
            items.append(
                OpenItem(
                    kind=_("Motion"),
                    title=f"{motion.body.name}: {motion.title}",
                    url=motion.get_absolute_url(),
                    summary=motion.text[:200],
                )
            )
    return items


def issues_resolved(community: Community, since: Any, until: Any) -> int:
    """Issues resolved in [since, until): see ``sittings.issues_resolved`` (insights reads it
    here)."""
    from .sittings import issues_resolved as counted

    return counted(community, since, until)
