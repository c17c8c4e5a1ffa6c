"""Questions laid out for a page: texts in the reader's language, current values, problems."""

from __future__ import annotations

import json
from typing import Any

from linli.core.script import to_script

from . import texts
from .models import Question, Survey
from .services import place_choices


def _text(value: dict[str, str], survey: Survey) -> dict[str, Any]:
    picked = texts.pick(value, order=survey.languages)
    return {"text": to_script(picked.text), "missing": picked.missing, "lang": picked.language}


def question_rows(
    survey: Survey,
    questions: list[Question],
    answers: dict[str, Any],
    problems: dict[str, str],
    numbers: dict[str, int],
    raw: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """One dict per question for ``surveys/includes/question.html``. ``raw`` (what was posted)
    wins over ``answers`` so a refused page shows exactly what the person typed."""
    rows = []
    for question in questions:
        key = question.key
        value = (raw or {}).get(key, answers.get(key))
        options = list(question.options.all())
        row: dict[str, Any] = {
            "question": question,
            "key": key,
            "kind": question.kind,
            "number": numbers.get(key),
            "text": _text(question.text, survey),
            "help": _text(question.help, survey) if question.help else None,
            "problem": problems.get(key, ""),
            "show_if": json.dumps(question.show_if) if question.show_if else "",
            "low_label": _text(question.low_label, survey)["text"] if question.low_label else "",
            "high_label": _text(question.high_label, survey)["text"] if question.high_label else "",
            "value": "" if value is None or isinstance(value, list | dict) else str(value),
        }
        chosen: set[str] = set()
        if isinstance(value, list):
            chosen = {str(v) for v in value}
        elif isinstance(value, str | int) and value != "":
            chosen = {str(value)}
        if question.kind in {"single", "multiple"}:
            row["options"] = [
                {"key": o.key, "label": _text(o.text, survey), "checked": o.key in chosen}
                for o in options
            ]
        elif question.kind == "ranking":
            if isinstance(value, list):
                places = {o: str(i) for i, o in enumerate(value, start=1)}
            elif isinstance(value, dict):
                places = {k: str(v) for k, v in value.items()}
            else:
                places = {}
            row["options"] = [
                {"key": o.key, "label": _text(o.text, survey), "place": places.get(o.key, "")}
                for o in options
            ]
            row["places"] = [str(p) for p in range(1, len(options) + 1)]
        elif question.kind == "matrix":
            picked = value if isinstance(value, dict) else {}
            row["columns"] = [{"key": o.key, "label": _text(o.text, survey)} for o in options]
            row["matrix"] = [
                {
                    "key": r["key"],
                    "label": _text(r["text"], survey),
                    "cells": [
                        {"key": o.key, "checked": picked.get(r["key"]) == o.key} for o in options
                    ],
                }
                for r in question.rows
            ]
        elif question.kind == "scale":
            low, high = int(question.min_value or 1), int(question.max_value or 5)
            row["scale"] = [
                {"value": str(v), "checked": str(v) in chosen} for v in range(low, high + 1)
            ]
        elif question.kind == "place":
            row["places"] = [
                {"value": str(p.pk), "label": to_script(str(p)), "checked": str(p.pk) in chosen}
                for p in place_choices(survey.community, question.place_kind)
            ]
        rows.append(row)
    return rows


def numbering(survey: Survey) -> dict[str, int]:
    return {key: n for n, key in enumerate(survey.questions.values_list("key", flat=True), start=1)}
