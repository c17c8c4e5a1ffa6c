"""Every `pytest.raises` in the tests names the message it expects (issue 24).

`pytest.raises(Refused)` passes for any refusal, including the wrong one: a guard that stops
refusing for its own reason and refuses later for another still leaves the test green. So each
one carries `match=`, and a new one without it fails here, read from the syntax tree (a comment
or a string that merely mentions `pytest.raises(` is not counted).
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent

# "path:line" of a `pytest.raises` allowed without `match=`, each with a comment saying why the
# message cannot be pinned. Empty: every message in the suite can be.
EXEMPT: dict[str, str] = {}


def _raises_names(tree: ast.Module) -> set[str]:
    """Local names bound to pytest.raises by `from pytest import raises [as x]`."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "pytest"
        for alias in node.names
        if alias.name == "raises"
    }


def _is_raises(call: ast.Call, bare_names: set[str]) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute):
        return (
            func.attr == "raises" and isinstance(func.value, ast.Name) and func.value.id == "pytest"
        )
    return isinstance(func, ast.Name) and func.id in bare_names


def raises_without_match(source: str, name: str) -> list[str]:
    """`name:line` of each pytest.raises call in the source that has no `match=`."""
    tree = ast.parse(source, name)
    bare = _raises_names(tree)
    lines = sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _is_raises(node, bare)
        and not any(keyword.arg == "match" for keyword in node.keywords)
    )
    return [f"{name}:{line}" for line in lines]


def test_the_scan_finds_each_form_and_only_those():
    source = (
        "import pytest\n"
        "from pytest import raises as r\n"
        "with pytest.raises(ValueError):\n    pass\n"
        "with pytest.raises(ValueError, match='x'):\n    pass\n"
        "pytest.raises(ValueError, int, 'x')\n"
        "with r(KeyError):\n    pass\n"
        "# pytest.raises(ValueError) in a comment\n"
        "text = 'pytest.raises(ValueError)'\n"
        "with other.raises(ValueError):\n    pass\n"
    )
    assert raises_without_match(source, "t.py") == ["t.py:3", "t.py:7", "t.py:8"]


def test_every_pytest_raises_in_the_tests_has_a_match():
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        name = path.relative_to(TESTS.parent).as_posix()
        found.extend(raises_without_match(path.read_text(encoding="utf-8"), name))
    assert [where for where in found if where not in EXEMPT] == []
    # An exemption whose line no longer lacks match= is stale: remove it.
    assert sorted(set(EXEMPT) - set(found)) == []
