"""Commands on surveys, by what people do: building and running a survey (organisers), answering
(residents), entering paper, phone and door-to-door answers (staff). What people read is in
``linli.surveys.queries``, re-exported here so callers keep writing ``services.x(...)``."""

from __future__ import annotations

from ..queries import (
    definition,
    find_draft,
    has_answered,
    may_answer,
    missing_translations,
    open_items,
    own_response,
    phase_label,
    place_choices,
    project_items,
    stored_answers,
)
from .answering import (
    PROBLEMS,
    AnswersRefused,
    Submitted,
    check_answers,
    fingerprint,
    mix_anonymous_responses,
    problem_message,
    save_draft,
    submit,
)
from .building import (
    cancel,
    close_now,
    create_survey,
    delete_question,
    delete_section,
    edit_survey,
    move,
    note_export,
    publish,
    publish_results,
    save_question,
    save_section,
)
from .on_paper import (
    PAPER_CHANNELS,
    PossibleDuplicate,
    enter_on_paper,
)

__all__ = [
    "PAPER_CHANNELS",
    "PROBLEMS",
    "AnswersRefused",
    "PossibleDuplicate",
    "Submitted",
    "cancel",
    "check_answers",
    "close_now",
    "create_survey",
    "definition",
    "delete_question",
    "delete_section",
    "edit_survey",
    "enter_on_paper",
    "find_draft",
    "fingerprint",
    "has_answered",
    "may_answer",
    "missing_translations",
    "mix_anonymous_responses",
    "move",
    "note_export",
    "open_items",
    "own_response",
    "phase_label",
    "place_choices",
    "problem_message",
    "project_items",
    "publish",
    "publish_results",
    "save_draft",
    "save_question",
    "save_section",
    "stored_answers",
    "submit",
]
