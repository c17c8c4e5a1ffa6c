"""One bar helper: a bar is as wide as its share, so half is drawn at half width (issue 22)."""

from __future__ import annotations

import re
from pathlib import Path

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


# --- no ad-hoc bars can come back ---------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2] / "linli"
# A bar's width is written one of two ways: the filter, or a value a view made with
# rounding.bar_width (checked below). Nothing else - no px, no widthratio, no "{{ n }}%".
ALLOWED_WIDTH = re.compile(r"^\{\{\s*[\w.]+\|bar_width:[\w.]+\s*\}\}$|^\{\{\s*[\w.]+\s*\}\}$")
STYLE = re.compile(r'style="([^"]*)"')
WIDTH = re.compile(r"(?<![-\w])width\s*:\s*([^;]*)")
BAR = re.compile(r'<[^>]*class="(?:[^"]*\s)?bar(?:\s[^"]*)?"[^>]*>')
VIEW_BAR = re.compile(r"""["'](bar|width)["']\s*:\s*(.+)""")


def templates() -> list[Path]:
    return sorted(ROOT.glob("**/templates/**/*.html"))


def test_every_templated_width_in_a_style_is_a_bar_width() -> None:
    ad_hoc = []
    for path in templates():
        for style in STYLE.findall(path.read_text()):
            for value in WIDTH.findall(style):
                value = value.strip()
                if ("{" in value) and not ALLOWED_WIDTH.match(value):
                    ad_hoc.append(f"{path.relative_to(ROOT)}: width:{value}")
    assert ad_hoc == []


def test_every_bar_has_a_width_from_the_helper() -> None:
    bars = 0
    wrong = []
    for path in templates():
        for tag in BAR.findall(path.read_text()):
            bars += 1
            widths = [w.strip() for s in STYLE.findall(tag) for w in WIDTH.findall(s)]
            if len(widths) != 1 or not ALLOWED_WIDTH.match(widths[0]):
                wrong.append(f"{path.relative_to(ROOT)}: {tag}")
    assert wrong == []
    assert bars >= 8  # surveys, votes, budgeting, reviews, proposals, sharing (2), insights


def test_views_make_bar_widths_with_the_helper() -> None:
    """A ``"bar"`` or ``"width"`` a view hands to a template is made by rounding.bar_width."""
    wrong = []
    for path in sorted(ROOT.glob("**/*.py")):
        if "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            found = VIEW_BAR.search(line)
            if found and "bar_width(" not in found.group(2):
                wrong.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert wrong == []


def test_an_insights_rate_of_half_is_a_half_bar() -> None:
    from linli.insights.views import _labelled

    table = {
        "dimension": "tenure",
        "score": 0.5,
        "groups": [
            {"group": "owner", "rate": 0.5, "ratio": 1.0},
            {"group": "tenant", "rate": 0.25, "ratio": 0.5},
        ],
    }
    shown = _labelled({"dimensions": [table], "joint": None}, {})["dimensions"][0]["groups"]
    assert [(r["bar"], r["percent"], r["ratio_percent"]) for r in shown] == [
        ("50%", "50", "100"),
        ("25%", "25", "50"),
    ]
