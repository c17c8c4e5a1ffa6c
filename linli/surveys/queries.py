"""What people read about surveys: the definition, who may answer, drafts and own answers, what is
open now - selections that change nothing (pages, the API and the commands read through these)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from linli.core.models import Community, Member, Place
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of
from linli.engagement.links import LinkedItem

from . import texts
from .models import Draft, Participation, Question, Response, Survey


def definition(survey: Survey) -> dict[str, Any]:
    """The survey as plain data for :mod:`logic` (two queries)."""
    sections: dict[int, dict[str, Any]] = {
        s.pk: {"key": s.key, "show_if": s.show_if, "questions": []} for s in survey.sections.all()
    }
    for question in survey.questions.prefetch_related("options"):
        entry: dict[str, Any] = {
            "key": question.key,
            "kind": question.kind,
            "required": question.required,
            "min": question.min_value,
            "max": question.max_value,
            "min_length": question.min_length,
            "max_length": question.max_length,
            "show_if": question.show_if,
            "options": [o.key for o in question.options.all()],
            "rows": [row["key"] for row in question.rows],
        }
        if question.kind == Question.Kind.PLACE:
            entry["places"] = [p.pk for p in place_choices(survey.community, question.place_kind)]
        sections[question.section_id]["questions"].append(entry)
    return {"sections": list(sections.values())}


def place_choices(community: Community, place_kind: str) -> QuerySet[Place]:
    kind = Place.Kind.BUILDING if place_kind == "building" else Place.Kind.AREA
    return (
        Place.objects.filter(community=community, kind=kind)
        .select_related("parent")
        .order_by("parent__name", "name")
    )


def missing_translations(survey: Survey) -> list[tuple[str, list[str]]]:
    """What still needs translating: (where, [languages]) for the title and every text."""
    languages = survey.languages
    gaps: list[tuple[str, list[str]]] = []

    def note(where: str, value: dict[str, str]) -> None:
        missing = texts.missing_languages(value, languages)
        if missing:
            gaps.append((where, missing))

    note(str(_("title")), survey.title)
    for question in survey.questions.prefetch_related("options"):
        label = question.key.upper()
        note(label, question.text)
        for option in question.options.all():
            note(f"{label} / {texts.pick(option.text, order=languages).text}", option.text)
        for row in question.rows:
            note(f"{label} / {texts.pick(row['text'], order=languages).text}", row["text"])
    return gaps


def may_answer(user: Any, survey: Survey) -> bool:
    """The rule the answering commands are checked against (``surveys.answer``)."""
    return can(user, "surveys.answer", survey)


def has_answered(survey: Survey, member: Member | None) -> bool:
    return (
        member is not None and Participation.objects.filter(survey=survey, member=member).exists()
    )


def own_response(survey: Survey, member: Member | None) -> Response | None:
    if member is None or survey.mode == Survey.Mode.ANONYMOUS:
        return None
    return Response.objects.filter(survey=survey, member=member).first()


def stored_answers(response: Response) -> dict[str, Any]:
    """A stored response back as logic's canonical answers (to edit an identified response)."""
    answers: dict[str, Any] = {}
    rows = response.answers.select_related("question", "option").order_by("number", "pk")
    for answer in rows:
        question = answer.question
        key, kind = question.key, question.kind
        if kind == "single":
            answers[key] = answer.option.key if answer.option else ""
        elif kind in {"multiple", "ranking"}:
            answers.setdefault(key, []).append(answer.option.key if answer.option else "")
        elif kind == "matrix":
            answers.setdefault(key, {})[answer.row_key] = answer.option.key if answer.option else ""
        elif kind in {"scale", "number"}:
            number = answer.number or 0
            answers[key] = int(number) if number == int(number) else number
        elif kind == "place":
            answers[key] = int(answer.number or 0)
        else:
            answers[key] = answer.text
    return answers


def find_draft(survey: Survey, member: Member | None, session_key: str) -> Draft | None:
    if member is not None:
        return Draft.objects.filter(survey=survey, member=member).first()
    if session_key:
        return Draft.objects.filter(survey=survey, session_key=session_key).first()
    return None


def open_items(community: Community, user: Any) -> list[OpenItem]:
    member = member_of(user, community)
    now = timezone.now()
    surveys = Survey.objects.filter(
        community=community, status=Survey.Status.PUBLISHED, opens_at__lte=now, closes_at__gt=now
    ).annotate(response_count=Count("responses"))
    answered = set(
        Participation.objects.filter(member=member, survey__in=surveys).values_list(
            "survey_id", flat=True
        )
        if member
        else []
    )
    items = []
    for survey in surveys:
        if survey.phase(survey.response_count) != "open":
            continue
        summary = _("You have answered.") if survey.pk in answered else ""
        items.append(
            OpenItem(
                kind=_("Survey"),
                title=survey.title_text,
                url=survey.get_absolute_url(),
                closes_at=survey.closes_at,
                summary=summary,
            )
        )
    return items


def phase_label(survey: Survey, phase: str | None = None) -> str:
    phase = phase or survey.phase()
    closes = formats.date_format(timezone.localtime(survey.closes_at), "SHORT_DATE_FORMAT")
    opens = formats.date_format(timezone.localtime(survey.opens_at), "SHORT_DATE_FORMAT")
    labels = {
        "draft": _("draft, not yet published"),
        "cancelled": _("cancelled"),
        "upcoming": _("opens %(day)s") % {"day": opens},
        "open": _("open until %(day)s") % {"day": closes},
        "full": _("closed: all the responses needed have come in"),
        "closed": _("closed on %(day)s") % {"day": closes},
    }
    return str(labels[phase])


def project_items(project: Any) -> list[LinkedItem]:
    return [
        LinkedItem(
            title=survey.title_text,
            url=survey.get_absolute_url(),
            status=phase_label(survey),
            is_open=survey.is_open,
            kind=_("Survey"),
        )
        for survey in project.surveys.filter(status=Survey.Status.PUBLISHED)
    ]
