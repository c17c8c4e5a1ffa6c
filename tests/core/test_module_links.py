"""The links modules put on core's pages come from their declarations (``me_links``,
``notice_actions``, ``manage_links``, ``settings_links``), for readers who may follow them, in
communities that have the module on."""

from __future__ import annotations

from linli.core.models import Notice
from tests.conftest import client_for


def test_a_resident_s_page_links_their_own_participation_unless_the_module_is_off(
    community, resident
):
    ladder = f"/c/{community.slug}/insights/ladder/me/"
    assert ladder in client_for(resident).get("/me/").content.decode()
    community.modules_off = ["insights"]
    community.save()
    assert ladder not in client_for(resident).get("/me/").content.decode()


def test_each_notice_has_the_read_button_for_residents_only(community, resident, organiser):
    notice = Notice.objects.create(community=community, title="Water off", body="Tuesday")
    action = f"/c/{community.slug}/insights/notices/{notice.pk}/read/"
    html = client_for(resident).get(f"/c/{community.slug}/notices/").content.decode()
    assert f'action="{action}" data-notice-read' in html and "notice-read.js" in html
    public = client_for(None).get(f"/c/{community.slug}/notices/").content.decode()
    assert action not in public and "notice-read.js" not in public


def test_the_dashboard_links_the_ledger_and_the_proposal_rules(community, community_admin):
    html = client_for(community_admin).get(f"/c/{community.slug}/manage/").content.decode()
    assert f"/c/{community.slug}/participation/" in html
    assert f"/c/{community.slug}/proposals/settings/" in html
    community.modules_off = ["proposals"]
    community.save()
    html = client_for(community_admin).get(f"/c/{community.slug}/manage/").content.decode()
    assert f"/c/{community.slug}/proposals/settings/" not in html
