"""What each audit verb of this module says in the audit log ("budgeting.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "appeal": pgettext_lazy("audit log", "appealed a decision"),
    "appeal_decided": pgettext_lazy("audit log", "decided an appeal"),
    "computed": pgettext_lazy("audit log", "computed the result"),
    "cost": pgettext_lazy("audit log", "costed an idea"),
    "done": pgettext_lazy("audit log", "marked as done"),
    "idea": pgettext_lazy("audit log", "submitted an idea"),
    "idea_from_proposal": pgettext_lazy("audit log", "turned a proposal into an idea"),
    "merged": pgettext_lazy("audit log", "merged"),
    "milestone": pgettext_lazy("audit log", "recorded a milestone"),
    "owner": pgettext_lazy("audit log", "changed who is responsible"),
    "published": pgettext_lazy("audit log", "published"),
    "published_results": pgettext_lazy("audit log", "published the results"),
    "reviewed": pgettext_lazy("audit log", "reviewed"),
    "spending": pgettext_lazy("audit log", "recorded spending"),
    "sub_budget": pgettext_lazy("audit log", "changed a sub-budget"),
    "vote_opened": pgettext_lazy("audit log", "opened the vote"),
}
