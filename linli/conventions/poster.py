"""The adopted text as a printable A4 sheet for the courtyard wall: title, preamble, numbered
articles, how and when it was adopted, and a QR code that opens the text online (with its
history and a way to propose an amendment). In the community's first language."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from linli.core.letters import pdf_font, wrap_lines
from linli.core.qr import draw_qr
from linli.core.script import to_script

from .models import Version


def _language(community: object) -> str:
    languages = getattr(community, "languages", None) or [settings.LANGUAGE_CODE]
    return str(languages[0])


def wall_sheet(version: Version) -> bytes:
    convention = version.convention
    language = _language(convention.community)
    with translation.override(language):
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4)
        font = pdf_font(language)
        width, height = A4
        left, text_width = 20 * mm, width - 40 * mm
        pdf.setTitle(convention.title)

        def new_page() -> float:
            pdf.showPage()
            pdf.setFont(font, 12)
            return height - 20 * mm

        y = height - 22 * mm
        pdf.setFont(font, 12)
        place = convention.area.name if convention.area else convention.community.name
        pdf.drawString(left, y, to_script(place, language))
        y -= 14 * mm
        pdf.setFont(font, 22)
        for line in wrap_lines(pdf, to_script(convention.title, language), font, 22, text_width):
            pdf.drawCentredString(width / 2, y, line)
            y -= 10 * mm
        y -= 3 * mm
        pdf.setFont(font, 12)
        paragraphs = [version.preamble] if version.preamble else []
        paragraphs += [
            _("Article %(n)s. %(text)s") % {"n": a.position, "text": a.text}
            for a in version.articles.order_by("position")
        ]
        for paragraph in paragraphs:
            for line in wrap_lines(pdf, to_script(paragraph, language), font, 12, text_width):
                if y < 25 * mm:
                    y = new_page()
                pdf.drawString(left, y, line)
                y -= 6.5 * mm
            y -= 2 * mm
        if y < 70 * mm:
            y = new_page()
        adopted = version.adopted_at.date().isoformat() if version.adopted_at else ""
        footer = _("Version %(number)s, adopted on %(date)s by %(how)s (%(outcome)s).") % {
            "number": version.number,
            "date": adopted,
            "how": version.get_how_display(),
            "outcome": version.outcome,
        }
        pdf.setFont(font, 10)
        for line in wrap_lines(pdf, to_script(footer, language), font, 10, text_width):
            pdf.drawString(left, y, line)
            y -= 5.5 * mm
        link = settings.SITE_URL + convention.get_absolute_url()
        draw_qr(pdf, link, left, 15 * mm, 40 * mm)
        pdf.setFont(font, 11)
        pdf.drawString(
            left + 45 * mm, 40 * mm, _("Scan to read it online and to propose an amendment.")
        )
        pdf.setFont("Helvetica", 9)
        pdf.drawString(left + 45 * mm, 32 * mm, link)
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()
