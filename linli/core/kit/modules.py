"""The module registry: each app declares once, in its AppConfig, what it adds to the whole.

An app sets ``kit = Module(...)`` on its AppConfig class; core iterates the registry and names no
app. Dotted paths are imported on first use, so ``apps.py`` stays free of model imports.

Where the order of entries is visible (the navigation, the demo's load order, linked activities,
the API's paths, "open now" when two items close at the same moment) each entry carries an
``order`` number: the entries of every module are shown in that order, lowest first. Notification
kinds, actions and rules follow ``INSTALLED_APPS``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import pgettext_lazy

from .standing import Standing


@dataclass(frozen=True)
class Hook:
    """A dotted path to a function or object, and its place among the modules' hooks of its kind."""

    path: str
    order: int

    def load(self) -> Any:
        return import_string(self.path)


# The community navigation is shown in these groups (folded into one menu on phones and in large
# text), in this order; each Nav entry names its group.
NAV_GROUPS: tuple[tuple[str, str | Promise], ...] = (
    ("news", pgettext_lazy("navigation group", "News")),
    ("take_part", pgettext_lazy("navigation group", "Take part")),
    ("neighbours", pgettext_lazy("navigation group", "Neighbours")),
    ("staff", pgettext_lazy("navigation group", "For staff")),
)


@dataclass(frozen=True)
class Nav:
    """One entry of the community navigation: a URL name taking the community's slug, the words,
    its place, the action (role table or rule) a person needs to see it (None: everyone), and its
    group (one of ``NAV_GROUPS``)."""

    url_name: str
    label: str | Promise
    order: int
    action: str | None = None
    group: str = "take_part"


@dataclass(frozen=True)
class Link:
    """A link a module puts on one of core's pages: a URL name taking the community's slug, the
    words, its place among the modules' links, and the action (role table or rule) the reader
    needs in that community (None: everyone)."""

    url_name: str
    label: str | Promise
    order: int
    action: str | None = None


@dataclass(frozen=True)
class NoticeAction:
    """A button a module puts under each of a community's notices: a POST to a URL name taking the
    community's slug and the notice's id, so it works without JavaScript. ``done`` is shown when a
    script sent it; ``script`` (a static path) enhances it and finds the form by its ``data-``
    attribute ``marker``."""

    url_name: str
    label: str | Promise
    order: int
    action: str | None = None
    done: str | Promise = ""
    script: str = ""
    marker: str = ""


@dataclass(frozen=True)
class Activity:
    """One thing a person did or has going in a module, for "my activity" on their own page: what
    kind of thing it is, its title (words people wrote), where to see it, when, and its state in
    words. Never how they voted."""

    kind: str | Promise
    title: str
    url: str
    when: Any = None
    status: str | Promise = ""


@dataclass(frozen=True)
class WorkItem:
    """One piece of work waiting for an organiser, for the work queue on the community dashboard:
    what it is, how many are waiting, where to deal with them, and whether it is urgent."""

    label: str | Promise
    count: int
    url: str
    urgent: bool = False


@dataclass(frozen=True)
class AgendaMatter:
    """A matter a module offers to the agenda of a body's meeting (an open proposal, a
    collective feedback item...): what it is (``"app.model"`` and id, so members conflicted
    with it stand aside), what kind of thing, its title (words people wrote) and where to read
    it."""

    subject_type: str
    subject_id: int
    kind: str | Promise
    title: str
    url: str

    @property
    def key(self) -> str:
        return f"{self.subject_type}:{self.subject_id}"


@dataclass(frozen=True)
class Module:
    """What one app adds to linli. Every field is optional; the module contract test
    (tests/core/test_module_contract.py) says which pieces a participation module must have.

    - ``open_items``: ``(community, user) -> list[OpenItem]`` for the community home page.
    - ``project_links``: ``(project) -> list of items`` for engagement projects (see ``links.py``
      in the engagement module).
    - ``demo``: ``(DemoContext) -> None`` adding the module's demo examples.
    - ``api_router``: a django-ninja ``Router`` mounted at ``/api/``.
    - ``nav``: entries in the community navigation.
    - ``me_links``: links on a person's own page, under each community they are verified in.
    - ``my_activity``: ``(member) -> list[Activity]``: what the person did in the module (their
      registrations, loans, shifts, votes cast but not how...), on their own page.
    - ``work_queue``: ``(community, user) -> list[WorkItem]``: what waits for the organiser (only
      items with a count), on the community dashboard.
    - ``manage_links``: links on a community's organiser dashboard (evaluation and accountability).
    - ``settings_links``: links to a module's own settings, on the dashboard and the settings page.
    - ``notice_actions``: buttons under each of a community's notices.
    - ``notification_kinds``: ``(kind, label)`` pairs residents may turn off per channel.
    - ``actions``: role-table actions and the least standing each needs.
    - ``rules``: dotted path to a ``dict[str, Rule]`` of object- and phase-level rules.
    - ``sweeps``: dotted paths to ``django_tasks`` tasks run every few minutes by ``linli sweep``
      and the worker; each returns ``dict[str, int]`` of what it did and must be safe to run twice.
    - ``agenda_sources``: ``(community) -> list[AgendaMatter]``: open matters a body's
      secretary may put on a meeting's agenda (the body's module names no other app).
    - ``files``: dotted path to a tuple of ``linli.core.media.FileKind``: the module's uploaded
      files and who may open them (``/media/`` serves nothing else).
    """

    open_items: Hook | None = None
    project_links: Hook | None = None
    demo: Hook | None = None
    api_router: Hook | None = None
    nav: tuple[Nav, ...] = ()
    me_links: tuple[Link, ...] = ()
    my_activity: Hook | None = None
    work_queue: Hook | None = None
    manage_links: tuple[Link, ...] = ()
    settings_links: tuple[Link, ...] = ()
    notice_actions: tuple[NoticeAction, ...] = ()
    notification_kinds: tuple[tuple[str, str | Promise], ...] = ()
    actions: Mapping[str, Standing] = field(default_factory=dict)
    rules: str | None = None
    sweeps: tuple[str, ...] = ()
    files: str | None = None
    agenda_sources: Hook | None = None


