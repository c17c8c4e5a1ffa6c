"""The one way every module writes to the participation ledger."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from linli.core.models import Member

from .models import Act, Channel, Depth, Method


def record(
    member: Member,
    *,
    method: str | Method,
    channel: str | Channel,
    depth: int | Depth,
    source: Any,
    project: Any = None,
    occurred_at: datetime | None = None,
    recorded_by: Any = None,
) -> Act:
    """Record one act of participation by ``member`` about ``source`` (a model instance or a
    ``(type, id)`` pair). Recording the same act again returns the existing row unchanged."""
    if isinstance(source, tuple):
        source_type, source_id = source
    else:
        source_type, source_id = source._meta.label_lower, source.pk
    household = member.household
    keys = {
        "member": member,
        "method": str(method),
        "source_type": source_type,
        "source_id": str(source_id),
    }
    defaults: dict[str, Any] = {
        "community_id": member.community_id,
        "household": household,
        "area_id": household.area_id if household else None,
        "project": project,
        "channel": str(channel),
        "depth": int(depth),
        "recorded_by": recorded_by,
    }
    if occurred_at is not None:
        defaults["occurred_at"] = occurred_at
    try:
        with transaction.atomic():
            act, _created = Act.objects.get_or_create(**keys, defaults=defaults)
    except IntegrityError:  # two requests recorded the same act at once: the other one won
        act = Act.objects.get(**keys)
    return act


def withdraw(member: Member, *, method: str | Method, source: Any) -> None:
    """Remove an act that was undone (e.g. a support withdrawn, a registration cancelled)."""
    if isinstance(source, tuple):
        source_type, source_id = source
    else:
        source_type, source_id = source._meta.label_lower, source.pk
    Act.objects.filter(
        member=member, method=str(method), source_type=source_type, source_id=str(source_id)
    ).delete()
