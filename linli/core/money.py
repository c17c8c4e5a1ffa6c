"""Money, written one way everywhere: whole yuan with thousands separators, "¥12,345".

Stored amounts are integer yuan (see docs/decisions.md, "Money"); the only amounts with fen are
what was actually paid on a receipt (tracking's spending lines, stored as integer fen and
passed here as yuan), shown with two decimals when there are any fen: "¥1,200.50".

One form for every language: zh-Hans, zh-Hant and English readers all write renminbi as "¥" with
a comma every three digits (Chinese groups by 万 when speaking, but figures on notices, receipts
and bank statements are grouped by thousands), so the reader's language changes nothing here.

This module imports no Django: the pure counting code of votes and budgeting uses it too. The
template filter ``|yuan`` is in ``linli/core/templatetags/money.py``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def _exact(amount: object) -> Decimal:
    """Any amount (int, Decimal, Fraction-free text, None) as a Decimal to the fen."""
    return Decimal(str(amount if amount is not None else 0)).quantize(CENT, rounding=ROUND_HALF_UP)


def grouped(amount: object) -> str:
    """The figure alone, with thousands separators: "12,345", or "1,200.50" when there are fen.
    For sentences that say "yuan" (元) in words."""
    value = _exact(amount)
    if value == value.to_integral():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def yuan(amount: object) -> str:
    """The amount with the yuan sign: "¥12,345" (fen only when there are any: "¥1,200.50")."""
    return f"¥{grouped(amount)}"
