"""The module registry: each app declares itself in its AppConfig, and core iterates it in the
order the pieces had when they were central lists (navigation, demo, API, links, open now)."""

from __future__ import annotations

import pytest
from django.apps import apps

from linli.core import notify, permissions
from linli.core.kit import modules
from linli.core.kit.standing import Standing
from tests.conftest import client_for

APPS = ["engagement", "surveys", "meetings", "proposals", "votes", "budgeting", "reviews"]
APPS += ["volunteering", "sharing", "grants", "opinions"]


def paths(kind):
    return [hook.path.split(".")[1] for hook in modules.hooks(kind)]


def test_the_demo_loads_in_the_order_it_always_had():
    # governance before reviews since issue 18: the contests' 评审会 is a governance body.
    assert paths("demo") == [
        "engagement", "proposals", "votes", "surveys", "meetings",
        "governance", "reviews", "conventions", "sharing", "volunteering", "grants", "budgeting",
        "opinions", "feedback", "disclosure", "supervision", "insights",
    ]  # fmt: skip


def test_open_items_links_and_api_routers_keep_their_order():
    assert paths("open_items") == [
        "proposals", "votes", "engagement", "opinions", "surveys", "meetings",
        "reviews", "governance", "conventions", "supervision", "sharing", "volunteering", "grants",
        "budgeting", "insights", "feedback", "disclosure",
    ]  # fmt: skip
    assert paths("project_links") == [
        "surveys", "votes", "meetings", "opinions", "volunteering", "grants", "budgeting",
    ]  # fmt: skip
    assert paths("api_router") == [
        "votes", "proposals", "engagement", "surveys", "meetings",
        "reviews", "governance", "conventions", "supervision", "sharing", "volunteering", "grants",
        "budgeting", "opinions", "insights", "feedback", "disclosure",
    ]  # fmt: skip


def test_the_navigation_keeps_its_order_and_hides_what_the_reader_may_not_use(
    community, organiser, resident
):
    names = [entry.url_name for entry in modules.nav_entries()]
    assert names == [
        "engagement:list", "core:notices", "disclosure:register", "surveys:list", "meetings:list",
        "opinions:list", "feedback:list", "proposals:list",
        "votes:list", "budgeting:list", "reviews:index", "governance:index", "conventions:index",
        "supervision:index", "sharing:board",
        "volunteering:list",
        "grants:index", "core:partners", "insights:fair", "insights:ladder", "core:manage",
        "participation:ledger",
    ]  # fmt: skip
    home = f"/c/{community.slug}/"
    for_resident = client_for(resident).get(home).content.decode()
    for_organiser = client_for(organiser).get(home).content.decode()
    manage = f'href="/c/{community.slug}/manage/"'
    assert manage in for_organiser and manage not in for_resident
    # shown in their groups (news, take part, neighbours, staff), in order within each
    position = [
        for_resident.index(f'href="/c/{community.slug}/{path}/"')
        for path in ("notices", "engagement", "surveys", "sharing")
    ]
    assert position == sorted(position)
    assert [key for key, _label in modules.NAV_GROUPS] == [
        "news",
        "take_part",
        "neighbours",
        "staff",
    ]
    assert {entry.group for entry in modules.nav_entries()} <= {k for k, _l in modules.NAV_GROUPS}


def test_every_module_s_actions_and_notification_kinds_are_installed():
    declared = dict(modules.declared())
    for label in APPS:
        for action, needed in declared[label].actions.items():
            assert permissions.RULES[action] == needed
        kinds = {kind for kind, _words in notify.KINDS}
        assert {kind for kind, _words in declared[label].notification_kinds} <= kinds
    assert permissions.RULES["community.view"] == Standing.PUBLIC  # core's own stay


def test_two_modules_may_not_give_one_action_two_standings(monkeypatch):
    config = apps.get_app_config("votes")
    clash = modules.Module(actions={"engagement.manage": Standing.RESIDENT})
    monkeypatch.setattr(config, "kit", clash, raising=False)
    with pytest.raises(ValueError, match=r"engagement\.manage"):
        modules.install()


def test_core_names_no_participation_module():
    """No import of a module, no dotted path to one, no URL of one in core or the API."""
    import re
    from pathlib import Path

    import linli

    root = Path(linli.__file__).parent
    core_files = [*(root / "core").rglob("*.py"), *(root / "api").rglob("*.py")]
    core_files.append(root / "templates" / "includes" / "community_nav.html")
    for path in core_files:
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for label in APPS:
            imports = re.search(rf"^\s*(from|import) linli\.{label}\b", text, re.MULTILINE)
            dotted = f'"linli.{label}.' in text
            url = f"'{label}:" in text or f'"{label}:' in text
            assert not (imports or dotted or url), (path, label)
