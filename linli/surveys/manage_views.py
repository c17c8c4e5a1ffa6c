"""Organisers and staff: create and build a survey, publish and close it, enter paper answers,
export results and definitions."""

from __future__ import annotations

import json
import tempfile
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.decorators import community_view
from linli.core.http_types import AuthedRequest
from linli.core.models import Community, Member
from linli.core.services import ServiceError
from linli.participation.models import Channel

from . import exports, services, texts
from .forms import (
    ImportForm,
    PaperEntryForm,
    QuestionForm,
    SectionForm,
    SurveyForm,
    answers_from_post,
)
from .models import Question, Response, Section, Survey
from .rendering import numbering, question_rows


def _survey(community: Community, pk: int) -> Survey:
    return get_object_or_404(Survey, community=community, pk=pk)


@community_view("surveys.manage")
def survey_create(request: AuthedRequest, community: Community) -> HttpResponse:
    initial = {"opens_at": timezone.localtime().replace(minute=0, second=0, microsecond=0)}
    form = SurveyForm(request.POST or None, community=community, initial=initial)
    if request.method == "POST" and form.is_valid():
        survey = services.create_survey(request.user, community, form.save(commit=False))
        messages.success(request, _("Survey created. Now add its questions."))
        return redirect("surveys:build", community.slug, survey.pk)
    return render(
        request, "surveys/manage/survey_form.html", {"community": community, "form": form}
    )


