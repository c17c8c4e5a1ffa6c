"""What each audit verb of this module says in the audit log ("tracking.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "consent": pgettext_lazy("audit log", "agreed to be named on a team"),
    "milestone": pgettext_lazy("audit log", "recorded a milestone"),
    "milestone_done": pgettext_lazy("audit log", "marked a milestone done"),
    "photo": pgettext_lazy("audit log", "added a photo"),
    "spending": pgettext_lazy("audit log", "recorded spending"),
    "team_added": pgettext_lazy("audit log", "added someone to a team"),
    "team_set": pgettext_lazy("audit log", "set a team"),
}
