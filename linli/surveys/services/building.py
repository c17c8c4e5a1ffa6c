"""Organisers build and run a survey: sections, questions and skip logic, settings, publishing,
closing, cancelling, publishing results; exports are recorded in the audit log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import audit as snapshots
from linli.core.kit import audit as audit_entry
from linli.core.kit import command
from linli.core.models import Community, User
from linli.core.services import ServiceError

from .. import logic
from ..models import Option, Question, Section, Survey
from ..queries import definition


def _next_key(existing: list[str], prefix: str) -> str:
    numbers = [
        int(k[len(prefix) :])
        for k in existing
        if k.startswith(prefix) and k[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _require_editable(survey: Survey) -> None:
    if not survey.editable:
        raise ServiceError(
            _("People have already answered this survey, so its questions can no longer change.")
        )


@command("surveys.manage", on="survey")
def save_section(actor: User, survey: Survey, section: Section) -> Section:
    _require_editable(survey)
    if not section.pk:
        section.survey = survey
        section.key = _next_key(list(survey.sections.values_list("key", flat=True)), "s")
        section.position = (survey.sections.aggregate(m=Max("position"))["m"] or 0) + 1
    _check_condition_is_earlier(survey, section.show_if, before_section=section)
    section.save()
    audit_entry(
        "surveys.section_saved",
        survey,
        community=survey.community,
        after={"section": section.key},
    )
    return section


@command("surveys.manage", on="survey")
def save_question(
    actor: User,
    survey: Survey,
    question: Question,
    options: list[dict[str, str]],
    rows: list[dict[str, str]] | None = None,
) -> Question:
    """Create or change a question with its options (each a ``{language: text}``), keeping the
    keys of options that stay so skip logic pointing at them keeps working."""
    _require_editable(survey)
    kind = question.kind
    if kind in logic.OPTION_KINDS and len(options) < (1 if kind == "matrix" else 2):
        raise ServiceError(_("Give at least two options, one per line."), "options")
    if kind == "matrix" and not rows:
        raise ServiceError(_("Give the rows of the table, one per line."), "rows")
    if not question.pk:
        question.survey = survey
        question.key = _next_key(list(survey.questions.values_list("key", flat=True)), "q")
        question.position = (question.section.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question.rows = (
        [{"key": f"r{i}", "text": text} for i, text in enumerate(rows or [], start=1)]
        if kind == "matrix"
        else []
    )
    _check_condition_is_earlier(survey, question.show_if, before_question=question)
    question.save()
    kept = list(question.options.all())
    if kind not in logic.OPTION_KINDS:
        options = []
    for position, text in enumerate(options, start=1):
        if position <= len(kept):
            option = kept[position - 1]
            option.text, option.position = text, position
            option.save(update_fields=["text", "position"])
        else:
            Option.objects.create(
                question=question, key=f"o{position}", position=position, text=text
            )
    for option in kept[len(options) :]:
        _drop_conditions_on(survey, question.key, option.key)
        option.delete()
    audit_entry(
        "surveys.question_saved",
        survey,
        community=survey.community,
        after={"question": question.key},
    )
    return question


def _check_condition_is_earlier(
    survey: Survey,
    condition: dict[str, Any] | None,
    *,
    before_section: Section | None = None,
    before_question: Question | None = None,
) -> None:
    if not condition:
        return
    target = (
        survey.questions.filter(key=condition.get("question")).select_related("section").first()
    )
    if target is None or target.kind not in logic.CHOICE_KINDS:
        raise ServiceError(
            _("Skip logic can only depend on a single or multiple choice question."), "show_if"
        )
    if before_section is not None:
        earlier = before_section.pk is None or (target.section.position, target.section.pk) < (
            before_section.position,
            before_section.pk,
        )
    else:
        assert before_question is not None
        section = before_question.section
        earlier = (target.section.position, target.section_id or 0) < (
            section.position,
            section.pk,
        ) or (
            target.section_id == section.pk
            and (
                before_question.pk is None
                or (target.position, target.pk) < (before_question.position, before_question.pk)
            )
        )
    if not earlier:
        raise ServiceError(_("Skip logic can only depend on a question asked earlier."), "show_if")


def _drop_conditions_on(survey: Survey, question_key: str, option_key: str) -> None:
    items: list[Section | Question] = [*survey.sections.all(), *survey.questions.all()]
    for item in items:
        condition = item.show_if
        if (
            condition
            and condition.get("question") == question_key
            and option_key in condition.get("any_of", [])
        ):
            remaining = [o for o in condition["any_of"] if o != option_key]
            item.show_if = {"question": question_key, "any_of": remaining} if remaining else None
            item.save(update_fields=["show_if"])


@command("surveys.manage", on="question")
def delete_question(actor: User, question: Question) -> None:
    survey = question.survey
    _require_editable(survey)
    others: list[Section | Question] = [
        *survey.sections.all(),
        *survey.questions.exclude(pk=question.pk),
    ]
    for item in others:
        if item.show_if and item.show_if.get("question") == question.key:
            item.show_if = None
            item.save(update_fields=["show_if"])
    question.delete()
    audit_entry(
        "surveys.question_deleted",
        survey,
        community=survey.community,
        before={"question": question.key},
    )


@command("surveys.manage", on="section")
def delete_section(actor: User, section: Section) -> None:
    survey = section.survey
    _require_editable(survey)
    if survey.sections.count() == 1:
        raise ServiceError(_("A survey needs at least one section."))
    for question in list(section.questions.all()):
        delete_question(actor, question)
    section.delete()


@command("surveys.manage", on="item")
def move(actor: User, item: Section | Question, step: int) -> None:
    """Move a section or a question one place up (-1) or down (+1), if skip logic allows it."""
    survey = item.survey
    _require_editable(survey)
    siblings: list[Section | Question] = []
    if isinstance(item, Section):
        siblings.extend(survey.sections.all())
    else:
        siblings.extend(item.section.questions.all())
    index = [s.pk for s in siblings].index(item.pk)
    other_index = index + step
    if not 0 <= other_index < len(siblings):
        return
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
        sibling.save(update_fields=["position"])
    try:
        logic.validate_definition(definition(survey))
    except logic.DefinitionError:
        transaction.set_rollback(True)
        raise ServiceError(
            _("This move would put a question before the answer its skip logic depends on.")
        ) from None


@command("surveys.manage", on="community")
def create_survey(actor: User, community: Community, survey: Survey) -> Survey:
    survey.community, survey.created_by = community, actor
    survey.save()
    Section.objects.create(survey=survey, key="s1", position=1)
    audit_entry("surveys.created", survey, community=community)
    return survey


@command("surveys.change_survey", on="survey")
def edit_survey(actor: User, survey: Survey) -> Survey:
    """Save the survey's settings as the form changed them (``form.save(commit=False)``); the
    audit entry compares with the row as it was stored."""
    stored = Survey.objects.get(pk=survey.pk)
    survey.save()
    audit_entry(
        "surveys.edited",
        survey,
        before=snapshots.snapshot(stored),
        after=snapshots.snapshot(survey),
    )
    return survey


@command("surveys.results", on="survey")
def note_export(actor: User, survey: Survey, fmt: str) -> None:
    """Who took the answers away, and in which format: the audit log keeps it."""
    audit_entry("surveys.exported", survey, after={"format": fmt})


@command("surveys.publish_survey", on="survey")
def publish(actor: User, survey: Survey) -> Survey:
    if not survey.questions.exists():
        raise ServiceError(_("Add at least one question before publishing."))
    try:
        logic.validate_definition(definition(survey))
    except logic.DefinitionError as error:
        raise ServiceError(
            _("The survey cannot be asked as it stands: %(problem)s") % {"problem": error}
        ) from None
    survey.status = Survey.Status.PUBLISHED
    survey.save(update_fields=["status"])
    audit_entry("surveys.published", survey, community=survey.community)
    return survey


@command("surveys.close_survey", on="survey")
def close_now(actor: User, survey: Survey) -> Survey:
    before = snapshots.snapshot(survey, ["closes_at"])
    survey.closes_at = max(timezone.now(), survey.opens_at + timedelta(seconds=1))
    survey.save(update_fields=["closes_at"])
    audit_entry(
        "surveys.closed",
        survey,
        community=survey.community,
        before=before,
        after=snapshots.snapshot(survey, ["closes_at"]),
    )
    return survey


@command("surveys.manage", on="survey")
def cancel(actor: User, survey: Survey) -> Survey:
    survey.status = Survey.Status.CANCELLED
    survey.save(update_fields=["status"])
    audit_entry("surveys.cancelled", survey, community=survey.community)
    return survey


@command("surveys.manage", on="survey")
def publish_results(actor: User, survey: Survey, *, free_text: bool) -> Survey:
    survey.results_published_at = timezone.now()
    survey.publish_free_text = free_text
    survey.save(update_fields=["results_published_at", "publish_free_text"])
    audit_entry(
        "surveys.results_published",
        survey,
        community=survey.community,
        after={"free_text": free_text},
    )
    return survey
