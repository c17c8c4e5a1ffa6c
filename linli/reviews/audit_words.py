"""What each audit verb of this module says in the audit log ("reviews.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "contest_changed": pgettext_lazy("audit log", "changed the rules of a contest"),
    "contest_closed": pgettext_lazy("audit log", "closed a contest"),
    "contest_created": pgettext_lazy("audit log", "drafted a contest"),
    "finalised": pgettext_lazy("audit log", "made the result final"),
    "funds_released": pgettext_lazy("audit log", "released the funds"),
    "inspected": pgettext_lazy("audit log", "recorded an inspection"),
    "notice_published": pgettext_lazy("audit log", "published the public notice"),
    "objection_answered": pgettext_lazy("audit log", "answered an objection"),
    "paper_scores_entered": pgettext_lazy("audit log", "entered paper score sheets"),
    "paper_signatures": pgettext_lazy("audit log", "recorded signatures on paper"),
    "scoring_started": pgettext_lazy("audit log", "started the scoring"),
}
