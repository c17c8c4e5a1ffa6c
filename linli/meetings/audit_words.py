"""What each audit verb of this module says in the audit log ("meetings.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "action_added": pgettext_lazy("audit log", "added an action item"),
    "action_status": pgettext_lazy("audit log", "changed an action item's state"),
    "cancelled": pgettext_lazy("audit log", "cancelled"),
    "invited": pgettext_lazy("audit log", "invited people"),
    "published": pgettext_lazy("audit log", "published"),
    "registered_for": pgettext_lazy("audit log", "registered someone"),
    "registration_cancelled": pgettext_lazy("audit log", "cancelled a registration"),
    "role": pgettext_lazy("audit log", "changed a role"),
    "training_saved": pgettext_lazy("audit log", "saved a training"),
    "walk_in": pgettext_lazy("audit log", "recorded a walk-in"),
    # Public hearings.
    "hearing_answered": pgettext_lazy("audit log", "published the written response to a hearing"),
    "hearing_set_up": pgettext_lazy("audit log", "set up a public hearing"),
    "speaker_registered": pgettext_lazy("audit log", "signed someone up to speak at a hearing"),
    "testimony_recorded": pgettext_lazy("audit log", "recorded a testimony at a hearing"),
}
