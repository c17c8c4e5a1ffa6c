"""Residents answer: checked answers, one response each (replaced until close in an identified
survey), drafts saved for later, anonymous responses mixed so their order tells nothing."""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.kit import command, ledger
from linli.core.models import Member, Place, User
from linli.core.permissions import member_of
from linli.core.services import ServiceError
from linli.participation.models import Channel, Depth, Method

from .. import logic
from ..models import Answer, Draft, Participation, Response, Survey
from ..queries import definition, has_answered, own_response

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


@command("surveys.answer", on="survey", lock=True)
def submit(
    actor: Any,
    survey: Survey,
    raw: dict[str, Any],
    *,
    channel: str = Channel.ONLINE,
    language: str = "",
    session_key: str = "",
) -> Submitted:
    """The actor's own answers (a visitor's, signed in or not, in an open-link survey). In an
    identified survey a second submission replaces the first until close; otherwise a second one
    is refused. The survey's row lock, taken first, lets one response in at a time."""
    member = member_of(actor, survey.community)
    if survey.mode != Survey.Mode.OPEN and member is None:
        raise ServiceError(_("Only verified residents of the community can answer this survey."))
    answers = check_answers(survey, raw)
    existing = own_response(survey, member)
    if existing is not None and survey.mode == Survey.Mode.IDENTIFIED:
        if not survey.is_open:
            raise ServiceError(_("The survey has closed; answers can no longer change."))
        existing.answers.all().delete()
        _write_answers(survey, existing, answers)
        existing.fingerprint = fingerprint(answers)
        existing.language = language
        existing.save(update_fields=["fingerprint", "language"])
        _forget_draft(survey, member, session_key)
        return Submitted(existing, replaced=True)
    _refuse_if_closed(survey)
    if has_answered(survey, member):
        raise ServiceError(_("You have already answered this survey. Thank you!"))
    response = _create_response(survey, member, answers, channel=channel, language=language)
    _forget_draft(survey, member, session_key)
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
        ledger(
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


@command("surveys.answer", on="survey")
def save_draft(
    actor: Any, survey: Survey, session_key: str, answers: dict[str, Any], section: str
) -> Draft:
    """Keep the actor's unfinished answers: a resident's by membership, a visitor's by session."""
    member = member_of(actor, survey.community)
    if member is None and not session_key:
        raise ServiceError(_("Sign in to save your answers for later."))
    _refuse_if_closed(survey)
    keys = {"member": member} if member is not None else {"session_key": session_key}
    draft, _created = Draft.objects.update_or_create(
        survey=survey, **keys, defaults={"answers": answers, "section": section}
    )
    return draft
