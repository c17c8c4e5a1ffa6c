"""The new-module checklist, as a test: every app linli installs declares itself in its AppConfig
and has its catalogues; every participation module (one with a demo) also has its page in the
docs, its tests, its home-page and navigation entries, templates that extend the base page, a
working demo loader and, if it declares one, an API router. See docs/architecture.md,
"Adding a module"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse
from django_tasks.base import Task
from ninja import Router

import linli
from linli.core import permissions
from linli.core.kit import modules

ROOT = Path(linli.__file__).parent
REPO = ROOT.parent
LANGUAGES = ["zh_Hans", "zh_Hant", "en"]

LINLI_APPS = [c for c in apps.get_app_configs() if c.name.startswith("linli.") and c.label != "api"]
DECLARED = dict(modules.declared())
MODULES = sorted(label for label, module in DECLARED.items() if module.demo is not None)


def folder(label: str) -> Path:
    return Path(apps.get_app_config(label).path)


def test_there_are_participation_modules_to_check():
    assert len(MODULES) >= 10


@pytest.mark.parametrize("config", LINLI_APPS, ids=lambda c: c.label)
def test_every_app_declares_itself_in_its_appconfig(config):
    assert isinstance(getattr(config, "kit", None), modules.Module), (
        f"{config.name}: set `kit = Module(...)` on {type(config).__name__}"
    )


@pytest.mark.parametrize("config", LINLI_APPS, ids=lambda c: c.label)
def test_every_app_has_its_catalogues_in_three_languages(config):
    for language in LANGUAGES:
        messages = Path(config.path) / "locale" / language / "LC_MESSAGES"
        assert (messages / "django.po").exists(), f"{config.label}: no {language} catalogue"
        assert (messages / "django.mo").exists(), f"{config.label}: {language} not compiled"


@pytest.mark.parametrize("label", MODULES)
def test_a_module_has_its_page_in_the_docs(label):
    assert (REPO / "docs" / "modules" / f"{label}.md").exists(), f"docs/modules/{label}.md"


@pytest.mark.parametrize("label", MODULES)
def test_a_module_has_its_tests(label):
    tests = REPO / "tests" / label
    assert (tests / "__init__.py").exists() and list(tests.glob("test_*.py")), f"tests/{label}/"


@pytest.mark.parametrize("label", MODULES)
def test_a_module_s_demo_loader_and_open_items_load(label):
    module = DECLARED[label]
    assert module.demo is not None and callable(module.demo.load())
    assert module.demo.path.startswith(f"linli.{label}."), "the demo lives in the module"
    assert module.open_items is not None and callable(module.open_items.load()), "open_items"


@pytest.mark.parametrize("label", MODULES)
def test_a_module_is_in_the_navigation(label):
    entries = DECLARED[label].nav
    assert entries, f"{label}: declare its entry in the community navigation"
    for entry in entries:
        assert entry.url_name.startswith(f"{label}:")
        assert reverse(entry.url_name, args=["x"])  # its URLs are included in linli/urls.py


@pytest.mark.parametrize("label", MODULES)
def test_a_module_s_router_if_any_is_a_ninja_router_in_its_api_py(label):
    hook = DECLARED[label].api_router
    if hook is None:
        return
    assert hook.path == f"linli.{label}.api.router"
    assert isinstance(hook.load(), Router)


@pytest.mark.parametrize("label", MODULES)
def test_a_module_s_pages_extend_the_base_page(label):
    """A template that fills blocks is a page and extends base.html; the rest are partials, which
    never open their own <html>."""
    pages = 0
    for template in (folder(label) / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "<html" not in text.lower(), f"{template}: a partial opens its own page"
        if "{% block " in text:
            pages += 1
            assert text.lstrip().startswith('{% extends "base.html" %}'), template
    assert pages, f"{label}: no page templates"


@pytest.mark.parametrize("label", MODULES)
def test_a_module_names_its_actions_rules_and_kinds_as_its_own(label):
    module = DECLARED[label]
    assert module.actions, f"{label}: declare its actions and the standing each needs"
    for action in module.actions:
        assert action.startswith(f"{label}."), action
    for entry in module.nav:
        assert entry.action is None or entry.action in permissions.RULES
    if module.rules:
        for name, rule in modules.import_string(module.rules).items():
            assert name.startswith(f"{label}.") and rule.action in permissions.RULES, name
    all_kinds = [kind for _l, m in DECLARED.items() for kind, _w in m.notification_kinds]
    for kind, words in module.notification_kinds:
        assert all_kinds.count(kind) == 1 and str(words), kind


@pytest.mark.parametrize("label", sorted(DECLARED))
def test_every_sweep_is_a_task(label):
    for path in DECLARED[label].sweeps:
        assert isinstance(modules.import_string(path), Task), path


def test_a_new_module_edits_no_central_list():
    """The lists that used to name every module are gone from core."""
    for path, name in [
        ("core/open_now.py", "PROVIDERS"),
        ("core/demo.py", "DEMO_LOADERS"),
        ("engagement/links.py", "LINK_PROVIDERS"),
    ]:
        assert not re.search(rf"^{name}\b", (ROOT / path).read_text(), re.MULTILINE), path
    for config in LINLI_APPS:
        assert "KINDS.append" not in (Path(config.path) / "apps.py").read_text(), config.label


# Core names no app: the apps it may name are the kit's own pieces (participation keeps the ledger
# that ``kit.ledger()`` writes; api mounts the routers the modules declare).
KIT_APPS = {"core", "participation", "api"}
OTHER_APPS = sorted(c.label for c in LINLI_APPS if c.label not in KIT_APPS)


def _core_files() -> list[Path]:
    core = ROOT / "core"
    shared_templates = ROOT / "templates"
    return [
        path
        for path in [*core.rglob("*.py"), *core.rglob("*.html"), *shared_templates.rglob("*.html")]
        if "migrations" not in path.parts
    ]


def test_core_names_no_other_app_s_urls_or_code():
    """A module's links on core's pages (a person's page, notices, the dashboard) are declared in
    its AppConfig (``me_links``, ``notice_actions``, ``manage_links``, ``settings_links``), never
    written into core; core imports no module."""
    apps_alternatives = "|".join(OTHER_APPS)
    url_name = re.compile(rf"""['"]({apps_alternatives}):[\w-]+['"]""")
    imported = re.compile(rf"\blinli\.({apps_alternatives})\b|\bfrom \.\.({apps_alternatives})\b")
    static = re.compile(rf"""\{{%\s*static\s+['"]({apps_alternatives})/""")
    found = []
    for path in _core_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(("#", "{#")):
                continue
            for pattern in (url_name, imported, static):
                if pattern.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert found == [], "declare the link in the module's AppConfig; core iterates the registry"


@pytest.mark.parametrize("kind", ["me_links", "manage_links", "settings_links", "notice_actions"])
def test_every_link_a_module_puts_on_core_s_pages_resolves_and_is_guarded(kind):
    for label, entry in modules.labelled_entries(kind):
        assert entry.url_name.startswith(f"{label}:"), entry.url_name
        arguments = ["slug", 1] if kind == "notice_actions" else ["slug"]
        assert reverse(entry.url_name, args=arguments)
        assert (
            entry.action is None
            or entry.action in permissions.RULES
            or (entry.action in permissions.PREDICATES)
        ), entry.action
        assert str(entry.label)
