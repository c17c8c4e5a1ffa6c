"""The grant agreement as a PDF (A4, Chinese or English in CID fonts as in ``core/letters``):
parties, project, amount, budget, milestones, reporting duties and both sides' acceptance."""

from __future__ import annotations

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from linli.core.letters import pdf_font, wrap_lines
from linli.core.money import grouped
from linli.core.script import to_script
from linli.tracking import queries as tracking

from .models import Application
from .services import team_named


def agreement_pdf(application: Application, language: str) -> bytes:
    call = application.call
    community = call.community
    agreement = application.agreement
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = pdf_font(language)
    width, height = A4
    left, text_width = 22 * mm, width - 44 * mm
    y = height - 25 * mm

    def line(text: str, size: float = 11, gap: float = 6.5) -> None:
        nonlocal y
        pdf.setFont(font, size)
        for part in wrap_lines(pdf, to_script(text, language), font, size, text_width):
            if y < 25 * mm:
                pdf.showPage()
                y = height - 25 * mm
                pdf.setFont(font, size)
            pdf.drawString(left, y, part)
            y -= gap * mm

    def when(moment: object) -> str:
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"  # type: ignore[arg-type]

    with translation.override(language):
        pdf.setTitle(_("Grant agreement"))
        line(_("Grant agreement"), 18, 10)
        line(f"{call.title} ({call.year})", 12, 9)
        line(_("Funder: %(community)s") % {"community": community.name})
        grantee = application.group_name
        if application.partner:
            grantee = f"{application.partner.name} ({application.get_kind_display()})"
        line(
            _("Grantee: %(group)s, represented by %(lead)s")
            % {"group": grantee, "lead": application.lead.name}
        )
        line(_("Project: %(title)s") % {"title": application.title})
        line(_("Theme: %(theme)s") % {"theme": application.get_theme_display()})
        line(
            _("Amount awarded: %(amount)s yuan (asked for: %(asked)s yuan)")
            % {
                "amount": grouped(application.award_amount or 0),
                "asked": grouped(application.requested()),
            },
            12,
            9,
        )
        line(_("Goals"), 13, 7)
        line(application.goals)
        line(_("Budget"), 13, 7)
        for b in application.budget_lines.all():
            line(f"· {b.get_category_display()} - {b.item}: {grouped(b.amount)}")
        line(pgettext("grant", "Milestones"), 13, 7)
        for m in tracking.milestones(application):
            line(f"· {m.due.isoformat() if m.due else ''} {m.title}")
        line(_("Reporting duties"), 13, 7)
        line(agreement.duties)
        named = team_named(application)
        if named:
            line(_("Team"), 13, 7)
            line("、".join(f"{t.shown_name}({t.task})" for t in named))
        y -= 4 * mm
        line(
            _("Accepted by the grantee: %(name)s, %(when)s")
            % {"name": agreement.grantee_name or "-", "when": when(agreement.grantee_accepted_at)},
            12,
            8,
        )
        line(
            _("Countersigned for the community: %(name)s, %(when)s")
            % {
                "name": agreement.organiser_name or "-",
                "when": when(agreement.organiser_signed_at),
            },
            12,
            8,
        )
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
