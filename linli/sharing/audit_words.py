"""What each audit verb of this module says in the audit log ("sharing.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "board_imported": pgettext_lazy("audit log", "typed in the items on the paper board"),
    "mediation_notes": pgettext_lazy("audit log", "wrote mediation notes"),
    "problem_reported": pgettext_lazy("audit log", "reported a problem"),
    "problem_resolved": pgettext_lazy("audit log", "resolved a problem"),
}
