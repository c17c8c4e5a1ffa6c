"""A resident's shifts, hours and certificates, for "my activity" on their own page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Activity
from linli.core.models import Member
from linli.core.rounding import number

from .models import Certificate, Hours, SignUp


def activity(member: Member) -> list[Activity]:
    slug = member.community.slug
    shifts = SignUp.objects.filter(member=member).select_related("activity__team__community")
    found = [
        Activity(
            _("Volunteer shifts"),
            row.activity.title,
            row.activity.get_absolute_url(),
            row.activity.starts_at,
            row.get_status_display(),
        )
        for row in shifts.order_by("-activity__starts_at")[:50]
    ]
    mine = reverse("volunteering:mine", args=[slug])
    hours = Hours.objects.filter(member=member).select_related("activity")
    found += [
        Activity(
            _("Volunteer hours"),
            _("%(title)s: %(hours)s h") % {"title": row.activity.title, "hours": number(row.hours)},
            mine,
            row.activity.starts_at,
            row.get_status_display(),
        )
        for row in hours.order_by("-activity__starts_at")[:50]
    ]
    certificates = Certificate.objects.filter(member=member).order_by("-issued_at")[:20]
    found += [
        Activity(
            _("Volunteer certificates"),
            _("%(start)s to %(end)s, %(hours)s h")
            % {"start": row.period_start, "end": row.period_end, "hours": number(row.total_hours)},
            reverse("volunteering:verify", args=[slug, row.code]),
            row.issued_at,
        )
        for row in certificates
    ]
    return found
