"""The audit log reads as plain, translated words: every action a command writes has words in
the module that writes it (a new verb without words in its module's ``audit_words.py`` fails
here; core's subjects have core's), and the page never shows the code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from linli.core.audit_words import DOINGS, SUBJECTS, sentence, words_for
from linli.core.kit import modules
from tests.conftest import client_for

ROOT = Path(__file__).resolve().parents[2] / "linli"


def actions_written() -> set[str]:
    """Every literal action passed to ``audit(action, ...)`` or ``audit.log(actor, action, ...)``,
    and the two a grant report's answer writes (``f"grants.report_{status}"``)."""
    found = {"grants.report_accepted", "grants.report_returned"}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in ("audit", "audit_entry", "log"):
                continue
            for arg in node.args[:2]:
                value = arg.value if isinstance(arg, ast.Constant) else None
                if isinstance(value, str) and "." in value and " " not in value:
                    found.add(value)
    return found


def test_every_action_has_words_in_its_own_module():
    actions = actions_written()
    assert len(actions) > 150
    missing = sorted(a for a in actions if words_for(a) is None)
    assert not missing, missing
    for action in actions:
        prefix, _dot, verb = action.partition(".")
        where = DOINGS if prefix in SUBJECTS else modules.audit_words(prefix)
        assert verb in where, action


def test_core_keeps_only_its_own_verbs():
    core = {a.partition(".")[2] for a in actions_written() if a.partition(".")[0] in SUBJECTS}
    assert set(DOINGS) == core


def test_a_module_verb_without_words_fails(monkeypatch):
    words = dict(modules.audit_words("votes"))
    del words["batch_created"]
    monkeypatch.setattr(modules, "audit_words", lambda label: words if label == "votes" else {})
    assert words_for("votes.batch_created") is None
    assert words_for("votes.batch_entered") is not None
    with translation.override("en"):
        assert sentence("votes.batch_created") == "Votes · batch created"  # the code, not words


def test_every_module_s_words_are_translated_in_three_languages():
    for label, _module in modules.declared():
        for verb, words in modules.audit_words(label).items():
            with translation.override("en"):
                english = str(words)
            for language in ("zh-hans", "zh-hant"):
                with translation.override(language):
                    said = str(words)
                chinese = any("\u4e00" <= c <= "\u9fff" for c in said)
                assert said != english and chinese, (label, verb, language)


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
