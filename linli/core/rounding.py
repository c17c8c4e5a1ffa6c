"""One way to round and one way to draw a bar, everywhere a number or a chart is shown.

Python's ``round`` rounds halves to even (``round(76.85, 1) == 76.8`` but floats make it 76.9 on
another page) and ``"%.0f"`` does the same: two pages showed one score as 76.9 and 77.0. Here every
figure goes through ``rounded`` (decimal, half up, from the exact value) and is shown by ``number``;
bars are as wide as their share (``bar_width``), never full for 50%; a median of an even count is
the mean of the middle two.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any


def rounded(value: Any, places: int = 1) -> Decimal | None:
    """``value`` rounded half up to ``places`` decimals (None stays None)."""
    if value is None or value == "":
        return None
    try:
        exact = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Any, places: int = 1) -> str:
    """A figure as shown: rounded half up, whole numbers without ".0" (77, 76.9, 0.5)."""
    result = rounded(value, places)
    if result is None:
        return "–"
    if result == result.to_integral_value():
        return str(result.quantize(Decimal(1)))
    return format(result.normalize(), "f")


def median(values: Iterable[Any]) -> Decimal | None:
    """The median; for an even count the mean of the middle two (the median of {2, 5} is 3.5)."""
    ordered = sorted(Decimal(str(value)) for value in values if value is not None)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def share(part: Any, whole: Any) -> Decimal:
    """``part`` as a percentage of ``whole`` (0 for an empty whole), exact."""
    if not whole:
        return Decimal(0)
    return Decimal(str(part)) * 100 / Decimal(str(whole))


def percent(part: Any, whole: Any, places: int = 0) -> str:
    """``part`` of ``whole`` as shown, e.g. "50%"."""
    return f"{number(share(part, whole), places)}%"


def bar_width(part: Any, whole: Any) -> str:
    """The CSS width of a bar for ``part`` out of ``whole``: "50%" for half, never over "100%",
    and a sliver (not nothing) for a small non-zero part."""
    value = share(part, whole)
    if value <= 0:
        return "0%"
    return f"{number(max(min(value, Decimal(100)), Decimal('0.5')), 1)}%"


def weighted_median(distribution: Iterable[tuple[Any, int]]) -> Decimal | None:
    """The median of ``(value, how many)`` pairs sorted by value, without expanding them; for an
    even count whose middle falls between two values, their mean."""
    rows = [(Decimal(str(value)), count) for value, count in distribution if count]
    total = sum(count for _value, count in rows)
    if not total:
        return None
    lower_rank, upper_rank = (total + 1) // 2, total // 2 + 1  # 1-based ranks of the middle
    lower = upper = None
    running = 0
    for value, count in rows:
        running += count
        if lower is None and running >= lower_rank:
            lower = value
        if running >= upper_rank:
            upper = value
            break
    assert lower is not None and upper is not None
    return (lower + upper) / 2
