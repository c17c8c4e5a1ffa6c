"""What each audit verb of this module says in the audit log ("governance.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "body_created": pgettext_lazy("audit log", "set up a resident body"),
    "charter_adopted": pgettext_lazy("audit log", "adopted a charter"),
    "count_recorded": pgettext_lazy("audit log", "recorded a count"),
    "motion_decided": pgettext_lazy("audit log", "decided a motion"),
    "motion_opened": pgettext_lazy("audit log", "opened a motion"),
    "office_changed": pgettext_lazy("audit log", "changed an office"),
    "seat_ended": pgettext_lazy("audit log", "ended a seat"),
    "seated": pgettext_lazy("audit log", "gave someone a seat"),
    "stood_aside": pgettext_lazy("audit log", "stood aside"),
    "voted": pgettext_lazy("audit log", "recorded a vote"),
}
