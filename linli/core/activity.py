"""What a person did across the modules ("my activity" on their own page) and what waits for an
organiser (the work queue on the community dashboard): each module fills its hook in its
AppConfig (``my_activity``, ``work_queue``); core only collects and names no app."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from .kit import modules
from .models import Community, Member


def _sort_key(activity: modules.Activity) -> float:
    when = activity.when
    if isinstance(when, datetime):
        return when.timestamp()
    if isinstance(when, date):
        return datetime(
            when.year, when.month, when.day, tzinfo=timezone.get_current_timezone()
        ).timestamp()
    return 0.0


def my_activity(member: Member) -> list[dict[str, Any]]:
    """The member's activity, grouped by kind (registrations, loans...), newest first in each;
    modules the community switched off are left out."""
    groups: dict[str, dict[str, Any]] = {}
    for label, hook in modules.labelled_hooks("my_activity"):
        if not member.community.module_on(label):
            continue
        for activity in hook.load()(member):
            key = str(activity.kind)
            groups.setdefault(key, {"kind": activity.kind, "items": []})["items"].append(activity)
    for group in groups.values():
        group["items"].sort(key=_sort_key, reverse=True)
    return list(groups.values())


def work_queue(community: Community, user: Any) -> list[modules.WorkItem]:
    """What waits for the organiser in every module the community uses: urgent first, then in
    the modules' order; only what has something waiting."""
    found: list[modules.WorkItem] = []
    for label, hook in modules.labelled_hooks("work_queue"):
        if community.module_on(label):
            found += [item for item in hook.load()(community, user) if item.count]
    return sorted(found, key=lambda item: not item.urgent)


def core_work(community: Community, user: Any) -> list[modules.WorkItem]:
    """Core's own: people waiting for approval."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from . import permissions

    if not permissions.can(user, "members.view", community):
        return []
    pending = Member.objects.filter(community=community, status=Member.Status.PENDING).count()
    url = reverse("core:members", args=[community.slug]) + "?status=pending"
    return [modules.WorkItem(_("people waiting for approval"), pending, url, urgent=True)]
