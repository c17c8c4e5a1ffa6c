"""Activities (shifts) and the schedules that repeat them: plan, regenerate, cancel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.kit import audit as audit_entry
from linli.core.kit import command
from linli.core.models import User
from linli.core.notify import notify
from linli.core.services import ServiceError

from .. import recurrence
from ..models import (
    Activity,
    Schedule,
    SignUp,
)
from ..queries import held, local_time
from .signups import _lock, offer_next


def _check_project(activity: Activity) -> None:
    if activity.project_id and activity.project.community_id != activity.team.community_id:  # type: ignore[union-attr]
        raise ServiceError(_("This project belongs to another community."), "project")


@command("volunteering.lead_team", on="activity")
def save_activity(
    actor: User, activity: Activity, before: dict[str, Any] | None = None
) -> Activity:
    _check_project(activity)
    if activity.ends_at <= activity.starts_at:
        raise ServiceError(_("The end must be after the start."), "ends_at")
    if activity.pk and activity.capacity is not None:
        taken = held(activity)
        if activity.capacity < taken:
            raise ServiceError(
                _("%(count)s people already have a place: the number of places cannot be lower.")
                % {"count": taken},
                "capacity",
            )
    created = activity.pk is None
    if created:
        activity.created_by = actor
    activity.save()
    audit_entry(
        "volunteering.activity_created" if created else "volunteering.activity_edited",
        activity,
        community=activity.team.community,
        before=before,
        after=audit.snapshot(activity),
    )
    if not created and before and before.get("starts_at") != audit.snapshot(activity)["starts_at"]:
        activity.signups.update(reminded_48h_at=None)
        _tell_signed_up(
            activity,
            (gettext_lazy("Changed: %(title)s"), {"title": activity.title}),
            (
                gettext_lazy("%(title)s is now on %(when)s, %(where)s."),
                {"title": activity.title, "when": local_time(activity), "where": activity.place},
            ),
        )
    elif not created and activity.capacity is not None:
        offer_next(_lock(activity))
    return activity


@dataclass(frozen=True)
class Regenerated:
    created: int
    updated: int
    removed: int
    kept: list[Activity]


@command("volunteering.lead_team", on="schedule")
def save_schedule(actor: User, schedule: Schedule) -> Regenerated:
    """Save a recurring schedule and (re)generate its future shifts. Idempotent: running it again
    makes nothing new (one shift per team, schedule and start, also enforced by the database)."""
    team = schedule.team
    if schedule.end_time <= schedule.start_time:
        raise ServiceError(_("The end must be after the start."), "end_time")
    if schedule.until < schedule.starts_on:
        raise ServiceError(_("The last day must not be before the first day."), "until")
    created = schedule.pk is None
    schedule.save()
    result = regenerate(actor, schedule)
    audit_entry(
        "volunteering.schedule_created" if created else "volunteering.schedule_edited",
        schedule,
        community=team.community,
        after={**audit.snapshot(schedule), "created": result.created, "removed": result.removed},
    )
    return result


def regenerate(actor: Any, schedule: Schedule) -> Regenerated:
    team = schedule.team
    wanted = recurrence.occurrences(
        weekday=schedule.weekday,
        start=schedule.start_time,
        end=schedule.end_time,
        first_day=schedule.starts_on,
        last_day=schedule.until,
        zone=team.community.timezone or "Asia/Shanghai",
        every_weeks=schedule.every_weeks,
    )
    ends = dict(wanted)
    shifts = {
        a.starts_at: a
        for a in Activity.objects.filter(schedule=schedule).annotate(
            people=Count("signups", filter=~Q(signups__status=SignUp.Status.CANCELLED))
        )
    }
    plan = recurrence.plan(
        [start for start, _end in wanted],
        {start: a.people > 0 for start, a in shifts.items()},  # type: ignore[attr-defined]
        timezone.now(),
    )
    for start in plan.create:
        Activity.objects.get_or_create(
            team=team,
            schedule=schedule,
            starts_at=start,
            defaults={
                "title": schedule.title,
                "description": schedule.description,
                "place": schedule.place,
                "ends_at": ends[start],
                "capacity": schedule.capacity,
                "skills_needed": schedule.skills_needed,
                "created_by": actor,
            },
        )
    updated = 0
    for start in plan.move:
        shift = shifts[start]
        fields = {
            "title": schedule.title,
            "description": schedule.description,
            "place": schedule.place,
            "ends_at": ends[start],
            "skills_needed": schedule.skills_needed,
        }
        # Never take places away from people who already have them.
        if schedule.capacity is None or schedule.capacity >= held(shift):
            fields["capacity"] = schedule.capacity
        if any(getattr(shift, k) != v for k, v in fields.items()):
            Activity.objects.filter(pk=shift.pk).update(**fields)
            updated += 1
    Activity.objects.filter(schedule=schedule, starts_at__in=plan.remove).delete()
    return Regenerated(
        created=len(plan.create),
        updated=updated,
        removed=len(plan.remove),
        kept=[shifts[s] for s in plan.kept],
    )


@command("volunteering.lead_team", on="activity")
def cancel_activity(actor: User, activity: Activity, reason: str) -> Activity:
    if not reason.strip():
        raise ServiceError(
            _("Say why the activity is cancelled: volunteers will read it."), "reason"
        )
    if activity.status == Activity.Status.CANCELLED:
        raise ServiceError(_("This activity is already cancelled."))
    activity.status = Activity.Status.CANCELLED
    activity.save(update_fields=["status"])
    audit_entry(
        "volunteering.activity_cancelled",
        activity,
        community=activity.team.community,
        after={"reason": reason.strip()},
    )
    _tell_signed_up(
        activity,
        (gettext_lazy("Cancelled: %(title)s"), {"title": activity.title}),
        (
            gettext_lazy("%(title)s on %(when)s is cancelled. The reason: %(reason)s"),
            {"title": activity.title, "when": local_time(activity), "reason": reason.strip()},
        ),
    )
    return activity


def _tell_signed_up(activity: Activity, title: Any, body: Any) -> None:
    for signup in activity.signups.filter(
        status__in=[*SignUp.HOLDING, SignUp.Status.WAITING]
    ).select_related("member__user"):
        notify(
            signup.member,
            "volunteer_signups",
            title,
            body,
            url=activity.get_absolute_url(),
            community=activity.team.community,
        )
