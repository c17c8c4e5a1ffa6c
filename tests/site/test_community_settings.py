"""A community's administrators change its settings on a page, audited; nobody else may."""

from __future__ import annotations

import pytest

from linli.core.models import AuditEntry, Community
from linli.core.open_now import switchable_modules
from linli.proposals import services as proposal_services
from linli.proposals.models import ProposalSettings
from tests.conftest import client_for


def _form(community: Community, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": community.name,
        "district": "",
        "city": community.city,
        "description": "",
        "office_address": "梧桐路 1 号",
        "office_phone": "028-1234567",
        "office_hours": "周一至周五 9:00-17:00",
        "offline_participation": "纸质问卷放在居委会门口",
        "pb_project_cap": "",
        "grant_project_cap": "",
        "grant_community_cap": "",
        "languages": ["zh-hans", "en"],
        "modules_on": [label for label, _name in switchable_modules()],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "role,status",
    [("organiser", 403), ("leader", 403), ("resident", 403), ("outsider", 403), ("anonymous", 302)],
)
def test_only_community_administrators_open_the_settings(people, community, role, status):
    url = f"/c/{community.slug}/manage/settings/"
    assert client_for(people[role]).get(url).status_code == status
    assert (
        client_for(people[role]).get(f"/c/{community.slug}/proposals/settings/").status_code
        == status
    )


def test_a_community_administrator_saves_contact_details_and_channels(community, community_admin):
    response = client_for(community_admin).post(
        f"/c/{community.slug}/manage/settings/", _form(community)
    )
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.office_phone == "028-1234567"
    assert community.languages == ["zh-hans", "en"]
    entry = AuditEntry.objects.get(action="community.settings")
    assert entry.actor == community_admin
    assert entry.after["office_phone"] == "028-1234567"
    assert "name" not in entry.after  # only what changed is recorded


def test_a_switched_off_module_leaves_the_navigation(community, community_admin, client):
    on = [label for label, _name in switchable_modules() if label != "sharing"]
    client_for(community_admin).post(
        f"/c/{community.slug}/manage/settings/", _form(community, modules_on=on)
    )
    community.refresh_from_db()
    assert community.modules_off == ["sharing"]
    assert not community.module_on("sharing") and community.module_on("surveys")
    page = client.get(f"/c/{community.slug}/").content.decode()
    assert f"/c/{community.slug}/sharing/" not in page
    assert f"/c/{community.slug}/surveys/" in page


def test_at_least_one_language_is_offered(community, community_admin):
    response = client_for(community_admin).post(
        f"/c/{community.slug}/manage/settings/", _form(community, languages=[])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["languages"]


def test_the_caps_become_the_defaults_of_new_processes_and_calls(community, community_admin):
    client_for(community_admin).post(
        f"/c/{community.slug}/manage/settings/",
        _form(
            community,
            pb_project_cap="50000",
            grant_project_cap="20000",
            grant_community_cap="90000",
        ),
    )
    community.refresh_from_db()
    from linli.budgeting.forms import ProcessForm
    from linli.grants.forms import CallForm

    assert ProcessForm(community=community).initial["project_cap"] == 50000
    call = CallForm(community=community)
    assert (call.initial["project_cap"], call.initial["community_cap"]) == (20000, 90000)


def test_a_community_administrator_sets_the_proposal_rules(community, community_admin):
    response = client_for(community_admin).post(
        f"/c/{community.slug}/proposals/settings/",
        {
            "support_threshold": "35",
            "window_days": "30",
            "new_account_hours": "24",
            "new_account_comments_per_hour": "3",
        },
    )
    assert response.status_code == 302
    rules = ProposalSettings.objects.get(community=community)
    assert (rules.support_threshold, rules.window_days) == (35, 30)
    entry = AuditEntry.objects.get(action="proposals.rules")
    assert entry.before["support_threshold"] == 20 and entry.after["support_threshold"] == 35


def test_a_window_of_zero_days_is_refused(community, community_admin):
    response = client_for(community_admin).post(
        f"/c/{community.slug}/proposals/settings/",
        {
            "support_threshold": "5",
            "window_days": "0",
            "new_account_hours": "24",
            "new_account_comments_per_hour": "3",
        },
    )
    assert response.status_code == 200
    # nothing saved: the community keeps the default window (a read no longer stores defaults)
    assert not ProposalSettings.objects.filter(community=community).exclude(window_days=60).exists()
    assert proposal_services.settings_for(community).window_days == 60


def test_the_site_administrator_may_change_any_communitys_settings(community, site_admin):
    response = client_for(site_admin).post(
        f"/c/{community.slug}/manage/settings/", _form(community)
    )
    assert response.status_code == 302
