"""What each audit verb of this module says in the audit log ("insights.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "choose_repeated_question": pgettext_lazy("audit log", "kept a repeated question"),
    "drop_repeated_question": pgettext_lazy("audit log", "dropped a repeated question"),
    "import_margins": pgettext_lazy("audit log", "imported population figures"),
    "leader_stage": pgettext_lazy("audit log", "changed a leader's stage"),
    "measure_targets": pgettext_lazy("audit log", "set targets"),
    "set_target": pgettext_lazy("audit log", "set a target"),
    "visit": pgettext_lazy("audit log", "recorded a visit"),
}
