"""What each audit verb of this module says in the audit log ("surveys.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "cancelled": pgettext_lazy("audit log", "cancelled"),
    "closed": pgettext_lazy("audit log", "closed"),
    "created": pgettext_lazy("audit log", "created"),
    "edited": pgettext_lazy("audit log", "edited"),
    "exported": pgettext_lazy("audit log", "exported the answers"),
    "imported": pgettext_lazy("audit log", "imported answers"),
    "published": pgettext_lazy("audit log", "published"),
    "question_deleted": pgettext_lazy("audit log", "deleted a question"),
    "question_saved": pgettext_lazy("audit log", "saved a question"),
    "results_published": pgettext_lazy("audit log", "published the results"),
    "section_saved": pgettext_lazy("audit log", "saved a section"),
}