def declared() -> Iterator[tuple[str, Module]]:
    """Each installed app's label and declaration, in ``INSTALLED_APPS`` order."""
    for config in apps.get_app_configs():
        module = getattr(config, "kit", None)
        if isinstance(module, Module):
            yield config.label, module


def hooks(kind: str) -> list[Hook]:
    """Every module's hook of one kind (``"open_items"``, ``"demo"``...), in their order."""
    found = [getattr(module, kind) for _label, module in declared()]
    return sorted((hook for hook in found if hook is not None), key=lambda hook: hook.order)


def labelled_hooks(kind: str) -> list[tuple[str, Hook]]:
    """Like ``hooks``, with the app label of the module each hook belongs to (a community may
    switch a module off: ``Community.module_on(label)``)."""
    found = [(label, getattr(module, kind)) for label, module in declared()]
    return sorted(
        ((label, hook) for label, hook in found if hook is not None), key=lambda pair: pair[1].order
    )


def functions(kind: str) -> list[Any]:
    """What every module's hook of one kind points at (a function, or the API's routers)."""
    return [hook.load() for hook in hooks(kind)]


def nav_entries() -> list[Nav]:
    return [entry for _label, entry in labelled_nav_entries()]


def labelled_nav_entries() -> list[tuple[str, Nav]]:
    """Every module's navigation entries with the module's app label, in order."""
    entries = [(label, entry) for label, module in declared() for entry in module.nav]
    return sorted(entries, key=lambda pair: pair[1].order)


def labelled_entries(kind: str) -> list[tuple[str, Any]]:
    """Every module's entries of a tuple field (``"me_links"``, ``"notice_actions"``...) with the
    module's app label, in their order."""
    entries = [(label, entry) for label, module in declared() for entry in getattr(module, kind)]
    return sorted(entries, key=lambda pair: pair[1].order)


def sweep_tasks() -> list[Any]:
    """The ``django_tasks`` task of every registered sweep."""
    return [import_string(path) for _label, module in declared() for path in module.sweeps]


def audit_words(label: str) -> Mapping[str, Any]:
    """The words a module gives its audit verbs (``"<label>.<verb>"``): ``WORDS`` in its
    ``audit_words.py``, found here so the module edits no list in core; empty when the label is
    no installed module or it has none."""
    try:
        config = apps.get_app_config(label)
    except LookupError:
        return {}
    return _words(config.name)


@cache
def _words(package: str) -> Mapping[str, Any]:
    try:
        found = import_module(f"{package}.audit_words")
    except ModuleNotFoundError as error:
        if error.name != f"{package}.audit_words":
            raise
        return {}
    return dict(getattr(found, "WORDS", {}))


def install() -> None:
    """Merge every module's actions, rules and notification kinds into core's tables. Called once
    from ``CoreConfig.ready`` (every AppConfig exists then, and the models are loaded)."""
    from linli.core import media, notify, permissions

    for label, module in declared():
        for action, needed in module.actions.items():
            if permissions.RULES.get(action, needed) != needed:
                raise ValueError(f"{label} declares {action!r} again with another standing")
            permissions.RULES[action] = needed
        for kind, words in module.notification_kinds:
            if not any(existing == kind for existing, _words in notify.KINDS):
                notify.KINDS.append((kind, words))
    for _label, module in declared():
        if module.files:
            for kind in import_string(module.files):
                media.register(kind)
    for _label, module in declared():  # after every action is known
        if module.rules:
            for name, rule in import_string(module.rules).items():
                if rule.action not in permissions.RULES:
                    raise ValueError(f"rule {name!r} needs the unknown action {rule.action!r}")
                permissions.PREDICATES[name] = rule
