"""API for surveys: the list, a survey's definition in a language, answering, and results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from linli.api.auth import CALLER, PUBLIC
from linli.core import permissions
from linli.core.models import Community
from linli.core.services import ServiceError

from . import exports, results, services, texts
from .models import Survey

router = Router(tags=["surveys"])


class SurveyOut(Schema):
    id: int
    title: str
    mode: str
    phase: str
    opens_at: datetime
    closes_at: datetime
    languages: list[str]
    results_published: bool
    project: int | None


class AnswersIn(Schema):
    answers: dict[str, Any]


class SubmittedOut(Schema):
    replaced: bool


def _out(survey: Survey) -> SurveyOut:
    return SurveyOut(
        id=survey.pk,
        title=survey.title_text,
        mode=survey.mode,
        phase=survey.phase(),
        opens_at=survey.opens_at,
        closes_at=survey.closes_at,
        languages=survey.languages,
        results_published=bool(survey.results_published_at),
        project=survey.project_id,
    )


def _visible(request: HttpRequest, slug: str, pk: int) -> Survey:
    community = get_object_or_404(Community, slug=slug)
    if not permissions.can(request.user, "surveys.view", community):
        raise HttpError(403, "Not allowed.")
    survey = get_object_or_404(Survey, community=community, pk=pk)
    if survey.status == Survey.Status.DRAFT and not permissions.can(
        request.user, "surveys.manage", community
    ):
        raise Http404
    return survey


@router.get("/communities/{slug}/surveys", response=list[SurveyOut], auth=PUBLIC)
def list_surveys(request: HttpRequest, slug: str) -> list[SurveyOut]:
    community = get_object_or_404(Community, slug=slug)
    surveys = Survey.objects.filter(community=community)
    if not permissions.can(request.user, "surveys.manage", community):
        surveys = surveys.exclude(status=Survey.Status.DRAFT)
    return [_out(s) for s in surveys]


@router.get("/communities/{slug}/surveys/{pk}", auth=PUBLIC)
def get_survey(request: HttpRequest, slug: str, pk: int, lang: str = "") -> dict[str, Any]:
    """The survey with its sections and questions. Texts are given in every language written;
    ``lang`` adds a ``label`` in that language (with ``missing`` when it stands in for one)."""
    survey = _visible(request, slug, pk)
    definition = exports.definition_json(survey)
    if lang:
        with translation.override(lang):
            for section in definition["sections"]:
                for question in section["questions"]:
                    picked = texts.pick(question["text"], lang, survey.languages)
                    question["label"], question["missing"] = picked.text, picked.missing
                    for option in question["options"]:
                        option["label"] = texts.pick(option["text"], lang, survey.languages).text
    return {**_out(survey).dict(), "definition": definition}


@router.post(
    "/communities/{slug}/surveys/{pk}/responses",
    response={200: SubmittedOut, 400: dict[str, Any]},
    auth=CALLER,
)
def submit(request: HttpRequest, slug: str, pk: int, body: AnswersIn) -> Status:
    """Answer as the caller. ``answers`` maps question keys to: an option key (single), a list of
    option keys (multiple; ranking, best first), a number (scale, number), text, an ISO date,
    ``{row key: option key}`` (matrix) or a place id."""
    survey = _visible(request, slug, pk)
    if not services.may_answer(request.user, survey):
        raise HttpError(403, "Only verified residents may answer this survey.")
    try:
        outcome = services.submit(request.user, survey, body.answers, channel="online")
    except services.AnswersRefused as refused:
        return Status(400, {"detail": refused.message, "problems": refused.problems})
    except ServiceError as error:
        return Status(400, {"detail": error.message})
    return Status(200, SubmittedOut(replaced=outcome.replaced))


@router.get("/communities/{slug}/surveys/{pk}/results", auth=PUBLIC)
def get_results(request: HttpRequest, slug: str, pk: int) -> dict[str, Any]:
    survey = _visible(request, slug, pk)
    full = permissions.can(request.user, "surveys.results", survey.community)
    if not full and not survey.results_published_at:
        raise HttpError(403, "The results are not published yet.")
    outcome = results.compute(survey, with_texts=full or survey.publish_free_text)
    return {
        "survey": survey.pk,
        "responses": outcome.total,
        "questions": [
            {
                "key": r.question.key,
                "kind": r.question.kind,
                "answered": r.answered,
                "rows": [{"label": row.label, "count": row.count} for row in r.rows],
                "matrix": [
                    {"row": label, "counts": [{"label": c.label, "count": c.count} for c in cells]}
                    for label, cells in r.matrix
                ],
                "stats": r.stats,
                "texts": r.texts if (full or survey.publish_free_text) else [],
            }
            for r in outcome.questions
        ],
    }
