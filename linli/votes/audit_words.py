"""What each audit verb of this module says in the audit log ("votes.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "batch_created": pgettext_lazy("audit log", "created a batch of paper ballots"),
    "batch_entered": pgettext_lazy("audit log", "entered a batch of paper ballots"),
    "cancelled": pgettext_lazy("audit log", "cancelled"),
    "closed_early": pgettext_lazy("audit log", "closed early"),
    "created": pgettext_lazy("audit log", "created"),
    "edited": pgettext_lazy("audit log", "edited"),
    "paper_voter_marked": pgettext_lazy("audit log", "marked someone as voting on paper"),
    "published": pgettext_lazy("audit log", "published"),
    "question_deleted": pgettext_lazy("audit log", "deleted a question"),
    "question_saved": pgettext_lazy("audit log", "saved a question"),
    "results_published": pgettext_lazy("audit log", "published the results"),
}
