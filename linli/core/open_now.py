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


def open_items(community: Community, user: Any) -> list[OpenItem]:
    items: list[OpenItem] = []
    for provider in modules.functions("open_items"):
        items.extend(provider(community, user))
    return sorted(items, key=lambda item: (item.closes_at is None, item.closes_at or datetime.max))
