"""The demo conversation on 梧桐院's lift shows two groups and what bridges them."""

from __future__ import annotations

from linli.opinions import queries
from linli.opinions.models import Conversation, Statement
from linli.participation.models import Act, Depth


def test_demo_conversation_shows_two_groups_and_a_bridging_statement(demo, db):
    conversation = Conversation.objects.get(community__slug="yinxing", title__contains="电梯")
    assert conversation.project is not None and conversation.is_open
    found = queries.results(conversation)
    assert len(found.groups) == 2
    assert all(card.representative for card in found.groups)
    bridges = [said.statement.text for said in found.consensus if said.direction == "agree"]
    assert any("协商会" in text or "公开" in text for text in bridges)
    assert "<svg" in found.svg and 'role="img"' in found.svg
    # the ledger holds the residents' sheets, entered by staff, and the written statements
    acts = Act.objects.filter(method="opinions", community=conversation.community)
    assert acts.filter(depth=Depth.CONSULTED, channel="paper", recorded_by__isnull=False).exists()
    assert acts.filter(depth=Depth.INVOLVED).count() == 3
    statuses = set(conversation.statements.values_list("status", flat=True))
    assert statuses == {
        Statement.Status.ACCEPTED,
        Statement.Status.REJECTED,
        Statement.Status.PENDING,
    }


def test_demo_has_a_closed_conversation_with_its_report_back(demo, db):
    closed = Conversation.objects.get(community__slug="yinxing", status="closed")
    assert closed.outcome and closed.project is not None
    found = queries.results(closed)
    assert len(found.groups) >= 2 and found.consensus
