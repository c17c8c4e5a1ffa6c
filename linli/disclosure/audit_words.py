"""What each audit verb of this module says in the audit log ("disclosure.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "add": pgettext_lazy("audit log", "added"),
    "answer": pgettext_lazy("audit log", "answered"),
    "board": pgettext_lazy("audit log", "changed the notice board"),
    "final": pgettext_lazy("audit log", "made a decision final"),
    "newsletter.send": pgettext_lazy("audit log", "sent a newsletter"),
    "object": pgettext_lazy("audit log", "objected"),
    "publicity": pgettext_lazy("audit log", "put a decision under public notice"),
    "publish": pgettext_lazy("audit log", "published"),
}
