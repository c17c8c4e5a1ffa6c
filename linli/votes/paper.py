"""The printable paper ballot of a vote (A4 PDF) in the reader's language and script.

It matches the double-entry screens: options are numbered as the officers type them (the n-th
option of a question is n), one box or line per option, and the same instructions as the
ballot on the screen. A QR code leads to the vote online. Nothing on it identifies the voter.
The fonts, line wrapping and QR drawing are core's (``linli.core.letters``, ``linli.core.qr``).
"""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from linli.core.letters import pdf_font, wrap_lines
from linli.core.qr import draw_qr
from linli.core.script import to_script

from .models import Question, Vote

MARGIN = 18 * mm
QR_SIZE = 28 * mm


def instruction(question: Question) -> str:
    """What the voter does, in the words of the ballot on the screen."""
    kind = question.ballot_type
    if kind == Question.BallotType.SINGLE:
        return _("Choose one option.")
    if kind == Question.BallotType.APPROVAL:
        if question.max_choices:
            return _("Tick every option you support, at most %(k)s.") % {"k": question.max_choices}
        return _("Tick every option you support.")
    if kind == Question.BallotType.KNAPSACK:
        text = _(
            "Tick the projects you want to see done. Their costs must add up to at most "
            "%(budget)s, the budget."
        ) % {"budget": question.budget_text}
        if question.max_choices:
            text += " " + _("Choose at most %(k)s projects.") % {"k": question.max_choices}
        return text
    if kind == Question.BallotType.CUMULATIVE:
        text = _(
            "Share up to %(n)s points among the options: more points for what matters more to "
            "you. Leave an option empty to give it none."
        ) % {"n": question.points_total}
        if question.max_points_per_option:
            text += " " + _("At most %(m)s points on one option.") % {
                "m": question.max_points_per_option
            }
        return text
    if kind == Question.BallotType.SCORE:
        return _("Give each option a score from 0 (not at all) to %(n)s (very much).") % {
            "n": question.max_score
        }
    return _(
        "Give your favourite place 1, your next choice 2, and so on. You may leave options you "
        "do not want unranked."
    )


def paper_ballot(vote: Vote, language: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = pdf_font(language)
    width, height = A4
    text_width = width - 2 * MARGIN
    url = f"{settings.SITE_URL}{vote.get_absolute_url()}"

    def s(text: str) -> str:
        return to_script(str(text), language)

    with translation.override(language):
        pdf.setTitle(_("Paper ballot"))
        questions = list(vote.questions.prefetch_related("options").order_by("position", "pk"))
        opens = timezone.localtime(vote.opens_at).strftime("%Y-%m-%d %H:%M")
        closes = timezone.localtime(vote.closes_at).strftime("%Y-%m-%d %H:%M")

        def header() -> float:
            y = height - MARGIN
            pdf.setFont(font, 10)
            pdf.drawString(MARGIN, y - 10, s(vote.community.name))
            pdf.setFont(font, 16)
            title_lines = wrap_lines(pdf, s(vote.title), font, 16, text_width - QR_SIZE - 6 * mm)
            y -= 30
            for line in title_lines:
                pdf.drawString(MARGIN, y, line)
                y -= 20
            pdf.setFont(font, 12)
            pdf.drawString(MARGIN, y, s(_("Paper ballot")))
            y -= 16
            pdf.setFont(font, 9)
            pdf.drawString(
                MARGIN, y, _("From %(opens)s to %(closes)s") % {"opens": opens, "closes": closes}
            )
            draw_qr(pdf, url, width - MARGIN - QR_SIZE, height - MARGIN - QR_SIZE, QR_SIZE)
            pdf.setFont(font, 7)
            pdf.drawRightString(
                width - MARGIN, height - MARGIN - QR_SIZE - 8, s(_("Or vote online: scan the code"))
            )
            y = min(y, height - MARGIN - QR_SIZE - 14) - 12
            pdf.setFont(font, 9)
            rule = _(
                "Do not write your name on the ballot. Mark it, fold it and put it in the box."
            )
            for line in wrap_lines(pdf, s(rule), font, 9, text_width):
                pdf.drawString(MARGIN, y, line)
                y -= 12
            return y - 6

        y = header()

        def room(needed: float) -> None:
            nonlocal y
            if y - needed < MARGIN:
                pdf.showPage()
                y = header()

        for number, question in enumerate(questions, start=1):
            lines = wrap_lines(pdf, f"{number}. {s(question.text)}", font, 12, text_width)
            help_lines = wrap_lines(pdf, s(instruction(question)), font, 9, text_width)
            room(len(lines) * 16 + len(help_lines) * 12 + 26)
            pdf.setFont(font, 12)
            for line in lines:
                pdf.drawString(MARGIN, y, line)
                y -= 16
            pdf.setFont(font, 9)
            for line in help_lines:
                pdf.drawString(MARGIN, y, line)
                y -= 12
            y -= 4
            kind = question.ballot_type
            for position, option in enumerate(question.options.all(), start=1):
                label = f"{position}. {s(option.label)}"
                if option.cost is not None:
                    label += f" · {s(option.cost_text)}"
                mark_width = 24 * mm if kind in ("score", "cumulative", "ranked") else 8 * mm
                if kind == Question.BallotType.SCORE:
                    mark_width = (question.max_score + 1) * 7 * mm
                option_lines = wrap_lines(pdf, label, font, 11, text_width - mark_width - 4 * mm)
                room(len(option_lines) * 14 + 8)
                top = y
                pdf.setFont(font, 11)
                x_text = MARGIN + mark_width + 2 * mm
                if kind in ("single", "approval", "knapsack"):
                    pdf.rect(MARGIN, y - 2, 5 * mm, 5 * mm)
                    x_text = MARGIN + 8 * mm
                elif kind == Question.BallotType.SCORE:
                    for score in range(question.max_score + 1):
                        cx = MARGIN + score * 7 * mm + 3 * mm
                        pdf.circle(cx, y + 3, 2.8 * mm)
                        pdf.setFont(font, 8)
                        pdf.drawCentredString(cx, y + 0.5, str(score))
                    pdf.setFont(font, 11)
                else:  # ranked (a place number) or cumulative (points): a box to write in
                    pdf.rect(MARGIN, y - 3, 20 * mm, 7 * mm)
                for line in option_lines:
                    pdf.drawString(x_text, y, line)
                    y -= 14
                y = min(y, top - 22 if kind == Question.BallotType.SCORE else y) - 6
            y -= 10
        pdf.showPage()
        pdf.save()
    return buffer.getvalue()
