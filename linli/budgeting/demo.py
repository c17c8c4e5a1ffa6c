"""Demo data for participatory budgeting (filled in below)."""

from __future__ import annotations

from typing import Any


def load(ctx: Any) -> None:
    return None
