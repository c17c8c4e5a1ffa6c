"""Surveys: build, publish, answer (online, saved for later, on paper), and what is open now.

Every change happens in one transaction; organisers' changes go to the audit log; every response
from a known member goes to the participation ledger (method survey, depth consulted).
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core import audit
from linli.core import audit as snapshots
from linli.core.kit import Refused, command
from linli.core.kit import audit as audit_entry
from linli.core.models import Community, Member, Place, User
from linli.core.open_now import OpenItem
from linli.core.permissions import can, member_of, require
from linli.core.services import ServiceError
from linli.engagement.links import LinkedItem
from linli.participation.models import Channel, Depth, Method
from linli.participation.services import record

from . import logic, texts
from .models import Answer, Draft, Option, Participation, Question, Response, Section, Survey

# --- Definition ------------------------------------------------------------------------------


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


PROBLEMS = {
    "required": gettext_lazy("Please answer this question."),
    "hidden": gettext_lazy(
        "This question is not asked after your earlier answers, so it cannot be answered."
    ),
    "unknown_question": gettext_lazy("This survey has no such question."),
    "not_an_option": gettext_lazy("Choose one of the options shown."),
    "choose_one": gettext_lazy("Choose only one option."),
    "too_many": gettext_lazy("Choose at most %(limit)s options."),
    "too_few": gettext_lazy("Choose at least %(limit)s options."),
    "not_a_number": gettext_lazy("Enter a number, e.g. 3 or 12.5."),
    "not_a_whole_number": gettext_lazy("Enter a whole number."),
    "out_of_range": gettext_lazy("Enter a number from %(min)s to %(max)s."),
    "too_long": gettext_lazy("Keep the answer to %(limit)s characters (it has %(length)s)."),
    "too_short": gettext_lazy("Write at least %(limit)s characters."),
    "not_a_date": gettext_lazy("Enter a date as year-month-day, e.g. 2026-05-20."),
    "ranking_gaps": gettext_lazy(
        "Give the options you rank the places 1, 2, 3... each place once, without gaps."
    ),
    "rank_all": gettext_lazy("Rank all %(count)s options."),
    "unknown_row": gettext_lazy("This table has no such row."),
    "answer_every_row": gettext_lazy("Answer every row of the table."),
    "not_a_place": gettext_lazy("Choose a courtyard or building from the list."),
}


def problem_message(problem: logic.Problem) -> str:
    code, params = problem
    message = str(PROBLEMS.get(code, gettext_lazy("This answer cannot be accepted.")))
    if code == "out_of_range":
        if params.get("min") is None:
            return _("Enter a number no higher than %(max)s.") % params
        if params.get("max") is None:
            return _("Enter a number no lower than %(min)s.") % params
    return message % params if params else message


class AnswersRefused(ServiceError):
    """Answers with problems; ``problems`` maps each question key to a translated message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(
            _("Some answers need attention: please look at the questions marked below."), None
        )
        self.problems = problems


def check_answers(
    survey: Survey, raw: dict[str, Any], *, partial: bool = False, sections: list[str] | None = None
) -> dict[str, Any]:
    checked = logic.check(definition(survey), raw, partial=partial, sections=sections)
    if checked.problems:
        raise AnswersRefused({k: problem_message(p) for k, p in checked.problems.items()})
    return checked.answers


# --- Organisers: build ----------------------------------------------------------------------


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


def save_section(actor: User, survey: Survey, section: Section) -> Section:
    require(actor, "surveys.manage", survey.community)
    _require_editable(survey)
    with transaction.atomic():
        if not section.pk:
            section.survey = survey
            section.key = _next_key(list(survey.sections.values_list("key", flat=True)), "s")
            section.position = (survey.sections.aggregate(m=Max("position"))["m"] or 0) + 1
        _check_condition_is_earlier(survey, section.show_if, before_section=section)
        section.save()
        audit.log(
            actor,
            "surveys.section_saved",
            survey,
            community=survey.community,
            after={"section": section.key},
        )
    return section


