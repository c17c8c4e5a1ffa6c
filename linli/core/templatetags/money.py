"""``{% load money %}``: ``|yuan`` ("¥12,345") and ``|grouped`` ("12,345"), the one money formatter
(``linli.core.money``) for templates."""

from __future__ import annotations

from typing import Any

from django import template

from linli.core import money

register = template.Library()


@register.filter
def yuan(amount: Any) -> str:
    """¥18,000 - whole yuan with thousands separators, fen only when there are any."""
    return money.yuan(amount)


@register.filter
def grouped(amount: Any) -> str:
    """18,000 - the figure alone, for sentences that say "yuan" in words."""
    return money.grouped(amount)
