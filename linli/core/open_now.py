"""What is open now in a community: each participation module lists its open items here.

A module declares ``open_items=Hook("linli.<app>.services.open_items", order)`` in its AppConfig:
a function ``(community, user) -> list[OpenItem]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .kit import modules
from .models import Community


@dataclass(frozen=True)
class OpenItem:
    kind: str  # translated name of the method, e.g. "Survey"
    title: str
    url: str
    closes_at: datetime | None = None
    summary: str = ""


def switchable_modules() -> list[tuple[str, str]]:
    """(app label, name) of each module a community may switch off: those with open items."""
    from django.apps import apps

    return [
        (label, str(apps.get_app_config(label).verbose_name))
        for label, _hook in modules.labelled_hooks("open_items")
    ]


def open_items(community: Community, user: Any) -> list[OpenItem]:
    items: list[OpenItem] = []
    for label, hook in modules.labelled_hooks("open_items"):
        if community.module_on(label):
            items.extend(hook.load()(community, user))
    return sorted(items, key=lambda item: (item.closes_at is None, item.closes_at or datetime.max))
