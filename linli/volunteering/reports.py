"""Papers a volunteer or a team asks for: the certificate of verified hours (PDF with a
verification code and QR), and yearly hours reports per team and per resident (CSV, XLSX).

Only verified hours count anywhere here: a claim waiting for the leader, or declined hours, never
reach a certificate or a report."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from linli.core import spreadsheets
from linli.core.letters import pdf_font, wrap_lines
from linli.core.models import Community, Member
from linli.core.qr import qr_png
from linli.core.script import to_script

from .models import Certificate, Hours, Team


@dataclass(frozen=True)
class TeamHours:
    team: str
    activities: int
    hours: Decimal


def hours_text(value: Decimal | float | int) -> str:
    """Hours with one decimal, whatever the database's sum returned (4, 4.0 or Decimal('4'))."""
    return f"{Decimal(str(value)):.1f}"


def verified_by_team(member: Member, start: date, end: date) -> list[TeamHours]:
    rows = (
        Hours.objects.filter(
            member=member,
            status=Hours.Status.VERIFIED,
            activity__starts_at__date__gte=start,
            activity__starts_at__date__lte=end,
        )
        .values("activity__team__name")
        .annotate(hours=Sum("hours"), activities=Count("activity", distinct=True))
        .order_by("-hours", "activity__team__name")
    )
    return [TeamHours(row["activity__team__name"], row["activities"], row["hours"]) for row in rows]


def verified_total(member: Member, start: date, end: date) -> Decimal:
    """The verified hours a certificate for this period states."""
    return sum((row.hours for row in verified_by_team(member, start, end)), Decimal(0))


def verify_url(certificate: Certificate) -> str:
    path = reverse(
        "volunteering:verify", args=[certificate.member.community.slug, certificate.code]
    )
    return f"{settings.SITE_URL}{path}"


def certificate_lines(certificate: Certificate, language: str) -> list[str]:
    """The certificate's text, line by line (also what tests read)."""
    member = certificate.member
    rows = verified_by_team(member, certificate.period_start, certificate.period_end)
    with translation.override(language):
        text = [
            _("Certificate of volunteer service"),
            to_script(member.community.name, language),
            "",
            _(
                "%(name)s gave %(hours)s verified hours of volunteer service to the community "
                "from %(start)s to %(end)s."
            )
            % {
                "name": to_script(member.name, language),
                "hours": hours_text(certificate.total_hours),
                "start": certificate.period_start.isoformat(),
                "end": certificate.period_end.isoformat(),
            },
            "",
        ]
        for row in rows:
            text.append(
                _("%(team)s: %(hours)s hours at %(count)s activities")
                % {
                    "team": to_script(row.team, language),
                    "hours": hours_text(row.hours),
                    "count": row.activities,
                }
            )
        text += [
            "",
            _("Only hours verified by a team leader are counted."),
            _("Verification code: %(code)s") % {"code": certificate.code},
            _("Issued on %(day)s") % {"day": timezone.localdate(certificate.issued_at).isoformat()},
        ]
    return text


def certificate_pdf(certificate: Certificate, language: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = pdf_font(language)
    width, height = A4
    lines = certificate_lines(certificate, language)
    with translation.override(language):
        pdf.setTitle(lines[0])
    pdf.setFont(font, 24)
    pdf.drawCentredString(width / 2, height - 40 * mm, lines[0])
    pdf.setFont(font, 14)
    pdf.drawCentredString(width / 2, height - 52 * mm, lines[1])
    y = height - 75 * mm
    for line in lines[2:]:
        for part in wrap_lines(pdf, line, font, 12, width - 50 * mm) if line else [""]:
            pdf.setFont(font, 12)
            pdf.drawString(25 * mm, y, part)
            y -= 8 * mm
    qr = ImageReader(io.BytesIO(qr_png(verify_url(certificate))))
    pdf.drawImage(qr, width - 65 * mm, 25 * mm, 40 * mm, 40 * mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# --- Yearly reports -------------------------------------------------------------------------------


def _year_hours(year: int) -> Any:
    return Hours.objects.filter(status=Hours.Status.VERIFIED, activity__starts_at__year=year)


def team_table(team: Team, year: int, language: str) -> list[list[Any]]:
    """One row per resident of the team with verified hours that year, then the total."""
    with translation.override(language):
        head = [_("resident"), _("activities"), _("verified hours")]
    rows = (
        _year_hours(year)
        .filter(activity__team=team)
        .values("member__name")
        .annotate(hours=Sum("hours"), activities=Count("activity", distinct=True))
        .order_by("-hours", "member__name")
    )
    body = [[row["member__name"], row["activities"], float(row["hours"])] for row in rows]
    with translation.override(language):
        total = [_("total"), sum(r[1] for r in body), sum(r[2] for r in body)]
    return [head, *body, total]


def residents_table(community: Community, year: int, language: str) -> list[list[Any]]:
    """One row per resident and team with verified hours that year."""
    with translation.override(language):
        head = [_("resident"), _("courtyard"), _("team"), _("activities"), _("verified hours")]
    rows = (
        _year_hours(year)
        .filter(activity__team__community=community)
        .values("member__name", "member__household__area__name", "activity__team__name")
        .annotate(hours=Sum("hours"), activities=Count("activity", distinct=True))
        .order_by("member__name", "activity__team__name")
    )
    return [
        head,
        *(
            [
                row["member__name"],
                row["member__household__area__name"] or "",
                row["activity__team__name"],
                row["activities"],
                float(row["hours"]),
            ]
            for row in rows
        ),
    ]


def as_csv(rows: Iterable[list[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on a Chinese Windows reads the names right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(spreadsheets.csv_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(rows: Iterable[list[Any]], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append(spreadsheets.xlsx_row(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
