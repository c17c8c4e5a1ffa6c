"""The audit log reads as plain, translated words: every action a command writes has words
(a new verb without words fails here), and the page never shows the code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from linli.core.audit_words import DOINGS, sentence
from tests.conftest import client_for

ROOT = Path(__file__).resolve().parents[2] / "linli"


def actions_written() -> set[str]:
    found = set()
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                value = node.args[0].value
                if (
                    name in ("audit", "audit_entry", "log")
                    and isinstance(value, str)
                    and "." in value
                    and " " not in value
                ):
                    found.add(value)
    return found


def test_every_action_has_words():
    actions = actions_written()
    assert len(actions) > 80
    missing = sorted(a for a in actions if a.split(".", 1)[1] not in DOINGS)
    assert not missing, missing


def test_an_action_reads_as_a_sentence():
    with translation.override("en"):
        assert sentence("budgeting.appeal") == "Budgeting · appealed a decision"
    with translation.override("zh-hans"):
        words = sentence("budgeting.appeal")
        assert "budgeting" not in words and "appeal" not in words


@pytest.mark.django_db
def test_the_audit_page_shows_words_not_codes(community, community_admin):
    from linli.core.models import AuditEntry

    AuditEntry.objects.create(
        community=community,
        actor=community_admin,
        action="budgeting.appeal",
        object_type="idea",
        object_repr="路灯",
    )
    client = client_for(community_admin)
    client.cookies["linli_language"] = "en"
    response = client.get(f"/c/{community.slug}/manage/audit/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "appealed a decision" in page
    assert ">budgeting.appeal<" not in page
