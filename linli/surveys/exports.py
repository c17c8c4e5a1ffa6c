"""Responses as a table (CSV, XLSX) and a survey's definition as JSON (export and import).

The table has one row per response and, per question: one column (single choice, scale, number,
text, date, courtyard), one column per option (multiple choice: 1 if ticked, 0 if not; ranking:
the place given), or one column per row (matrix). Labels come in the language asked for. Rows are
streamed from one query (each response with its answers as one JSON array), so a survey with
20,000 responses costs the same number of queries as one with 20.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.db import transaction
from django.db.models import Aggregate, Func, OuterRef, Subquery, TextField
from django.utils import translation
from django.utils.translation import gettext as _

from linli.core import audit, spreadsheets, xlsx_writer
from linli.core.models import Community, Place, User
from linli.core.permissions import require
from linli.core.services import ServiceError
from linli.participation.models import Channel

from . import logic, texts
from .models import Answer, Option, Question, Response, Section, Survey

FORMAT_VERSION = 1


def _columns(survey: Survey, language: str) -> list[tuple[Question, Option | None, str, str]]:
    """(question, option, matrix row key, heading) per column, in question order."""
    columns: list[tuple[Question, Option | None, str, str]] = []
    for number, question in enumerate(survey.questions.prefetch_related("options"), start=1):
        title = f"Q{number} {texts.pick(question.text, language, survey.languages).text}"
        if question.kind in {"multiple", "ranking"}:
            for option in question.options.all():
                label = texts.pick(option.text, language, survey.languages).text
                columns.append((question, option, "", f"{title}: {label}"))
        elif question.kind == "matrix":
            for row in question.rows:
                label = texts.pick(row["text"], language, survey.languages).text
                columns.append((question, None, row["key"], f"{title}: {label}"))
        else:
            columns.append((question, None, "", title))
    return columns


class _JSONRow(Func):
    """The values as one JSON array (json_build_array; SQLite's json_array)."""

    function = "JSON_BUILD_ARRAY"
    output_field = TextField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="JSON_ARRAY", **extra)


class _JSONList(Aggregate):
    """The grouped JSON values as the text of one JSON array (PostgreSQL's json_agg - json, not
    jsonb, which is slower to build and gains nothing here -, SQLite's json_group_array)."""

    function = "JSON_AGG"
    template = "CAST(%(function)s(%(distinct)s%(expressions)s) AS text)"
    output_field = TextField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            function="JSON_GROUP_ARRAY",
            template="%(function)s(%(distinct)s%(expressions)s)",
            **extra,
        )


def _answers_as_json() -> Subquery:
    """Each response's answers as one JSON array of ``[question, option, row, number, text]``,
    built by the database. One row per response instead of one per answer: at 20,000 responses
    the 918,000 answer rows cost more to read one by one than the whole file does to write
    (bench/RESULTS.md, issue 23). The order of a response's answers does not matter: each
    answer fills its own cell."""
    answers = (
        Answer.objects.filter(response=OuterRef("pk"))
        .order_by()
        .values("response")
        .annotate(all=_JSONList(_JSONRow("question_id", "option_id", "row_key", "number", "text")))
        .values("all")
    )
    return Subquery(answers, output_field=TextField())


def _cell_writers(
    columns: list[tuple[Question, Option | None, str, str]],
    option_labels: dict[int, str],
    places: dict[int, str],
) -> dict[int, Callable[[list[Any], Any, str, Any, str], None]]:
    """Per question, what one answer writes into the row's cells (decided once per export, not
    once per answer)."""
    position = {(q.pk, o.pk if o else None, row): i for i, (q, o, row, _h) in enumerate(columns)}
    writers: dict[int, Callable[[list[Any], Any, str, Any, str], None]] = {}
    for question, _option, _row, _heading in columns:
        if question.pk in writers:
            continue
        pk, kind = question.pk, question.kind
        at = position.get((pk, None, ""))
        if kind == "multiple":

            def write(cells, option, row, value, text, pk=pk):  # type: ignore[no-untyped-def]
                cells[position[(pk, option, "")]] = 1

        elif kind == "ranking":

            def write(cells, option, row, value, text, pk=pk):  # type: ignore[no-untyped-def]
                cells[position[(pk, option, "")]] = int(value or 0)

        elif kind == "matrix":

            def write(cells, option, row, value, text, pk=pk):  # type: ignore[no-untyped-def]
                cells[position[(pk, None, row)]] = option_labels.get(option, "")

        elif kind == "single":

            def write(cells, option, row, value, text, at=at):  # type: ignore[no-untyped-def]
                cells[at] = option_labels.get(option, "")

        elif kind == "place":

            def write(cells, option, row, value, text, at=at):  # type: ignore[no-untyped-def]
                cells[at] = places.get(int(value or 0), "")

        elif kind in {"scale", "number"}:

            def write(cells, option, row, value, text, at=at):  # type: ignore[no-untyped-def]
                amount = float(value or 0)
                cells[at] = int(amount) if amount == int(amount) else amount

        else:

            def write(cells, option, row, value, text, at=at):  # type: ignore[no-untyped-def]
                cells[at] = text

        writers[pk] = write
    return writers


