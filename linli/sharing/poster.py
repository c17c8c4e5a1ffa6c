"""The board as a poster for the gate (A4 or A3): one box per household, by building and unit,
like the paper board residents know, with a QR code to the online board for what is new."""

from __future__ import annotations

import io

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from linli.core.letters import pdf_font, wrap_lines
from linli.core.models import Community
from linli.core.qr import qr_png
from linli.core.script import to_script

from . import services

MARGIN = 12 * mm
GAP = 3 * mm


def board_poster(community: Community, size: str = "A4", language: str = "zh-hans") -> bytes:
    page = A3 if size == "A3" else A4
    columns = 4 if size == "A3" else 3
    width, height = page
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=page)
    font = pdf_font(language)
    url = f"{settings.SITE_URL}{reverse('sharing:board', args=[community.slug])}"
    groups = services.board(community, services.on_board(community), show_flats=True)
    box_width = (width - 2 * MARGIN - (columns - 1) * GAP) / columns
    text_size = 8.5 if size == "A4" else 9.5
    line = text_size * 1.35

    def s(text: str) -> str:
        return to_script(text, language)

    with translation.override(language):
        pdf.setTitle(s(_("Item sharing board of %(community)s") % {"community": community.name}))

        def header() -> float:
            pdf.setFont(font, 22 if size == "A4" else 30)
            pdf.drawString(MARGIN, height - MARGIN - 20, s(_("Neighbours lend: item sharing")))
            pdf.setFont(font, 11)
            pdf.drawString(MARGIN, height - MARGIN - 38, s(community.name))
            intro = _(
                "Knock on the door or ask online. Scan the code for what is new and to ask "
                "for an item; return it on time and say thank you."
            )
            y = height - MARGIN - 54
            for text in wrap_lines(pdf, s(intro), font, 10, width - 2 * MARGIN - 40 * mm):
                pdf.drawString(MARGIN, y, text)
                y -= 13
            qr = ImageReader(io.BytesIO(qr_png(url)))
            pdf.drawImage(qr, width - MARGIN - 32 * mm, height - MARGIN - 32 * mm, 32 * mm, 32 * mm)
            pdf.setFont(font, 7)
            pdf.drawRightString(width - MARGIN, height - MARGIN - 35 * mm, url)
            return height - MARGIN - 40 * mm

        top = header()
        y = top
        for group in (building for courtyard in groups for building in courtyard.buildings):
            for unit in group.units:
                heading = " ".join(filter(None, [group.courtyard, group.name, unit.name]))
                if y - 2 * line - 20 < MARGIN:
                    pdf.showPage()
                    y = header()
                pdf.setFont(font, 12)
                pdf.drawString(MARGIN, y - 12, s(heading))
                y -= 18
                column, row_bottom = 0, y
                for box in unit.boxes:
                    names = "、".join(item.name for item in box.items)
                    lines = wrap_lines(pdf, s(names), font, text_size, box_width - 6)
                    box_height = (len(lines) + 1) * line + 8
                    if column == 0 and y - box_height < MARGIN:
                        pdf.showPage()
                        y = header()
                        pdf.setFont(font, 12)
                        pdf.drawString(MARGIN, y - 12, s(heading))
                        y -= 18
                        row_bottom = y
                    x = MARGIN + column * (box_width + GAP)
                    pdf.rect(x, y - box_height, box_width, box_height)
                    pdf.setFont(font, text_size + 1)
                    pdf.drawString(x + 3, y - line, s(box.label or heading))
                    pdf.setFont(font, text_size)
                    for index, text in enumerate(lines):
                        pdf.drawString(x + 3, y - line * (index + 2), text)
                    row_bottom = min(row_bottom, y - box_height)
                    column += 1
                    if column == columns:
                        column, y = 0, row_bottom - GAP
                if column:
                    y = row_bottom - GAP
                y -= 4
        if not groups:
            pdf.setFont(font, 12)
            pdf.drawString(MARGIN, top - 20, s(_("Nothing is listed yet.")))
        pdf.showPage()
        pdf.save()
    return buffer.getvalue()
