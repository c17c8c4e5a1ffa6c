"""What each audit verb of this module says in the audit log ("grants.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "awarded": pgettext_lazy("audit log", "awarded a grant"),
    "call_saved": pgettext_lazy("audit log", "saved a call for projects"),
    "countersigned": pgettext_lazy("audit log", "countersigned an agreement"),
    "criterion_added": pgettext_lazy("audit log", "added a criterion"),
    "criterion_removed": pgettext_lazy("audit log", "removed a criterion"),
    "declined": pgettext_lazy("audit log", "declined"),
    "evaluated": pgettext_lazy("audit log", "recorded an evaluation"),
    "report_accepted": pgettext_lazy("audit log", "accepted a report"),
    "report_returned": pgettext_lazy("audit log", "returned a report"),
}
