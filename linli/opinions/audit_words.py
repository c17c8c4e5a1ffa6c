"""What each audit verb of this module says in the audit log ("opinions.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "close": pgettext_lazy("audit log", "closed"),
    "create": pgettext_lazy("audit log", "created"),
    "moderate": pgettext_lazy("audit log", "moderated"),
    "outcome": pgettext_lazy("audit log", "recorded the outcome"),
    "sheet": pgettext_lazy("audit log", "entered a paper sheet"),
    "statement": pgettext_lazy("audit log", "added a statement"),
    "update": pgettext_lazy("audit log", "updated"),
}
