"""What each audit verb of this module says in the audit log ("conventions.<verb>" shows as the
module's name and these words). Found by the module registry; a verb the module writes without
words here fails tests/core/test_audit_words.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WORDS: dict[str, str | Promise] = {
    "amendment_accepted": pgettext_lazy("audit log", "took an amendment into the text"),
    "amendment_declined": pgettext_lazy("audit log", "declined an amendment"),
    "amendment_proposed": pgettext_lazy("audit log", "proposed an amendment"),
    "commented": pgettext_lazy("audit log", "commented"),
    "created": pgettext_lazy("audit log", "created"),
    "put_to_body": pgettext_lazy("audit log", "put a text to a body's decision"),
    "put_to_vote": pgettext_lazy("audit log", "put a text to a household vote"),
    "revised": pgettext_lazy("audit log", "revised a text"),
    "settled": pgettext_lazy("audit log", "recorded the outcome of an adoption"),
}
