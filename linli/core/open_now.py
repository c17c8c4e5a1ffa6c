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


def open_items(community: Community, user: Any) -> list[OpenItem]:
    items: list[OpenItem] = []
    for path in PROVIDERS:
        items.extend(import_string(path)(community, user))
    return sorted(items, key=lambda item: (item.closes_at is None, item.closes_at or datetime.max))
