"""The API: conversations with their analysis for whoever may read them; the next statement,
voting and writing for residents, with the same rules as the pages."""

from __future__ import annotations

import json

from linli.opinions import recompute, services
from tests.conftest import client_for
from tests.opinions.conftest import make_conversation, two_camps


def _post(user, url, body):
    return client_for(user).post(url, json.dumps(body), content_type="application/json")


def test_anyone_lists_public_conversations_members_see_all(community, organiser, resident):
    public = make_conversation(organiser, community)
    private = make_conversation(organiser, community, title="内部", is_public=False)
    url = f"/api/communities/{community.slug}/conversations"
    assert [c["id"] for c in client_for(None).get(url).json()] == [public.pk]
    assert {c["id"] for c in client_for(resident).get(url).json()} == {public.pk, private.pk}
    assert client_for(None).get(f"{url}/{private.pk}").status_code == 404


def test_a_conversation_comes_with_its_analysis(community, organiser, conversation):
    two_camps(organiser, conversation)
    recompute.store(conversation)
    data = (
        client_for(None)
        .get(f"/api/communities/{community.slug}/conversations/{conversation.pk}")
        .json()
    )
    assert len(data["statements"]) == 8
    analysis = data["analysis"]
    assert analysis["participants"] == 12 and len(analysis["groups"]) == 2
    assert {c["statement"] for c in analysis["consensus"]} >= {
        conversation.statements.get(number=4).pk
    }


def test_a_resident_gets_the_next_statement_and_votes(community, resident, conversation):
    base = f"/api/communities/{community.slug}/conversations/{conversation.pk}"
    nxt = client_for(resident).get(f"{base}/next").json()
    assert nxt["statement"]["number"] == 1 and nxt["voted"] == 0 and nxt["total"] == 8
    response = _post(resident, f"{base}/votes", {"statement": nxt["statement"]["id"], "choice": -1})
    assert response.status_code == 200 and response.json()["choice"] == -1
    assert client_for(resident).get(f"{base}/next").json()["statement"]["number"] == 2
    bad = _post(resident, f"{base}/votes", {"statement": nxt["statement"]["id"], "choice": 5})
    assert bad.status_code == 400 and bad.json()["field"] == "choice"


def test_the_api_refuses_what_the_pages_refuse(
    community, organiser, resident, outsider, conversation
):
    base = f"/api/communities/{community.slug}/conversations/{conversation.pk}"
    statement = conversation.statements.first()
    assert _post(None, f"{base}/votes", {"statement": statement.pk, "choice": 1}).status_code == 401
    assert (
        _post(outsider, f"{base}/votes", {"statement": statement.pk, "choice": 1}).status_code
        == 403
    )
    assert _post(resident, f"{base}/statements", {"text": ""}).status_code == 400
    services.close_conversation(organiser, conversation, "")
    closed = _post(resident, f"{base}/votes", {"statement": statement.pk, "choice": 1})
    assert closed.status_code == 400


def test_a_statement_through_the_api_waits_and_names_similar_ones(
    community, resident, conversation
):
    base = f"/api/communities/{community.slug}/conversations/{conversation.pk}"
    response = _post(resident, f"{base}/statements", {"text": "楼里老人越来越多，需要加装电梯啊"})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending" and [s["number"] for s in body["similar"]] == [1]
