"""The audit log in plain, translated words: "budgeting.appeal" is shown as the module's name and
what was done ("参与式预算 · 对审核结果提出申诉"), never as the code. The code stays in the CSV
export and the filter's value. Core names no app: a module is named by its AppConfig's
``verbose_name`` and brings the words for its own verbs (``WORDS`` in its ``audit_words.py``,
found by the module registry: ``linli.core.kit.modules.audit_words``). Here are core's own."""

from __future__ import annotations

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from linli.core.kit import modules

# Core's own subjects (the part before the dot that is not an app).
SUBJECTS: dict[str, str | Promise] = {
    "account": pgettext_lazy("audit log", "Account"),
    "admin": pgettext_lazy("audit log", "Site administration"),
    "api_token": pgettext_lazy("audit log", "API tokens"),
    "community": pgettext_lazy("audit log", "Community"),
    "households": pgettext_lazy("audit log", "Households"),
    "member": pgettext_lazy("audit log", "Members"),
    "notice": pgettext_lazy("audit log", "Notices"),
    "partner": pgettext_lazy("audit log", "Partners"),
    "place": pgettext_lazy("audit log", "Addresses"),
    "user": pgettext_lazy("audit log", "Accounts"),
}

# What core's own subjects had done to them.
DOINGS: dict[str, str | Promise] = {
    "add": pgettext_lazy("audit log", "added"),
    "appoint": pgettext_lazy("audit log", "appointed someone"),
    "create": pgettext_lazy("audit log", "created"),
    "delete": pgettext_lazy("audit log", "deleted"),
    "demographics_delete": pgettext_lazy("audit log", "deleted answers about themselves"),
    "demographics_save": pgettext_lazy("audit log", "saved answers about themselves"),
    "erase": pgettext_lazy("audit log", "erased a person's data"),
    "import": pgettext_lazy("audit log", "imported"),
    "invite": pgettext_lazy("audit log", "invited someone"),
    "print_invitations": pgettext_lazy("audit log", "printed invitation letters"),
    "profile": pgettext_lazy("audit log", "changed their profile"),
    "publish": pgettext_lazy("audit log", "published"),
    "record": pgettext_lazy("audit log", "recorded a resident"),
    "revoke": pgettext_lazy("audit log", "revoked"),
    "set_role": pgettext_lazy("audit log", "changed a role"),
    "settings": pgettext_lazy("audit log", "changed the settings"),
}


def words_for(action: str) -> str | Promise | None:
    """The words for the verb of ``action``: core's for core's subjects, else the module's own."""
    prefix, _dot, verb = action.partition(".")
    own = DOINGS if prefix in SUBJECTS else modules.audit_words(prefix)
    return own.get(verb)


def subject(action: str) -> str:
    """Where it happened: the module's name, or core's subject."""
    prefix = action.split(".", 1)[0]
    if prefix in SUBJECTS:
        return str(SUBJECTS[prefix])
    try:
        return str(apps.get_app_config(prefix).verbose_name)
    except LookupError:
        return prefix.replace("_", " ")


def doing(action: str) -> str:
    """What was done, in words."""
    words = words_for(action)
    return str(words) if words is not None else action.split(".", 1)[-1].replace("_", " ")


def sentence(action: str) -> str:
    return f"{subject(action)} · {doing(action)}"
