"""The annual report PDF of a community: its figures for the year beside the year before, as a
bar chart with the same numbers in a table under it (every chart has its table). Chinese prints
with the CID fonts every PDF reader has (``linli.core.letters.pdf_font``)."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from linli.core.letters import pdf_font
from linli.core.models import Community
from linli.core.script import to_script

from .before_after import Side, for_community
from .figures import FIGURES, PARTS, year_figures

CHARTED = (
    "households_taking_part",
    "residents_taking_part",
    "meetings_held",
    "volunteers",
    "loans",
)


def _number(value: float | None) -> str:
    if value is None:
        return "*"
    return f"{value:,.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def _share(side: Side) -> str:
    if side.share is None or side.low is None or side.high is None:
        return "*"
    return f"{side.share:.0%} ({side.low:.0%}–{side.high:.0%}), n={side.answered}"


def _table_style(font: str) -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 9.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f2f2")]),
        ]
    )


def _before_after(community: Community, language: str, font: str, body: ParagraphStyle) -> list:
    """Repeated survey questions: both shares with Wilson intervals, the change with Newcombe's."""
    compared = for_community(community)
    if not compared:
        return []
    small = ParagraphStyle("small", parent=body, fontSize=9, leading=12)
    rows = [
        [
            _("Question"),
            pgettext("before and after", "Before"),
            pgettext("before and after", "After"),
            pgettext("before and after", "Change"),
        ]
    ]
    for c in compared:
        change = "*"
        if c.change is not None:
            change = (
                f"{100 * c.change.estimate:+.0f} ({100 * c.change.low:+.0f} "
                f"{pgettext('interval', 'to')} {100 * c.change.high:+.0f})"
            )
        weighted = c.item.weighting and not c.weighting_error
        rows.append(
            [
                Paragraph(
                    to_script(
                        c.after.question + (f" ({_('weighted')})" if weighted else ""),
                        language,
                    ),
                    small,
                ),
                Paragraph(_share(c.before), small),
                Paragraph(_share(c.after), small),
                Paragraph(change, small),
            ]
        )
    table = Table(rows, colWidths=[62 * mm, 35 * mm, 35 * mm, 38 * mm])
    table.setStyle(_table_style(font))
    return [
        Spacer(1, 6 * mm),
        Paragraph(
            _("Before and after"), ParagraphStyle("h2", parent=body, fontSize=13, leading=18)
        ),
        table,
        Spacer(1, 2 * mm),
        Paragraph(
            _(
                "Share at the top of the question (the two highest points of a rating scale, or "
                "the first choice) with its 95% interval (Wilson); the change in percentage "
                "points with its 95% interval (Newcombe)."
            ),
            body,
        ),
    ]


def annual_report(community: Community, year: int, language: str) -> bytes:
    buffer = io.BytesIO()
    font = pdf_font(language)
    with translation.override(language):
        now = year_figures(community, year)
        before = year_figures(community, year - 1)
        title = ParagraphStyle("title", fontName=font, fontSize=18, leading=24)
        body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=15)
        story: list = [
            Paragraph(
                to_script(
                    _("%(community)s: our year %(year)s in figures")
                    % {"community": community.name, "year": year},
                    language,
                ),
                title,
            ),
            Spacer(1, 6 * mm),
        ]
        rate = now.participation_rate
        story.append(
            Paragraph(
                _("Share of households that took part")
                + f": {'*' if rate is None else f'{rate:.0%}'}",
                body,
            )
        )
        story.append(Spacer(1, 4 * mm))
        words = {key: str(w) for key, w, _p in FIGURES}
        chart = Drawing(170 * mm, 75 * mm)
        bars = HorizontalBarChart()
        bars.x, bars.y, bars.width, bars.height = 60 * mm, 5 * mm, 105 * mm, 65 * mm
        bars.data = [
            [before.values.get(k) or 0 for k in CHARTED],
            [now.values.get(k) or 0 for k in CHARTED],
        ]
        bars.categoryAxis.categoryNames = [to_script(words[k], language) for k in CHARTED]
        bars.categoryAxis.labels.fontName = font
        bars.categoryAxis.labels.fontSize = 8
        bars.valueAxis.valueMin = 0
        bars.bars[0].fillColor = colors.HexColor("#9bb7d4")
        bars.bars[1].fillColor = colors.HexColor("#1f4e79")
        chart.add(bars)
        story += [
            chart,
            Paragraph(
                _("Bars: dark %(year)s, light %(before)s. The numbers are in the table below.")
                % {"year": year, "before": year - 1},
                body,
            ),
            Spacer(1, 4 * mm),
        ]
        rows = [[_("Figure"), str(year), str(year - 1)]]
        rows += [
            [
                to_script(("– " if k in PARTS else "") + words[k], language),
                _number(now.values[k]),
                _number(before.values.get(k)),
            ]
            for k in now.shown()
        ]
        table = Table(rows, colWidths=[100 * mm, 30 * mm, 30 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                    (
                        "ROWBACKGROUNDS",
                        (0, 1),
                        (-1, -1),
                        [colors.white, colors.HexColor("#f2f2f2")],
                    ),
                ]
            )
        )
        story += [
            table,
            Spacer(1, 4 * mm),
            Paragraph(
                _(
                    "* withheld: fewer than 5 people or households, or a figure from which such a count could be worked out."
                ),
                body,
            ),
        ]
        story += _before_after(community, language, font, body)
        document = SimpleDocTemplate(
            buffer, pagesize=A4, title=_("Annual report"), leftMargin=20 * mm, rightMargin=20 * mm
        )
        document.build(story)
    return buffer.getvalue()
