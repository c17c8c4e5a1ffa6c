"""The printable survey: a PDF in one language with tick boxes, answer lines and a QR code that
opens the online version. Skip logic is printed as an instruction ("Answer only if ..."), because
paper cannot hide a question. Each form has a box for the number staff write on it when entering
it, which the entry screen uses to warn about forms typed twice."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from linli.core.letters import pdf_font, wrap_lines
from linli.core.qr import qr_png
from linli.core.script import to_script

from . import texts
from .models import Question, Survey
from .services import place_choices

MARGIN = 20 * mm
BOX = 3.6 * mm


class _Writer:
    def __init__(self, pdf: canvas.Canvas, font: str, language: str, survey: Survey) -> None:
        self.pdf, self.font, self.language, self.survey = pdf, font, language, survey
        self.width, self.height = A4
        self.y = self.height - MARGIN
        self.page = 1

    def text(self, value: dict[str, str]) -> str:
        return to_script(
            texts.pick(value, self.language, self.survey.languages).text, self.language
        )

    def room(self, needed: float) -> None:
        if self.y - needed < MARGIN + 8 * mm:
            self.footer()
            self.pdf.showPage()
            self.page += 1
            self.y = self.height - MARGIN

    def footer(self) -> None:
        self.pdf.setFont(self.font, 8)
        self.pdf.drawString(MARGIN, 10 * mm, f"{self.survey.title_text[:60]}  ·  {self.page}")

    def lines(self, text: str, size: float, indent: float = 0, leading: float = 1.45) -> None:
        usable = self.width - 2 * MARGIN - indent
        for line in wrap_lines(self.pdf, text, self.font, size, usable):
            self.room(size * leading)
            self.pdf.setFont(self.font, size)
            self.pdf.drawString(MARGIN + indent, self.y - size, line)
            self.y -= size * leading

    def box_line(self, label: str, indent: float = 6 * mm) -> None:
        self.room(7 * mm)
        self.pdf.rect(MARGIN + indent, self.y - BOX - 1, BOX, BOX)
        self.pdf.setFont(self.font, 11)
        self.pdf.drawString(MARGIN + indent + BOX + 3 * mm, self.y - BOX, label)
        self.y -= 7 * mm

    def answer_lines(self, count: int) -> None:
        for _i in range(count):
            self.room(9 * mm)
            self.y -= 8 * mm
            self.pdf.line(MARGIN + 6 * mm, self.y, self.width - MARGIN, self.y)
        self.y -= 3 * mm


def survey_pdf(survey: Survey, language: str) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = pdf_font(language)
    with translation.override(language):
        writer = _Writer(pdf, font, language, survey)
        pdf.setTitle(writer.text(survey.title))
        _header(writer, survey)
        numbers = {q.key: n for n, q in enumerate(survey.questions.all(), start=1)}
        option_text = {
            (q.key, o.key): writer.text(o.text)
            for q in survey.questions.prefetch_related("options")
            for o in q.options.all()
        }
        for section in survey.sections.prefetch_related("questions__options"):
            title = writer.text(section.title)
            if title:
                writer.room(14 * mm)
                writer.y -= 3 * mm
                writer.lines(title, 14)
            if section.show_if:
                writer.lines(_condition(section.show_if, numbers, option_text), 10)
            if section.intro:
                writer.lines(writer.text(section.intro), 10)
            for question in section.questions.all():
                _question(writer, question, numbers, option_text)
        writer.footer()
    pdf.save()
    return buffer.getvalue()


def _header(writer: _Writer, survey: Survey) -> None:
    pdf = writer.pdf
    url = f"{settings.SITE_URL}{survey.get_absolute_url()}"
    if survey.mode == Survey.Mode.OPEN:
        url = f"{settings.SITE_URL}{survey.open_link}"
    qr = 32 * mm
    pdf.drawImage(
        ImageReader(io.BytesIO(qr_png(url))), writer.width - MARGIN - qr, writer.y - qr, qr, qr
    )
    pdf.setFont(writer.font, 8)
    pdf.drawRightString(
        writer.width - MARGIN, writer.y - qr - 4 * mm, _("Answer online: scan the code")
    )
    usable_right = writer.width - MARGIN - qr - 6 * mm
    pdf.setFont(writer.font, 18)
    for line in wrap_lines(pdf, writer.text(survey.title), writer.font, 18, usable_right - MARGIN):
        pdf.drawString(MARGIN, writer.y - 18, line)
        writer.y -= 26
    if survey.intro:
        for line in wrap_lines(
            pdf, writer.text(survey.intro), writer.font, 10, usable_right - MARGIN
        ):
            pdf.setFont(writer.font, 10)
            pdf.drawString(MARGIN, writer.y - 10, line)
            writer.y -= 15
    writer.y = min(writer.y, writer.height - MARGIN - qr - 10 * mm)
    pdf.setFont(writer.font, 10)
    closes = timezone.localtime(survey.closes_at).strftime("%Y-%m-%d")
    pdf.drawString(
        MARGIN,
        writer.y,
        _("Please return by %(day)s to the community office or a courtyard leader.")
        % {"day": closes},
    )
    writer.y -= 7 * mm
    pdf.drawString(MARGIN, writer.y, _("Form number (filled in by staff):"))
    pdf.rect(MARGIN + 62 * mm, writer.y - 2 * mm, 40 * mm, 7 * mm)
    writer.y -= 10 * mm


def _condition(
    condition: dict, numbers: dict[str, int], option_text: dict[tuple[str, str], str]
) -> str:  # type: ignore[type-arg]
    key = condition["question"]
    chosen = "、".join(option_text.get((key, o), o) for o in condition["any_of"])
    return _("Answer only if your answer to question %(number)s was: %(options)s") % {
        "number": numbers.get(key, "?"),
        "options": chosen,
    }


def _question(
    writer: _Writer,
    question: Question,
    numbers: dict[str, int],
    option_text: dict[tuple[str, str], str],
) -> None:
    writer.room(20 * mm)
    writer.y -= 3 * mm
    required = " *" if question.required else ""
    writer.lines(f"{numbers[question.key]}. {writer.text(question.text)}{required}", 12)
    if question.show_if:
        writer.lines(_condition(question.show_if, numbers, option_text), 9, indent=6 * mm)
    if question.help:
        writer.lines(writer.text(question.help), 9, indent=6 * mm)
    kind = question.kind
    options = list(question.options.all())
    if kind == "single":
        writer.lines(_("Tick one."), 9, indent=6 * mm)
        for option in options:
            writer.box_line(writer.text(option.text))
    elif kind == "multiple":
        hint = _("Tick all that apply.")
        if question.max_value:
            hint = _("Tick up to %(count)s.") % {"count": int(question.max_value)}
        writer.lines(hint, 9, indent=6 * mm)
        for option in options:
            writer.box_line(writer.text(option.text))
    elif kind == "ranking":
        writer.lines(
            _("Write 1 beside your first choice, 2 beside the next, and so on."), 9, indent=6 * mm
        )
        for option in options:
            writer.box_line(writer.text(option.text))
    elif kind == "scale":
        low, high = int(question.min_value or 1), int(question.max_value or 5)
        ends = " ".join(
            filter(
                None,
                [
                    f"{low} = {writer.text(question.low_label)}" if question.low_label else "",
                    f"{high} = {writer.text(question.high_label)}" if question.high_label else "",
                ],
            )
        )
        if ends:
            writer.lines(ends, 9, indent=6 * mm)
        writer.room(8 * mm)
        x = MARGIN + 6 * mm
        for value in range(low, high + 1):
            writer.pdf.rect(x, writer.y - BOX - 1, BOX, BOX)
            writer.pdf.setFont(writer.font, 11)
            writer.pdf.drawString(x + BOX + 1.5 * mm, writer.y - BOX, str(value))
            x += 14 * mm
        writer.y -= 8 * mm
    elif kind == "matrix":
        _matrix(writer, question, options)
    elif kind == "place":
        places = list(place_choices(writer.survey.community, question.place_kind))
        for place in places[:30]:
            writer.box_line(to_script(str(place), writer.language))
    elif kind == "long_text":
        writer.answer_lines(4)
    elif kind == "date":
        writer.lines(_("Year ______  Month ____  Day ____"), 11, indent=6 * mm)
    else:
        if kind == "number" and (question.min_value is not None or question.max_value is not None):
            writer.lines(
                _("A number from %(min)s to %(max)s")
                % {"min": _plain(question.min_value), "max": _plain(question.max_value)},
                9,
                indent=6 * mm,
            )
        writer.answer_lines(1)


def _plain(value: float | None) -> str:
    if value is None:
        return "…"
    return str(int(value)) if value == int(value) else str(value)


def _matrix(writer: _Writer, question: Question, options: list) -> None:  # type: ignore[type-arg]
    column = 22 * mm
    label_width = writer.width - 2 * MARGIN - 6 * mm - column * len(options)
    writer.room(10 * mm)
    writer.pdf.setFont(writer.font, 8)
    for i, option in enumerate(options):
        x = MARGIN + 6 * mm + label_width + i * column
        for j, line in enumerate(
            wrap_lines(writer.pdf, writer.text(option.text), writer.font, 8, column - 2 * mm)[:2]
        ):
            writer.pdf.drawString(x, writer.y - 8 - j * 9, line)
    writer.y -= 8 * mm
    for row in question.rows:
        writer.room(7 * mm)
        writer.pdf.setFont(writer.font, 10)
        label = wrap_lines(
            writer.pdf, writer.text(row["text"]), writer.font, 10, label_width - 2 * mm
        )[0]
        writer.pdf.drawString(MARGIN + 6 * mm, writer.y - BOX, label)
        for i in range(len(options)):
            x = MARGIN + 6 * mm + label_width + i * column + 4 * mm
            writer.pdf.rect(x, writer.y - BOX - 1, BOX, BOX)
        writer.y -= 7 * mm
