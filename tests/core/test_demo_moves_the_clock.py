"""Demo loaders move the clock instead of back-dating rows (issue 16): a past step runs inside
``with ctx.clock(day):`` through the commands, which date every row, ledger entry and audit
line themselves. This reads every ``demo*.py`` and fails on the ways back-dating used to be
written: an ``.update()`` or ``bulk_update()`` of a date field, a date field assigned on an
object, or a "when it happened" stamp computed as an offset (``published_at=now - ...``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "linli"
DATE_FIELD = re.compile(r"^(created|created_at|at|.+_at|.+_on)$")
# When a row says something happened; an event's own times (starts_at, closes_at) are plans.
STAMPS = {
    "created",
    "created_at",
    "published_at",
    "submitted_at",
    "logged_at",
    "reached_at",
    "decided_at",
    "recorded_at",
    "occurred_at",
    "issued_at",
    "entered_at",
    "joined_at",
    "verified_at",
    "checked_in_at",
    "checked_out_at",
    "adopted_at",
    "answered_at",
}


def _demo_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("demo*.py") if "migrations" not in p.parts)


def back_dating(source: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "update":
                for keyword in node.keywords:
                    if keyword.arg and DATE_FIELD.match(keyword.arg):
                        found.append((node.lineno, f".update({keyword.arg}=...)"))
            if node.func.attr == "bulk_update":
                for value in ast.walk(node):
                    text = value.value if isinstance(value, ast.Constant) else None
                    if isinstance(text, str) and DATE_FIELD.match(text):
                        found.append((node.lineno, f"bulk_update({text!r})"))
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in STAMPS and isinstance(keyword.value, ast.BinOp):
                    found.append((node.lineno, f"{keyword.arg}=<an offset>"))
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and DATE_FIELD.match(target.attr):
                    found.append((node.lineno, f".{target.attr} = ..."))
    return sorted(found)


@pytest.mark.parametrize("path", _demo_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_demo_loaders_do_not_back_date(path: Path) -> None:
    assert back_dating(path.read_text()) == []


def test_the_check_finds_each_way_of_back_dating() -> None:
    source = """
Milestone.objects.filter(pk=1).update(reached_at=starts)
Act.objects.filter(member=m).update(created=day)
Loan.objects.bulk_update(loans, ["returned_on"])
notice.published_at = now - timedelta(days=3)
Notice(title="x", published_at=now - timedelta(days=10))
Conversation.objects.filter(pk=1).update(recompute_queued_at=None)
Activity(starts_at=now + timedelta(days=3), title="fine: a plan")
Member.objects.create(verified_at=timezone.now())
"""
    assert back_dating(source) == [
        (2, ".update(reached_at=...)"),
        (3, ".update(created=...)"),
        (4, "bulk_update('returned_on')"),
        (5, ".published_at = ..."),
        (6, "published_at=<an offset>"),
        (7, ".update(recompute_queued_at=...)"),
    ]
