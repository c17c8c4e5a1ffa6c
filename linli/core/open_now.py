"""What is open now in a community: each participation module lists its open items here.

A module adds the dotted path of a function ``(community, user) -> list[OpenItem]`` to PROVIDERS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.module_loading import import_string

from .models import Community

PROVIDERS: list[str] = [
    "linli.proposals.services.open_items",
    "linli.votes.services.open_items",
    "linli.engagement.services.open_items",
    "linli.surveys.services.open_items",
    "linli.meetings.services.open_items",
    "linli.reviews.services.open_items",
    "linli.sharing.services.open_items",
    "linli.volunteering.services.open_items",
    "linli.grants.services.open_items",
    "linli.budgeting.services.open_items",
]


@dataclass(frozen=True)
class OpenItem:
    kind: str  # translated name of the method, e.g. "Survey"
    title: str
    url: str
    closes_at: datetime | None = None
    summary: str = ""


def module_label(provider: str) -> str:
    """The app label of a provider path: ``linli.votes.services.open_items`` -> ``votes``."""
    return provider.split(".")[1]


def switchable_modules() -> list[tuple[str, str]]:
    """(app label, name) of each module a community may switch off: those with open items."""
    from django.apps import apps

    return [
        (module_label(path), str(apps.get_app_config(module_label(path)).verbose_name))
        for path in PROVIDERS
    ]


def open_items(community: Community, user: Any) -> list[OpenItem]:
    items: list[OpenItem] = []
    for path in PROVIDERS:
        if not community.module_on(module_label(path)):
            continue
        items.extend(import_string(path)(community, user))
    return sorted(items, key=lambda item: (item.closes_at is None, item.closes_at or datetime.max))
