"""The public-notice poster (公示) for the courtyard notice board: the ranked result, the notice
period, how to object, and a QR code to the page with every score and reason."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from linli.core import rounding
from linli.core.letters import pdf_font, qr_png, wrap_lines
from linli.core.script import to_script
from linli.disclosure.models import Publicity

from . import services
from .models import Contest


def notice_poster(contest: Contest, publicity: Publicity | None, language: str) -> bytes:
    """The contest's own poster of its 公示 (the ranked table; disclosure's poster of the same
    公示 has the list in words)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = pdf_font(language)
    width, height = A4
    apps = {a.pk: a for a in contest.applications.select_related("area")}
    url = f"{settings.SITE_URL}{services.notice_url(contest)}"

    def text(value: str) -> str:
        return to_script(value, language)

    with translation.override(language):
        pdf.setTitle(_("Public notice"))
        y = height - 25 * mm
        pdf.setFont(font, 26)
        pdf.drawCentredString(width / 2, y, text(_("Public notice")))
        y -= 12 * mm
        pdf.setFont(font, 16)
        for line in wrap_lines(
            pdf, text(f"{contest.community.name} · {contest.title}"), font, 16, width - 40 * mm
        ):
            pdf.drawCentredString(width / 2, y, line)
            y -= 8 * mm
        y -= 4 * mm
        pdf.setFont(font, 12)
        if publicity is not None:
            period = _("Notice period: %(start)s to %(end)s") % {
                "start": publicity.starts_on.strftime("%Y-%m-%d"),
                "end": publicity.ends_on.strftime("%Y-%m-%d"),
            }
            pdf.drawString(20 * mm, y, text(period))
            y -= 10 * mm
        # the ranking, as adopted by the board's vote
        columns = [20 * mm, 35 * mm, 70 * mm, 150 * mm]
        pdf.setFont(font, 12)
        for x, head in zip(
            columns, [_("Rank"), _("Courtyard"), _("Project"), _("Score (0-100)")], strict=True
        ):
            pdf.drawString(x, y, text(head))
        y -= 3 * mm
        pdf.line(20 * mm, y, width - 20 * mm, y)
        y -= 7 * mm
        for row in contest.ranking:
            app = apps.get(row["application"])
            if app is None:
                continue
            pdf.drawString(columns[0], y, str(row["rank"]))
            pdf.drawString(columns[1], y, text(app.area.name)[:10])
            title = wrap_lines(pdf, text(app.title), font, 12, 75 * mm)[0]
            pdf.drawString(columns[2], y, title)
            score = row.get("normalised")
            pdf.drawString(columns[3], y, "-" if score is None else rounding.number(score))
            y -= 8 * mm
            if y < 90 * mm:
                break
        y -= 6 * mm
        how = _(
            "Scores for each criterion and every reviewer's reasons are on the web page. "
            "Any resident may object with a reason during the notice period, online by "
            "scanning the code, or at the community office: %(office)s. The board answers "
            "every objection publicly before the result becomes final."
        ) % {"office": contest.community.office_address or "-"}
        pdf.setFont(font, 11)
        for line in wrap_lines(pdf, text(how), font, 11, width - 100 * mm):
            pdf.drawString(20 * mm, y, line)
            y -= 6 * mm
        pdf.drawImage(
            ImageReader(io.BytesIO(qr_png(url))), width - 70 * mm, 25 * mm, 50 * mm, 50 * mm
        )
        pdf.setFont("Helvetica", 8)
        pdf.drawString(20 * mm, 20 * mm, url)
        pdf.setFont(font, 11)
        pdf.drawString(20 * mm, 30 * mm, text(contest.body.name))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