@community_view("surveys.manage")
def survey_edit(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    survey = _survey(community, pk)
    if survey.status == Survey.Status.CANCELLED:
        messages.error(request, _("A cancelled survey cannot be changed."))
        return redirect("surveys:build", community.slug, survey.pk)
    form = SurveyForm(request.POST or None, instance=survey, community=community)
    if request.method == "POST" and form.is_valid():
        survey = services.edit_survey(request.user, form.save(commit=False))
        messages.success(request, _("Saved."))
        return redirect("surveys:build", community.slug, survey.pk)
    return render(
        request,
        "surveys/manage/survey_form.html",
        {"community": community, "form": form, "survey": survey},
    )


@community_view("surveys.manage")
def build(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    survey = _survey(community, pk)
    numbers = numbering(survey)
    questions = {q.key: q for q in survey.questions.prefetch_related("options")}
    sections = []
    for section in survey.sections.prefetch_related("questions__options"):
        sections.append(
            {
                "section": section,
                "title": survey.pick(section.title),
                "questions": [
                    {
                        "question": q,
                        "number": numbers[q.key],
                        "text": survey.pick(q.text),
                        "options": [survey.pick(o.text).text for o in q.options.all()],
                        "missing": texts.missing_languages(q.text, survey.languages),
                        "condition": _condition_text(survey, q.show_if, numbers, questions),
                    }
                    for q in section.questions.all()
                ],
                "condition": _condition_text(survey, section.show_if, numbers, questions),
            }
        )
    return render(
        request,
        "surveys/manage/build.html",
        {
            "community": community,
            "survey": survey,
            "sections": sections,
            "gaps": services.missing_translations(survey),
            "editable": survey.editable,
            "response_count": survey.responses.count(),
            "title": survey.pick(survey.title),
            "phase_label": services.phase_label(survey),
        },
    )


def _condition_text(
    survey: Survey,
    condition: dict[str, Any] | None,
    numbers: dict[str, int],
    questions: dict[str, Question],
) -> str:
    if not condition:
        return ""
    question = questions.get(condition["question"])
    if question is None:
        return ""
    labels = [
        survey.pick(o.text).text for o in question.options.all() if o.key in condition["any_of"]
    ]
    return _("Asked only when the answer to Q%(number)s is: %(options)s") % {
        "number": numbers.get(question.key, "?"),
        "options": "、".join(labels),
    }


def _refuse_when_answered(request: AuthedRequest, survey: Survey) -> HttpResponse | None:
    if not survey.editable:
        messages.error(
            request,
            _("People have already answered this survey, so its questions can no longer change."),
        )
        return redirect("surveys:build", survey.community.slug, survey.pk)
    return None


@community_view("surveys.manage")
def question_edit(
    request: AuthedRequest, community: Community, pk: int, question: int | None = None
) -> HttpResponse:
    survey = _survey(community, pk)
    refused = _refuse_when_answered(request, survey)
    if refused:
        return refused
    instance = get_object_or_404(Question, survey=survey, pk=question) if question else None
    initial = {}
    if instance is None and request.GET.get("section"):
        initial["section"] = request.GET["section"]
    if instance is None and request.GET.get("kind") in Question.Kind.values:
        initial["kind"] = request.GET["kind"]
    form = QuestionForm(request.POST or None, survey=survey, question=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        target = form.apply(instance or Question(survey=survey))
        try:
            services.save_question(request.user, survey, target, form.option_texts, form.row_texts)
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Question saved."))
            if "another" in request.POST:
                return redirect(
                    f"{reverse('surveys:question_new', args=[community.slug, survey.pk])}?section={target.section_id}"
                )
            return redirect(
                f"{reverse('surveys:build', args=[community.slug, survey.pk])}#question-{target.pk}"
            )
    return render(
        request,
        "surveys/manage/question_form.html",
        {
            "community": community,
            "survey": survey,
            "form": form,
            "question": instance,
            "kinds": Question.Kind.choices,
            "section": request.GET.get("section", ""),
        },
    )


@community_view("surveys.manage")
def section_edit(
    request: AuthedRequest, community: Community, pk: int, section: int | None = None
) -> HttpResponse:
    survey = _survey(community, pk)
    refused = _refuse_when_answered(request, survey)
    if refused:
        return refused
    instance = get_object_or_404(Section, survey=survey, pk=section) if section else None
    form = SectionForm(request.POST or None, survey=survey, section=instance)
    if request.method == "POST" and form.is_valid():
        target = instance or Section(survey=survey)
        target.title = form.texts_of("title", survey.languages)
        target.intro = form.texts_of("intro", survey.languages)
        target.show_if = form.cleaned_data.get("show_if")
        try:
            services.save_section(request.user, survey, target)
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Section saved."))
            return redirect(
                f"{reverse('surveys:build', args=[community.slug, survey.pk])}#section-{target.pk}"
            )
    return render(
        request,
        "surveys/manage/section_form.html",
        {"community": community, "survey": survey, "form": form, "section": instance},
    )


@require_POST
@community_view("surveys.manage")
def item_action(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """Move or delete a question or section (one form per button on the builder page)."""
    survey = _survey(community, pk)
    kind, item_id, action = (
        request.POST.get("kind"),
        request.POST.get("id", ""),
        request.POST.get("action"),
    )
    if not item_id.isdigit():
        messages.error(request, _("Nothing was chosen."))
        return redirect("surveys:build", community.slug, survey.pk)
    item: Question | Section
    if kind == "question":
        item = get_object_or_404(Question, survey=survey, pk=int(item_id))
    else:
        item = get_object_or_404(Section, survey=survey, pk=int(item_id))
    try:
        if action in {"up", "down"}:
            services.move(request.user, item, -1 if action == "up" else 1)
        elif action == "delete":
            if isinstance(item, Question):
                services.delete_question(request.user, item)
            else:
                services.delete_section(request.user, item)
            messages.success(request, _("Deleted."))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("surveys:build", community.slug, survey.pk)


@require_POST
@community_view("surveys.manage")
def status_action(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    survey = _survey(community, pk)
    action = request.POST.get("action")
    try:
        if action == "publish":
            services.publish(request.user, survey)
            messages.success(request, _("The survey is published."))
        elif action == "close":
            services.close_now(request.user, survey)
            messages.success(request, _("The survey is closed."))
        elif action == "cancel":
            services.cancel(request.user, survey)
            messages.success(request, _("The survey is cancelled."))
        elif action == "publish_results":
            services.publish_results(
                request.user, survey, free_text=bool(request.POST.get("free_text"))
            )
            messages.success(request, _("The results are published to residents."))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("surveys:build", community.slug, survey.pk)


@community_view("surveys.results")
def export(request: AuthedRequest, community: Community, pk: int, fmt: str) -> HttpResponseBase:
    survey = _survey(community, pk)
    language = request.GET.get("lang", "zh-hans")
    if language not in {"zh-hans", "zh-hant", "en"}:
        language = "zh-hans"
    services.note_export(request.user, survey, fmt)
    # Streamed: a survey of 20,000 responses is exported in constant memory (issue 23).
    response: HttpResponseBase
    if fmt == "xlsx":
        spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
        exports.write_xlsx(spool, survey, language)
        spool.seek(0)
        response = FileResponse(
            spool,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = StreamingHttpResponse(
            exports.csv_chunks(survey, language), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-{language}.{fmt}"'
    return response


@community_view("surveys.manage")
def definition_download(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    survey = _survey(community, pk)
    body = json.dumps(exports.definition_json(survey), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}.json"'
    return response


@community_view("surveys.manage")
def definition_import(request: AuthedRequest, community: Community) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        survey = Survey(
            opens_at=form.cleaned_data["opens_at"], closes_at=form.cleaned_data["closes_at"]
        )
        try:
            survey = exports.import_definition(
                request.user, community, form.cleaned_data["data"], survey
            )
        except ServiceError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("Survey imported as a draft. Check it, then publish it."))
            return redirect("surveys:build", community.slug, survey.pk)
    return render(request, "surveys/manage/import.html", {"community": community, "form": form})


@community_view("surveys.enter_paper")
def paper_entry(request: AuthedRequest, community: Community, pk: int) -> HttpResponse:
    """A fast keyboard screen: every question on one page, the form number first, Enter saves
    and the next blank form follows."""
    survey = _survey(community, pk)
    if survey.status != Survey.Status.PUBLISHED:
        messages.error(request, _("The survey is not open for answers."))
        return redirect("surveys:list", community.slug)
    definition = services.definition(survey)
    form = PaperEntryForm(request.POST or None, community=community)
    problems: dict[str, str] = {}
    posted = None
    duplicate = ""
    member = None
    query = request.GET.get("find", "").strip()
    if request.POST.get("member", "").isdigit():
        member = Member.objects.filter(community=community, pk=int(request.POST["member"])).first()
    elif request.GET.get("member", "").isdigit():
        member = Member.objects.filter(community=community, pk=int(request.GET["member"])).first()
    if request.method == "POST" and form.is_valid():
        posted = answers_from_post(definition, request.POST)
        try:
            services.enter_on_paper(
                request.user,
                survey,
                posted,
                channel=form.cleaned_data["channel"],
                member=member,
                area=form.cleaned_data.get("area"),
                paper_ref=form.cleaned_data.get("paper_ref", ""),
                confirmed_duplicate=bool(request.POST.get("confirm_duplicate")),
            )
        except services.AnswersRefused as refused:
            problems = refused.problems
        except services.PossibleDuplicate as warning:
            duplicate = warning.message
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Saved. Enter the next form."))
            channel = form.cleaned_data["channel"]
            return redirect(
                f"{reverse('surveys:paper_entry', args=[community.slug, survey.pk])}?channel={channel}"
            )
    elif request.method != "POST" and request.GET.get("channel"):
        form = PaperEntryForm(initial={"channel": request.GET["channel"]}, community=community)
    matches = []
    if query:
        matches = list(
            Member.objects.filter(community=community, status=Member.Status.VERIFIED)
            .filter(Q(name__icontains=query) | Q(phone__icontains=query))
            .select_related("household__flat")[:10]
        )
    questions = list(survey.questions.prefetch_related("options"))
    rows = question_rows(survey, questions, {}, problems, numbering(survey), raw=posted)
    status = 400 if (problems or duplicate or form.errors) else 200
    return render(
        request,
        "surveys/manage/paper_entry.html",
        {
            "community": community,
            "survey": survey,
            "form": form,
            "rows": rows,
            "problem_rows": [r for r in rows if r["problem"]],
            "duplicate": duplicate,
            "member": member,
            "matches": matches,
            "query": query,
            # typed in by staff: every channel but online (anonymous responses keep no officer)
            "entered": Response.objects.filter(survey=survey)
            .exclude(channel=Channel.ONLINE)
            .count(),
            "title": survey.pick(survey.title),
        },
        status=status,
    )
