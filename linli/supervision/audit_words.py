"""What each audit verb of this module says in the audit log ("supervision.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "query_answered": pgettext_lazy("audit log", "answered a formal query"),
    "query_raised": pgettext_lazy("audit log", "raised a formal query"),
}
