"""What each audit verb of this module says in the audit log ("feedback.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "agenda": pgettext_lazy("audit log", "put on the agenda"),
    "answer": pgettext_lazy("audit log", "answered"),
    "close": pgettext_lazy("audit log", "closed"),
    "make_proposal": pgettext_lazy("audit log", "turned feedback into a proposal"),
    "me_too": pgettext_lazy("audit log", "said “me too”"),
    "report": pgettext_lazy("audit log", "reported"),
    "route": pgettext_lazy("audit log", "passed on to who handles it"),
}
