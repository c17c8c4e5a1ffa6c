"""Printable invitation letters: one page per household, with its code and a QR code that opens
the sign-up page with the code filled in."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from .models import Community, Household
from .qr import draw_qr
from .qr import qr_png as qr_png  # where the other apps' posters still import it from
from .script import to_script

# Adobe's CID fonts ship with every PDF reader, so Chinese prints without embedding a font file.
FONTS = {"zh-hant": "MSung-Light", "zh-hans": "STSong-Light", "en": "STSong-Light"}


def pdf_font(language: str) -> str:
    name = FONTS.get(language, "STSong-Light")
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def signup_url(household: Household) -> str:
    return f"{settings.SITE_URL}{reverse('core:register')}?code={household.invitation_code}"


def wrap_lines(pdf: canvas.Canvas, text: str, font: str, size: float, width: float) -> list[str]:
    """Break text into lines that fit ``width``; works for Chinese (no spaces) and English."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        tokens = paragraph.split(" ") if paragraph.isascii() else list(paragraph)
        joiner = " " if paragraph.isascii() else ""
        for token in tokens:
            candidate = f"{line}{joiner}{token}" if line else token
            if pdf.stringWidth(candidate, font, size) > width and line:
                lines.append(line)
                line = token
            else:
                line = candidate
        lines.append(line)
    return lines


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Page streams compressed but not also ASCII85-encoded: reportlab encodes in pure Python,
    a quarter of a letter's time, and binary streams are as valid (and a fifth smaller). The
    switch is reportlab's global, read when a page is made; another thread's PDF made meanwhile
    is valid either way."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def invitation_letters(
    community: Community, households: Iterable[Household], language: str
) -> bytes:
    with _binary_streams():
        return _letters(community, households, language)


SHARED_FORM = "letter"


def _letters(community: Community, households: Iterable[Household], language: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = pdf_font(language)
    width, height = A4
    with translation.override(language):
        pdf.setTitle(_("Invitation letters"))
        # The same words on every page: wrapped once, not once per household.
        body = _(
            "Dear neighbours,\nYou are invited to take part in the life of our community on "
            "linli: surveys, meetings, proposals and votes, neighbour item-sharing and more. "
            "Everyone in your household may join with the code below. Scan the QR code with "
            "a phone, or type the address, and the code will already be filled in.\n"
            "If you prefer paper or the phone, the community office will help: %(office)s"
        ) % {
            "office": " ".join(
                filter(
                    None,
                    [community.office_address, community.office_phone, community.office_hours],
                )
            )
        }
        body_lines = wrap_lines(pdf, to_script(body, language), font, 12, width - 50 * mm)
        # Where each line goes; the body has the same number of lines on every page.
        top = height - 30 * mm
        address_y = top - 12 * mm
        body_top = address_y - 12 * mm
        label_y = body_top - 7 * mm * len(body_lines) - 8 * mm
        code_y = label_y - 14 * mm
        url_y = code_y - 14 * mm
        # What every letter shares is drawn once, as a form the pages refer to: most of a page's
        # text, written once instead of once per household (bench/bench_exports.py).
        pdf.beginForm(SHARED_FORM)
        pdf.setFont(font, 20)
        pdf.drawString(25 * mm, top, to_script(community.name, language))
        pdf.setFont(font, 12)
        for number, line in enumerate(body_lines):
            pdf.drawString(25 * mm, body_top - 7 * mm * number, line)
        pdf.setFont(font, 14)
        pdf.drawString(25 * mm, label_y, _("Your household's invitation code:"))
        pdf.endForm()
        for household in households:
            pdf.doForm(SHARED_FORM)
            pdf.setFont(font, 13)
            pdf.drawString(
                25 * mm,
                address_y,
                _("To the household at %(address)s")
                % {"address": to_script(household.flat.label, language)},
            )
            pdf.setFont("Courier-Bold", 28)
            code = household.invitation_code
            pdf.drawString(25 * mm, code_y, f"{code[:4]} {code[4:]}")
            url = signup_url(household)
            draw_qr(pdf, url, width - 75 * mm, code_y - 10 * mm, 50 * mm)
            pdf.setFont("Helvetica", 9)
            pdf.drawString(25 * mm, url_y, url)
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()
