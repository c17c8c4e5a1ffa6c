"""What each audit verb of this module says in the audit log ("engagement.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "close": pgettext_lazy("audit log", "closed"),
    "create": pgettext_lazy("audit log", "created"),
    "edit": pgettext_lazy("audit log", "edited"),
    "equity": pgettext_lazy("audit log", "saved the equity plan"),
    "lessons": pgettext_lazy("audit log", "recorded lessons learned"),
    "open": pgettext_lazy("audit log", "opened"),
    "open_anyway": pgettext_lazy("audit log", "opened despite a warning"),
    "phases": pgettext_lazy("audit log", "changed the phases"),
    "report_back": pgettext_lazy("audit log", "reported back"),
}
