"""What a resident borrowed, for "my activity" on their own page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.core.kit.modules import Activity
from linli.core.models import Member

from .models import Loan


def activity(member: Member) -> list[Activity]:
    rows = Loan.objects.filter(borrower=member).select_related("item", "community")
    return [
        Activity(
            _("Things I borrowed"),
            row.item.name,
            row.get_absolute_url(),
            row.starts_on,
            row.get_status_display(),
        )
        for row in rows.order_by("-starts_on")[:50]
    ]
