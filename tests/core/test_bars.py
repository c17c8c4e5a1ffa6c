"""One bar helper: a bar is as wide as its share, so half is drawn at half width (issue 22)."""

from __future__ import annotations

from django.template import Context, Template

from linli.core.rounding import bar_width
from linli.sharing.counts import BuildingRow


def test_a_half_bar_is_half_width() -> None:
    assert bar_width(1, 2) == "50%"
    assert bar_width(0, 2) == "0%" and bar_width(3, 2) == "100%" and bar_width(1, 0) == "0%"
    assert bar_width(1, 1000) == "0.5%"  # a small non-zero part stays visible


def test_templates_draw_a_50_percent_bar_at_50_percent() -> None:
    html = Template(
        '{% load linli %}<span class="bar" style="width:{{ part|bar_width:whole }}"></span>'
    ).render(Context({"part": 5, "whole": 10}))
    assert html == '<span class="bar" style="width:50%"></span>'


def test_a_building_where_half_the_households_take_part_has_a_half_bar() -> None:
    row = BuildingRow(building="1栋", households=4, listing=1, borrowing=1, taking_part=2, items=3)
    assert row.bar == "50%"
