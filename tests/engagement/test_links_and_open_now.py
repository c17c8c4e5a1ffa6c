"""Linked activities from other modules, the community's "open now" list, and the nav link."""

from __future__ import annotations

from dataclasses import dataclass

from linli.engagement import links
from linli.engagement.links import linked_items
from tests.conftest import client_for


@dataclass
class FakeSurvey:
    title: str
    url: str
    status: str
    is_open: bool


def fake_items(project):
    return [
        FakeSurvey("去年的问卷", "/s/1/", "已结束", False),
        FakeSurvey("院坝改造问卷", "/s/2/", "开放到5月20日", True),
    ]


def no_items(project):
    return []


def test_an_empty_registry_lists_nothing(open_project, community, resident, monkeypatch):
    monkeypatch.setattr(links, "providers", lambda: [])
    assert linked_items(open_project) == []
    assert client_for(resident).get(open_project.get_absolute_url()).status_code == 200


def test_providers_items_are_listed_open_first(open_project, community, resident, monkeypatch):
    monkeypatch.setattr(links, "providers", lambda: [fake_items, no_items])
    items = linked_items(open_project)
    assert [i.title for i in items] == ["院坝改造问卷", "去年的问卷"]
    assert items[0].kind == ""
    page = client_for(resident).get(open_project.get_absolute_url()).content.decode()
    assert page.index("院坝改造问卷") < page.index("去年的问卷")
    assert 'href="/s/2/"' in page and "开放到5月20日" in page


def test_open_projects_are_open_now_on_the_community_home(
    community, project, open_project, resident
):
    page = client_for(resident).get(f"/c/{community.slug}/").content.decode()
    assert open_project.get_absolute_url() in page
    from linli.engagement.queries import open_items

    items = open_items(community, resident)
    assert [i.url for i in items] == [open_project.get_absolute_url()]
    assert items[0].closes_at is not None
    assert "坝坝会" in items[0].summary  # where it stands: the consult phase is on now


def test_the_community_nav_links_to_projects(community):
    page = client_for(None).get(f"/c/{community.slug}/").content.decode()
    assert f'href="/c/{community.slug}/engagement/"' in page


def test_the_project_page_says_where_it_stands_in_words(community, open_project, resident):
    client = client_for(resident)
    client.cookies.load({"linli_language": "en"})
    page = client.get(open_project.get_absolute_url()).content.decode()
    assert "Now: 坝坝会 (Consult)." in page
    assert 'aria-current="step"' in page and "Happening now" in page


def test_a_participant_is_told_they_took_part(community, open_project, resident):
    from linli.participation.services import record

    record(
        resident.memberships.get(),
        method="meeting",
        channel="in_person",
        depth=1,
        source=("m", 1),
        project=open_project,
    )
    client = client_for(resident)
    client.cookies.load({"linli_language": "en"})
    assert (
        "You took part in this project"
        in client.get(open_project.get_absolute_url()).content.decode()
    )
