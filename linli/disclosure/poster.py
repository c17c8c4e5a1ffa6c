"""Printable A4 posters for the paper board (公示栏): a notice or a 公示 with its text and a QR
code that opens its page, in the community's first language. Uses core's PDF helpers."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from linli.core.letters import pdf_font, qr_png, wrap_lines
from linli.core.script import to_script

from .models import Entry, Newsletter, Publicity


def _page(heading: str, title: str, lines: list[str], url: str, language: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = pdf_font(language)
    width, height = A4
    pdf.setTitle(title)
    y = height - 25 * mm
    pdf.setFont(font, 16)
    pdf.drawString(20 * mm, y, to_script(heading, language))
    y -= 14 * mm
    pdf.setFont(font, 22)
    for line in wrap_lines(pdf, to_script(title, language), font, 22, width - 40 * mm):
        pdf.drawString(20 * mm, y, line)
        y -= 10 * mm
    y -= 4 * mm
    pdf.setFont(font, 13)
    for text in lines:
        for line in wrap_lines(pdf, to_script(text, language), font, 13, width - 40 * mm):
            if y < 75 * mm:
                break
            pdf.drawString(20 * mm, y, line)
            y -= 7 * mm
    link = settings.SITE_URL + url
    pdf.drawImage(ImageReader(io.BytesIO(qr_png(link))), 20 * mm, 20 * mm, 45 * mm, 45 * mm)
    pdf.setFont(font, 11)
    pdf.drawString(70 * mm, 50 * mm, _("Scan to read it online, with the attachments."))
    pdf.setFont("Helvetica", 9)
    pdf.drawString(70 * mm, 42 * mm, link)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _language(community: object) -> str:
    languages = getattr(community, "languages", None) or [settings.LANGUAGE_CODE]
    return str(languages[0])


def notice_poster(entry: Entry) -> bytes:
    language = _language(entry.community)
    with translation.override(language):
        heading = f"{entry.community.name} · {_('Information disclosure')} · {entry.get_category_display()}"
        return _page(heading, entry.title, [entry.body], entry.get_absolute_url(), language)


def publicity_poster(publicity: Publicity) -> bytes:
    language = _language(publicity.community)
    with translation.override(language):
        heading = f"{publicity.community.name} · {_('Public notice (公示)')}"
        lines = [
            publicity.becomes_final,
            _(
                "Notice period: %(start)s to %(end)s. Objections may be raised until the end; each is answered in public, and the decision is final only after the period and all answers."
            )
            % {"start": publicity.starts_on, "end": publicity.ends_on},
        ]
        return _page(heading, publicity.title, lines, publicity.get_absolute_url(), language)


def newsletter_sheet(newsletter: Newsletter) -> bytes:
    """The newsletter on one A4 sheet, for the boards and for residents who read on paper."""
    language = _language(newsletter.community)
    with translation.override(language):
        heading = f"{newsletter.community.name} · {_('Community newsletter')}"
        lines = [newsletter.intro] + [f"· {item['title']}" for item in newsletter.items]
        return _page(heading, newsletter.title, lines, newsletter.get_absolute_url(), language)
