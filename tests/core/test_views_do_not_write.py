"""The module contract, read from the source: views and API handlers never write a model or the
audit log themselves - every write goes through a command in the app's services - and no module
file grows past 700 lines (migrations and the budgeting rules engine aside).

The scan is syntactic on purpose: a call such as ``thing.save()`` or ``Model.objects.create()`` in
a view file is the habit the kit replaces, whatever it writes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import linli

ROOT = Path(linli.__file__).parent

# Files that handle requests: the pages, the staff pages and the API of every app.
VIEW_FILES = sorted(
    path
    for pattern in ("*/views.py", "*/*_views.py", "*/api.py", "*/views/*.py", "*/api/*.py")
    for path in ROOT.glob(pattern)
    if "migrations" not in path.parts
)

# Method names that write when called on a model, a queryset or a related manager.
WRITING_METHODS = {
    "save",
    "delete",
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "update",
    "add",
    "remove",
    "clear",
    "set",
    "set_password",
    "full_clean_and_save",
}
# Receivers that are not models: a form's save() is how a view hands data to ... a save, so it is
# refused too; a session, a response's cookies and messages are request state, not models.
REQUEST_STATE = {"session", "cookies", "messages", "headers", "COOKIES", "META", "router", "api"}


NOT_MANAGERS = {"errors", "params", "parts", "items", "keys", "values", "fields"}


def _receiver_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call):
        return _receiver_name(node.func)
    return ""


def writes_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, _receiver_name(node.func.value)
        if receiver in REQUEST_STATE:
            continue
        if method == "save" and any(
            k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in node.keywords
        ):
            continue  # a form building an unsaved instance to hand to a command
        if method in WRITING_METHODS and method not in {"add", "set", "update", "remove", "clear"}:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{method}()")
        elif method in {"add", "set", "update", "remove", "clear"} and receiver in {
            "objects",
            "filter",
            "exclude",
            "all",
            "select_for_update",
        }:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{receiver}().{method}()")
        elif (
            method in {"add", "set", "remove", "clear"}
            and receiver.endswith(("_set", "s"))
            and receiver not in NOT_MANAGERS
        ):
            # A related manager (``vote.officers.set(...)``, ``team.members.add(...)``).
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} .{receiver}.{method}()")
        if receiver == "audit" and method in {"log", "record"}:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} audit.{method}()")
    return found


def test_there_are_view_files_to_scan():
    assert len(VIEW_FILES) >= 20


@pytest.mark.parametrize("path", VIEW_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_view_or_api_handler_writes_nothing_itself(path):
    assert writes_in(path) == [], "move the write into a @command in the app's services"


LONG_FILE_ALLOWED = {"budgeting/rules.py"}
LIMIT = 700


def test_no_module_file_is_over_700_lines():
    long = []
    for path in ROOT.rglob("*.py"):
        relative = str(path.relative_to(ROOT))
        if "migrations" in path.parts or relative in LONG_FILE_ALLOWED:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            long.append(f"{relative}: {lines}")
    assert long == [], "split by what people do (commands), what they see (queries), sweeps"
