"""The results page: an SVG map with a table beside it, group cards and consensus; the home page
and the engagement project list the conversation."""

from __future__ import annotations

from linli.core.open_now import open_items
from linli.engagement.links import linked_items
from linli.opinions import recompute, services
from tests.conftest import client_for
from tests.engagement.conftest import make_project
from tests.opinions.conftest import make_conversation, two_camps


def test_the_results_show_a_map_with_its_table_groups_and_consensus(organiser, conversation):
    two_camps(organiser, conversation)
    recompute.store(conversation)
    page = client_for(None).get(
        f"/c/{conversation.community.slug}/opinions/{conversation.pk}/results/"
    )
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html and "aria-label=" in html and "<title>" in html
    found = page.context["results"]
    assert "<caption>" in html and all(
        f'<th scope="row">{c.name}</th>' in html for c in found.groups
    )
    assert [card.size for card in found.groups] == [6, 6]
    assert {s.statement.number for s in found.consensus} >= {4, 5}
    camp_statements = {s.statement.number for card in found.groups for s in card.representative}
    assert camp_statements & {1, 2, 3, 6, 7, 8}


def test_results_without_enough_votes_say_so(conversation):
    page = client_for(None).get(
        f"/c/{conversation.community.slug}/opinions/{conversation.pk}/results/"
    )
    assert page.status_code == 200 and not page.context["results"].has_groups


def test_an_open_conversation_is_on_the_home_page_and_its_project(community, organiser, resident):
    project = make_project(community, organiser)
    conversation = make_conversation(organiser, community, project=project)
    assert conversation.title in [item.title for item in open_items(community, resident)]
    assert conversation.get_absolute_url() in [item.url for item in linked_items(project)]
    services.close_conversation(organiser, conversation, "")
    assert conversation.title not in [item.title for item in open_items(community, resident)]


def test_the_report_back_tells_what_was_found_and_what_will_be_done(organiser, conversation):
    two_camps(organiser, conversation)
    services.close_conversation(organiser, conversation, "下个月召开全楼协商会。")
    recompute.store(conversation)
    page = client_for(None).get(
        f"/c/{conversation.community.slug}/opinions/{conversation.pk}/report/"
    )
    html = page.content.decode()
    assert "下个月召开全楼协商会。" in html and "<svg" in html


def test_reading_the_results_writes_nothing(organiser, conversation):
    two_camps(organiser, conversation)
    client_for(None).get(f"/c/{conversation.community.slug}/opinions/{conversation.pk}/results/")
    client_for(None).get(
        f"/api/communities/{conversation.community.slug}/conversations/{conversation.pk}"
    )
    from linli.opinions.models import Analysis

    assert not Analysis.objects.filter(conversation=conversation).exists()
