from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def label_in(value: str, labels: dict[str, Any] | None) -> Any:
    """A stored choice (a spending line's category) in the source's words."""
    return (labels or {}).get(value, value)