def save_question(
    actor: User,
    survey: Survey,
    question: Question,
    options: list[dict[str, str]],
    rows: list[dict[str, str]] | None = None,
) -> Question:
    """Create or change a question with its options (each a ``{language: text}``), keeping the
    keys of options that stay so skip logic pointing at them keeps working."""
    require(actor, "surveys.manage", survey.community)
    _require_editable(survey)
    kind = question.kind
    if kind in logic.OPTION_KINDS and len(options) < (1 if kind == "matrix" else 2):
        raise ServiceError(_("Give at least two options, one per line."), "options")
    if kind == "matrix" and not rows:
        raise ServiceError(_("Give the rows of the table, one per line."), "rows")
    with transaction.atomic():
        if not question.pk:
            question.survey = survey
            question.key = _next_key(list(survey.questions.values_list("key", flat=True)), "q")
            question.position = (
                question.section.questions.aggregate(m=Max("position"))["m"] or 0
            ) + 1
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
        audit.log(
            actor,
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


def delete_question(actor: User, question: Question) -> None:
    survey = question.survey
    require(actor, "surveys.manage", survey.community)
    _require_editable(survey)
    with transaction.atomic():
        others: list[Section | Question] = [
            *survey.sections.all(),
            *survey.questions.exclude(pk=question.pk),
        ]
        for item in others:
            if item.show_if and item.show_if.get("question") == question.key:
                item.show_if = None
                item.save(update_fields=["show_if"])
        question.delete()
        audit.log(
            actor,
            "surveys.question_deleted",
            survey,
            community=survey.community,
            before={"question": question.key},
        )


def delete_section(actor: User, section: Section) -> None:
    survey = section.survey
    require(actor, "surveys.manage", survey.community)
    _require_editable(survey)
    if survey.sections.count() == 1:
        raise ServiceError(_("A survey needs at least one section."))
    with transaction.atomic():
        for question in list(section.questions.all()):
            delete_question(actor, question)
        section.delete()


def move(actor: User, item: Section | Question, step: int) -> None:
    """Move a section or a question one place up (-1) or down (+1), if skip logic allows it."""
    survey = item.survey
    require(actor, "surveys.manage", survey.community)
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
    with transaction.atomic():
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


def create_survey(actor: User, community: Community, survey: Survey) -> Survey:
    require(actor, "surveys.manage", community)
    with transaction.atomic():
        survey.community, survey.created_by = community, actor
        survey.save()
        Section.objects.create(survey=survey, key="s1", position=1)
        audit.log(actor, "surveys.created", survey, community=community)
    return survey


@command("surveys.manage", on="survey")
def edit_survey(actor: User, survey: Survey) -> Survey:
    """Save the survey's settings as the form changed them (``form.save(commit=False)``); the
    audit entry compares with the row as it was stored."""
    stored = Survey.objects.get(pk=survey.pk)
    if stored.status == Survey.Status.CANCELLED:
        raise Refused(_("A cancelled survey cannot be changed."))
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


def publish(actor: User, survey: Survey) -> Survey:
    require(actor, "surveys.manage", survey.community)
    if survey.status != Survey.Status.DRAFT:
        raise ServiceError(_("Only a draft can be published."))
    if not survey.questions.exists():
        raise ServiceError(_("Add at least one question before publishing."))
    try:
        logic.validate_definition(definition(survey))
    except logic.DefinitionError as error:
        raise ServiceError(
            _("The survey cannot be asked as it stands: %(problem)s") % {"problem": error}
        ) from None
    with transaction.atomic():
        survey.status = Survey.Status.PUBLISHED
        survey.save(update_fields=["status"])
        audit.log(actor, "surveys.published", survey, community=survey.community)
    return survey


def close_now(actor: User, survey: Survey) -> Survey:
    require(actor, "surveys.manage", survey.community)
    if not survey.is_open:
        raise ServiceError(_("The survey is not open."))
    with transaction.atomic():
        before = audit.snapshot(survey, ["closes_at"])
        survey.closes_at = max(timezone.now(), survey.opens_at + timedelta(seconds=1))
        survey.save(update_fields=["closes_at"])
        audit.log(
            actor,
            "surveys.closed",
            survey,
            community=survey.community,
            before=before,
            after=audit.snapshot(survey, ["closes_at"]),
        )
    return survey


def cancel(actor: User, survey: Survey) -> Survey:
    require(actor, "surveys.manage", survey.community)
    with transaction.atomic():
        survey.status = Survey.Status.CANCELLED
        survey.save(update_fields=["status"])
        audit.log(actor, "surveys.cancelled", survey, community=survey.community)
    return survey


def publish_results(actor: User, survey: Survey, *, free_text: bool) -> Survey:
    require(actor, "surveys.manage", survey.community)
    with transaction.atomic():
        survey.results_published_at = timezone.now()
        survey.publish_free_text = free_text
        survey.save(update_fields=["results_published_at", "publish_free_text"])
        audit.log(
            actor,
            "surveys.results_published",
            survey,
            community=survey.community,
            after={"free_text": free_text},
        )
    return survey


# --- Residents: answer ------------------------------------------------------------------------


def may_answer(user: Any, survey: Survey) -> bool:
    if survey.mode == Survey.Mode.OPEN:
        return True
    return can(user, "surveys.respond", survey.community)


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


def fingerprint(answers: dict[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps(answers, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def _write_answers(survey: Survey, response: Response, answers: dict[str, Any]) -> None:
    questions = {q.key: q for q in survey.questions.prefetch_related("options")}
    rows: list[Answer] = []
    for key, value in answers.items():
        question = questions[key]
        options = {o.key: o for o in question.options.all()}
        kind = question.kind
        if kind == "single":
            rows.append(Answer(response=response, question=question, option=options[value]))
        elif kind == "multiple":
            rows += [Answer(response=response, question=question, option=options[v]) for v in value]
        elif kind == "ranking":
            rows += [
                Answer(response=response, question=question, option=options[v], number=place)
                for place, v in enumerate(value, start=1)
            ]
        elif kind == "matrix":
            rows += [
                Answer(response=response, question=question, option=options[v], row_key=row)
                for row, v in value.items()
            ]
        elif kind in {"scale", "number", "place"}:
            rows.append(Answer(response=response, question=question, number=float(value)))
        else:
            rows.append(Answer(response=response, question=question, text=str(value)))
    Answer.objects.bulk_create(rows)


def _profile(member: Member | None) -> dict[str, str | int | None]:
    """The coarse facts kept with a response for filtering (courtyard, age band, gender)."""
    if member is None:
        return {"area_id": None, "age_band": "", "gender": ""}
    household = member.household
    demographics = getattr(member, "demographics", None)
    return {
        "area_id": household.area_id if household else None,
        "age_band": demographics.age_band if demographics else "",
        "gender": demographics.gender if demographics else "",
    }


@dataclass
class Submitted:
    response: Response | None
    replaced: bool = False


def submit(
    survey: Survey,
    member: Member | None,
    raw: dict[str, Any],
    *,
    channel: str = Channel.ONLINE,
    language: str = "",
    session_key: str = "",
) -> Submitted:
    """A resident's own answers. In an identified survey a second submission replaces the first
    until close; otherwise a second one is refused."""
    if survey.mode != Survey.Mode.OPEN and member is None:
        raise ServiceError(_("Only verified residents of the community can answer this survey."))
    answers = check_answers(survey, raw)
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        existing = own_response(locked, member)
        if existing is not None and locked.mode == Survey.Mode.IDENTIFIED:
            if not locked.is_open:
                raise ServiceError(_("The survey has closed; answers can no longer change."))
            existing.answers.all().delete()
            _write_answers(locked, existing, answers)
            existing.fingerprint = fingerprint(answers)
            existing.language = language
            existing.save(update_fields=["fingerprint", "language"])
            _forget_draft(locked, member, session_key)
            return Submitted(existing, replaced=True)
        _refuse_if_closed(locked)
        if has_answered(locked, member):
            raise ServiceError(_("You have already answered this survey. Thank you!"))
        response = _create_response(locked, member, answers, channel=channel, language=language)
        _forget_draft(locked, member, session_key)
    return Submitted(response)


def _refuse_if_closed(survey: Survey) -> None:
    phase = survey.phase()
    if phase == "full":
        raise ServiceError(_("The survey has received all the responses it needed and is closed."))
    if phase != "open":
        raise ServiceError(_("The survey is not open for answers."))


def _create_response(
    survey: Survey,
    member: Member | None,
    answers: dict[str, Any],
    *,
    channel: str,
    language: str = "",
    entered_by: User | None = None,
    paper_ref: str = "",
    area: Place | None = None,
) -> Response:
    profile = _profile(member)
    if area is not None:
        profile["area_id"] = area.pk
    anonymous = survey.mode == Survey.Mode.ANONYMOUS
    linked = member if not anonymous else None
    if anonymous:
        # Nothing on an anonymous response may match its participation or ledger row: no day of
        # its own (a day with one answer would name it), no officer who typed it (the ledger
        # records the officer), and the rows are mixed below.
        day: dict[str, Any] = {"submitted_on": timezone.localtime(survey.opens_at).date()}
        entered_by_on_response = None
    else:
        day = {}
        entered_by_on_response = entered_by
    try:
        with transaction.atomic():
            if member is not None:
                Participation.objects.create(survey=survey, member=member, channel=channel)
            response = Response.objects.create(
                survey=survey,
                member=linked,
                channel=channel,
                entered_by=entered_by_on_response,
                paper_ref=paper_ref,
                language=language,
                fingerprint=fingerprint(answers),
                **profile,
                **day,
            )
    except IntegrityError:
        raise ServiceError(_("This resident has already answered this survey.")) from None
    _write_answers(survey, response, answers)
    if anonymous:
        response = mix_anonymous_responses(survey, response)
    if member is not None:
        # The ledger points at the survey, never at the response: see models.py on anonymity.
        record(
            member,
            method=Method.SURVEY,
            channel=channel,
            depth=Depth.CONSULTED,
            source=survey,
            project=survey.project,
            recorded_by=entered_by,
        )
    return response


def mix_anonymous_responses(survey: Survey, newest: Response) -> Response:
    """Rewrite every response of an anonymous survey, and their answers, in a random order with
    new keys, in the transaction that added one (the caller holds the survey's row lock).

    Otherwise a database reader, or a backup taken while the survey is open, finds responses
    and answers in the order they came in - rowids, answer ids, PostgreSQL's physical order and
    ``xmin`` (the writing transaction, shared with the participation and ledger rows) - and the
    participations say who answered in which order. Returns the newest response as rewritten."""
    responses = list(Response.objects.filter(survey=survey))
    answers = list(Answer.objects.filter(response__survey=survey))
    rng = random.SystemRandom()
    rng.shuffle(responses)
    new_ids = {r.pk: uuid.uuid4() for r in responses}
    Response.objects.filter(survey=survey).delete()  # answers go with them (cascade)
    for response in responses:
        response.pk = new_ids[response.pk]
    Response.objects.bulk_create(responses)
    rng.shuffle(answers)
    for answer in answers:
        answer.pk = None
        answer.response_id = new_ids[answer.response_id]
    Answer.objects.bulk_create(answers)
    return next(r for r in responses if r.pk == new_ids.get(newest.pk, newest.pk))


def _forget_draft(survey: Survey, member: Member | None, session_key: str) -> None:
    if member is not None:
        Draft.objects.filter(survey=survey, member=member).delete()
    if session_key:
        Draft.objects.filter(survey=survey, session_key=session_key).delete()


def find_draft(survey: Survey, member: Member | None, session_key: str) -> Draft | None:
    if member is not None:
        return Draft.objects.filter(survey=survey, member=member).first()
    if session_key:
        return Draft.objects.filter(survey=survey, session_key=session_key).first()
    return None


def save_draft(
    survey: Survey, member: Member | None, session_key: str, answers: dict[str, Any], section: str
) -> Draft:
    if member is None and not session_key:
        raise ServiceError(_("Sign in to save your answers for later."))
    _refuse_if_closed(survey)
    keys = {"member": member} if member is not None else {"session_key": session_key}
    draft, _created = Draft.objects.update_or_create(
        survey=survey, **keys, defaults={"answers": answers, "section": section}
    )
    return draft


# --- Staff: paper, phone and door-to-door answers --------------------------------------------


PAPER_CHANNELS = (Channel.PAPER, Channel.PHONE, Channel.DOOR_TO_DOOR, Channel.ASSISTED)


class PossibleDuplicate(ServiceError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "duplicate")


def enter_on_paper(
    officer: User,
    survey: Survey,
    raw: dict[str, Any],
    *,
    channel: str,
    member: Member | None = None,
    area: Place | None = None,
    paper_ref: str = "",
    confirmed_duplicate: bool = False,
) -> Response:
    """Type in a response given on paper, by phone or at the door. Warns (and needs a second
    confirmation) when the same form number, the same resident or identical answers were entered
    already."""
    require(officer, "surveys.enter_paper", survey.community)
    if channel not in PAPER_CHANNELS:
        raise ServiceError(_("Choose how the answers were given."), "channel")
    if member is not None and member.community_id != survey.community_id:
        raise ServiceError(_("This resident is not a member of the community."), "member")
    if area is not None and area.community_id != survey.community_id:
        raise ServiceError(_("Choose a courtyard of this community."), "area")
    answers = check_answers(survey, raw)
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status != Survey.Status.PUBLISHED or timezone.now() < locked.opens_at:
            raise ServiceError(_("The survey is not open for answers."))
        if member is not None and has_answered(locked, member):
            raise ServiceError(_("This resident has already answered this survey."), "member")
        if not confirmed_duplicate:
            warning = _duplicate_warning(locked, answers, paper_ref)
            if warning:
                raise PossibleDuplicate(warning)
        response = _create_response(
            locked,
            member,
            answers,
            channel=channel,
            entered_by=officer,
            paper_ref=paper_ref.strip(),
            area=area,
        )
    return response


def _duplicate_warning(survey: Survey, answers: dict[str, Any], paper_ref: str) -> str:
    if paper_ref.strip() and survey.responses.filter(paper_ref=paper_ref.strip()).exists():
        return _("A form with the number %(ref)s was entered already.") % {"ref": paper_ref.strip()}
    same = survey.responses.filter(fingerprint=fingerprint(answers)).exclude(channel=Channel.ONLINE)
    if same.exists():
        entry = same.order_by("-submitted_on").first()
        assert entry is not None
        return _("A form with exactly the same answers was entered on %(day)s.") % {
            "day": formats.date_format(entry.submitted_on)
        }
    return ""


# --- Lists for the home page and projects ----------------------------------------------------


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
