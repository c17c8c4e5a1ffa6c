"""The one rounding of displayed figures (``linli.core.rounding``), edge by edge: half up (not
to even), the default of one decimal, whole numbers without ".0", what is not a number, the
medians. No database: ``bench/mutation.py --only rounding`` runs this file with test_bars."""

from __future__ import annotations

from decimal import Decimal

import pytest

from linli.core import rounding


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("2.25", 1, Decimal("2.3")),  # half up: to even would give 2.2
        (2.45, 1, Decimal("2.5")),  # a float goes through its shortest text, not its binary value
        (Decimal("1.235"), 2, Decimal("1.24")),
        ("-2.25", 1, Decimal("-2.3")),  # half away from zero
        ("7.5", 0, Decimal("8")),
        (3, 1, Decimal("3.0")),
    ],
)
def test_rounded_half_up(value, places, expected):
    result = rounding.rounded(value, places)
    assert result == expected and str(result) == str(expected)


def test_rounded_to_one_decimal_unless_told():
    assert str(rounding.rounded("0.25")) == "0.3"
    assert str(rounding.rounded(Decimal("76.94"))) == "76.9"


@pytest.mark.parametrize("value", [None, "", "abc", "1,5", [1]])
def test_rounded_is_none_for_what_is_not_a_number(value):
    assert rounding.rounded(value) is None


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        ("76.94", 1, "76.9"),
        ("76.96", 1, "77"),
        (77, 1, "77"),
        ("0.5", 1, "0.5"),
        ("76.945", 2, "76.95"),
        ("1.50", 2, "1.5"),
        ("100.04", 1, "100"),
        ("0.0000001", 7, "0.0000001"),  # written out, never as 1E-7
        (None, 1, "–"),
        ("", 1, "–"),
    ],
)
def test_number_as_shown(value, places, shown):
    assert rounding.number(value, places) == shown


def test_number_shows_one_decimal_unless_told():
    assert rounding.number("76.94") == "76.9"
    assert rounding.number(Decimal("12.25")) == "12.3"


def test_share_and_percent():
    assert rounding.share(1, 4) == Decimal(25)
    assert rounding.share(1, 3) == Decimal(100) / Decimal(3)
    assert rounding.share(5, 0) == Decimal(0)
    assert rounding.percent(1, 8) == "13%"  # 12.5 half up
    assert rounding.percent(1, 3, 1) == "33.3%"
    assert rounding.percent(0, 0) == "0%"


@pytest.mark.parametrize(
    ("part", "whole", "width"),
    [(1, 2, "50%"), (1, 3, "33.3%"), (2, 3, "66.7%"), (1, 1000, "0.5%"), (0, 5, "0%"),
     (7, 5, "100%"), (-1, 5, "0%"), (1, 0, "0%"), (1, 400, "0.5%"), (3, 400, "0.8%")],
)  # fmt: skip
def test_bar_width(part, whole, width):
    assert rounding.bar_width(part, whole) == width


def test_median():
    assert rounding.median([]) is None
    assert rounding.median([None]) is None
    assert rounding.median([5, None, 2]) == Decimal("3.5")
    assert rounding.median([3, 1, 2]) == Decimal(2)
    assert rounding.median(["1.5", 4, 2, 10]) == Decimal(3)
    assert rounding.median([7]) == Decimal(7)


def test_weighted_median():
    assert rounding.weighted_median([]) is None
    assert rounding.weighted_median([(3, 0)]) is None
    assert rounding.weighted_median([(1, 1), (2, 1), (9, 1)]) == Decimal(2)
    assert rounding.weighted_median([(2, 1), (5, 1)]) == Decimal("3.5")
    assert rounding.weighted_median([(1, 3), (4, 1)]) == Decimal(1)
    assert rounding.weighted_median([(1, 2), (4, 2)]) == Decimal("2.5")
    assert rounding.weighted_median([(1, 1), (4, 0), (6, 2)]) == Decimal(6)
    assert rounding.weighted_median([(1, 2), (3, 1), (8, 2)]) == Decimal(3)
