"""The named rules of opinion mapping in each phase: open, then closed (time moves on)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from linli.core.kit import Forbidden, Refused
from linli.core.permissions import PREDICATES, can, require
from linli.opinions import services
from tests.opinions.conftest import make_conversation

START = datetime(2026, 5, 1, 9, tzinfo=UTC)

RESIDENT_RULES = ["opinions.vote", "opinions.write_statement"]
ORGANISER_RULES = ["opinions.enter_paper", "opinions.edit", "opinions.close"]


def told(rule: str) -> str:
    """A pattern matching exactly one of the rule's own "not now" messages."""
    return "^(" + "|".join(re.escape(str(words)) for _, words in PREDICATES[rule].when) + ")$"


def test_each_rule_in_each_phase(community, organiser, resident, outsider):
    with time_machine.travel(START, tick=False):
        conversation = make_conversation(organiser, community)
    with time_machine.travel(START + timedelta(days=3), tick=False):  # open
        for rule in RESIDENT_RULES:
            assert can(resident, rule, conversation) and can(organiser, rule, conversation)
            assert not can(outsider, rule, conversation)
        for rule in ORGANISER_RULES:
            assert can(organiser, rule, conversation)
            with pytest.raises(Forbidden, match=rf"^{re.escape(rule)}$"):
                require(resident, rule, conversation)
        assert can(organiser, "opinions.moderate", conversation)
        assert not can(resident, "opinions.report_back", conversation)
        services.close_conversation(organiser, conversation, "")
    with time_machine.travel(START + timedelta(days=30), tick=False):  # closed
        assert conversation.closed_at == START + timedelta(days=3)
        for rule in RESIDENT_RULES:
            with pytest.raises(Refused, match=r"^这次讨论已经结束。您仍然可以查看讨论的结果。$"):
                require(resident, rule, conversation)
        for rule in ORGANISER_RULES:
            with pytest.raises(Refused, match=told(rule)):
                require(organiser, rule, conversation)
        assert can(organiser, "opinions.moderate", conversation)  # may still take one out
        assert can(None, "opinions.report_back", conversation)
        assert can(None, "opinions.see", conversation)


def test_a_private_conversation_is_for_members(community, organiser, resident, outsider):
    conversation = make_conversation(organiser, community, is_public=False)
    assert can(resident, "opinions.see", conversation)
    assert not can(outsider, "opinions.see", conversation)
    assert not can(None, "opinions.see", conversation)


def test_statements_may_be_left_to_organisers(community, organiser, resident):
    conversation = make_conversation(organiser, community, allows_statements=False)
    assert can(resident, "opinions.vote", conversation)
    with pytest.raises(Refused, match=r"^这次讨论只由组织者撰写观点。$"):
        require(resident, "opinions.write_statement", conversation)