def table(survey: Survey, language: str) -> Iterator[list[Any]]:
    """The header, then one list of cells per response (one query, read in chunks)."""
    with translation.override(language):
        columns = _columns(survey, language)
        option_labels = {
            o.pk: texts.pick(o.text, language, survey.languages).text
            for q, _o, _r, _h in columns
            for o in q.options.all()
        }
        places = {p.pk: p.name for p in Place.objects.filter(community=survey.community)}
        writers = _cell_writers(columns, option_labels, places)
        channels = dict(Channel.choices)
        identified = survey.mode == Survey.Mode.IDENTIFIED
        fixed = [_("response"), _("day"), _("channel"), _("courtyard"), _("language")]
        if identified:
            fixed.append(_("resident"))
        yield [*fixed, *(heading for _q, _o, _r, heading in columns)]

        # A multiple-choice question answered at all shows 0 for the options not ticked.
        multi = [(i, q.pk) for i, (q, o, _r, _h) in enumerate(columns) if q.kind == "multiple"]
        responses = (
            Response.objects.filter(survey=survey)
            .select_related("member")
            .annotate(answers_json=_answers_as_json())
            .order_by("pk")
            .iterator(chunk_size=1000)  # memory: two chunks of answers at most (being read, next)
        )
        for number, response in enumerate(responses, start=1):
            cells: list[Any] = [""] * len(columns)
            answered: set[int] = set()
            for question_id, option_id, row_key, value, text in json.loads(
                response.answers_json or "[]"
            ):
                writers[question_id](cells, option_id, row_key, value, text)
                answered.add(question_id)
            for i, question_id in multi:
                if question_id in answered and cells[i] == "":
                    cells[i] = 0
            row = [
                number,
                response.submitted_on.isoformat(),
                str(channels.get(response.channel, response.channel)),
                places.get(response.area_id, "") if response.area_id else "",
                response.language,
            ]
            if identified:
                row.append(response.member.name if response.member else "")
            yield [*row, *cells]


def csv_chunks(survey: Survey, language: str, rows_per_chunk: int = 500) -> Iterator[bytes]:
    """The CSV in pieces of a few hundred rows, for a streamed download (constant memory)."""
    # A byte-order mark so spreadsheet programs open the Chinese text as UTF-8.
    yield "\ufeff".encode()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for number, row in enumerate(table(survey, language), start=1):
        writer.writerow(spreadsheets.csv_row(row))
        if number % rows_per_chunk == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def as_csv(survey: Survey, language: str) -> bytes:
    return b"".join(csv_chunks(survey, language))


def write_xlsx(target: IO[bytes], survey: Survey, language: str) -> None:
    """The XLSX written to ``target`` row by row (constant memory; see core.xlsx_writer)."""
    rows = (spreadsheets.xlsx_row(row) for row in table(survey, language))
    xlsx_writer.write(target, rows, title=_safe_sheet_title(survey.title_text))


def as_xlsx(survey: Survey, language: str) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, survey, language)
    return buffer.getvalue()


def _safe_sheet_title(title: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title).strip() or "survey"
    return cleaned[:31]


# --- The definition as JSON --------------------------------------------------------------------


