"""What each audit verb of this module says in the audit log ("volunteering.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "activity_cancelled": pgettext_lazy("audit log", "cancelled an activity"),
    "certificate_issued": pgettext_lazy("audit log", "issued a certificate"),
    "group_signed_up": pgettext_lazy("audit log", "signed up a group"),
    "hours_corrected": pgettext_lazy("audit log", "corrected hours"),
    "impact": pgettext_lazy("audit log", "recorded an impact"),
    "impact_removed": pgettext_lazy("audit log", "removed an impact"),
    "role": pgettext_lazy("audit log", "changed a role"),
}
