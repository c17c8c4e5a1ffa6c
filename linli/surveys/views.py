"""Resident pages: the list, a survey, answering it section by section, thanks, results, paper."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from linli.core import throttle
from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community
from linli.core.permissions import can, member_of
from linli.core.services import ServiceError

from . import logic, paper, results, services
from .forms import answers_from_post
from .models import Participation, Survey
from .rendering import numbering, question_rows

DONE_COOKIE_SALT = "linli-survey-done"


def visible_survey(request: HttpRequest, community: Community, pk: int) -> Survey:
    survey = get_object_or_404(Survey, community=community, pk=pk)
    if survey.status == Survey.Status.DRAFT and not can(request.user, "surveys.manage", community):
        raise Http404
    return survey


def _done_cookie(survey: Survey) -> str:
    return f"linli_survey_{survey.pk}"


def _answered_on_this_device(request: HttpRequest, survey: Survey) -> bool:
    """Open-link surveys: a signed cookie marks a browser that has answered."""
    return bool(request.get_signed_cookie(_done_cookie(survey), default="", salt=DONE_COOKIE_SALT))


@community_view("surveys.view")
def survey_list(request: AuthedRequest, community: Community) -> HttpResponse:
    surveys = (
        Survey.objects.filter(community=community)
        .select_related("project")
        .annotate(response_count=Count("responses"))
    )
    manages = can(request.user, "surveys.manage", community)
    if not manages:
        surveys = surveys.exclude(status=Survey.Status.DRAFT)
    member = member_of(request.user, community)
    answered = (
        set(
            Participation.objects.filter(member=member, survey__community=community).values_list(
                "survey_id", flat=True
            )
        )
        if member
        else set()
    )
    groups: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ["open", "upcoming", "closed", "draft", "cancelled"]
    }
    for survey in surveys:
        phase = survey.phase(survey.response_count)
        group = "closed" if phase == "full" else phase
        groups[group].append(
            {
                "survey": survey,
                "label": services.phase_label(survey, phase),
                "answered": survey.pk in answered,
            }
        )
    return render(
        request, "surveys/list.html", {"community": community, "groups": groups, "manages": manages}
    )


def open_link(request: HttpRequest, token: str) -> HttpResponse:
    survey = get_object_or_404(Survey, link_token=token, status=Survey.Status.PUBLISHED)
    return redirect(survey.get_absolute_url())


@community_view("surveys.view")
def survey_detail(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    survey = visible_survey(request, community, pk)
    member = member_of(request.user, community)
    session_key = request.session.session_key or ""
    context = {
        "community": community,
        "survey": survey,
        "phase": survey.phase(),
        "phase_label": services.phase_label(survey),
        "may_answer": services.may_answer(request.user, survey),
        "answered": services.has_answered(survey, member)
        or _answered_on_this_device(request, survey),
        "own_response": services.own_response(survey, member),
        "draft": services.find_draft(survey, member, session_key),
        "results_visible": _results_visible(request, survey),
        "sections": survey.sections.count(),
        "questions": survey.questions.count(),
        "paper_languages": [
            (code, name) for code, name in settings.LANGUAGES if code in _paper_languages(survey)
        ],
        "intro": survey.pick(survey.intro),
        "title": survey.pick(survey.title),
    }
    return render(request, "surveys/detail.html", context)


def _paper_languages(survey: Survey) -> list[str]:
    languages = list(survey.languages)
    if "zh-hans" in languages and "zh-hant" not in languages:
        languages.append("zh-hant")  # OpenCC makes a faithful Traditional version
    return languages


def _results_visible(request: HttpRequest, survey: Survey) -> bool:
    return can(request.user, "surveys.results", survey.community) or bool(
        survey.results_published_at
    )


def _open_rate() -> str:
    return f"{int(getattr(settings, 'SURVEY_OPEN_RESPONSES_PER_HOUR', 30))}/h"


def _open_limit_reached(survey: Survey, request: HttpRequest) -> bool:
    # Counted per real client address (behind the documented proxy), not per proxy.
    return throttle.reached(request, f"survey-open:{survey.pk}", _open_rate())


def _count_open_response(survey: Survey, request: HttpRequest) -> None:
    throttle.count(request, f"survey-open:{survey.pk}", _open_rate())


@community_view("surveys.view")
def answer(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    survey = visible_survey(request, community, pk)
    if survey.mode != Survey.Mode.OPEN and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    member = member_of(request.user, community)
    if not services.may_answer(request.user, survey):
        messages.error(
            request, _("Only verified residents of the community can answer this survey.")
        )
        return redirect(survey.get_absolute_url())
    if not survey.is_open:
        messages.error(request, _("The survey is not open for answers."))
        return redirect(survey.get_absolute_url())
    own = services.own_response(survey, member)
    if own is None and (
        services.has_answered(survey, member) or _answered_on_this_device(request, survey)
    ):
        messages.info(request, _("You have already answered this survey. Thank you!"))
        return redirect(survey.get_absolute_url())
    if not request.session.session_key:
        request.session.save()
    session_key = request.session.session_key or ""
    if member is not None:
        session_key = ""
    definition = services.definition(survey)
    draft = services.find_draft(survey, member, session_key)
    saved: dict[str, Any] = (
        draft.answers if draft else (services.stored_answers(own) if own else {})
    )
    section_keys = [s["key"] for s in definition["sections"]]
    current = (
        request.POST.get("section")
        or request.GET.get("section")
        or (draft.section if draft else "")
    )
    if current not in section_keys:
        current = logic.next_section(definition, saved, None) or section_keys[0]

    problems: dict[str, str] = {}
    posted: dict[str, Any] | None = None
    if request.method == "POST":
        if request.POST.get("website"):  # a field people never see: only robots fill it
            raise Http404
        action = request.POST.get("action", "next")
        this_section = next(s for s in definition["sections"] if s["key"] == current)
        own_keys = {q["key"] for q in this_section["questions"]}
        posted = answers_from_post(definition, request.POST, sections=[current])
        merged = {**{k: v for k, v in saved.items() if k not in own_keys}, **posted}
        checked = logic.check(
            definition, merged, partial=action in {"save", "back"}, sections=[current]
        )
        if action == "back":
            target = logic.previous_section(definition, checked.answers, current) or current
            services.save_draft(request.user, survey, session_key, checked.answers, target)
            return redirect(
                f"{reverse('surveys:answer', args=[community.slug, survey.pk])}?section={target}"
            )
        if checked.problems:
            problems = {k: services.problem_message(p) for k, p in checked.problems.items()}
        elif action == "save":
            try:
                services.save_draft(request.user, survey, session_key, checked.answers, current)
            except ServiceError as error:
                messages.error(request, error.message)
                return redirect(survey.get_absolute_url())
            messages.success(
                request,
                _(
                    "Your answers are saved. Come back to this survey any time before it closes to finish."
                ),
            )
            return redirect(survey.get_absolute_url())
        else:
            following = logic.next_section(definition, checked.answers, current)
            if following is not None:
                services.save_draft(request.user, survey, session_key, checked.answers, following)
                return redirect(
                    f"{reverse('surveys:answer', args=[community.slug, survey.pk])}?section={following}"
                )
            if (
                survey.mode == Survey.Mode.OPEN
                and member is None
                and _open_limit_reached(survey, request)
            ):
                problems = {}
                messages.error(
                    request,
                    _(
                        "Too many answers have come from this connection. Please try again later or ask the community office."
                    ),
                )
                return redirect(survey.get_absolute_url())
            try:
                outcome = services.submit(
                    request.user,
                    survey,
                    checked.answers,
                    language=translation.get_language() or "",
                    session_key=request.session.session_key or "",
                )
            except services.AnswersRefused as refused:
                problems = refused.problems
            except ServiceError as error:
                messages.error(request, error.message)
                return redirect(survey.get_absolute_url())
            else:
                response = redirect("surveys:thanks", community.slug, survey.pk)
                if outcome.replaced:
                    messages.success(request, _("Your changed answers are saved."))
                if member is None:
                    _count_open_response(survey, request)
                    response.set_signed_cookie(
                        _done_cookie(survey),
                        "1",
                        salt=DONE_COOKIE_SALT,
                        max_age=60 * 60 * 24 * 365,
                        httponly=True,
                        samesite="Lax",
                    )
                return response
    return _answer_page(
        request, survey, definition, current, saved, problems, posted, own is not None
    )


def _answer_page(
    request: AuthedRequest,
    survey: Survey,
    definition: dict[str, Any],
    current: str,
    saved: dict[str, Any],
    problems: dict[str, str],
    posted: dict[str, Any] | None,
    editing: bool,
) -> HttpResponse:
    section = survey.sections.get(key=current)
    answers_now = {**saved, **(posted or {})}
    checked_now = logic.check(definition, answers_now, partial=True)
    on_page = set(section.questions.values_list("key", flat=True))
    # A question hanging on an answer given on an earlier page is shown only if that answer
    # opens it; one hanging on a question of this page is shown and toggled by skip.js.
    questions = [
        q
        for q in section.questions.prefetch_related("options")
        if not q.show_if
        or q.show_if["question"] in on_page
        or q.key in checked_now.visible_questions
    ]
    visible_keys = [
        s["key"] for s in definition["sections"] if s["key"] in checked_now.visible_sections
    ]
    position = visible_keys.index(current) + 1 if current in visible_keys else 1
    rows = question_rows(survey, questions, saved, problems, numbering(survey), raw=posted)
    context = {
        "community": survey.community,
        "survey": survey,
        "section": section,
        "section_title": survey.pick(section.title),
        "section_intro": survey.pick(section.intro) if section.intro else None,
        "rows": rows,
        "problems": problems,
        "problem_rows": [r for r in rows if r["problem"]],
        "other_problems": [m for k, m in problems.items() if k not in {r["key"] for r in rows}],
        "position": position,
        "count": max(len(visible_keys), position),
        "has_previous": logic.previous_section(definition, answers_now, current) is not None,
        "has_next": logic.next_section(definition, answers_now, current) is not None,
        "editing": editing,
        "can_save": request.user.is_authenticated or survey.mode == Survey.Mode.OPEN,
        "title": survey.pick(survey.title),
    }
    return render(request, "surveys/answer.html", context, status=400 if problems else 200)


@community_view("surveys.view")
def thanks(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    survey = visible_survey(request, community, pk)
    return render(
        request,
        "surveys/thanks.html",
        {
            "community": community,
            "survey": survey,
            "thanks": survey.pick(survey.thanks) if survey.thanks else None,
            "title": survey.pick(survey.title),
            "results_visible": _results_visible(request, survey),
        },
    )


@community_view("surveys.view")
def survey_results(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    survey = visible_survey(request, community, pk)
    full = can(request.user, "surveys.results", community)
    if not full and not survey.results_published_at:
        return render(
            request,
            "surveys/results_hidden.html",
            {"community": community, "survey": survey},
            status=403,
        )
    choices = results.filter_choices(survey)
    filters = _filters_from(request, choices)
    outcome = results.compute(survey, filters, with_texts=full or survey.publish_free_text)
    return render(
        request,
        "surveys/results.html",
        {
            "community": community,
            "survey": survey,
            "results": outcome,
            "choices": choices,
            "full": full,
            "show_texts": full or survey.publish_free_text,
            "min_group": results.MIN_GROUP,
            "title": survey.pick(survey.title),
            "export_languages": [
                (c, n) for c, n in settings.LANGUAGES if c in _paper_languages(survey)
            ],
            "now": timezone.now(),
        },
    )


def _filters_from(
    request: HttpRequest, choices: dict[str, list[tuple[Any, str]]]
) -> results.Filters:
    """Only values offered (groups of at least MIN_GROUP) are accepted: a hand-made URL cannot
    narrow the results to a small group."""
    filters = results.Filters()
    area = request.GET.get("area", "")
    if area.isdigit() and int(area) in {a for a, _l in choices["area"]}:
        filters.area = int(area)
    for name in ["channel", "age_band", "gender"]:
        value = request.GET.get(name, "")
        if value in {v for v, _l in choices[name]}:
            setattr(filters, name, value)
    return filters


@community_view("surveys.view")
def paper_pdf(request: AuthedRequest, community: Community, pk: int, language: str) -> HttpResponse:
    survey = visible_survey(request, community, pk)
    if language not in _paper_languages(survey):
        raise Http404
    response = HttpResponse(paper.survey_pdf(survey, language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="survey-{survey.pk}-{language}.pdf"'
    return response
