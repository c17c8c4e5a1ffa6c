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
    # A body's meetings.
    "meeting_scheduled": pgettext_lazy("audit log", "scheduled a meeting of a body"),
    "agenda_added": pgettext_lazy("audit log", "added an item to a meeting's agenda"),
    "agenda_moved": pgettext_lazy("audit log", "reordered a meeting's agenda"),
    "attendance": pgettext_lazy("audit log", "recorded who attended"),
    "item_minutes": pgettext_lazy("audit log", "wrote the minutes of an agenda item"),
    "minutes_published": pgettext_lazy("audit log", "published minutes"),
    "resolved": pgettext_lazy("audit log", "recorded a resolution"),
    "resolution_status": pgettext_lazy("audit log", "changed a resolution's state"),
    "resolution_done": pgettext_lazy("audit log", "reported a resolution done"),
}
