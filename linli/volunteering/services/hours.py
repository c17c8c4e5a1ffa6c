"""Hours given: logged, entered from paper, verified, corrected; milestones; certificates; the
impact an activity had."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core.kit import Forbidden, Refused, command
from linli.core.kit import audit as audit_entry
from linli.core.models import Member, User
from linli.core.notify import notify
from linli.core.services import ServiceError
from linli.participation import services as ledger
from linli.participation.models import Channel, Depth, Method

from .. import recognition, reports
from ..models import (
    Activity,
    Certificate,
    Correction,
    Hours,
    Impact,
    Milestone,
    SignUp,
)
from ..queries import _leaders, leads, signup_of, verified_total
from .teams import _verified_resident, require_lead


def parse_hours(raw: Any, field: str = "hours") -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ServiceError(_("Write the hours as a number, e.g. 2 or 1.5."), field) from None
    if not value.is_finite() or value < Decimal("0.5") or value > 24:
        raise ServiceError(_("Hours must be between 0.5 and 24."), field)
    if (value * 2) % 1:
        raise ServiceError(_("Hours are counted in half hours, e.g. 1.5."), field)
    return value


@command("volunteering.take_part", on="activity")
def log_hours(
    actor: User,
    activity: Activity,
    member: Member,
    hours: Any,
    note: str = "",
    *,
    source: str = Hours.Source.SELF,
) -> Hours:
    """A volunteer claims their hours, or a leader records them (verified at once: the leader
    is the one who verifies)."""
    community = activity.team.community
    value = parse_hours(hours)
    own = member.user_id is not None and member.user_id == getattr(actor, "pk", None)
    by_leader = leads(actor, activity.team)
    if source == Hours.Source.SELF:
        if not own:
            raise Forbidden("volunteering.take_part")
        signup = signup_of(activity, member)
        if signup is None or signup.status != SignUp.Status.CONFIRMED:
            raise ServiceError(_("Only people who signed up for this activity can log hours."))
    else:
        require_lead(actor, activity.team)
        _verified_resident(member, community)
    if not activity.has_started:
        raise ServiceError(_("Hours can be logged once the activity has started."))
    if activity.status == Activity.Status.CANCELLED:
        raise ServiceError(_("This activity is cancelled."))
    if value > activity.length_hours + 2 and not by_leader:
        raise ServiceError(
            _(
                "That is longer than the activity (%(hours)s hours). Ask the leader if you stayed longer."
            )
            % {"hours": activity.length_hours},
            "hours",
        )
    entry = Hours.objects.select_for_update().filter(activity=activity, member=member).first()
    if entry is not None:
        if entry.status == Hours.Status.VERIFIED:
            raise ServiceError(
                _(
                    "Hours of %(name)s for this activity are already verified. Ask for a correction instead."
                )
                % {"name": member.name},
                "hours",
            )
        if source == Hours.Source.SELF and entry.status == Hours.Status.DECLINED:
            raise ServiceError(_("The leader declined these hours. Ask for a correction instead."))
    entry = entry or Hours(activity=activity, member=member)
    entry.hours, entry.note, entry.source = value, note.strip()[:200], source
    entry.logged_by, entry.logged_at = actor, timezone.now()
    entry.status = Hours.Status.CLAIMED
    entry.decline_reason = ""
    entry.save()
    if source != Hours.Source.SELF:
        _verify(actor, entry)
    return entry


@command("volunteering.lead_team", on="activity")
def paper_sheet(actor: User, activity: Activity, rows: list[tuple[Member, Any]]) -> list[Hours]:
    """Hours from a paper sign-in sheet, all lines or none (a wrong line keeps the sheet)."""
    if not rows:
        raise ServiceError(_("Add at least one line."))
    seen: set[int] = set()
    for member, _hours in rows:
        if member.pk in seen:
            raise ServiceError(_("%(name)s is on the sheet twice.") % {"name": member.name})
        seen.add(member.pk)
    return [
        log_hours(actor, activity, member, hours, source=Hours.Source.PAPER)
        for member, hours in rows
    ]


def _verify(actor: Any, entry: Hours) -> None:
    entry.status = Hours.Status.VERIFIED
    entry.decided_by, entry.decided_at = actor, timezone.now()
    entry.decline_reason = ""
    entry.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    ledger.record(
        entry.member,
        method=Method.VOLUNTEERING,
        channel=Channel.IN_PERSON,
        depth=Depth.INVOLVED,
        source=entry.activity,
        project=entry.activity.project,
        occurred_at=entry.activity.starts_at,
        recorded_by=actor,
    )
    _check_milestones(entry.member)


@command("volunteering.lead_team", on="entry")
def decide_hours(actor: User, entry: Hours, verify: bool, reason: str = "") -> Hours:
    entry = Hours.objects.select_for_update().select_related("member", "activity").get(pk=entry.pk)
    if entry.status != Hours.Status.CLAIMED:
        raise ServiceError(_("These hours were already decided."))
    if verify:
        _verify(actor, entry)
    else:
        if not reason.strip():
            raise ServiceError(_("Say why: the volunteer will read it."), "reason")
        entry.status = Hours.Status.DECLINED
        entry.decided_by, entry.decided_at = actor, timezone.now()
        entry.decline_reason = reason.strip()[:300]
        entry.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    audit_entry(
        "volunteering.hours_verified" if verify else "volunteering.hours_declined",
        entry,
        community=entry.activity.team.community,
        after={"hours": str(entry.hours), "reason": entry.decline_reason},
    )
    notify(
        entry.member,
        "volunteer_hours",
        (
            gettext_lazy("Your hours are verified: %(title)s")
            if verify
            else gettext_lazy("Your hours were declined: %(title)s"),
            {"title": entry.activity.title},
        ),
        entry.decline_reason,
        url=reverse("volunteering:mine", args=[entry.activity.team.community.slug]),
        community=entry.activity.team.community,
    )
    return entry


@command("volunteering.view", on="entry")
def request_correction(actor: User, entry: Hours, new_hours: Any, reason: str) -> Correction:
    """A volunteer never edits recorded hours: they ask, and the leader decides."""
    if entry.member.user_id is None or entry.member.user_id != getattr(actor, "pk", None):
        raise Forbidden("volunteering.correction")
    value = parse_hours(new_hours, "new_hours")
    if not reason.strip():
        raise ServiceError(_("Say why the hours should change."), "reason")
    if value == entry.hours and entry.status != Hours.Status.DECLINED:
        raise ServiceError(_("These are already the recorded hours."), "new_hours")
    if entry.corrections.filter(status=Correction.Status.PENDING).exists():
        raise ServiceError(_("A request to correct these hours is already waiting."))
    correction = Correction.objects.create(
        entry=entry,
        old_hours=entry.hours,
        new_hours=value,
        reason=reason.strip()[:300],
        requested_by=actor,
    )
    for leader in _leaders(entry.activity.team):
        notify(
            leader,
            "volunteer_hours",
            (
                gettext_lazy("%(name)s asks to correct hours: %(title)s"),
                {"name": entry.member.name, "title": entry.activity.title},
            ),
            correction.reason,
            url=reverse(
                "volunteering:hours",
                args=[entry.activity.team.community.slug, entry.activity.pk],
            ),
            community=entry.activity.team.community,
        )
    return correction


@command("volunteering.lead_team", on="correction")
def decide_correction(
    actor: User, correction: Correction, accept: bool, answer: str = ""
) -> Correction:
    entry = correction.entry
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    if correction.status != Correction.Status.PENDING:
        raise ServiceError(_("This request was already answered."))
    if not accept and not answer.strip():
        raise ServiceError(_("Say why: the volunteer will read it."), "answer")
    correction.status = Correction.Status.ACCEPTED if accept else Correction.Status.DECLINED
    correction.decided_by, correction.decided_at = actor, timezone.now()
    correction.answer = answer.strip()[:300]
    correction.save()
    if accept:
        before = audit.snapshot(entry, ["hours", "status"])
        entry.hours = correction.new_hours
        entry.save(update_fields=["hours"])
        _verify(actor, entry)
        audit_entry(
            "volunteering.hours_corrected",
            entry,
            community=entry.activity.team.community,
            before=before,
            after=audit.snapshot(entry, ["hours", "status"]),
        )
    notify(
        entry.member,
        "volunteer_hours",
        (
            gettext_lazy("Your correction was accepted: %(title)s")
            if accept
            else gettext_lazy("Your correction was declined: %(title)s"),
            {"title": entry.activity.title},
        ),
        correction.answer,
        url=reverse("volunteering:mine", args=[entry.activity.team.community.slug]),
        community=entry.activity.team.community,
    )
    return correction


def _check_milestones(member: Member) -> list[Milestone]:
    """Celebrate each milestone once: the unique row is the proof it was told."""
    total = verified_total(member)
    already = set(member.volunteer_milestones.values_list("threshold", flat=True))
    made = []
    for threshold in recognition.reached(total, already):
        milestone, created = Milestone.objects.get_or_create(member=member, threshold=threshold)
        if not created:
            continue
        made.append(milestone)
        notify(
            member,
            "volunteer_hours",
            (
                gettext_lazy("%(hours)s hours of volunteering: thank you!"),
                {"hours": threshold},
            ),
            (
                gettext_lazy(
                    "You have given %(hours)s verified hours to your neighbours. Your certificate "
                    "is ready on your volunteering page."
                ),
                {"hours": threshold},
            ),
            url=reverse("volunteering:mine", args=[member.community.slug]),
            community=member.community,
        )
    return made


@command("volunteering.issue_certificate", on="member")
def issue_certificate(actor: User, member: Member, start: date, end: date) -> Certificate:
    """Issue a certificate of the verified hours in a period (by a resident for themselves, or
    by an organiser for anyone); the PDF is then downloaded from it as often as needed."""
    if end < start:
        raise Refused(_("Choose a period: a start and an end day."), "end")
    issued = Certificate.objects.create(
        member=member,
        period_start=start,
        period_end=end,
        total_hours=reports.verified_total(member, start, end),
    )
    if member.user_id != actor.pk:
        audit_entry("volunteering.certificate_issued", issued, community=member.community)
    return issued


@command("volunteering.lead_team", on="activity")
def add_impact(actor: User, activity: Activity, metric: str, amount: Any, unit: str) -> Impact:
    if not metric.strip():
        raise ServiceError(_("Say what was achieved, e.g. rubbish collected."), "metric")
    if not unit.strip():
        raise ServiceError(_("Give a unit, e.g. bags or m²."), "unit")
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise ServiceError(_("Write a number."), "amount") from None
    if not value.is_finite() or value < 0 or value >= 10**9:
        raise ServiceError(_("Write a number."), "amount")
    impact = Impact.objects.create(
        activity=activity,
        metric=metric.strip()[:100],
        amount=value,
        unit=unit.strip()[:20],
        entered_by=actor,
    )
    audit_entry(
        "volunteering.impact",
        impact,
        community=activity.team.community,
        after=audit.snapshot(impact),
    )
    return impact


@command("volunteering.lead_team", on="impact")
def remove_impact(actor: User, impact: Impact) -> None:
    audit_entry(
        "volunteering.impact_removed",
        impact,
        community=impact.activity.team.community,
        before=audit.snapshot(impact),
    )
    impact.delete()