def definition_json(survey: Survey) -> dict[str, Any]:
    sections = []
    for section in survey.sections.prefetch_related("questions__options"):
        sections.append(
            {
                "key": section.key,
                "title": section.title,
                "intro": section.intro,
                "show_if": section.show_if,
                "questions": [
                    {
                        "key": q.key,
                        "kind": q.kind,
                        "text": q.text,
                        "help": q.help,
                        "required": q.required,
                        "min": q.min_value,
                        "max": q.max_value,
                        "min_length": q.min_length,
                        "max_length": q.max_length,
                        "low_label": q.low_label,
                        "high_label": q.high_label,
                        "rows": q.rows,
                        "place_kind": q.place_kind,
                        "show_if": q.show_if,
                        "options": [{"key": o.key, "text": o.text} for o in q.options.all()],
                    }
                    for q in section.questions.all()
                ],
            }
        )
    return {
        "linli_survey": FORMAT_VERSION,
        "title": survey.title,
        "intro": survey.intro,
        "thanks": survey.thanks,
        "languages": survey.languages,
        "mode": survey.mode,
        "sections": sections,
    }


def _texts(value: Any, where: str) -> dict[str, str]:
    if value in (None, ""):
        return {}
    if isinstance(value, str):
        return {"zh-hans": value}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ServiceError(_("%(where)s: texts must be given per language.") % {"where": where})
    return {str(k): v for k, v in value.items()}


def import_definition(actor: User, community: Community, data: Any, survey: Survey) -> Survey:
    """Create the sections and questions of ``data`` (an exported definition) in a new survey
    ``survey`` (unsaved: its dates and project come from the form). Refuses the whole file, with
    the reason, if anything in it is wrong - nothing half-imported."""
    require(actor, "surveys.manage", community)
    if not isinstance(data, dict) or data.get("linli_survey") != FORMAT_VERSION:
        raise ServiceError(_("This is not a survey definition exported from linli."), "file")
    try:
        plain = {
            "sections": [
                {
                    "key": str(s["key"]),
                    "show_if": s.get("show_if"),
                    "questions": [
                        {
                            "key": str(q["key"]),
                            "kind": q["kind"],
                            "options": [str(o["key"]) for o in q.get("options", [])],
                            "show_if": q.get("show_if"),
                        }
                        for q in s["questions"]
                    ],
                }
                for s in data["sections"]
            ]
        }
        logic.validate_definition(plain)
    except (KeyError, TypeError, logic.DefinitionError) as error:
        raise ServiceError(
            _("The file's survey cannot be used: %(problem)s") % {"problem": error}, "file"
        ) from None
    languages = [lang for lang in data.get("languages", []) if lang in {"zh-hans", "zh-hant", "en"}]
    with transaction.atomic():
        survey.community, survey.created_by = community, actor
        survey.title = _texts(data.get("title"), "title") or survey.title
        survey.intro = _texts(data.get("intro"), "intro")
        survey.thanks = _texts(data.get("thanks"), "thanks")
        survey.languages = languages or survey.languages
        if data.get("mode") in Survey.Mode.values:
            survey.mode = data["mode"]
        survey.save()
        for s_pos, s in enumerate(data["sections"], start=1):
            section = Section.objects.create(
                survey=survey,
                key=str(s["key"]),
                position=s_pos,
                title=_texts(s.get("title"), s["key"]),
                intro=_texts(s.get("intro"), s["key"]),
                show_if=s.get("show_if"),
            )
            for q_pos, q in enumerate(s["questions"], start=1):
                question = Question.objects.create(
                    survey=survey,
                    section=section,
                    key=str(q["key"]),
                    position=q_pos,
                    kind=q["kind"],
                    text=_texts(q.get("text"), q["key"]),
                    help=_texts(q.get("help"), q["key"]),
                    required=bool(q.get("required")),
                    min_value=q.get("min"),
                    max_value=q.get("max"),
                    min_length=q.get("min_length"),
                    max_length=q.get("max_length"),
                    low_label=_texts(q.get("low_label"), q["key"]),
                    high_label=_texts(q.get("high_label"), q["key"]),
                    rows=[
                        {"key": str(r["key"]), "text": _texts(r.get("text"), q["key"])}
                        for r in q.get("rows", [])
                    ],
                    place_kind=str(q.get("place_kind") or ""),
                    show_if=q.get("show_if"),
                )
                Option.objects.bulk_create(
                    Option(
                        question=question,
                        key=str(o["key"]),
                        position=i,
                        text=_texts(o.get("text"), q["key"]),
                    )
                    for i, o in enumerate(q.get("options", []), start=1)
                )
        audit.log(actor, "surveys.imported", survey, community=community)
    return survey
