"""The annual report PDF of a community: its figures for the year beside the year before, as a
bar chart with the same numbers in a table under it (every chart has its table). Chinese prints
with the CID fonts every PDF reader has (``linli.core.letters.pdf_font``)."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
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

from .figures import FIGURES, year_figures

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
            [before.values[k] or 0 for k in CHARTED],
            [now.values[k] or 0 for k in CHARTED],
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
            [to_script(words[k], language), _number(now.values[k]), _number(before.values[k])]
            for k, _w, _p in FIGURES
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
        document = SimpleDocTemplate(
            buffer, pagesize=A4, title=_("Annual report"), leftMargin=20 * mm, rightMargin=20 * mm
        )
        document.build(story)
    return buffer.getvalue()
