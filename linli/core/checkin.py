"""Check-in at the door, shared by meetings and volunteer shifts.

A place row (``linli.core.waitlist.HeldPlace``: a meeting registration, a shift sign-up) carries a
check-in code; staff scan its QR or type it, and the row is marked in. The rules - read the code
from whatever the scanner gave, find the row and lock it, refuse a code for another event, a
second check-in or someone without a place - live here once. Each app keeps its own command
(the permission, what it records afterwards) and its own words, given as a :class:`Door`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .kit import Refused
from .waitlist import HeldPlace, read_code


@dataclass(frozen=True)
class Door:
    """One app's door: where its rows are, which field names the event, and what it says."""

    rows: type[HeldPlace]
    event_field: str  # "meeting", "activity"
    unknown: Promise  # the code matches no row
    elsewhere: Promise  # %(title)s: the code is for another event
    already: Promise  # %(name)s, %(time)s: checked in before
    no_place: Promise  # %(name)s, %(status)s: waiting, offered or cancelled
    when: Callable[[Any, datetime], str]  # (event, moment) -> the local time said
    unknown_field: str | None = "code"  # where the form shows an unknown code

    def by_code(self, event: models.Model, raw_code: str) -> HeldPlace:
        """The row the code belongs to, locked, or a refusal saying why not."""
        code = read_code(raw_code)
        if not code:
            raise Refused(_("Type or scan a check-in code."), "code")
        row = (
            self.rows.objects.select_for_update()  # type: ignore[attr-defined]
            .select_related("member", self.event_field)
            .filter(code=code)
            .first()
        )
        if row is None:
            raise Refused(str(self.unknown), self.unknown_field)
        if getattr(row, f"{self.event_field}_id") != event.pk:
            title = getattr(row, self.event_field).title
            raise Refused(str(self.elsewhere) % {"title": title}, "code")
        return row  # type: ignore[no-any-return]

    def mark_in(self, actor: Any, row: HeldPlace) -> HeldPlace:
        """Check the row in now, by ``actor``: once, and only with a place."""
        member = row.member  # type: ignore[attr-defined]
        if row.checked_in_at is not None:
            event = getattr(row, self.event_field)
            moment = self.when(event, row.checked_in_at)
            raise Refused(str(self.already) % {"name": member.name, "time": moment}, "code")
        if row.status != HeldPlace.Status.CONFIRMED:
            status = row.get_status_display()  # type: ignore[attr-defined]
            raise Refused(str(self.no_place) % {"name": member.name, "status": status}, "code")
        row.checked_in_at = timezone.now()
        row.checked_in_by = actor
        row.save(update_fields=["checked_in_at", "checked_in_by"])
        return row
